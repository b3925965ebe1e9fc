"""Curves of a scored binary classifier: precision and recall against the threshold, PR and ROC curves.

Each function draws on ``ax`` (or on a new figure) and returns the matplotlib Figure; none calls
``show`` or ``savefig``. The inputs are what scikit-learn returns::

    precisions, recalls, thresholds = precision_recall_curve(y_train_5, y_scores)
    fpr, tpr, thresholds = roc_curve(y_train_5, y_scores)
"""

from __future__ import annotations

import numpy as np
from .._alt import set_alt_text
from .images import _new_axes

__all__ = ["plot_pr_curve", "plot_precision_recall_vs_threshold", "plot_roc_curve"]


def plot_precision_recall_vs_threshold(precisions, recalls, thresholds, ax=None, *, threshold=None,
                                       xlim=None):
    """Plot precision and recall as functions of the decision threshold.

    Parameters
    ----------
    precisions, recalls : array-like of shape (n_thresholds + 1,) or (n_thresholds,)
        As returned by ``sklearn.metrics.precision_recall_curve`` (one entry longer than
        ``thresholds``: the extra last point, precision 1 and recall 0, is dropped).
    thresholds : array-like of shape (n_thresholds,)
        Increasing thresholds, from ``precision_recall_curve``.
    ax : matplotlib.axes.Axes, default=None
        Where to draw. A new ``(8, 4)`` figure when ``None``.
    threshold : float, default=None
        If given, a vertical dotted line marks it, with dots at its precision and recall.
    xlim : (float, float), default=None
        Threshold range to show, e.g. ``(-50000, 50000)``. The full range when ``None``.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If the lengths do not match ``precision_recall_curve``'s output.

    Examples
    --------
    >>> from sklearn.metrics import precision_recall_curve
    >>> from mnist_tutorials.plotting import plot_precision_recall_vs_threshold
    >>> p, r, t = precision_recall_curve([0, 0, 1, 1], [-2.0, 1.0, 0.5, 3.0])
    >>> fig = plot_precision_recall_vs_threshold(p, r, t, threshold=0.75)
    >>> fig.axes[0].get_xlabel()
    'Threshold'
    """
    precisions, recalls, thresholds = (np.asarray(a, dtype=float) for a in (precisions, recalls, thresholds))
    n = thresholds.shape[0]
    if precisions.shape[0] == n + 1 and recalls.shape[0] == n + 1:
        precisions, recalls = precisions[:-1], recalls[:-1]
    if precisions.shape != (n,) or recalls.shape != (n,):
        raise ValueError(
            f"precisions and recalls must have len(thresholds) + 1 = {n + 1} entries (as returned by "
            f"precision_recall_curve) or {n}; found {precisions.shape[0]} and {recalls.shape[0]}."
        )
    fig, ax = _new_axes(ax, (8, 4))
    ax.plot(thresholds, precisions, "b--", linewidth=2, label="Precision")
    ax.plot(thresholds, recalls, "g-", linewidth=2, label="Recall")
    if threshold is not None:
        i = min(np.searchsorted(thresholds, threshold, side="left"), n - 1)
        ax.axvline(threshold, color="k", linestyle=":", linewidth=1.5, label=f"Threshold {threshold:,.0f}")
        ax.plot([thresholds[i]], [precisions[i]], "bo")
        ax.plot([thresholds[i]], [recalls[i]], "go")
    if xlim is not None:
        ax.set_xlim(*xlim)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("Threshold")
    ax.set_ylabel("Precision / recall")
    ax.grid(True)
    ax.legend(loc="center right")
    if threshold is not None:
        set_alt_text(fig, takeaway=f"At the marked threshold {threshold:,.0f}, precision is {precisions[i]:.1%} and recall "
                                   f"{recalls[i]:.1%}.")
    return fig


