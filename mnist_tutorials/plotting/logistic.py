"""Figures of the logistic-regression tutorial: sigmoid, confusion matrix, PCA variance, per-class scores.

Every function draws on ``ax`` when given (else on a new figure) and returns the matplotlib Figure;
none of them calls ``plt.show()`` or saves a file.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from .._alt import set_alt_text
from .images import _new_axes

__all__ = [
    "plot_sigmoid",
    "plot_confusion_heatmap",
    "plot_explained_variance",
    "plot_class_metrics",
    "plot_pixel_distributions",
]


def plot_sigmoid(z=None, y_hat=None, *, z_range=(-10.0, 10.0), threshold=0.5, ax=None):
    r"""Plot :math:`\sigma(z)` with the decision threshold, and optionally points on the curve.

    Parameters
    ----------
    z : array-like of shape (n_samples,), default=None
        Linear scores ``X @ weights + bias`` to scatter on the curve (e.g. from
        :func:`mnist_tutorials.logistic.simulate_logistic_regression`).
    y_hat : array-like of shape (n_samples,), default=None
        Their probabilities ``sigmoid(z)``; computed from ``z`` when omitted.
    z_range : tuple of float, default=(-10.0, 10.0)
        Range of the drawn curve; widened to include every point of ``z``.
    threshold : float, default=0.5
        Height of the dashed decision line. Points on or above it are coloured as class 1.
    ax : matplotlib.axes.Axes, default=None
        Axes to draw on; a new figure is created when None.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If ``y_hat`` is given without ``z`` or with a different length.

    Examples
    --------
    >>> from mnist_tutorials.plotting import plot_sigmoid
    >>> fig = plot_sigmoid(z=[-2.0, 0.5, 3.0])
    >>> len(fig.axes)
    1
    """
    from mnist_tutorials.logistic import sigmoid

    fig, ax = _new_axes(ax, (8, 4.5))
    lo, hi = z_range
    if z is not None:
        z = np.asarray(z, dtype=float).ravel()
        y_hat = sigmoid(z) if y_hat is None else np.asarray(y_hat, dtype=float).ravel()
        if y_hat.shape != z.shape:
            raise ValueError(
                f"z and y_hat must have the same length, got {z.shape[0]} and {y_hat.shape[0]}. "
                "Pass y_hat = sigmoid(z), or omit it."
            )
        lo, hi = min(lo, float(z.min())), max(hi, float(z.max()))
    elif y_hat is not None:
        raise ValueError("y_hat was given without z: pass the scores z that produced it.")
    grid = np.linspace(lo, hi, 400)
    ax.plot(grid, sigmoid(grid), color="tab:blue", lw=2, label=r"$\sigma(z) = 1 / (1 + e^{-z})$")
    ax.axhline(threshold, ls="--", color="grey", label=f"threshold = {threshold:g}")
    ax.axvline(0.0, ls=":", color="grey", lw=1)
    if z is not None:
        positive = y_hat >= threshold
        ax.scatter(z[positive], y_hat[positive], color="tab:red", s=22, alpha=0.8, zorder=3,
                   label=rf"$\hat y \geq {threshold:g}$ → class 1 ({positive.sum()})")
        ax.scatter(z[~positive], y_hat[~positive], color="tab:green", s=22, alpha=0.8, zorder=3,
                   label=rf"$\hat y < {threshold:g}$ → class 0 ({(~positive).sum()})")
    ax.set_xlabel("z = X @ w + b")
    ax.set_ylabel(r"$\hat y = \sigma(z)$ (probability of class 1)")
    ax.set_ylim(-0.05, 1.05)
    ax.grid(True, alpha=0.3)
    ax.legend(loc="upper left")
    return fig


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
    if n < 2:
        return fig
    off = np.where(np.eye(n, dtype=bool), -np.inf, values)
    i, j = np.unravel_index(int(np.argmax(off)), off.shape)
    return set_alt_text(fig, takeaway=f"{n} by {n} matrix of {'counts' if normalize is None else 'shares'}; "
                                      f"the largest error is true {labels[i]} predicted as {labels[j]} "
                                      f"({fmt.format(values[i, j])}).")


def plot_explained_variance(explained_variance_ratio, *, ax=None):
    """Plot the variance explained by each principal component and its running total.

    Parameters
    ----------
    explained_variance_ratio : array-like of shape (n_components,)
        ``pca.explained_variance_ratio_`` of a fitted :class:`~sklearn.decomposition.PCA`.
    ax : matplotlib.axes.Axes, default=None
        Axes to draw on; a new figure is created when None.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If the ratios are not a non-empty 1-D array of values in [0, 1].

    Examples
    --------
    >>> from mnist_tutorials.plotting import plot_explained_variance
    >>> fig = plot_explained_variance([0.5, 0.2, 0.1])
    >>> fig.axes[0].get_xlabel()
    'Principal component'
    """
    ratio = np.asarray(explained_variance_ratio, dtype=float)
    if ratio.ndim != 1 or ratio.size == 0 or (ratio < 0).any() or ratio.sum() > 1 + 1e-9:
        raise ValueError(
            "Expected a 1-D array of explained-variance ratios (non-negative, summing to at most 1), "
            f"got shape {ratio.shape}. Pass pca.explained_variance_ratio_."
        )
    fig, ax = _new_axes(ax, (8, 4))
    components = np.arange(1, ratio.size + 1)
    cumulative = np.cumsum(ratio)
    ax.bar(components, ratio, color="tab:blue", alpha=0.7, label="per component")
    ax.plot(components, cumulative, "o-", color="tab:orange", ms=3, label="cumulative")
    ax.annotate(f"{cumulative[-1]:.1%}", (components[-1], cumulative[-1]),
                textcoords="offset points", xytext=(-10, 8), ha="right")
    ax.set_xlabel("Principal component")
    ax.set_ylabel("Share of the pixel variance")
    ax.set_ylim(0, 1.05)
    ax.grid(True, alpha=0.3)
    ax.legend(loc="center right")
    return fig


def plot_class_metrics(table, *, columns=("precision", "recall", "f1-score"), ax=None):
    """Grouped bars of per-class scores from a metrics table.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`mnist_tutorials.metrics.metrics_table` (or
        ``classification_report(..., output_dict=True)`` as a DataFrame). Rows named
        ``"macro avg"``, ``"weighted avg"`` or ``"accuracy"`` are drawn as horizontal lines, not bars.
    columns : sequence of str, default=("precision", "recall", "f1-score")
        Score columns to draw.
    ax : matplotlib.axes.Axes, default=None
        Axes to draw on; a new figure is created when None.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    KeyError
        If one of ``columns`` is missing from ``table``.

    Examples
    --------
    >>> from mnist_tutorials.metrics import metrics_table
    >>> from mnist_tutorials.plotting import plot_class_metrics
    >>> fig = plot_class_metrics(metrics_table([[90, 30], [10, 70]]))
    >>> fig.axes[0].get_ylabel()
    'score'
    """
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise KeyError(
            f"Columns {missing} not in the table (found {list(table.columns)}). "
            "Build it with mnist_tutorials.metrics.metrics_table(cm)."
        )
    summary_rows = {"macro avg", "weighted avg", "accuracy", "micro avg"}
    per_class = table.loc[[idx for idx in table.index if idx not in summary_rows], list(columns)]
    fig, ax = _new_axes(ax, (10, 4))
    x = np.arange(len(per_class))
    width = 0.8 / len(columns)
    for k, col in enumerate(columns):
        ax.bar(x + (k - (len(columns) - 1) / 2) * width, per_class[col], width, label=col)
    if "macro avg" in table.index:
        ax.axhline(table.loc["macro avg", columns[-1]], color="black", ls="--", lw=1,
                   label=f"macro avg {columns[-1]}")
    low = float(per_class.to_numpy().min())
    ax.set_ylim(max(0.0, low - 0.05), 1.0)
    ax.set_xticks(x, [str(i) for i in per_class.index])
    ax.set_xlabel("class")
    ax.set_ylabel("score")
    ax.grid(True, axis="y", alpha=0.3)
    ax.legend(loc="lower right", ncols=len(columns) + 1, fontsize=9)
    return fig


def plot_pixel_distributions(arrays, *, bins=50, ax=None):
    """Histograms of the pixel values of one or more versions of the same images.

    Useful to compare raw pixels with their ``StandardScaler`` / ``MinMaxScaler`` versions: the
    bar at each representation's value of a blank pixel dominates every histogram, so the counts
    are drawn on a log scale.

    Parameters
    ----------
    arrays : dict of str to array-like
        ``{"name": X}``; each ``X`` is flattened.
    bins : int, default=50
        Number of bins per histogram.
    ax : matplotlib.axes.Axes, default=None
        Axes to draw on; when None a new figure with one panel per array is created. When given,
        all histograms share that single axes.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If ``arrays`` is empty.

    Examples
    --------
    >>> import numpy as np
    >>> from mnist_tutorials.plotting import plot_pixel_distributions
    >>> X = np.arange(20.0).reshape(4, 5)
    >>> fig = plot_pixel_distributions({"raw": X, "halved": X / 2})
    >>> len(fig.axes)
    2
    """
    if not arrays:
        raise ValueError("arrays is empty: pass e.g. {'raw': X, 'standard': X_std}.")
    if ax is None:
        fig, axes = plt.subplots(1, len(arrays), figsize=(4 * len(arrays), 3.2), squeeze=False)
        axes = axes.ravel()
    else:
        fig, axes = ax.figure, [ax] * len(arrays)
    for panel, (name, values) in zip(axes, arrays.items()):
        flat = np.asarray(values, dtype=float).ravel()
        panel.hist(flat, bins=bins, alpha=0.7 if ax is not None else 1.0, label=name)
        panel.set_yscale("log")
        panel.set_title(f"{name}: [{flat.min():.3g}, {flat.max():.3g}]")
        panel.set_xlabel("pixel value")
    axes[0].set_ylabel("number of pixels (log)")
    if ax is not None:
        ax.legend()
    else:
        fig.tight_layout()
    return fig
