"""Text alternatives for figures: what a screen reader (or a reader without images) is told a figure shows.

:func:`alt_text` describes a matplotlib or plotly Figure from what is drawn on it (titles, axis labels, legend
entries, what kind of marks), followed by the takeaway a ``plot_*`` function stored with :func:`set_alt_text`.
A page overrides the whole description with ``set_alt_text(fig, "...")``.
:mod:`mnist_tutorials.plotting.accessible` writes the result as the ``alt`` of a figure's image, and gives each
plotly figure a table of its data (:func:`plotly_data_table`) that works without JavaScript (the site's build uses
it for every figure).
"""

from __future__ import annotations

import re

from ._alt_takeaways import bar_takeaway, histogram_takeaway, line_takeaway, plain

__all__ = ["alt_text", "set_alt_text"]

_ATTRIBUTE = "_mnist_tutorials_alt"  # on matplotlib Figures; plotly keeps it in layout.meta
_META_KEY = "alt_text"
MAX_NAMES = 8  # list at most this many panel titles or legend entries


def set_alt_text(fig, text=None, *, takeaway=None):
    """Store a figure's text alternative (``text``) or the takeaway appended to the generated one.

    Parameters
    ----------
    fig : matplotlib.figure.Figure or plotly.graph_objects.Figure
    text : str, default=None
        The whole description; replaces the generated one. Pages use it to say what a figure means there.
    takeaway : str, default=None
        One sentence appended to the generated description (what ``plot_*`` functions supply).

    Returns
    -------
    Figure
        ``fig`` itself, so ``return set_alt_text(fig, takeaway=...)`` ends a ``plot_*`` function.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot([0, 1], [0, 1]); _ = ax.set_xlabel("recall")
    >>> _ = set_alt_text(fig, takeaway="The line rises steadily.")
    >>> alt_text(fig)
    'The line rises steadily. Line chart. x axis: recall.'
    >>> _ = set_alt_text(fig, "A straight line from (0, 0) to (1, 1).")
    >>> alt_text(fig)
    'A straight line from (0, 0) to (1, 1).'
    >>> plt.close(fig)
    """
    if text is None and takeaway is None:
        raise ValueError("set_alt_text needs text= (the whole description) or takeaway= (one sentence); found neither.")
    stored = dict(_stored(fig))
    if text is not None:
        stored["text"] = _sentence(text)
    if takeaway is not None:
        stored["takeaway"] = _sentence(takeaway)
    if _is_plotly(fig):
        meta = fig.layout.meta
        if meta is not None and not isinstance(meta, dict):
            raise ValueError(f"set_alt_text: fig.layout.meta holds {type(meta).__name__}, expected a dict or None; "
                             "move that value into a dict to keep both.")
        fig.layout.meta = {**(meta or {}), _META_KEY: stored}
    else:
        setattr(fig, _ATTRIBUTE, stored)
    return fig


def alt_text(fig) -> str:
    """The text alternative of a matplotlib or plotly Figure (or of a plotly figure's dict).

    Parameters
    ----------
    fig : matplotlib.figure.Figure, plotly.graph_objects.Figure or dict

    Returns
    -------
    str
        The text set with :func:`set_alt_text`, else the stored takeaway, if any (what the figure shows comes
        first), followed by a description generated from the figure (title, axes, legend, kind of marks).
        It may be long (a figure of many panels): :func:`short_alt` cuts it to an ``alt`` attribute.

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> fig = go.Figure(go.Pie(labels=["a", "b"], values=[3, 1]), layout=dict(title="Labels"))
    >>> alt_text(fig)
    'Interactive chart: Labels. Pie chart of a, b.'
    """
    stored = _stored(fig)
    if "text" in stored:
        return stored["text"]
    described = _describe_plotly(_plotly_dict(fig)) if _is_plotly(fig) or isinstance(fig, dict) \
        else _describe_matplotlib(fig, computed="takeaway" not in stored)
    return " ".join(part for part in (stored.get("takeaway"), described) if part)


#: The longest ``alt`` the site writes; a longer description goes in a linked element beside the image.
MAX_ALT = 250
_LONG_NOTE = " Full description below the image."
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def short_alt(text: str, limit: int = MAX_ALT) -> tuple[str, bool]:
    """``text`` cut to at most ``limit`` characters at a sentence end, and whether it was cut.

    The first sentences are kept (the takeaway comes first, :func:`alt_text`); a cut text says that the full
    description follows the image, where the site writes it.

    Examples
    --------
    >>> short_alt("Recall falls. Line chart.")
    ('Recall falls. Line chart.', False)
    >>> short_alt("Recall falls from 1 to 0. " + "Panel. " * 60, limit=60)
    ('Recall falls from 1 to 0. Full description below the image.', True)
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text, False
    room = limit - len(_LONG_NOTE)
    kept = ""
    for sentence in _SENTENCE_END.split(text):
        candidate = f"{kept} {sentence}".strip()
        if len(candidate) > room:
            break
        kept = candidate
    if not kept:  # the first sentence alone is too long: cut it at a word
        kept = text[:room - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return kept + _LONG_NOTE, True


# ---------------------------------------------------------------------------------------------- helpers


def _is_plotly(fig) -> bool:
    return type(fig).__module__.startswith("plotly.")


def _plotly_dict(fig) -> dict:
    return fig if isinstance(fig, dict) else fig.to_plotly_json()


def _stored(fig) -> dict:
    if _is_plotly(fig) or isinstance(fig, dict):
        layout = _plotly_dict(fig).get("layout", {}) or {}
        meta = layout.get("meta") if isinstance(layout, dict) else None
        return dict(meta.get(_META_KEY, {})) if isinstance(meta, dict) else {}
    return dict(getattr(fig, _ATTRIBUTE, {}))


def _sentence(text: str) -> str:
    text = plain(text)
    if not text:
        raise ValueError("a text alternative must not be empty")
    return text if text[-1] in ".!?" else text + "."


def _names(names, limit=MAX_NAMES) -> str:
    names = [n for n in dict.fromkeys(plain(n) for n in names) if n]
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def confusion_matrix_of(ax):
    """The matrix a confusion-matrix plot draws on ``ax``, with its row and column labels, else ``None``.

    A confusion-matrix plot is one image on axes labelled "True label" (y) and "Predicted label" (x), as
    scikit-learn's ``ConfusionMatrixDisplay`` and :func:`mnist_tutorials.plotting.plot_confusion_heatmap` draw.

    Returns
    -------
    (values, row_labels, column_labels) or None
        ``values`` is the drawn matrix (counts, weighted counts or shares), as floats.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from sklearn.metrics import ConfusionMatrixDisplay
    >>> disp = ConfusionMatrixDisplay.from_predictions([0, 0, 1, 1, 1], [0, 1, 1, 1, 0])
    >>> values, rows, columns = confusion_matrix_of(disp.ax_)
    >>> values.tolist(), rows, columns
    ([[1.0, 1.0], [1.0, 2.0]], ['0', '1'], ['0', '1'])
    >>> plt.close(disp.figure_)
    """
    import numpy as np

    if len(ax.images) != 1 or "predicted" not in ax.get_xlabel().lower() or "true" not in ax.get_ylabel().lower():
        return None
    values = np.ma.filled(np.ma.asarray(ax.images[0].get_array(), dtype=float), np.nan)
    if values.ndim != 2 or values.shape[0] != values.shape[1]:
        return None
    n = values.shape[0]
    for text in ax.texts:  # a cell whose printed value was replaced (a flag's "?") stays hidden here too
        x, y = text.get_position()
        i, j = int(round(y)), int(round(x))
        if 0 <= i < n and 0 <= j < n and (i, j) == (y, x) and not re.search(r"\d", text.get_text()):
            values[i, j] = np.nan

    def labels(ticklabels):
        names = [plain(t.get_text()) for t in ticklabels]
        return names if len(names) == n and all(names) else [str(i) for i in range(n)]

    return values, labels(ax.get_yticklabels()), labels(ax.get_xticklabels())


def _is_counts(values) -> bool:
    import numpy as np

    shown = values[np.isfinite(values)]  # hidden cells are NaN
    return bool(shown.size and np.allclose(shown, np.round(shown)) and shown.max() > 1)


def _confusion_description(values, rows, columns, limit: int = 3) -> str:
    """The takeaway of a confusion matrix first: the share on the diagonal, then the largest errors."""
    import numpy as np

    n = values.shape[0]
    counts = _is_counts(values)
    cell = (lambda v: f"{int(round(v)):,}") if counts else (lambda v: f"{v:.0%}" if v >= 0.01 or v == 0 else "<1%")
    values = np.asarray(values, dtype=float)
    off = np.where(np.eye(n, dtype=bool), -np.inf, np.nan_to_num(values, nan=-np.inf))
    order = [k for k in np.argsort(-off, axis=None, kind="stable")[:limit] if np.isfinite(off.flat[k]) and
             off.flat[k] > 0]
    errors = "; ".join(f"true {rows[k // n]} predicted {columns[k % n]}: {cell(values.flat[k])}" for k in order)
    if counts:
        total, correct = np.nansum(values), np.nansum(np.diag(values))
        head = (f"Confusion matrix, {n} classes: {correct / total:.1%} of {int(round(total)):,} on the diagonal"
                if correct else f"Confusion matrix of the errors only, {n} classes, {int(round(total)):,} in all")
    else:
        diagonal = np.diag(values)
        head = (f"Confusion matrix of shares, {n} classes: diagonal {np.nanmin(diagonal):.0%} to "
                f"{np.nanmax(diagonal):.0%}" if np.nanmax(diagonal) > 0 else
                f"Confusion matrix of the error shares, {n} classes, diagonal left out")
    hidden = int(np.isnan(values).sum())
    if hidden:
        head += f" ({hidden} hidden cell{'s' if hidden > 1 else ''} left out)"
    head += f". Largest errors: {errors}" if errors and n > 2 else (f". Errors: {errors}" if errors else ". No errors")
    return head + ". Rows: true label; columns: predicted label"


def confusion_table(values, rows, columns) -> tuple[str, list, list]:
    """A confusion matrix as (caption, header, rows) of text, for the table beside its image.

    Examples
    --------
    >>> import numpy as np
    >>> confusion_table(np.array([[50.0, 10.0], [5.0, 35.0]]), ["sick", "healthy"], ["sick", "healthy"])
    ('The counts in the confusion matrix', ['True label', 'predicted sick', 'predicted healthy'], [['sick', '50', '10'], ['healthy', '5', '35']])
    """
    counts = _is_counts(values)
    fmt = (lambda v: "hidden" if v != v else f"{int(round(v)):,}") if counts else \
        (lambda v: "hidden" if v != v else f"{v:.1%}")
    caption = "The counts in the confusion matrix" if counts else "The shares in the confusion matrix"
    header = ["True label", *(f"predicted {c}" for c in columns)]
    return caption, header, [[r, *(fmt(v) for v in row)] for r, row in zip(rows, values)]


def _axes_kind(ax) -> str:
    if ax.images:
        shape = ax.images[0].get_array().shape[:2]
        return f"image ({shape[0]} by {shape[1]} pixels)" if len(ax.images) == 1 else "image"
    if any(type(p).__name__ == "Rectangle" for p in ax.patches) and ax.containers:
        return "bar chart"
    if any(type(p).__name__ == "Wedge" for p in ax.patches):
        return "pie chart"
    if ax.collections and not ax.lines:
        return "scatter plot" if any(type(c).__name__ == "PathCollection" for c in ax.collections) else "chart"
    if ax.lines:
        return "line chart"
    if ax.patches:
        return "chart"
    return "text" if ax.texts else ""


def _axes_parts(ax, computed: bool = True) -> tuple[str, str]:
    """(takeaway, structure) of one axes: what it shows (computed from the marks, or an image's title), then what
    is drawn (kind of marks, title, axis labels, legend). The takeaway is '' where nothing can be said."""
    confusion = confusion_matrix_of(ax)
    if confusion is not None:
        return _confusion_description(*confusion), ""
    takeaway = line_takeaway(ax) if ax.lines and computed else ""  # (a plot_* function's own takeaway wins)
    if not takeaway and ax.containers and computed:
        takeaway = bar_takeaway(ax) or histogram_takeaway(ax)
    title = " ".join(plain(ax.get_title(loc)) for loc in ("left", "center", "right") if ax.get_title(loc))
    kind = _axes_kind(ax)
    if not takeaway and kind.startswith("image") and title:  # an image's title says what it shows
        return title, kind.replace("image (", "an image of ").rstrip(")").capitalize() if "(" in kind else ""
    parts = [(kind.capitalize() if kind else "Panel") + (f" titled {title!r}" if title else "")]
    xlabel, ylabel = plain(ax.get_xlabel()), plain(ax.get_ylabel())
    if xlabel:
        parts.append(f"x axis: {xlabel}")
    if ylabel:
        parts.append(f"y axis: {ylabel}")
    legend = ax.get_legend()
    if legend is not None:
        entries = _names(t.get_text() for t in legend.get_texts())
        if entries:
            parts.append(f"legend: {entries}")
    return takeaway, ". ".join(parts)


def _axes_description(ax, computed: bool = True) -> str:
    return ". ".join(part for part in _axes_parts(ax, computed) if part)


def _describe_matplotlib(fig, computed: bool = True) -> str:
    """What a matplotlib figure shows, takeaways first: a panel's computed takeaway (a confusion matrix's diagonal
    share and largest errors, a curve's AUC, trend or peak, a histogram's tallest bar) or an image's title leads,
    what is drawn follows."""
    axes = [ax for ax in fig.get_axes() if ax.get_visible() and ax.get_label() != "<colorbar>"]
    suptitle = plain(fig.get_suptitle()) if hasattr(fig, "get_suptitle") else ""
    head = f"Figure: {suptitle}." if suptitle else ""
    if not axes:
        return head or "Empty figure."
    if len(axes) == 1:
        takeaway, structure = _axes_parts(axes[0], computed)
        return " ".join(p for p in (_end(takeaway), head, _end(structure)) if p)
    kinds = [_axes_kind(ax).split(" (")[0] for ax in axes]
    confusions = [confusion_matrix_of(ax) is not None for ax in axes]
    if len(set(kinds)) == 1 and not any(confusions) and (len(axes) > 4 or kinds[0] == "image"):
        titles = [plain(ax.get_title()) for ax in axes]
        if len(axes) <= 4 and all(titles):  # a few images: their titles say what each shows
            return " ".join(p for p in (f"{len(axes)} images: " + "; ".join(titles) + ".", head) if p)
        named = _names(titles)
        if named:  # the titles say what the images show; the grid follows
            return " ".join(p for p in (f"{len(axes)} {kinds[0] or 'panel'}s: {named}.", head) if p)
        return " ".join(p for p in (head, f"A grid of {len(axes)} {kinds[0] or 'panel'}s.") if p)
    parts = [_axes_parts(ax, computed) for ax in axes]
    takeaways = []
    for ax, (takeaway, _) in zip(axes, parts):
        title = plain(ax.get_title())
        if takeaway:
            takeaways.append(f"{title}: {takeaway}" if title and title != takeaway and not
                             takeaway.startswith(title) else takeaway)
    lead = _end("; ".join(dict.fromkeys(takeaways)))
    panels = [f"Panel {i}: {structure or takeaway}." for i, (takeaway, structure) in enumerate(parts, start=1)]
    return " ".join(p for p in (lead, head, f"{len(axes)} panels.", *panels) if p)


def _end(text: str) -> str:
    return text + "." if text and text[-1] not in ".!?" else text


_TRACE_KIND = {"scatter": "line or scatter plot", "scattergl": "scatter plot", "bar": "bar chart",
               "heatmap": "heatmap", "pie": "pie chart", "histogram": "histogram", "box": "box plot"}


def _axis_title(axis) -> str:
    title = (axis or {}).get("title")
    return plain(title.get("text") if isinstance(title, dict) else title)


def _describe_plotly(fig: dict) -> str:
    layout = fig.get("layout", {}) or {}
    title = layout.get("title")
    title = plain(title.get("text") if isinstance(title, dict) else title)
    parts = ["Interactive chart" + (f": {title}" if title else "")]
    for trace in fig.get("data", []):
        kind = _TRACE_KIND.get(trace.get("type", "scatter"), trace.get("type", "chart"))
        if trace.get("type") == "pie":
            parts.append(f"Pie chart of {_names(trace.get('labels', []))}")
    others = [t for t in fig.get("data", []) if t.get("type") != "pie"]
    names = _names(t.get("name") for t in others)
    if others:
        kinds = _names(_TRACE_KIND.get(t.get("type", "scatter"), t.get("type", "chart")) for t in others)
        parts.append(kinds.capitalize() + (f" of {names}" if names else ""))
    axes = [(key, _axis_title(value)) for key, value in sorted(layout.items()) if key.startswith(("xaxis", "yaxis"))]
    for key, axis_title in axes:
        if axis_title:
            parts.append(f"{key[0]} axis: {axis_title}")
    sliders = layout.get("sliders") or []
    if sliders:
        steps = sliders[0].get("steps", [])
        prefix = plain((sliders[0].get("currentvalue") or {}).get("prefix", "")).rstrip(": ") or "value"
        if steps:
            parts.append(f"A slider sets the {prefix.lower()} from {plain(steps[0].get('label'))} to "
                         f"{plain(steps[-1].get('label'))} in {len(steps)} steps")
    return ". ".join(parts) + "."


def plotly_data_table(fig) -> tuple[str, list, list]:
    """The data behind a plotly figure, as (caption, header, rows), for readers without the chart.

    A figure with a slider whose steps change the title gets one row per step (its label and that title);
    a pie chart one row per slice; other traces one row each with their number of points and x and y ranges.

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> plotly_data_table(go.Figure(go.Pie(labels=["a", "b"], values=[3, 1])))
    ('The data in the chart', ['Slice', 'Value', 'Share'], [['a', '3', '75.0%'], ['b', '1', '25.0%']])
    """
    fig = _plotly_dict(fig)
    layout = fig.get("layout", {}) or {}
    sliders = layout.get("sliders") or []
    steps = sliders[0].get("steps", []) if sliders else []
    titled = [s for s in steps if len(s.get("args", [])) >= 2 and isinstance(s["args"][1], dict)
              and "title.text" in s["args"][1]]
    if steps and len(titled) == len(steps):
        prefix = plain((sliders[0].get("currentvalue") or {}).get("prefix", "")).rstrip(": ") or "Slider"
        return ("What the chart shows at each slider position", [prefix, "Chart title at that position"],
                [[plain(s.get("label")), plain(s["args"][1]["title.text"])] for s in steps])
    rows = []
    for trace in fig.get("data", []):
        if trace.get("type") == "pie":
            values = [float(v) for v in trace.get("values", [])]
            total = sum(values) or 1.0
            rows += [[plain(label), f"{value:g}", f"{value / total:.1%}"]
                     for label, value in zip(trace.get("labels", []), values)]
    if rows:
        return "The data in the chart", ["Slice", "Value", "Share"], rows
    for trace in fig.get("data", []):
        x, y = list(trace.get("x") or []), list(trace.get("y") or [])
        numeric = [v for v in y if isinstance(v, (int, float)) and v == v]
        xs = [v for v in x if isinstance(v, (int, float)) and v == v]
        rows.append([plain(trace.get("name")) or trace.get("type", "trace"), str(max(len(x), len(y))),
                     f"{min(xs):g} to {max(xs):g}" if xs else "", f"{min(numeric):g} to {max(numeric):g}" if numeric else ""])
    return "The traces in the chart", ["Trace", "Points", "x range", "y range"], rows
