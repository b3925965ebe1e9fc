"""Interactive (plotly) figures that work on a static site, without a Python server.

- :func:`threshold_explorer` builds a plotly Figure with a slider over decision thresholds. Every slider
  stop carries its precomputed precision, recall and 2×2 confusion matrix, so moving it needs no Python.
- :func:`label_pie` is a pie of the label distribution; hovering a slice shows its count.

On the site, ``fig.show()`` writes the figure without a copy of plotly.js (the build selects the package's
site renderer, and the page loads one shared ``plotly.min.js``); in Colab or Jupyter plotly's default renderer
works unchanged.

plotly is imported inside the functions, so ``import mnist_tutorials.plotting`` stays fast.
"""

from __future__ import annotations

import numpy as np

from ..binary import threshold_sweep
from ._axes import _format_threshold

__all__ = ["label_pie", "threshold_explorer"]

_PRECISION_COLOR = "#1f4fd1"
_RECALL_COLOR = "#1a9641"


def _default_thresholds(scores: np.ndarray, n_thresholds: int) -> np.ndarray:
    lo, hi = np.percentile(scores, [1, 99.9])
    return np.linspace(lo, hi, n_thresholds)


def _title(threshold: float, precision: float, recall: float) -> str:
    p = "undefined (nothing predicted positive)" if np.isnan(precision) else f"{precision:.1%}"
    return f"Threshold {_format_threshold(threshold)}: precision {p}, recall {recall:.1%}"


def _cell_text(tn, fp, fn, tp):
    return [[f"TN<br>{tn:,}", f"FP<br>{fp:,}"], [f"FN<br>{fn:,}", f"TP<br>{tp:,}"]]


def _hidden_windows(thresholds: np.ndarray, hide, hide_width) -> list[tuple[float, float]]:
    """The open intervals around each hidden threshold where the figure carries no data."""
    windows = []
    for t in np.atleast_1d(np.asarray(hide if hide is not None else [], dtype=float)):
        if hide_width is None:
            gaps = np.diff(thresholds)
            i = int(np.clip(np.searchsorted(thresholds, t), 1, gaps.size))
            width = 2 * float(max(gaps[i - 1], gaps[min(i, gaps.size - 1)]))
        else:
            width = float(hide_width)
        if not np.isfinite(t) or not width > 0:
            raise ValueError(f"hide must hold finite thresholds and hide_width be > 0, found {t} and {width}.")
        windows.append((t - width, t + width))
    return windows


def _outside(values: np.ndarray, windows) -> np.ndarray:
    keep = np.ones(len(values), dtype=bool)
    for lo, hi in windows:
        keep &= ~((values > lo) & (values < hi))
    return keep


