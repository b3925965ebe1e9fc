"""Histograms: of pixel values, and of a classifier's scores split by a decision threshold.

- :func:`plot_pixel_histogram` shows how often each pixel value occurs;
- :func:`plot_pixel_distributions` compares the pixel values of several arrays (raw, scaled, …);
- :func:`plot_score_histograms` shows the scores of each true class and how a threshold splits them into
  TP, FP, FN and TN.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from ._axes import _new_axes

__all__ = ["plot_pixel_distributions", "plot_pixel_histogram", "plot_score_histograms"]


def plot_pixel_histogram(X, *, ax=None, max_value=255, log=True):
    """Histogram of all pixel values in ``X``, one bar per integer value.

    Parameters
    ----------
    X : array-like of integer-valued pixels, any shape
    ax : matplotlib.axes.Axes, default=None
    max_value : int, default=255
    log : bool, default=True
        Logarithmic count axis: background zeros outnumber every other value by far.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If the values are not integers in ``[0, max_value]`` (pass raw pixels, not scaled ones).

    Examples
    --------
    >>> fig = plot_pixel_histogram(np.array([[0, 0, 0, 128, 255]]))
    """
    values = np.asarray(X).ravel()
    if values.size and (values.min() < 0 or values.max() > max_value or np.any(values % 1)):
        raise ValueError(
            f"expected integer pixel values in [0, {max_value}], found values in "
            f"[{values.min():g}, {values.max():g}]; pass the raw pixels, not scaled ones"
        )
    counts = np.bincount(values.astype(np.int64), minlength=max_value + 1)
    fig, ax = _new_axes(ax, (8, 3.5))
    ax.bar(np.arange(max_value + 1), counts, width=1.0, color="tab:blue")
    ax.bar([0], counts[:1], width=1.0, color="tab:red", label=f"0 (background): {counts[0] / counts.sum():.1%}")
    if log:
        ax.set_yscale("log")
    ax.set_xlim(-1, max_value + 1)
    ax.set_xlabel("pixel value")
    ax.set_ylabel("pixels (log scale)" if log else "pixels")
    ax.legend(loc="upper center", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
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


def plot_score_histograms(y_true, y_scores, threshold=0.0, *, bins=60, ax=None,
                          labels=("negative", "positive")):
    """Histogram of the scores of each true class, split by a decision threshold.

    Everything right of the threshold is predicted positive: positives there are true positives (TP), negatives
    there false positives (FP); left of it, positives are false negatives (FN) and negatives true negatives (TN).
    The counts of the four parts are written in the legend.

    Parameters
    ----------
    y_true : array-like of bool of shape (n,)
        True where the sample belongs to the positive class (e.g. ``y_train_5``).
    y_scores : array-like of shape (n,)
        Decision scores (``decision_function``) or probabilities.
    threshold : float, default=0.0
    bins : int, default=60
    ax : matplotlib.axes.Axes, default=None
    labels : tuple of str, default=("negative", "positive")

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> y_true = rng.random(500) < 0.2
    >>> fig = plot_score_histograms(y_true, rng.normal(2 * y_true - 1), threshold=0.5)
    """
    y_true = np.asarray(y_true, dtype=bool)
    y_scores = np.asarray(y_scores, dtype=float)
    if y_true.shape != y_scores.shape:
        raise ValueError(f"expected y_true and y_scores of the same shape, found {y_true.shape} and {y_scores.shape}")
    edges = np.histogram_bin_edges(y_scores, bins=bins)
    fig, ax = _new_axes(ax, (8, 3.6))
    above = y_scores >= threshold
    parts = [
        (~y_true & ~above, "tab:blue", 0.35, f"TN: {labels[0]} below ({np.sum(~y_true & ~above):,})"),
        (~y_true & above, "tab:blue", 0.9, f"FP: {labels[0]} above ({np.sum(~y_true & above):,})"),
        (y_true & ~above, "tab:orange", 0.9, f"FN: {labels[1]} below ({np.sum(y_true & ~above):,})"),
        (y_true & above, "tab:orange", 0.35, f"TP: {labels[1]} above ({np.sum(y_true & above):,})"),
    ]
    for mask, color, alpha, label in parts:
        ax.hist(y_scores[mask], bins=edges, color=color, alpha=alpha, label=label)
    ax.axvline(threshold, color="black", linestyle="--", linewidth=1)
    ax.annotate(f"threshold = {threshold:g}", (threshold, 1), xycoords=("data", "axes fraction"),
                xytext=(4, -12), textcoords="offset points", fontsize=9)
    ax.set_yscale("log")
    ax.set_xlabel("score")
    ax.set_ylabel("samples (log scale)")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig
