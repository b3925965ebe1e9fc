"""Figures that explain the vocabulary: how a threshold splits scores into TP, FP, FN and TN."""

from __future__ import annotations

import numpy as np

from .images import _new_axes

__all__ = ["plot_score_histograms"]


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
