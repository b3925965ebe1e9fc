"""Curves: a scored binary classifier's precision and recall against the threshold, its PR and ROC curves;
the sigmoid; PCA's explained variance; training curves (loss and accuracy per epoch).

Each function draws on ``ax`` (or on a new figure) and returns the matplotlib Figure; none calls
``show`` or ``savefig``. The classifier's curves take what scikit-learn returns::

    precisions, recalls, thresholds = precision_recall_curve(y_train_5, y_scores)
    fpr, tpr, thresholds = roc_curve(y_train_5, y_scores)
"""

from __future__ import annotations

import numpy as np

from .._alt import set_alt_text
from ._axes import _format_threshold, _new_axes

__all__ = [
    "plot_explained_variance",
    "plot_history",
    "plot_pr_curve",
    "plot_precision_recall_vs_threshold",
    "plot_roc_curve",
    "plot_sigmoid",
]


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
        ax.axvline(threshold, color="k", linestyle=":", linewidth=1.5, label=f"Threshold {_format_threshold(threshold)}")
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
        set_alt_text(fig, takeaway=f"At the marked threshold {_format_threshold(threshold)}, precision is {precisions[i]:.1%} and recall "
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


def plot_history(history, *, metrics=("loss", "accuracy"), best_epoch=None, axes=None):
    """Training against validation curves, one panel per metric.

    Parameters
    ----------
    history : dict of list, keras History or pandas.DataFrame
        ``History.history`` (or :func:`mnist_tutorials.keras_lab.history_frame`'s output), with ``metric``
        and ``val_metric`` for each metric.
    metrics : sequence of str, default=("loss", "accuracy")
    best_epoch : int, default=None
        If given (counting from 1), a dotted vertical line marks it, e.g. the epoch whose weights
        ``EarlyStopping(restore_best_weights=True)`` kept.
    axes : array of matplotlib.axes.Axes, default=None
        One per metric; a new figure if None.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If a metric (or its ``val_`` twin) is missing.

    Examples
    --------
    >>> h = {"loss": [0.6, 0.4, 0.3], "val_loss": [0.5, 0.45, 0.46],
    ...      "accuracy": [0.8, 0.85, 0.9], "val_accuracy": [0.82, 0.84, 0.84]}
    >>> fig = plot_history(h, best_epoch=2)
    """
    import matplotlib.pyplot as plt

    logs = getattr(history, "history", history)
    if hasattr(logs, "to_dict") and not isinstance(logs, dict):
        logs = {name: logs[name].tolist() for name in logs.columns}
    for metric in metrics:
        for key in (metric, f"val_{metric}"):
            if key not in logs:
                raise ValueError(f"expected the history to log {key!r}, found {sorted(logs)}")
    if axes is None:
        fig, axes = plt.subplots(1, len(metrics), figsize=(5 * len(metrics), 3.5), squeeze=False)
    axes = np.ravel(axes)
    fig = axes[0].figure
    for ax, metric in zip(axes, metrics):
        epochs = np.arange(1, len(logs[metric]) + 1)
        ax.plot(epochs, logs[metric], "o-", ms=3, label=f"training {metric}")
        ax.plot(epochs, logs[f"val_{metric}"], "s--", ms=3, label=f"validation {metric}")
        if best_epoch is not None:
            ax.axvline(best_epoch, color="k", ls=":", lw=1, label=f"best epoch ({best_epoch})")
        ax.set_xlabel("epoch")
        ax.set_ylabel(metric)
        ax.grid(True, alpha=0.3)
        ax.legend(frameon=False)
    fig.tight_layout()
    last = "; ".join(f"{metric}: training {logs[metric][-1]:.3g}, validation {logs[f'val_{metric}'][-1]:.3g}"
                     for metric in metrics)
    return set_alt_text(fig, takeaway=f"After {len(logs[metrics[0]])} epochs, {last}.")
