"""Logistic regression: the sigmoid, a hand-made simulation, and a table of a grid search.

The plumbing behind ``docs/tutorials/08_logistic_regression.py`` and
``docs/tutorials/09_logistic_regression_features.py``:

- :func:`sigmoid` and :func:`simulate_logistic_regression` show what one logistic unit computes,
  ``y_hat = sigmoid(X @ weights + bias)``.
- :func:`search_table` summarises a fitted :class:`~sklearn.model_selection.GridSearchCV`: one row per
  candidate, with its validation score and fit time.

The pipelines of those pages are written on the pages, once, and copied into :mod:`mnist_tutorials.saved` by
``scripts/sync_saved.py`` (``scaled_logreg``, ``pca_logreg``, ``pca_poly_logreg``, ``source_poly_logreg``,
``deskewed``), where the flag answers, ``scripts/bench_logistic.py`` and the tests import them.
"""

from __future__ import annotations

import numpy as np
from sklearn.utils import Bunch

__all__ = [
    "sigmoid",
    "simulate_logistic_regression",
    "search_table",
]


def sigmoid(z):
    r"""Logistic sigmoid :math:`\sigma(z) = 1 / (1 + e^{-z})`, computed without overflow.

    The naive formula overflows ``np.exp(-z)`` for large negative ``z`` (NumPy warns and returns
    ``inf``). This version evaluates ``exp(-|z|)`` only, which always lies in ``(0, 1]``.

    Parameters
    ----------
    z : float or array-like
        Any real numbers: a scalar, a list or an array of any shape.

    Returns
    -------
    float or ndarray
        ``sigma(z)``, in ``[0, 1]``, with the shape of ``z``: a Python float for a scalar input,
        a float array otherwise.

    Examples
    --------
    >>> from mnist_tutorials.logistic import sigmoid
    >>> float(sigmoid(0.0))
    0.5
    >>> sigmoid([-1000.0, 0.0, 1000.0]).tolist()
    [0.0, 0.5, 1.0]
    """
    z_arr = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z_arr))  # in (0, 1]: never overflows
    out = np.where(z_arr >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    if out.ndim == 0:
        return float(out)
    return out


def _check_positive_int(func: str, name: str, value, hint: str = "") -> None:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{func}: {name} must be a positive integer, got {value!r}.{hint}")


def simulate_logistic_regression(
    n_samples: int = 100,
    n_features: int = 3,
    *,
    threshold: float = 0.5,
    random_state: int | np.random.Generator | None = None,
) -> Bunch:
    """Draw random weights, a bias and inputs, and push them through one logistic unit.

    This is the forward pass of logistic regression with made-up parameters: no training.
    Weights, bias and the inputs ``X`` are standard normal draws.

    Parameters
    ----------
    n_samples : int, default=100
        Number of rows of ``X``.
    n_features : int, default=3
        Number of columns of ``X`` (and of weights).
    threshold : float, default=0.5
        Decision threshold on the probability: ``y_pred = (y_hat >= threshold)``.
    random_state : int, numpy.random.Generator or None, default=None
        Seed (or generator) for the draws; pass an int for reproducible results.

    Returns
    -------
    sklearn.utils.Bunch
        With keys ``X`` (n_samples, n_features), ``weights`` (n_features,), ``bias`` (float),
        ``z`` = ``X @ weights + bias`` (n_samples,), ``y_hat`` = ``sigmoid(z)`` (n_samples,),
        ``y_pred`` (n_samples,) int array of 0/1 and ``threshold``.

    Raises
    ------
    ValueError
        If ``n_samples`` or ``n_features`` is not a positive integer, or ``threshold`` is not
        strictly between 0 and 1.

    Examples
    --------
    >>> from mnist_tutorials.logistic import simulate_logistic_regression
    >>> sim = simulate_logistic_regression(100, 3, random_state=42)
    >>> sim.X.shape, sim.weights.shape, sim.z.shape
    ((100, 3), (3,), (100,))
    >>> bool(((sim.y_hat > 0) & (sim.y_hat < 1)).all())
    True
    """
    for name, value in (("n_samples", n_samples), ("n_features", n_features)):
        _check_positive_int("simulate_logistic_regression", name, value, hint=f" Pass e.g. {name}=100.")
    if not 0.0 < threshold < 1.0:
        raise ValueError(
            f"simulate_logistic_regression: threshold must lie strictly between 0 and 1, got "
            f"{threshold!r}. A probability threshold of 0.5 is the usual choice."
        )
    rng = np.random.default_rng(random_state)
    weights = rng.standard_normal(n_features)
    bias = float(rng.standard_normal())
    X = rng.standard_normal((n_samples, n_features))
    z = X @ weights + bias
    y_hat = sigmoid(z)
    y_pred = (y_hat >= threshold).astype(int)
    return Bunch(X=X, weights=weights, bias=bias, z=z, y_hat=y_hat, y_pred=y_pred, threshold=threshold)


def search_table(search):
    """Summarise a fitted :class:`~sklearn.model_selection.GridSearchCV`: one row per candidate.

    Parameters
    ----------
    search : GridSearchCV or RandomizedSearchCV
        A fitted search (it has ``cv_results_``).

    Returns
    -------
    pandas.DataFrame
        Indexed by the searched parameters, named without their pipeline prefix (``logreg__C`` becomes
        ``C``), with columns ``"validation score"`` (mean over the splits: with one
        ``StratifiedShuffleSplit`` it is the score on the validation set), ``"fit seconds"`` (mean time
        of one fit) and ``"rank"`` (1 is the candidate that ``best_estimator_`` was refitted from).

    Raises
    ------
    ValueError
        If ``search`` has not been fitted.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from sklearn.model_selection import GridSearchCV, StratifiedShuffleSplit
    >>> from mnist_tutorials.logistic import search_table
    >>> from mnist_tutorials.saved import pca_poly_logreg
    >>> X, y = make_classification(200, n_features=40, random_state=0)
    >>> search = GridSearchCV(pca_poly_logreg(), {"logreg__C": [0.1, 1.0]},
    ...                       cv=StratifiedShuffleSplit(n_splits=1, test_size=0.25, random_state=0))
    >>> search_table(search.fit(X, y)).columns.tolist()
    ['validation score', 'fit seconds', 'rank']
    >>> search_table(search).index.name
    'C'
    """
    import pandas as pd

    if not hasattr(search, "cv_results_"):
        raise ValueError(
            f"search_table: expected a fitted GridSearchCV, but {type(search).__name__} has no cv_results_. "
            "Call search.fit(X_train, y_train) first."
        )
    results = pd.DataFrame(search.cv_results_)
    params = [column for column in results if column.startswith("param_")]
    names = {column: column.removeprefix("param_").split("__")[-1] for column in params}
    table = results[params + ["mean_test_score", "mean_fit_time", "rank_test_score"]].rename(columns={
        **names, "mean_test_score": "validation score", "mean_fit_time": "fit seconds", "rank_test_score": "rank",
    })
    return table.set_index(list(names.values()))
