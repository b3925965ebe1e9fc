"""Data augmentation by shifting: more training images for free.

A handwritten digit moved by one pixel is still the same digit, but for a model that compares pixels
one by one (a k-nearest-neighbours classifier, a linear model) it is a different image. Adding shifted
copies of each training image teaches the model that small translations do not change the label.

- :func:`shift_image` moves one image (or many at once) by whole pixels, filling the uncovered border
  with zeros (blank paper), like ``scipy.ndimage.shift(image, [dy, dx], cval=0, mode="constant")``.
- :func:`augment_with_shifts` returns a training set with the original images followed by one shifted
  copy per direction, and the matching labels.
"""

from __future__ import annotations

import numpy as np

__all__ = ["FOUR_SHIFTS", "augment_with_shifts", "shift_image"]

#: One pixel left, right, up and down, as ``(dx, dy)`` pairs (``dy > 0`` moves the image down).
FOUR_SHIFTS = ((-1, 0), (1, 0), (0, -1), (0, 1))


def _as_square_images(X, side):
    X = np.asarray(X)
    if X.ndim == 1:
        n_pixels = X.shape[0]
    elif X.ndim == 2:
        n_pixels = X.shape[1]
    else:
        raise ValueError(
            f"expected one flattened image of shape ({side * side},) or a batch of shape "
            f"(n_images, {side * side}), found shape {X.shape}."
        )
    if n_pixels != side * side:
        raise ValueError(
            f"expected {side}×{side} = {side * side} pixels per image, found {n_pixels}. "
            f"Pass side= for images that are not {side}×{side}."
        )
    return X.reshape(-1, side, side)


def shift_image(X, dx: int, dy: int, *, side: int = 28):
    """Shift flattened images by whole pixels, filling the uncovered border with zeros.

    Parameters
    ----------
    X : array-like of shape (n_pixels,) or (n_images, n_pixels)
        One flattened image or a batch of them, ``n_pixels = side * side``, row-major (as in MNIST).
    dx : int
        Pixels to the right (negative: to the left).
    dy : int
        Pixels down (negative: up).
    side : int, default=28
        Height and width of the square images.

    Returns
    -------
    numpy.ndarray
        Same shape and dtype as ``X``. Ink shifted past the edge is lost; the uncovered rows and
        columns are 0.

    Raises
    ------
    ValueError
        If the images do not have ``side * side`` pixels, or a shift is not a whole number.

    Examples
    --------
    >>> import numpy as np
    >>> from mnist_tutorials.augment import shift_image
    >>> image = np.zeros(9)
    >>> image[4] = 1.0  # the centre pixel of a 3×3 image
    >>> shift_image(image, dx=1, dy=0, side=3).reshape(3, 3)
    array([[0., 0., 0.],
           [0., 0., 1.],
           [0., 0., 0.]])
    >>> shift_image(image, dx=0, dy=-1, side=3).reshape(3, 3)
    array([[0., 1., 0.],
           [0., 0., 0.],
           [0., 0., 0.]])
    """
    for name, value in (("dx", dx), ("dy", dy)):
        if isinstance(value, (bool, np.bool_)) or not float(value).is_integer():
            raise ValueError(f"{name} must be a whole number of pixels, found {value!r}.")
    dx, dy = int(dx), int(dy)
    X = np.asarray(X)
    images = _as_square_images(X, side)
    shifted = np.zeros_like(images)
    if abs(dx) < side and abs(dy) < side:
        rows_to = slice(max(dy, 0), side + min(dy, 0))
        rows_from = slice(max(-dy, 0), side + min(-dy, 0))
        cols_to = slice(max(dx, 0), side + min(dx, 0))
        cols_from = slice(max(-dx, 0), side + min(-dx, 0))
        shifted[:, rows_to, cols_to] = images[:, rows_from, cols_from]
    return shifted.reshape(X.shape)


def augment_with_shifts(X, y, shifts=FOUR_SHIFTS, *, side: int = 28):
    """Append shifted copies of every image to a training set.

    Parameters
    ----------
    X : array-like of shape (n_images, n_pixels)
        Flattened images, ``n_pixels = side * side``.
    y : array-like of shape (n_images,)
        Their labels.
    shifts : sequence of (int, int), default=FOUR_SHIFTS
        ``(dx, dy)`` pairs, see :func:`shift_image`. The default adds one copy moved one pixel left,
        right, up and down, so the set grows five-fold.
    side : int, default=28
        Height and width of the square images.

    Returns
    -------
    X_augmented : numpy.ndarray of shape (n_images * (1 + len(shifts)), n_pixels)
        The original images first, then one block per shift in the order given.
    y_augmented : numpy.ndarray of shape (n_images * (1 + len(shifts)),)
        ``y`` repeated in the same order.

    Raises
    ------
    ValueError
        If ``X`` is not 2-D, ``X`` and ``y`` differ in length, or a shift is not a pair of whole numbers.

    Examples
    --------
    >>> import numpy as np
    >>> from mnist_tutorials.augment import augment_with_shifts
    >>> X = np.arange(18.0).reshape(2, 9)
    >>> X_aug, y_aug = augment_with_shifts(X, np.array(["a", "b"]), side=3)
    >>> X_aug.shape, y_aug.tolist()
    ((10, 9), ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a', 'b'])

    Shuffle the result before training a model that learns in order, such as ``SGDClassifier``
    (a k-nearest-neighbours classifier does not care).
    """
    X = np.asarray(X)
    y = np.asarray(y)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (n_images, n_pixels), found shape {X.shape}.")
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have one label per image ({X.shape[0]}), found shape {y.shape}.")
    blocks = [X]
    for shift in shifts:
        try:
            dx, dy = shift
        except (TypeError, ValueError):
            raise ValueError(f"each shift must be a (dx, dy) pair, found {shift!r}.") from None
        blocks.append(shift_image(X, dx, dy, side=side))
    return np.concatenate(blocks), np.tile(y, len(blocks))
