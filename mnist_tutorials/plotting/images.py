"""Images: one digit, a grid, a labelled gallery, one example per class, class averages, per-pixel weights.

- :func:`plot_digit`, :func:`plot_digits` and :func:`plot_gallery` draw images (one, a grid, a grid with
  titles); :func:`plot_class_examples` draws one example per class;
- :func:`plot_annotated_image` writes every pixel value on the image;
- :func:`plot_class_averages` draws the mean (or standard deviation) image of each class;
- :func:`plot_pixel_weights` draws per-pixel quantities that can be negative (a linear model's ``coef_``, the
  difference of two mean images) on a colour scale centred on zero.
"""

from __future__ import annotations

import numpy as np

from .._alt import set_alt_text
from ._axes import _as_image, _new_axes

__all__ = [
    "plot_annotated_image",
    "plot_class_averages",
    "plot_class_examples",
    "plot_digit",
    "plot_digits",
    "plot_gallery",
    "plot_pixel_weights",
]


def plot_digit(image, *, ax=None, title=None, cmap="binary"):
    """Draw one 28×28 image.

    Parameters
    ----------
    image : array-like of shape (784,) or (28, 28)
    ax : matplotlib.axes.Axes, default=None
        Where to draw; a new 3×3-inch figure if None.
    title : str, default=None
    cmap : str, default="binary"
        ``"binary"`` draws ink black on white, as on paper.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_digit(np.zeros(784), title="blank")
    """
    fig, ax = _new_axes(ax, (3, 3))
    ax.imshow(_as_image(image), cmap=cmap)
    ax.set_axis_off()
    if title is not None:
        ax.set_title(title)
    return fig


