"""Confusion matrices drawn with matplotlib: as a heat map, and as pictures of the images in each cell.

- :func:`plot_confusion_heatmap` draws a confusion matrix (counts or shares) with a value in every cell;
- :func:`plot_confusion_pair` lays out the four cells of a 2×2 confusion matrix as image grids (for
  example the 3s and 5s, split by true and predicted label), so the numbers of a confusion matrix
  become pictures.

The clickable confusion matrix, an HTML widget, is :func:`mnist_tutorials.plotting.confusion_explorer`
(in ``explorer.py``).
"""

from __future__ import annotations

import numpy as np

from .._alt import set_alt_text
from ._axes import _new_axes
from .images import plot_digits

__all__ = ["plot_confusion_heatmap", "plot_confusion_pair"]


def plot_confusion_heatmap(cm, labels=None, *, normalize=None, cmap="Blues", ax=None):
    """Plot a confusion matrix as an annotated heatmap (rows = true class, columns = predicted).

    Parameters
    ----------
    cm : array-like of shape (n_classes, n_classes)
        Counts from :func:`sklearn.metrics.confusion_matrix`.
    labels : sequence of str, default=None
        Tick labels; default ``0 … n_classes-1``.
    normalize : {None, "true", "pred"}, default=None
        ``"true"`` divides each row by its sum (the diagonal becomes recall), ``"pred"`` each
        column (the diagonal becomes precision). Annotations then show percentages.
    cmap : str, default="Blues"
        Matplotlib colormap.
    ax : matplotlib.axes.Axes, default=None
        Axes to draw on; a new figure is created when None.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If ``cm`` is not a square matrix, ``labels`` has the wrong length, or ``normalize`` is
        unknown.

    Examples
    --------
    >>> from mnist_tutorials.plotting import plot_confusion_heatmap
    >>> fig = plot_confusion_heatmap([[50, 10], [5, 35]], labels=["sick", "healthy"])
    >>> fig.axes[0].get_xlabel()
    'Predicted label'
    """
    from mnist_tutorials.metrics import check_confusion_matrix

    counts = check_confusion_matrix(cm)
    n = counts.shape[0]
    labels = [str(i) for i in range(n)] if labels is None else [str(lab) for lab in labels]
    if len(labels) != n:
        raise ValueError(f"labels has {len(labels)} entries, expected {n} (one per class).")
    if normalize is None:
        values, fmt = counts, "{:d}"
        values = values.astype(int)
    elif normalize == "true":
        values, fmt = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1), "{:.0%}"
    elif normalize == "pred":
        values, fmt = counts / np.maximum(counts.sum(axis=0, keepdims=True), 1), "{:.0%}"
    else:
        raise ValueError(f"normalize must be None, 'true' or 'pred', got {normalize!r}.")

    fig, ax = _new_axes(ax, (0.6 * n + 2.5, 0.6 * n + 2))
    image = ax.imshow(values, cmap=cmap)
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    threshold = values.max() / 2
    fontsize = 9 if n > 5 else 12
    for i in range(n):
        for j in range(n):
            ax.text(j, i, fmt.format(values[i, j]), ha="center", va="center", fontsize=fontsize,
                    color="white" if values[i, j] > threshold else "black")
    ax.set_xticks(range(n), labels)
    ax.set_yticks(range(n), labels)
    ax.set_xlabel("Predicted label")
    ax.set_ylabel("True label")
    # The text alternative (the diagonal share and the largest errors, with their counts) is generated from
    # the drawn matrix by mnist_tutorials._alt, as for scikit-learn's ConfusionMatrixDisplay.
    return fig


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
    counts = []
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
        counts.append(rows.size)
    right, a_as_b, b_as_a, right_b = counts
    return set_alt_text(fig, takeaway=f"{a_as_b:,} {class_a}s read as {class_b} and {b_as_a:,} {class_b}s read as "
                                      f"{class_a}, against {right:,} {class_a}s and {right_b:,} {class_b}s read "
                                      f"right; up to {n_images} images of each shown")
