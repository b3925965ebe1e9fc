"""Bar charts of one number per class: how many images (class balance), how well it is classified."""

from __future__ import annotations

import numpy as np

from .._alt import set_alt_text
from ._axes import _new_axes

__all__ = ["plot_class_balance", "plot_class_metrics"]


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