def plot_digits(images, *, n_cols=10, ax=None, cmap="binary"):
    """Draw images as one grid without gaps, e.g. the first 100 digits as 10×10.

    Parameters
    ----------
    images : array-like of shape (n, 784)
    n_cols : int, default=10
    ax : matplotlib.axes.Axes, default=None
        The whole grid is drawn as one mosaic image into this axes.
    cmap : str, default="binary"

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_digits(np.random.default_rng(0).integers(0, 256, (20, 784)), n_cols=5)
    """
    images = np.asarray(images, dtype=float).reshape(-1, 28, 28)
    n_rows = -(-len(images) // n_cols)
    padded = np.zeros((n_rows * n_cols, 28, 28))
    padded[: len(images)] = images
    mosaic = padded.reshape(n_rows, n_cols, 28, 28).transpose(0, 2, 1, 3).reshape(n_rows * 28, n_cols * 28)
    fig, ax = _new_axes(ax, (0.6 * n_cols, 0.6 * n_rows))
    ax.imshow(mosaic, cmap=cmap, interpolation="nearest")
    ax.set_axis_off()
    ink = (images > 0.5 * images.max()).mean(axis=(1, 2)) if images.size and images.max() > 0 else np.zeros(1)
    return set_alt_text(fig, takeaway=f"Dark pixels cover {ink.min():.0%} to {ink.max():.0%} of each of "
                                      f"{len(images)} images ({ink.mean():.0%} on average), drawn {n_cols} per row "
                                      f"in {n_rows} rows.")


def plot_gallery(images, titles, *, n_cols=8, title_colors=None, axes=None, cmap="binary", suptitle=None):
    """Draw images in a grid, each with its own title (e.g. "true 9 → predicted 0").

    Parameters
    ----------
    images : array-like of shape (n, 784)
    titles : sequence of str, length n
    n_cols : int, default=8
    title_colors : sequence of colour, default=None
        One per image, e.g. red for mistakes.
    axes : array of matplotlib.axes.Axes, default=None
        At least n axes; a new figure if None.
    cmap : str, default="binary"
    suptitle : str, default=None

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_gallery(np.zeros((3, 784)), ["a", "b", "c"], n_cols=3)
    """
    import matplotlib.pyplot as plt

    images = np.asarray(images, dtype=float).reshape(-1, 784)
    if len(titles) != len(images):
        raise ValueError(f"expected one title per image ({len(images)}), found {len(titles)} titles")
    if len(images) == 0:
        raise ValueError("expected at least one image, found none")
    own_figure = axes is None
    if own_figure:
        n_cols = min(n_cols, len(images))
        n_rows = -(-len(images) // n_cols)
        fig, axes = plt.subplots(n_rows, n_cols, figsize=(1.5 * n_cols, 1.75 * n_rows), squeeze=False)
    axes = np.ravel(axes)
    fig = axes[0].figure
    for i, ax in enumerate(axes):
        ax.set_axis_off()
        if i < len(images):
            ax.imshow(images[i].reshape(28, 28), cmap=cmap)
            style = {"color": title_colors[i]} if title_colors is not None else {}
            ax.set_title(titles[i], fontsize=9, **style)
    if suptitle:
        fig.suptitle(suptitle)
    if own_figure:
        fig.tight_layout()
    return fig


def plot_class_examples(X, y, class_names=None, *, axes=None, cmap="binary"):
    """Draw the first image of each class, titled with its label (and name).

    Parameters
    ----------
    X : array-like of shape (n, 784)
    y : array-like of shape (n,)
        Labels; classes are taken in sorted order.
    class_names : sequence of str, default=None
        Name of class ``k`` at index ``k`` (Fashion-MNIST's ``target_names``).
    axes : array of matplotlib.axes.Axes, default=None
    cmap : str, default="binary"

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_class_examples(np.zeros((4, 784)), np.array([1, 0, 1, 0]), ["zero", "one"])
    """
    y = np.asarray(y)
    classes = np.unique(y)
    first = [int(np.flatnonzero(y == c)[0]) for c in classes]
    titles = [f"{c}: {class_names[int(c)]}" if class_names is not None else f"{c}" for c in classes]
    titles = [f"{t}\n(row {i})" for t, i in zip(titles, first)]
    return plot_gallery(np.asarray(X)[first], titles, n_cols=min(len(classes), 10), axes=axes, cmap=cmap)


def plot_annotated_image(image, *, ax=None, title=None, cmap="binary", fontsize=5.5):
    """Draw one 28×28 image with its value written on every pixel.

    Values at least half of the image's maximum are written in white (on dark ink), the others in black.

    Parameters
    ----------
    image : array-like of shape (784,) or (28, 28)
    ax : matplotlib.axes.Axes, default=None
        A new 10×10-inch figure if None (the numbers need room).
    title : str, default=None
    cmap : str, default="binary"
    fontsize : float, default=5.5

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_annotated_image(np.arange(784) % 256, title="a ramp")
    """
    image = _as_image(image)
    fig, ax = _new_axes(ax, (10, 10))
    ax.imshow(image, cmap=cmap)
    threshold = image.max() / 2
    for (row, col), value in np.ndenumerate(image):
        ax.text(col, row, f"{value:g}", ha="center", va="center", fontsize=fontsize,
                color="white" if value >= threshold and value > 0 else "black")
    ax.set_xticks([])
    ax.set_yticks([])
    if title is not None:
        ax.set_title(title)
    return fig


def plot_class_averages(X, y, class_names=None, *, statistic="mean", axes=None, cmap="binary"):
    """Draw the average (or standard-deviation) image of each class, in one row.

    Parameters
    ----------
    X : array-like of shape (n_samples, 784)
    y : array-like of shape (n_samples,)
        Integer labels; classes in sorted order.
    class_names : sequence of str, default=None
        Name of class ``k`` at index ``k``.
    statistic : {"mean", "std"}, default="mean"
        ``"std"`` shows where the images of a class disagree (bright = varies a lot).
    axes : array of matplotlib.axes.Axes, default=None
        One per class; a new figure with one row if None.
    cmap : str, default="binary"

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If ``statistic`` is not ``"mean"`` or ``"std"``.

    Examples
    --------
    >>> X = np.random.default_rng(0).integers(0, 256, (20, 784))
    >>> fig = plot_class_averages(X, np.arange(20) % 2, ["even", "odd"])
    """
    import matplotlib.pyplot as plt

    if statistic not in ("mean", "std"):
        raise ValueError(f"expected statistic 'mean' or 'std', found {statistic!r}")
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    classes = np.unique(y)
    reduce = np.mean if statistic == "mean" else np.std
    images = [reduce(X[y == c], axis=0).reshape(28, 28) for c in classes]
    if axes is None:
        fig, axes = plt.subplots(1, len(classes), figsize=(1.6 * len(classes), 2.0), squeeze=False)
    axes = np.ravel(axes)
    fig = axes[0].figure
    vmax = max(image.max() for image in images)
    for ax, c, image in zip(axes, classes, images):
        ax.imshow(image, cmap=cmap, vmin=0, vmax=vmax)
        ax.set_title(class_names[int(c)] if class_names is not None else str(c), fontsize=9)
        ax.set_axis_off()
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
