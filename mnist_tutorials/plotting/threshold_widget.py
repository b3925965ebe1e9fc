"""A threshold you drag over the real images: :func:`threshold_widget`.

The widget draws a binary detector's scores as two distributions (positives, negatives) with a threshold the
reader drags or moves with the keys. As it moves, the 2×2 confusion matrix, precision, recall, F1 and accuracy
update, and the false-positive and false-negative cells show the images that sit there, the closest calls
first; an image that crosses the threshold shows up, marked, in its new cell. Two more controls sit under it:

- **cost**: "a missed positive costs as much as k false alarms" (k from 1/10 to 100, log scale), the expected
  cost per 1,000 images against the threshold, its cheapest threshold, and a button that moves there;
- **base rate**: the share of positives from 1 % to 50 %, by reweighting the counts, with the PR and ROC curves
  (precision and the PR curve move; the ROC curve does not).

Like :func:`~mnist_tutorials.plotting.confusion_explorer` it is self-contained HTML (inline CSS and JavaScript,
the images in one PNG sprite), shown by notebooks through ``_repr_html_``: Jupyter, Colab and the static site
alike. Everything is precomputed at a grid of thresholds (the "stops"), so no Python runs in the browser.
Without JavaScript it is a table of precision and recall at a few stops.
"""

from __future__ import annotations

import hashlib
import html
import json

import numpy as np

from ._assets import read as _read_asset
from .explorer import _as_images, _json_id, _sprite
from .interactive import _hidden_windows, _outside

__all__ = ["ThresholdWidget", "threshold_widget"]

_BIG_STEP = 8  # stops per Page Up / Page Down
_N_TABLE = 7  # rows of the table shown without JavaScript


class ThresholdWidget:
    """A threshold explorer over real images; displayed by notebooks through :meth:`_repr_html_`.

    Built by :func:`threshold_widget`; the attributes say what the widget carries.

    Attributes
    ----------
    models : list of str
        The models' names, in the order of the widget's model switch.
    stops : dict of str to numpy.ndarray
        Each model's thresholds (sorted), those inside a hidden window removed.
    counts : dict of str to numpy.ndarray of shape (n_stops, 4)
        TP, FP, FN, TN at each stop (an image is predicted positive when ``score >= threshold``).
    hidden : dict of str to list of (float, float)
        Each model's hidden windows: open intervals with no stop and no image.
    max_images : int
        Images shown per cell at most (lower than requested if ``max_bytes`` forced it).
    n_images : int
        How many distinct images the sprite holds.
    html : str
        The widget: a ``<div>`` with its ``<style>``, the fallback ``<table>``, the data and the script.
    """

    def __init__(self, models, stops, counts, hidden, max_images, n_images, html):
        self.models, self.stops, self.counts, self.hidden = models, stops, counts, hidden
        self.max_images, self.n_images, self.html = max_images, n_images, html

    def _repr_html_(self):
        return self.html

    def __repr__(self):
        return (f"<ThresholdWidget: {', '.join(self.models)}; at most {self.max_images} images per cell, "
                f"{self.n_images} images, {len(self.html.encode('utf-8')):,} bytes of HTML>")


def _per_model(value, name):
    return value[name] if isinstance(value, dict) else value


def _binary(y_true):
    y = np.asarray(y_true)
    if y.ndim != 1:
        raise ValueError(f"y_true must be 1-D, found shape {y.shape}.")
    values = set(np.unique(y).tolist())
    if not values <= {0, 1, False, True}:
        raise ValueError(f"y_true must be binary (booleans or 0/1, True for the positive class), found values "
                         f"{sorted(map(str, values))[:5]}. Pass e.g. y_train == '5'.")
    return y.astype(bool)


def _counts(y_true, scores, stops):
    """TP, FP, FN, TN at each stop, predicting positive when ``score >= stop``."""
    pos, neg = np.sort(scores[y_true]), np.sort(scores[~y_true])
    tp = pos.size - np.searchsorted(pos, stops, side="left")
    fp = neg.size - np.searchsorted(neg, stops, side="left")
    return np.column_stack([tp, fp, pos.size - tp, neg.size - fp]).astype(int)