def plot_pr_curve(precisions, recalls, ax=None, *, point=None, label=None):
    """Plot the precision/recall curve (precision against recall).

    Parameters
    ----------
    precisions, recalls : array-like of shape (n_points,)
        From ``sklearn.metrics.precision_recall_curve``.
    ax : matplotlib.axes.Axes, default=None
        Where to draw. A new ``(5, 5)`` figure when ``None``.
    point : (float, float), default=None
        ``(recall, precision)`` of an operating point to mark, e.g. the chosen threshold.
    label : str, default=None
        Legend label of the curve (``"PR curve"`` when ``None``).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If ``precisions`` and ``recalls`` differ in length.

    Examples
    --------
    >>> from sklearn.metrics import precision_recall_curve
    >>> from mnist_tutorials.plotting import plot_pr_curve
    >>> p, r, _ = precision_recall_curve([0, 0, 1, 1], [-2.0, 1.0, 0.5, 3.0])
    >>> fig = plot_pr_curve(p, r, point=(0.5, 1.0))
    >>> fig.axes[0].get_xlabel(), fig.axes[0].get_ylabel()
    ('Recall', 'Precision')
    """
    precisions, recalls = np.asarray(precisions, dtype=float), np.asarray(recalls, dtype=float)
    if precisions.shape != recalls.shape:
        raise ValueError(
            f"precisions and recalls must have the same length, found {precisions.shape[0]} and "
            f"{recalls.shape[0]}. Pass the first two outputs of precision_recall_curve."
        )
    fig, ax = _new_axes(ax, (5, 5))
    ax.plot(recalls, precisions, linewidth=2, label=label or "PR curve")
    if point is not None:
        ax.plot([point[0]], [point[1]], "ko", label=f"recall {point[0]:.1%}, precision {point[1]:.1%}")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("Recall")
    ax.set_ylabel("Precision")
    ax.grid(True)
    ax.legend(loc="lower left")
    return fig


def plot_roc_curve(fpr, tpr, ax=None, *, auc=None, point=None, label=None):
    """Plot the ROC curve (true positive rate against false positive rate).

    Parameters
    ----------
    fpr, tpr : array-like of shape (n_points,)
        From ``sklearn.metrics.roc_curve``.
    ax : matplotlib.axes.Axes, default=None
        Where to draw. A new ``(5, 5)`` figure when ``None``.
    auc : float, default=None
        Area under the curve, shown in the legend (``sklearn.metrics.roc_auc_score``).
    point : (float, float), default=None
        ``(fpr, tpr)`` of an operating point to mark.
    label : str, default=None
        Legend label of the curve (``"ROC curve"`` when ``None``).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If ``fpr`` and ``tpr`` differ in length.

    Examples
    --------
    >>> from sklearn.metrics import roc_curve, roc_auc_score
    >>> from mnist_tutorials.plotting import plot_roc_curve
    >>> y, s = [0, 0, 1, 1], [-2.0, 1.0, 0.5, 3.0]
    >>> fpr, tpr, _ = roc_curve(y, s)
    >>> fig = plot_roc_curve(fpr, tpr, auc=roc_auc_score(y, s))
    >>> fig.axes[0].get_legend().get_texts()[0].get_text()
    'ROC curve (AUC = 0.750)'
    """
    fpr, tpr = np.asarray(fpr, dtype=float), np.asarray(tpr, dtype=float)
    if fpr.shape != tpr.shape:
        raise ValueError(
            f"fpr and tpr must have the same length, found {fpr.shape[0]} and {tpr.shape[0]}. "
            "Pass the first two outputs of roc_curve."
        )
    fig, ax = _new_axes(ax, (5, 5))
    name = label or "ROC curve"
    if auc is not None:
        name = f"{name} (AUC = {auc:.3f})"
    ax.plot(fpr, tpr, linewidth=2, label=name)
    ax.plot([0, 1], [0, 1], "k:", label="Random classifier")
    if point is not None:
        ax.plot([point[0]], [point[1]], "ko", label=f"FPR {point[0]:.1%}, TPR {point[1]:.1%}")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("False positive rate (fall-out)")
    ax.set_ylabel("True positive rate (recall)")
    ax.grid(True)
    ax.legend(loc="lower right")
    return fig
