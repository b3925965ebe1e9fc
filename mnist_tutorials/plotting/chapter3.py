"""Error analysis pictures: which images two classes are confused on, and what a linear model looks at.

- :func:`plot_confusion_pair` lays out the four cells of a 2×2 confusion matrix as image grids (for
  example the 3s and 5s, split by true and predicted label), so the numbers of a confusion matrix
  become pictures.
- :func:`plot_pixel_weights` draws per-pixel quantities that can be negative (a linear model's
  ``coef_``, the difference of two mean images) on a colour scale centred on zero.
"""

from __future__ import annotations

import numpy as np

from .images import plot_digits

__all__ = ["plot_confusion_pair", "plot_pixel_weights"]


def plot_confusion_pair(X, y_true, y_pred, class_a, class_b, *, n_images=25, axes=None, cmap="binary"):
    """Show the images of two classes in a 2×2 grid: true class in rows, predicted class in columns.

    The diagonal holds the images classified correctly, the other two cells the confusions
    ("true 3, predicted 5" and "true 5, predicted 3"). Each cell shows the first ``n_images``
    images of its kind, in the order of ``X``, and its title gives how many there are in all.

    Parameters
    ----------
    X : array-like of shape (n_samples, 784)
        The images.
    y_true : array-like of shape (n_samples,)
        Their labels.
    y_pred : array-like of shape (n_samples,)
        A classifier's predictions for them (e.g. from ``cross_val_predict``).
    class_a, class_b : label
        The two classes, as they appear in ``y_true`` (``"3"`` and ``"5"`` for MNIST's string
        labels).
    n_images : int, default=25
        Images shown per cell at most, laid out in a square-ish mosaic.
    axes : array of matplotlib.axes.Axes of shape (2, 2), default=None
        Where to draw; a new 8×8-inch figure if None.
    cmap : str, default="binary"

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If the lengths disagree, ``n_images < 1``, or fewer than four axes are given.

    Examples
    --------
    >>> import numpy as np
    >>> from mnist_tutorials.plotting import plot_confusion_pair
    >>> rng = np.random.default_rng(0)
    >>> X = rng.integers(0, 256, (40, 784))
    >>> y_true = np.array(["3", "5"] * 20)
    >>> y_pred = np.where(rng.random(40) < 0.8, y_true, np.where(y_true == "3", "5", "3"))
    >>> fig = plot_confusion_pair(X, y_true, y_pred, "3", "5", n_images=9)
    >>> fig.axes[1].get_title().startswith("true 3, predicted 5")
    True
    """
    import matplotlib.pyplot as plt

    X = np.asarray(X)
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    if not (X.shape[0] == y_true.shape[0] == y_pred.shape[0]):
        raise ValueError(
            f"X, y_true and y_pred must have one entry per image, found {X.shape[0]}, {y_true.shape[0]} "
            f"and {y_pred.shape[0]}."
        )
    if n_images < 1:
        raise ValueError(f"n_images must be at least 1, found {n_images}.")
    if axes is None:
        fig, axes = plt.subplots(2, 2, figsize=(8, 8))
    axes = np.ravel(axes)
    if axes.shape[0] < 4:
        raise ValueError(f"expected 4 axes (a 2×2 grid), found {axes.shape[0]}.")
    fig = axes[0].figure
    n_cols = int(np.ceil(np.sqrt(n_images)))
    for k, (actual, predicted) in enumerate(
        [(class_a, class_a), (class_a, class_b), (class_b, class_a), (class_b, class_b)]
    ):
        ax = axes[k]
        rows = np.flatnonzero((y_true == actual) & (y_pred == predicted))
        if rows.size:
            # Pad to a full square so every cell of the figure has the same scale.
            shown = X[rows[:n_images]].reshape(-1, 784).astype(float)
            padded = np.zeros((n_cols * int(np.ceil(n_images / n_cols)), 784))
            padded[: len(shown)] = shown
            plot_digits(padded, n_cols=n_cols, ax=ax, cmap=cmap)
        else:
            ax.set_axis_off()
        ax.set_title(f"true {actual}, predicted {predicted}\n({rows.size:,} images)", fontsize=10,
                     color="black" if actual == predicted else "tab:red")
    return fig


def plot_pixel_weights(weights, titles=None, *, axes=None, cmap="RdBu_r", colorbar=True):
    """Draw per-pixel values as 28×28 images on colour scales centred on zero.

    Positive values are red and negative ones blue with the default ``cmap``; white is zero. Each
    image gets its own symmetric scale ``[-m, m]`` with ``m`` its largest absolute value.

    Parameters
    ----------
    weights : array-like of shape (784,) or (n_images, 784)
        E.g. the ``coef_`` of a linear classifier, or the difference of two mean images.
    titles : sequence of str, default=None
        One per image.
    axes : matplotlib.axes.Axes or array of them, default=None
        At least one per image; a new one-row figure if None.
    cmap : str, default="RdBu_r"
        A diverging colour map.
    colorbar : bool, default=True
        Add a colour bar beside each image.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If an image does not have 784 values, the titles do not match, or there are too few axes.

    Examples
    --------
    >>> import numpy as np
    >>> from mnist_tutorials.plotting import plot_pixel_weights
    >>> w = np.linspace(-1, 1, 784)
    >>> fig = plot_pixel_weights([w, -w], ["w", "-w"])
    >>> [ax.get_title() for ax in fig.axes[:2]]
    ['w', '-w']
    """
    import matplotlib.pyplot as plt

    weights = np.asarray(weights, dtype=float)
    if weights.ndim == 1:
        weights = weights[None, :]
    if weights.ndim != 2 or weights.shape[1] != 784:
        raise ValueError(
            f"expected 784 values per image, shape (784,) or (n_images, 784); found shape {weights.shape}."
        )
    n = weights.shape[0]
    if titles is not None and len(titles) != n:
        raise ValueError(f"expected one title per image ({n}), found {len(titles)}.")
    if axes is None:
        fig, axes = plt.subplots(1, n, figsize=(3.2 * n, 3), squeeze=False)
    axes = np.ravel(axes)
    if axes.shape[0] < n:
        raise ValueError(f"expected at least {n} axes, one per image, found {axes.shape[0]}.")
    fig = axes[0].figure
    for i in range(n):
        ax = axes[i]
        limit = float(np.max(np.abs(weights[i]))) or 1.0
        image = ax.imshow(weights[i].reshape(28, 28), cmap=cmap, vmin=-limit, vmax=limit)
        ax.set_axis_off()
        if titles is not None:
            ax.set_title(titles[i], fontsize=10)
        if colorbar:
            fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    return fig