def _closest(y_true, scores, stops, cap, usable):
    """Positions of the images shown at some stop: the ``cap`` negatives at or just above each stop (false
    positives, closest first) and the ``cap`` positives just below it (false negatives)."""
    neg = np.flatnonzero(~y_true & usable)
    pos = np.flatnonzero(y_true & usable)
    neg, pos = neg[np.argsort(scores[neg], kind="stable")], pos[np.argsort(scores[pos], kind="stable")]
    chosen = set()
    for t in stops:
        i = np.searchsorted(scores[neg], t, side="left")
        chosen.update(neg[i:i + cap].tolist())
        j = np.searchsorted(scores[pos], t, side="left")
        chosen.update(pos[max(0, j - cap):j].tolist())
    return np.array(sorted(chosen), dtype=int)


def _ticks(stops, fmt, scale):
    """Up to 5 round values inside the stops' range (or probabilities, on a logit axis), with their labels."""
    from matplotlib.ticker import MaxNLocator

    lo, hi = float(stops[0]), float(stops[-1])
    if scale == "logit":
        return [[v, format(v, fmt)] for v in (0.001, 0.01, 0.1, 0.5, 0.9, 0.99, 0.999) if lo <= v <= hi]
    values = [v for v in MaxNLocator(4).tick_values(lo, hi) if lo - 1e-9 * abs(hi - lo) <= v <= hi + 1e-9 * abs(hi - lo)]
    return [[float(v), format(v + 0.0, fmt)] for v in values]


def _fallback_table(name, stops, counts, labels, initial, positive_label, caption):
    picks = np.unique(np.r_[np.linspace(0, len(stops) - 1, _N_TABLE).round().astype(int), initial])
    rows = []
    for i in picks:
        tp, fp, fn, _ = counts[i]
        precision = f"{tp / (tp + fp):.1%}" if tp + fp else "undefined"
        rows.append(f'<tr><th scope="row">{html.escape(labels[i])}</th><td>{tp + fp:,}</td><td>{precision}</td>'
                    f"<td>{tp / (tp + fn):.1%}</td></tr>" if tp + fn else "")
    head = (f'<tr><th scope="col">threshold</th><th scope="col">predicted {html.escape(positive_label)}</th>'
            '<th scope="col">precision</th><th scope="col">recall</th></tr>')
    return (f'<table class="mtw-table" data-model="{html.escape(name)}"><caption>{html.escape(caption)}</caption>'
            f'<thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>')


