"""The inputs of the Fashion-MNIST lab's models: pixels scaled to [0, 1].

The models themselves are written on their pages (the MLP on the Keras tutorial, the CNN on the next one) and
copied into :mod:`mnist_tutorials.keras_lab.saved` by ``scripts/sync_saved.py``.
"""

from __future__ import annotations

import numpy as np

__all__ = ["scale_pixels"]


def scale_pixels(X, *, max_value=255.0, dtype="float32"):
    """Scale pixel values from ``[0, max_value]`` to ``[0, 1]``.

    Neural networks train best on inputs of order 1: with raw 0…255 pixels the first layer's outputs are
    hundreds of times larger than the initial weights expect, and the first updates are huge.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Pixel values, e.g. ``fetch_fashion_mnist().data``.
    max_value : float, default=255.0
        The largest possible pixel value.
    dtype : str or numpy dtype, default="float32"
        Keras computes in float32; converting once here saves a copy per ``fit``.

    Returns
    -------
    numpy.ndarray of shape (n_samples, n_features)

    Raises
    ------
    ValueError
        If some value lies outside ``[0, max_value]``, or the data look already scaled.

    Examples
    --------
    >>> scale_pixels(np.array([[0, 51, 255]]))
    array([[0. , 0.2, 1. ]], dtype=float32)
    """
    X = np.asarray(X)
    if X.size == 0:
        raise ValueError("expected at least one pixel value, found an empty array")
    lo, hi = float(X.min()), float(X.max())
    if lo < 0 or hi > max_value:
        raise ValueError(
            f"expected pixel values in [0, {max_value:g}], found values in [{lo:g}, {hi:g}]; "
            "pass the raw pixels (or set max_value to the largest possible value)"
        )
    if max_value > 1 and 0 < hi <= 1:
        raise ValueError(
            f"the largest pixel value is {hi:g}, which looks already scaled to [0, 1]; "
            "scaling twice would divide by 255 again. Pass the raw pixels, or skip scale_pixels"
        )
    return (X / max_value).astype(dtype)
