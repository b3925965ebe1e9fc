"""Helpers for multilabel and multioutput classification.

A *multilabel* classifier answers several yes/no questions about one image at once, such as "is the
digit large (7, 8 or 9)?" and "is it odd?". A *multioutput* classifier goes further: each output can
take many values. Denoising is the classic example, with one output per pixel (0 to 255).

The tutorials fit ``KNeighborsClassifier`` and ``ClassifierChain`` inline with scikit-learn's API. This
module holds the plumbing around them:

- :func:`add_noise` makes the noisy inputs of the denoising task;
- :func:`describe_labels` turns rows of a label-indicator matrix into short captions such as
  ``"large, odd"`` for image galleries.
"""

from __future__ import annotations

import numpy as np

__all__ = ["add_noise", "describe_labels"]


def add_noise(X, *, high: int = 100, clip: bool = True, random_state=None):
    """Add uniform random integer noise to images, the inputs of a denoising model.

    Each pixel gets an independent integer drawn uniformly from ``0 … high - 1`` (as Géron's
    ``np.random.randint(0, 100, X.shape)``), so the paper turns grey and the ink brighter.

    Parameters
    ----------
    X : array-like of shape (n_images, n_pixels)
        Pixel intensities, 0 … 255 for MNIST.
    high : int, default=100
        Exclusive upper bound of the noise.
    clip : bool, default=True
        Clip the result to ``0 … 255`` so that it is still a valid 8-bit image. Géron does not clip
        (pixels can reach 354); with ``clip=False`` this function does the same.
    random_state : int, numpy.random.Generator or None, default=None
        Seed (or generator) of the noise; pass an int for reproducible noise.

    Returns
    -------
    numpy.ndarray
        Same shape as ``X``, dtype float64.

    Raises
    ------
    ValueError
        If ``high`` is not a positive integer.

    Examples
    --------
    >>> import numpy as np
    >>> from mnist_tutorials.multilabel import add_noise
    >>> X = np.array([[0.0, 128.0, 255.0]])
    >>> X_noisy = add_noise(X, random_state=42)
    >>> bool((X_noisy >= X).all()), float(X_noisy.max())
    (True, 255.0)
    >>> bool((add_noise(X, random_state=42) == X_noisy).all())
    True
    """
    if isinstance(high, (bool, np.bool_)) or not isinstance(high, (int, np.integer)) or high < 1:
        raise ValueError(f"high must be a positive integer (noise is drawn from 0 … high - 1), found {high!r}.")
    X = np.asarray(X, dtype=np.float64)
    rng = np.random.default_rng(random_state)
    noisy = X + rng.integers(0, int(high), size=X.shape)
    return np.clip(noisy, 0, 255) if clip else noisy


def describe_labels(Y, label_names, *, none: str = "neither"):
    """Caption each row of a label-indicator matrix with the names of its true labels.

    Parameters
    ----------
    Y : array-like of shape (n_samples, n_labels)
        Booleans or 0/1, e.g. ``knn_clf.predict(X)`` of a multilabel classifier.
    label_names : sequence of str, length n_labels
        One name per column, e.g. ``["large", "odd"]``.
    none : str, default="neither"
        Caption of a row with no label set.

    Returns
    -------
    list of str
        One caption per row: the names of the set labels joined by ``", "``.

    Raises
    ------
    ValueError
        If ``Y`` is not 2-D or ``label_names`` does not name every column.

    Examples
    --------
    >>> from mnist_tutorials.multilabel import describe_labels
    >>> describe_labels([[True, True], [False, True], [False, False]], ["large", "odd"])
    ['large, odd', 'odd', 'neither']
    """
    Y = np.asarray(Y)
    if Y.ndim != 2:
        raise ValueError(
            f"Y must be a 2-D label-indicator matrix (n_samples, n_labels), found shape {Y.shape}. "
            "For a single sample write Y[None, :] or predict(X[:1])."
        )
    if len(label_names) != Y.shape[1]:
        raise ValueError(f"label_names must name the {Y.shape[1]} columns of Y, found {len(label_names)} names.")
    Y = Y.astype(bool)
    return [", ".join(name for name, on in zip(label_names, row) if on) or none for row in Y]