def threshold_widget(y_true, y_scores, images, *, thresholds=None, n_thresholds=81, hide=None, hide_width=None,
                     hide_label="exercise: compute it", initial_threshold=0.0, positive_label="positive",
                     negative_label=None, score_format=",.0f", x_scale="linear", index=None, cost_ratio=1.0, max_images=8,
                     max_bytes=300_000, title=None):
    """A threshold explorer over the real images: drag the threshold and watch the images change cells.

    The reader drags the threshold over the two score distributions (or focuses the chart and uses the arrow
    keys, Page Up / Page Down for big steps, Home / End). The confusion matrix, precision, recall, F1 and
    accuracy follow; the false-positive and false-negative cells show their images, closest calls first, and an
    image that crosses the threshold appears, marked, in its new cell; clicking one shows it large with its
    score. Under it, a cost control ("a missed positive costs as much as k false alarms", expected cost per
    1,000 images, the cheapest threshold and a button that moves there) and a base-rate control (the share of
    positives from 1 % to 50 %, by reweighting the counts; PR curve, ROC curve and the always-negative
    baseline). A screen reader hears the counts through a live region. Without JavaScript it is a table of
    precision and recall at a few thresholds.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Actual labels, booleans or 0/1, True for the positive class (e.g. ``y_train_5``).
    y_scores : array-like of shape (n_samples,), or dict of str to array-like
        Scores (``decision_function`` or positive-class probabilities); a dict of named models' scores on the
        same images gives the widget a switch between them.
    images : array-like of shape (n_samples, n_pixels) or (n_samples, height, width)
        The images, ink high, drawn dark on white with 16 grey levels.
    thresholds : array-like, or dict of str to array-like, default=None
        The stops the threshold moves between (per model with a dict). Default: ``n_thresholds`` evenly spaced
        from the 1st to the 99.9th percentile of the scores.
    n_thresholds : int, default=81
        Number of stops when ``thresholds`` is None.
    hide : sequence of float, or dict, default=None
        Thresholds to keep out of the widget (e.g. an exercise's answer): no stop and no image within
        ``hide_width`` of each, and that band is drawn as "``hide_label``". As in
        :func:`~mnist_tutorials.plotting.threshold_explorer`.
    hide_width : float, or dict, default=None
        Half-width of each hidden window. Default: twice the larger gap between the stops around it.
    hide_label : str, default="exercise: compute it"
        What the hidden band says.
    initial_threshold : float, or dict, default=0.0
        The widget starts at the stop closest to it (e.g. ``predict``'s threshold, 0 for a linear model).
    positive_label : str, default="positive"
        The positive class's name ("5").
    negative_label : str, default=None
        The negative class's name. Default: ``"not " + positive_label``.
    score_format : str, or dict, default=",.0f"
        Format spec of the scores and thresholds, e.g. ``".2f"`` for probabilities.
    x_scale : {"linear", "logit"}, or dict, default="linear"
        The chart's horizontal axis: the threshold, or its log-odds (for probabilities squeezed against 0 and 1;
        the stops must then lie strictly between 0 and 1).
    index : array-like of shape (n_samples,), default=None
        Identifier shown for each image. Default: its position.
    cost_ratio : float, default=1.0
        The cost control's starting k, between 0.1 and 100.
    max_images : int, default=8
        Images shown per false-positive and false-negative cell at most.
    max_bytes : int, default=300_000
        Size limit of the HTML; if it would be larger, fewer images per cell are carried.
    title : str, default=None
        A heading for the widget, e.g. ``"SGD 5-detector, cross-validated scores"``.

    Returns
    -------
    ThresholdWidget
        Display it (last expression of a cell); ``.counts`` holds TP, FP, FN, TN at each of ``.stops``.

    Raises
    ------
    ValueError
        If the inputs disagree in length, ``y_true`` is not binary or has one class only, ``cost_ratio`` is out
        of range, or even one image per cell does not fit in ``max_bytes``.

    Examples
    --------
    >>> import numpy as np
    >>> from mnist_tutorials.plotting.threshold_widget import threshold_widget
    >>> rng = np.random.default_rng(42)
    >>> y_true = rng.random(500) < 0.2
    >>> scores = rng.normal(size=500) + 2 * y_true
    >>> widget = threshold_widget(y_true, scores, rng.integers(0, 256, size=(500, 784)),
    ...                           thresholds=np.linspace(-2, 3, 21), positive_label="5", score_format=".2f")
    >>> widget.counts[widget.models[0]].shape, int(widget.counts[widget.models[0]][0].sum())
    ((21, 4), 500)
    """
    y = _binary(y_true)
    n = y.size
    if not 0 < y.sum() < n:
        raise ValueError(f"y_true must hold both classes, found {int(y.sum())} positives among {n} samples.")
    pictures = _as_images(images, n)
    scores_by_model = {str(k): v for k, v in y_scores.items()} if isinstance(y_scores, dict) else {"model": y_scores}
    ids = np.arange(n) if index is None else np.asarray(index)
    if ids.shape != (n,):
        raise ValueError(f"index must have one entry per sample ({n}), found shape {ids.shape}.")
    if not 0.1 <= float(cost_ratio) <= 100:
        raise ValueError(f"cost_ratio must be between 0.1 and 100, found {cost_ratio}.")
    if int(max_images) < 1:
        raise ValueError(f"max_images must be at least 1, found {max_images}.")
    negative_label = f"not {positive_label}" if negative_label is None else str(negative_label)

    models, stops_of, counts_of, hidden_of, usable_of, labels_of, initial_of = [], {}, {}, {}, {}, {}, {}
    for name, raw in scores_by_model.items():
        scores = np.asarray(raw, dtype=float)
        if scores.shape != (n,) or not np.isfinite(scores).all():
            raise ValueError(f"scores of {name!r} must be {n} finite numbers, found shape {scores.shape}.")
        grid = _per_model(thresholds, name)
        if grid is None:
            lo, hi = np.percentile(scores, [1, 99.9])
            grid = np.linspace(lo, hi, int(n_thresholds))
        grid = np.unique(np.asarray(grid, dtype=float))
        windows = _hidden_windows(grid, _per_model(hide, name), _per_model(hide_width, name))
        stops = grid[_outside(grid, windows)]
        if stops.size < 2:
            raise ValueError(f"{name!r} keeps {stops.size} stop(s) outside the hidden windows; it needs 2 or more.")
        fmt = _per_model(score_format, name)
        scale = _per_model(x_scale, name)
        if scale not in ("linear", "logit") or (scale == "logit" and not (0 < stops[0] and stops[-1] < 1)):
            raise ValueError(f"x_scale of {name!r} must be 'linear', or 'logit' with stops strictly between 0 and 1; "
                             f"found {scale!r} with stops from {stops[0]} to {stops[-1]}.")
        models.append(name)
        stops_of[name], hidden_of[name] = stops, windows
        counts_of[name] = _counts(y, scores, stops)
        usable_of[name] = _outside(scores, windows)
        labels_of[name] = [format(t, fmt) for t in stops]
        initial_of[name] = int(np.abs(stops - float(_per_model(initial_threshold, name))).argmin())
        scores_by_model[name] = scores

    vmin, vmax = float(pictures.min()), float(pictures.max())
    first = models[0]
    fallback = _fallback_table(first, stops_of[first], counts_of[first], labels_of[first], initial_of[first],
                               positive_label, f"Precision and recall at a few thresholds ({first}); the "
                               "interactive explorer needs JavaScript.")
    heading = f'<p class="mtw-heading">{html.escape(title)}</p>' if title else ""
    cap = int(max_images)
    while True:
        carried = {m: _closest(y, scores_by_model[m], stops_of[m], cap, usable_of[m]) for m in models}
        union = np.unique(np.concatenate(list(carried.values())))
        sprite, columns = _sprite(pictures[union], vmin, vmax) if union.size else ("", 1)
        slot = {int(p): s for s, p in enumerate(union)}
        data = {
            "positive": str(positive_label), "negative": negative_label, "n": int(n), "n_pos": int(y.sum()),
            "cap": cap, "big_step": _BIG_STEP, "cost_ratio": float(cost_ratio), "hide_label": hide_label,
            "shape": list(pictures.shape[1:]), "columns": columns, "sprite": sprite,
            "ids": [_json_id(ids[p]) for p in union],
            "models": [{
                "name": m, "stops": stops_of[m].tolist(), "labels": labels_of[m],
                "counts": counts_of[m].tolist(), "hidden": [list(w) for w in hidden_of[m]],
                "initial": initial_of[m], "scale": _per_model(x_scale, m),
                "ticks": _ticks(stops_of[m], _per_model(score_format, m), _per_model(x_scale, m)),
                # each image: sprite slot, score, positive?, score as shown
                "images": [[slot[int(p)], float(scores_by_model[m][p]), int(y[p]),
                            format(scores_by_model[m][p], _per_model(score_format, m))] for p in carried[m]],
            } for m in models],
        }
        payload = json.dumps(data, separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")
        key = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]
        css, js = _read_asset("threshold_widget.css"), _read_asset("threshold_widget.js")
        widget = (f'<div class="mtw" data-mtw="{key}"><style>{css}</style>{heading}'
                  f'<div class="mtw-fallback">{fallback}</div>'
                  f'<script type="application/json" class="mtw-data">{payload}</script><script>{js}</script></div>')
        size = len(widget.encode("utf-8"))
        if size <= max_bytes:
            break
        if cap == 1:
            raise ValueError(f"the widget needs {size:,} bytes with one image per cell, more than "
                             f"max_bytes={max_bytes:,}. Raise max_bytes, or pass fewer thresholds.")
        cap = max(1, min(cap - 1, int(cap * max_bytes / size)))
    return ThresholdWidget(models, stops_of, counts_of, hidden_of, cap, int(union.size), widget)