def threshold_explorer(y_true, y_scores, thresholds=None, *, n_thresholds=81, n_curve_points=400,
                       positive_label="positive", initial_threshold=0.0, hide=None, hide_width=None,
                       hide_label="exercise: compute it"):
    """Interactive precision/recall explorer: a slider over thresholds, no server needed.

    The left panel shows precision and recall against the threshold, with the current threshold marked.
    The right panel is the 2×2 confusion matrix at that threshold, and the title states its precision and
    recall. Each slider step carries its precomputed values (a few numbers per stop) in the arguments of a
    ``Plotly.update`` call, so the figure works in a static HTML page, stays small, and has no animation
    frames for a renderer to auto-play.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Actual labels, booleans (``y_train_5``) or 0/1.
    y_scores : array-like of shape (n_samples,)
        Scores from ``decision_function`` (e.g. ``cross_val_predict(..., method="decision_function")``).
    thresholds : array-like of shape (n_stops,), default=None
        The slider stops, sorted increasingly. When ``None``, ``n_thresholds`` evenly spaced values from the
        1st to the 99.9th percentile of ``y_scores``.
    n_thresholds : int, default=81
        Number of slider stops when ``thresholds`` is ``None``.
    n_curve_points : int, default=400
        Resolution of the precision and recall curves (the curves are downsampled to keep the HTML small).
    positive_label : str, default="positive"
        Name of the positive class in the matrix labels, e.g. ``"5"``.
    initial_threshold : float, default=0.0
        The slider starts at the stop closest to this value (``0`` is what ``predict`` uses).
    hide : sequence of float, default=None
        Thresholds whose precision or recall an exercise asks for. The figure carries **no data** within
        ``hide_width`` of each: no curve point and no slider stop (the figure's JSON is in the page, and
        interpolating dense exact points would give the answer away). The window is shaded and labelled.
    hide_width : float, default=None
        Half-width of each hidden window; None means two slider gaps (the larger gap next to the hidden
        threshold). Linear interpolation across a window that wide misses the value by several units of
        the precision an exercise asks for on curves like the 5-detector's (a curve fitted to the points
        outside can still come closer: this keeps the answer from being read off, it does not lock it).
    hide_label : str, default="exercise: compute it"
        The text on each hidden window.

    Returns
    -------
    plotly.graph_objects.Figure
        Traces: precision curve, recall curve, current-threshold line, current-threshold markers,
        confusion-matrix heatmap. ``fig.layout.sliders[0]`` holds one ``"update"`` step per threshold,
        whose ``args`` are ``[data, layout, [2, 3, 4]]``.

    Raises
    ------
    ValueError
        If ``thresholds`` is not a sorted 1-D array with at least two values, or the inputs disagree.

    Examples
    --------
    >>> import numpy as np
    >>> from mnist_tutorials.plotting import threshold_explorer
    >>> rng = np.random.default_rng(42)
    >>> y_true = rng.random(500) < 0.2
    >>> y_scores = rng.normal(size=500) + 2 * y_true
    >>> fig = threshold_explorer(y_true, y_scores, thresholds=np.linspace(-1, 3, 9), positive_label="5")
    >>> len(fig.layout.sliders[0].steps)
    9
    >>> fig.layout.title.text.startswith("Threshold 0: precision")
    True
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    scores = np.asarray(y_scores, dtype=float)
    if thresholds is None:
        if n_thresholds < 2:
            raise ValueError(f"n_thresholds must be at least 2, found {n_thresholds}.")
        thresholds = _default_thresholds(scores, n_thresholds)
    thresholds = np.asarray(thresholds, dtype=float)
    if thresholds.ndim != 1 or thresholds.size < 2 or np.any(np.diff(thresholds) <= 0):
        raise ValueError(
            "thresholds must be a strictly increasing 1-D array with at least 2 values, found "
            f"shape {thresholds.shape}. Try np.linspace(low, high, 81)."
        )
    windows = _hidden_windows(thresholds, hide, hide_width)
    thresholds = thresholds[_outside(thresholds, windows)]
    if thresholds.size < 2:
        raise ValueError(f"hide_width leaves {thresholds.size} slider stop(s); make the windows narrower.")
    stops = threshold_sweep(y_true, scores, thresholds)
    grid = np.linspace(thresholds[0], thresholds[-1], max(int(n_curve_points), 2))
    grid = grid[_outside(grid, windows)]
    curve = threshold_sweep(y_true, scores, grid)
    curve_x, curve_precision, curve_recall = grid, curve.precision, curve.recall
    for lo, _ in windows:  # a gap in the lines (null), not a straight segment across the window
        at = int(np.searchsorted(curve_x, lo, side="right"))
        if 0 < at < curve_x.size:
            curve_x, curve_precision, curve_recall = (np.insert(a, at, np.nan)
                                                      for a in (curve_x, curve_precision, curve_recall))
    neg, pos = f"not {positive_label}", str(positive_label)
    matrix_x = [neg, pos]
    matrix_y = [neg, pos]

    def markers(i):
        return go.Scatter(x=[thresholds[i], thresholds[i]], y=[stops.precision[i], stops.recall[i]],
                          mode="markers", marker=dict(color=[_PRECISION_COLOR, _RECALL_COLOR], size=10),
                          showlegend=False, hoverinfo="skip")

    def line(i):
        return go.Scatter(x=[thresholds[i], thresholds[i]], y=[0, 1], mode="lines",
                          line=dict(color="black", dash="dot", width=1.5), name="threshold")

    def matrix(i):
        counts = [[int(stops.tn[i]), int(stops.fp[i])], [int(stops.fn[i]), int(stops.tp[i])]]
        return go.Heatmap(z=counts, x=matrix_x, y=matrix_y, text=_cell_text(*counts[0], *counts[1]),
                          texttemplate="%{text}", textfont=dict(size=15), colorscale="Blues",
                          showscale=False, hoverinfo="skip", xaxis="x2", yaxis="y2")

    start = int(np.argmin(np.abs(thresholds - initial_threshold)))
    fig = make_subplots(rows=1, cols=2, column_widths=[0.6, 0.4], horizontal_spacing=0.14)
    fig.add_trace(go.Scatter(x=curve_x, y=curve_precision, name="Precision",
                             line=dict(color=_PRECISION_COLOR, dash="dash", width=2)), row=1, col=1)
    fig.add_trace(go.Scatter(x=curve_x, y=curve_recall, name="Recall",
                             line=dict(color=_RECALL_COLOR, width=2)), row=1, col=1)
    fig.add_trace(line(start), row=1, col=1)
    fig.add_trace(markers(start), row=1, col=1)
    fig.add_trace(matrix(start), row=1, col=2)

    labels = [f"{t:,.0f}" if np.ptp(thresholds) >= 100 else f"{t:.3g}" for t in thresholds]
    steps = []
    for i, label in enumerate(labels):
        t, cell = thresholds[i], matrix(i)
        # Plotly.update(gd, data, layout, [2, 3, 4]): each data key lists one value per updated trace
        # (line, markers, matrix); None leaves a scatter without the heatmap's z/text.
        data = {
            "x": [[t, t], [t, t], matrix_x],
            "y": [[0, 1], [stops.precision[i], stops.recall[i]], matrix_y],
            "z": [None, None, cell.z],
            "text": [None, None, cell.text],
        }
        layout = {"title.text": _title(t, stops.precision[i], stops.recall[i])}
        steps.append(dict(method="update", label=label, args=[data, layout, [2, 3, 4]]))
    for lo, hi in windows:
        fig.add_vrect(x0=lo, x1=hi, fillcolor="#9e9e9e", opacity=0.25, line_width=0, row=1, col=1,
                      annotation_text=hide_label, annotation_position="top", annotation_font_size=12)
    fig.update_layout(
        title=dict(text=_title(thresholds[start], stops.precision[start], stops.recall[start]), x=0.02,
                   font=dict(size=16)),
        modebar=dict(orientation="v"),
        sliders=[dict(active=start, steps=steps, currentvalue=dict(prefix="Threshold: "),
                      pad=dict(t=50), len=1.0)],
        height=480, margin=dict(l=60, r=20, t=60, b=20),
        legend=dict(orientation="h", x=0, y=1.1),
        xaxis=dict(title="Threshold", range=[thresholds[0], thresholds[-1]]),
        yaxis=dict(title="Precision / recall", range=[0, 1.02]),
        xaxis2=dict(side="top", title=dict(text="predicted", standoff=4)),
        yaxis2=dict(autorange="reversed", title=dict(text="actual", standoff=4)),
    )
    return fig


def label_pie(y, class_names=None, *, title="Distribution of the labels"):
    """Interactive plotly pie chart of how many samples each class has.

    Parameters
    ----------
    y : array-like of shape (n_samples,)
    class_names : sequence of str, default=None
        Slice ``k`` is named ``"class_names[k] (k)"``.
    title : str, default="Distribution of the labels"

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> fig = label_pie(np.array([0, 1, 1, 2]), ["a", "b", "c"])
    >>> [int(count) for count in fig.data[0].values]
    [1, 2, 1]
    """
    import plotly.graph_objects as go

    classes, counts = np.unique(np.asarray(y), return_counts=True)
    names = [f"{class_names[int(c)]} ({c})" if class_names is not None else str(c) for c in classes]
    fig = go.Figure(go.Pie(labels=names, values=counts.tolist(), sort=False, direction="clockwise",
                           textinfo="label+percent", hovertemplate="%{label}: %{value:,} images<extra></extra>"))
    fig.update_layout(title=title, height=480, showlegend=False, margin=dict(t=60, b=20, l=20, r=20))
    return fig
