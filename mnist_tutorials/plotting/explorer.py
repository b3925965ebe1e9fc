"""A confusion matrix you can click: each cell opens the images that fell in it.

- :func:`confusion_cells` is the bookkeeping: for every cell of the confusion matrix, the positions of the
  samples in it, most confident first. It agrees with :func:`sklearn.metrics.confusion_matrix` cell by cell.
- :func:`confusion_explorer` turns predictions and images into a :class:`ConfusionExplorer`, a self-contained
  HTML widget (inline CSS and JavaScript, thumbnails in one PNG sprite, no network) that a notebook displays
  through ``_repr_html_``: in Jupyter, in Colab and on the static site alike.

Without JavaScript the widget is a plain ``<table>`` of counts, so the matrix stays readable anywhere.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json

import numpy as np

from ._assets import read as _read_asset

__all__ = ["ConfusionExplorer", "confusion_cells", "confusion_explorer"]

_STRONG = 0.55  # heat above which a cell's text turns white
_THUMB, _BIG = 40, 168  # displayed sizes in CSS pixels of a thumbnail and of the large view
_SPRITE_COLUMNS = 32
_GREY_LEVELS = 16  # the sprite is a 4-bit greyscale PNG


def _labels_and_codes(y_true, y_pred, labels):
    """The label order, and each sample's row and column in it (-1 where the label is not in ``labels``)."""
    import pandas as pd
    from sklearn.utils.multiclass import unique_labels

    labels = unique_labels(y_true, y_pred) if labels is None else np.asarray(labels)
    if labels.ndim != 1 or labels.size == 0:
        raise ValueError(f"labels must be a non-empty 1-D list of classes, found shape {labels.shape}.")
    index = pd.Index(labels)
    if not index.is_unique:
        raise ValueError(f"labels must not repeat a class, found {list(labels)}.")
    return labels, index.get_indexer(y_true), index.get_indexer(y_pred)


def _predicted_scores(scores, n_samples, n_labels, cols):
    """One score per sample: the given 1-D scores, or the predicted class's column of 2-D ones."""
    scores = np.asarray(scores, dtype=float)
    if scores.shape[:1] != (n_samples,) or scores.ndim not in (1, 2):
        raise ValueError(f"scores must have shape ({n_samples},) or ({n_samples}, n_classes), found {scores.shape}.")
    if scores.ndim == 1:
        return scores
    if scores.shape[1] != n_labels:
        raise ValueError(
            f"scores has {scores.shape[1]} columns but there are {n_labels} labels; its columns must follow the "
            "order of labels (clf.classes_). Pass labels=clf.classes_, or the 1-D score of each prediction."
        )
    return scores[np.arange(n_samples), np.clip(cols, 0, None)]


def confusion_cells(y_true, y_pred, *, labels=None, scores=None):
    """The samples in each cell of the confusion matrix, most confident first.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Actual labels.
    y_pred : array-like of shape (n_samples,)
        Predicted labels.
    labels : array-like of shape (n_classes,), default=None
        Row and column order, as in :func:`sklearn.metrics.confusion_matrix`; samples whose label or prediction
        is not listed are left out. Default: every label in ``y_true`` or ``y_pred``, sorted.
    scores : array-like of shape (n_samples,) or (n_samples, n_classes), default=None
        How confident each prediction is: one score per sample, or one column per class in ``labels`` order
        (``decision_function`` or ``predict_proba`` output), of which the predicted class's column is used.
        Default: no scores, and each cell lists its samples in data order.

    Returns
    -------
    cells : list of lists of numpy.ndarray
        ``cells[i][j]`` holds the positions (0 … n_samples - 1) of the samples of class ``labels[i]`` predicted
        as ``labels[j]``: sorted by decreasing score (ties and NaN last, in data order), or in data order
        without scores. ``len(cells[i][j]) == confusion_matrix(y_true, y_pred, labels=labels)[i, j]``.

    Raises
    ------
    ValueError
        If the lengths disagree, ``labels`` is empty or repeats a class, or ``scores`` has the wrong shape.

    Examples
    --------
    >>> from mnist_tutorials.plotting import confusion_cells
    >>> y_true = ["3", "5", "3", "3", "5"]
    >>> y_pred = ["3", "3", "5", "3", "5"]
    >>> cells = confusion_cells(y_true, y_pred, scores=[0.2, 0.7, 0.9, 0.8, 0.6])
    >>> [[c.tolist() for c in row] for row in cells]  # rows: true 3, true 5; columns: predicted 3, 5
    [[[3, 0], [2]], [[1], [4]]]
    """
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.ndim != 1 or y_true.shape != y_pred.shape:
        raise ValueError(f"y_true and y_pred must be 1-D and of the same length, found {y_true.shape} and "
                         f"{y_pred.shape}.")
    labels, rows, cols = _labels_and_codes(y_true, y_pred, labels)
    k, n = len(labels), len(y_true)
    keep = (rows >= 0) & (cols >= 0)
    cell = np.where(keep, rows * k + cols, k * k)  # k * k: left out
    position = np.arange(n)
    if scores is None:
        order = np.lexsort((position, cell))
    else:
        score = _predicted_scores(scores, n, k, cols)
        order = np.lexsort((position, np.isnan(score), -np.nan_to_num(score, nan=0.0), cell))
    bounds = np.searchsorted(cell[order], np.arange(k * k + 1))
    flat = [order[bounds[c]:bounds[c + 1]] for c in range(k * k)]
    return [flat[i * k:(i + 1) * k] for i in range(k)]


