"""Plots of the images themselves: one digit, a grid, a labelled gallery, one example per class, class balance."""

from __future__ import annotations

import numpy as np

from .._alt import set_alt_text

__all__ = ["plot_class_balance", "plot_class_examples", "plot_digit", "plot_digits", "plot_gallery"]


def _new_axes(ax, figsize):
    import matplotlib.pyplot as plt

    if ax is None:
        fig, ax = plt.subplots(figsize=figsize)
        return fig, ax
    return ax.figure, ax


def _as_image(image):
    image = np.asarray(image, dtype=float)
    if image.size != 784:
        raise ValueError(f"expected one 28×28 image (784 values), found shape {image.shape}")
    return image.reshape(28, 28)


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
    return set_alt_text(fig, takeaway=f"{len(images)} images of 28 by 28 pixels, {n_cols} per row, in "
                                      f"{n_rows} rows.")


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


def plot_class_balance(y, class_names=None, *, ax=None):
    """Bar chart of how many samples each class has, with the counts written on the bars.

    Parameters
    ----------
    y : array-like of shape (n,)
    class_names : sequence of str, default=None
    ax : matplotlib.axes.Axes, default=None

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_class_balance(np.array(["1", "0", "1"]))
    """
    classes, counts = np.unique(np.asarray(y), return_counts=True)
    labels = [class_names[int(c)] if class_names is not None else str(c) for c in classes]
    fig, ax = _new_axes(ax, (8, 3.5))
    bars = ax.bar(labels, counts, color="tab:blue")
    ax.bar_label(bars, fontsize=8)
    ax.set_ylabel("images")
    ax.set_ylim(0, counts.max() * 1.15)
    if class_names is not None:
        ax.tick_params(axis="x", labelrotation=30)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    most, least = int(np.argmax(counts)), int(np.argmin(counts))
    if counts[most] == counts[least]:
        return set_alt_text(fig, takeaway=f"{len(classes)} classes of {counts[most]:,} images each.")
    return set_alt_text(fig, takeaway=f"{len(classes)} classes; the most frequent is {labels[most]} "
                                      f"({counts[most]:,} images), the least frequent {labels[least]} "
                                      f"({counts[least]:,}).")