def _as_images(images, n_samples):
    images = np.asarray(images)
    if images.shape[:1] != (n_samples,):
        raise ValueError(f"images must have one row per sample ({n_samples}), found shape {images.shape}.")
    if images.ndim == 3:
        return images
    side = int(round(np.sqrt(images.shape[1]))) if images.ndim == 2 else 0
    if images.ndim != 2 or side * side != images.shape[1]:
        raise ValueError(f"images must have shape (n_samples, side * side) or (n_samples, height, width), found "
                         f"{images.shape}. Reshape them, e.g. X.reshape(len(X), 28, 28).")
    return images.reshape(n_samples, side, side)


def _sprite(images, vmin, vmax):
    """Tile ``images`` (ink high) into one 4-bit greyscale PNG, ink dark on white; return its data URI."""
    from PIL import Image

    n, h, w = images.shape
    columns = min(_SPRITE_COLUMNS, n)
    rows = -(-n // columns)
    sheet = np.zeros((rows * h, columns * w))
    for k in range(n):
        r, c = divmod(k, columns)
        sheet[r * h:(r + 1) * h, c * w:(c + 1) * w] = images[k]
    ink = np.clip((sheet - vmin) / ((vmax - vmin) or 1.0), 0.0, 1.0)
    grey = np.rint((1.0 - ink) * (_GREY_LEVELS - 1)).astype(np.uint8)
    if n * h * w < rows * h * columns * w:  # the unused end of the last row: white
        r, c = divmod(n, columns)
        grey[r * h:, c * w:] = _GREY_LEVELS - 1
    img = Image.fromarray(grey, mode="P")
    step = 255 // (_GREY_LEVELS - 1)
    img.putpalette([step * v for v in range(_GREY_LEVELS) for _ in range(3)])
    buffer = io.BytesIO()
    img.save(buffer, format="PNG", optimize=True, bits=4)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii"), columns


def _json_id(value):
    return int(value) if isinstance(value, (int, np.integer)) else str(value)


class ConfusionExplorer:
    """A clickable confusion matrix; displayed by notebooks through :meth:`_repr_html_`.

    Built by :func:`confusion_explorer`; the attributes say what the widget shows.

    Attributes
    ----------
    labels : numpy.ndarray of shape (n_classes,)
        Row and column order.
    display_labels : list of str
        What the rows and columns are called.
    confusion_matrix : numpy.ndarray of shape (n_classes, n_classes)
        The counts, as :func:`sklearn.metrics.confusion_matrix` computes them.
    cells : list of lists of numpy.ndarray
        Positions of the samples in each cell, most confident first (see :func:`confusion_cells`).
    max_images : int
        How many images each cell carries (and shows) at most; lower than requested if ``max_bytes`` forced it.
    html : str
        The widget: a ``<div>`` with its ``<style>``, a ``<table>`` of counts, the data and the script.
    """

    def __init__(self, labels, display_labels, confusion_matrix, cells, max_images, html):
        self.labels = labels
        self.display_labels = display_labels
        self.confusion_matrix = confusion_matrix
        self.cells = cells
        self.max_images = max_images
        self.html = html

    def _repr_html_(self):
        return self.html

    def __repr__(self):
        return (f"<ConfusionExplorer: {len(self.labels)} classes, {int(self.confusion_matrix.sum()):,} samples, "
                f"at most {self.max_images} images per cell, {len(self.html.encode('utf-8')):,} bytes of HTML>")


def _format(value, spec):
    return "nan" if np.isnan(value) else format(value, spec)


def _table(display_labels, counts, rates, heat, caption):
    vertical = max(len(s) for s in display_labels) > 3
    head = "".join(f'<th scope="col"><span>{html.escape(s)}</span></th>' for s in display_labels)
    body = []
    for i, row_label in enumerate(display_labels):
        tds = []
        for j, col_label in enumerate(display_labels):
            count, rate = int(counts[i, j]), rates[i][j]
            a_count, a_rate = heat["count"][i, j], heat["rate"][i, j]
            cls = "mte-cell" + (" mte-diag" if i == j else "") + (" mte-zero" if count == 0 else "")
            cls += " mte-strong" if a_count > _STRONG else ""
            share = f"{rate} of the row" if counts[i].sum() else "no images of this class"
            name = f"true {row_label}, predicted {col_label}: {count:,} images ({share})"
            tds.append(
                f'<td class="{cls}" data-row="{i}" data-col="{j}" data-count="{count:,}" data-rate="{rate}" '
                f'data-acount="{a_count:.3f}" data-arate="{a_rate:.3f}" style="--mte-a:{a_count:.3f}" '
                f'aria-label="{html.escape(name)}">{count:,}</td>'
            )
        body.append(f'<tr><th scope="row">{html.escape(row_label)}</th>{"".join(tds)}</tr>')
    return (
        f'<table class="mte-matrix{" mte-vertical" if vertical else ""}"><caption>{html.escape(caption)}</caption>'
        f'<thead><tr><td class="mte-corner">true ↓<br>predicted →</td>{head}</tr></thead>'
        f'<tbody>{"".join(body)}</tbody></table>'
    )


def _heat(values):
    """Cell shading in [0, 1]: 0 for empty cells, at least 0.08 for the others, 1 for the largest."""
    top = values.max()
    if top <= 0:
        return np.zeros_like(values, dtype=float)
    return np.where(values > 0, 0.08 + 0.92 * values / top, 0.0)


def confusion_explorer(y_true, y_pred, images, *, scores=None, labels=None, display_labels=None, index=None,
                       score_name="score", score_format=".3g", rate_format=".1%", max_images=20,
                       max_bytes=250_000, title=None):
    """A confusion matrix you can click: each cell shows the images that fell in it.

    The widget shows the counts (or, with a toggle, each row's shares). Click a cell, or move with the arrow
    keys and press Enter, and a panel lists that cell's images, most confident first, each with its index and
    score, up to ``max_images`` and then "n more"; click an image to see it large with its true label,
    predicted label and score. The diagonal shows the correct predictions. It is self-contained HTML (inline
    CSS and JavaScript, the thumbnails in one PNG sprite), so it works in Jupyter, in Colab and on a static
    page, offline; without JavaScript it is a plain table of counts.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Actual labels (e.g. ``y_train``).
    y_pred : array-like of shape (n_samples,)
        Predicted labels (e.g. from ``cross_val_predict``).
    images : array-like of shape (n_samples, n_pixels) or (n_samples, height, width)
        The images, ink high (as in MNIST); a row of ``height * height`` pixels is taken as a square. Drawn
        dark on white, with 16 grey levels from ``images.min()`` to ``images.max()``.
    scores : array-like of shape (n_samples,) or (n_samples, n_classes), default=None
        Confidence of each prediction, or one column per class in ``labels`` order (``decision_function``,
        ``predict_proba``, a Keras model's ``predict``): the predicted class's column is used. It orders each
        cell (most confident first) and is shown under each image. Default: data order, no score.
    labels : array-like of shape (n_classes,), default=None
        Row and column order, as in :func:`sklearn.metrics.confusion_matrix`. Default: the sorted labels.
    display_labels : array-like of shape (n_classes,), default=None
        Names shown for the classes (e.g. Fashion-MNIST's ``target_names``). Default: ``labels``.
    index : array-like of shape (n_samples,), default=None
        Identifier shown for each image, e.g. its row in ``X``. Default: its position, 0 … n_samples - 1.
    score_name : str, default="score"
        What the score is called ("probability", "decision score").
    score_format : str, default=".3g"
        Format spec of the scores, e.g. ``".1%"`` for probabilities.
    rate_format : str, default=".1%"
        Format spec of the row shares.
    max_images : int, default=20
        Most images carried (and shown) per cell; the rest are counted as "n more".
    max_bytes : int, default=250_000
        Size limit of the widget's HTML. If it would be larger, fewer images per cell are carried.
    title : str, default=None
        Text placed before the table's caption, e.g. ``"MLP, test set"``.

    Returns
    -------
    ConfusionExplorer
        Display it (last expression of a cell); ``.html`` is the HTML, ``.confusion_matrix`` the counts.

    Raises
    ------
    ValueError
        If the inputs disagree in length or shape, or even one image per cell does not fit in ``max_bytes``.

    Examples
    --------
    >>> import numpy as np
    >>> from mnist_tutorials.plotting import confusion_explorer
    >>> rng = np.random.default_rng(42)
    >>> y_true = rng.integers(0, 3, size=60)
    >>> y_pred = np.where(rng.random(60) < 0.8, y_true, rng.integers(0, 3, size=60))
    >>> images = rng.integers(0, 256, size=(60, 784))
    >>> explorer = confusion_explorer(y_true, y_pred, images, scores=rng.random(60), max_images=5)
    >>> explorer.confusion_matrix.sum(), explorer.max_images
    (np.int64(60), 5)
    >>> explorer.html.startswith('<div class="mte"')
    True
    """
    from sklearn.metrics import confusion_matrix

    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    cells = confusion_cells(y_true, y_pred, labels=labels, scores=scores)
    labels, _, cols = _labels_and_codes(y_true, y_pred, labels)
    n, k = len(y_true), len(labels)
    pictures = _as_images(images, n)
    score = None if scores is None else _predicted_scores(scores, n, k, cols)
    display_labels = [str(s) for s in (labels if display_labels is None else display_labels)]
    if len(display_labels) != k:
        raise ValueError(f"display_labels has {len(display_labels)} names for {k} labels.")
    ids = np.arange(n) if index is None else np.asarray(index)
    if ids.shape != (n,):
        raise ValueError(f"index must have one entry per sample ({n}), found shape {ids.shape}.")
    if int(max_images) < 1:
        raise ValueError(f"max_images must be at least 1, found {max_images}.")

    counts = confusion_matrix(y_true, y_pred, labels=labels)
    totals = counts.sum(axis=1, keepdims=True)
    shares = np.divide(counts, totals, out=np.zeros(counts.shape), where=totals > 0)
    rates = [[format(shares[i, j], rate_format) if totals[i, 0] else "—" for j in range(k)] for i in range(k)]
    heat = {"count": _heat(counts.astype(float)), "rate": _heat(shares)}
    corner = "Confusion matrix: rows are true labels, columns predicted labels"
    captions = {m: (f"{title}. " if title else "") + f"{corner}; {what}."
                for m, what in {"count": "cells count images", "rate": "cells show each row's shares"}.items()}
    table = _table(display_labels, counts, rates, heat, captions["count"])
    off = counts * (1 - np.eye(k, dtype=counts.dtype))
    initial = [int(v) for v in np.unravel_index(off.argmax(), off.shape)] if off.max() > 0 else None
    vmin, vmax = float(pictures.min()), float(pictures.max())

    cap = int(max_images)
    while True:
        chosen = [[cell[:cap] for cell in row] for row in cells]
        flat = np.concatenate([c for row in chosen for c in row]).astype(int)
        sprite, columns = _sprite(pictures[flat], vmin, vmax) if flat.size else ("", 1)
        data = {
            "display_labels": display_labels, "counts": counts.tolist(), "cap": cap, "scored": score is not None,
            "score_name": score_name, "captions": captions, "initial": initial, "strong": _STRONG,
            "thumb": _THUMB, "big": _BIG, "shape": list(pictures.shape[1:]), "columns": columns,
            "cells": [[[[_json_id(v) for v in ids[c]],
                        None if score is None else [_format(v, score_format) for v in score[c]]] for c in row]
                      for row in chosen],
            "sprite": sprite,
        }
        payload = json.dumps(data, separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")
        key = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]
        css, js = _read_asset("explorer.css"), _read_asset("explorer.js")
        widget = (
            f'<div class="mte" data-mte="{key}"><style>{css}</style>'
            f'<div class="mte-scroll" tabindex="0" role="region" aria-label="Confusion matrix">{table}</div>'
            f'<script type="application/json" class="mte-data">{payload}</script><script>{js}</script></div>'
        )
        size = len(widget.encode("utf-8"))
        if size <= max_bytes:
            break
        if cap == 1:
            raise ValueError(f"the explorer needs {size:,} bytes with one image per cell, more than "
                             f"max_bytes={max_bytes:,}. Raise max_bytes, or pass fewer classes (labels=...).")
        cap = max(1, min(cap - 1, int(cap * max_bytes / size)))
    return ConfusionExplorer(np.asarray(labels), display_labels, counts, cells, cap, widget)
