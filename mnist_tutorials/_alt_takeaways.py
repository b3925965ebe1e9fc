"""Takeaways computed from what a chart draws, for its text alternative (:mod:`mnist_tutorials._alt`).

A ROC curve gives its AUC (from the legend, else the area under the line), a precision/recall curve the
precision it keeps at 50% and 90% recall, precision and recall against the threshold where the falling recall
meets the precision, a calibration curve its largest gap from the diagonal, a bar chart with one category label
per bar its highest and lowest bar. Every number is read from the figure, so the sentence describes the data shown.
:func:`plain` (text without markup) lives here too, so that this module imports nothing of the package.
"""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^>]+>")
_TEX = re.compile(r"[$\\{}]")  # matplotlib mathtext: $\hat y$ reads "hat y"


def plain(text) -> str:
    """Text without HTML tags or entities (plotly titles may hold ``<br>``) or TeX markup, on one line.

    Examples
    --------
    >>> plain(r"$\\hat y = \\sigma(z)$<br>and e^{-z}")
    'hat y = sigma(z) and e^-z'
    """
    text = html.unescape(_TAG.sub(" ", str(text or "")))
    return " ".join(_TEX.sub("", text).split())

def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 1000 or float(value).is_integer() else f"{value:.3g}"


def _curves(ax, min_points: int = 5):
    """(label, x, y) of each line on ``ax`` with at least ``min_points`` points (reference diagonals have two)."""
    import numpy as np

    found = []
    for line in ax.get_lines():
        x, y = (np.asarray(v, dtype=float) for v in line.get_data())
        if x.size >= min_points and x.size == y.size:
            label = plain(line.get_label())
            found.append(("" if label.startswith("_") else label, x, y))
    return found


def line_takeaway(ax) -> str:
    """What a ROC curve, a precision/recall curve, precision and recall against the threshold, or a calibration
    curve shows, computed from the lines drawn (and the AUCs their legend gives); '' for other charts."""
    import numpy as np

    xlabel, ylabel = plain(ax.get_xlabel()).lower(), plain(ax.get_ylabel()).lower()
    curves = _curves(ax)
    if not curves:
        return ""
    if "false positive rate" in xlabel and "true positive rate" in ylabel:
        legend = ax.get_legend()
        entries = [plain(t.get_text()) for t in legend.get_texts()] if legend is not None else []
        aucs = [(float(m.group(2)), m.group(2), m.group(1).strip(" (,") or "the classifier") for m in
                (re.match(r"(.*?)\(?AUC\s*=\s*([0-9]*\.?[0-9]+)", e) for e in entries) if m]
        if not aucs:  # no AUC in the legend: the area under each curve drawn
            area = getattr(np, "trapezoid", None) or np.trapz
            aucs = [(a, f"{a:.3f}", label or "the classifier")
                    for label, x, y in curves for a in [float(area(y[np.argsort(x)], np.sort(x)))]]
        aucs.sort(key=lambda item: -item[0])
        return ("ROC curve" + ("s" if len(aucs) > 1 else "") + ": "
                + ", ".join(f"{name} AUC {shown}" for _, shown, name in aucs[:4]) + " (0.5 is chance, 1 is perfect)")
    if xlabel.startswith("recall") and ylabel.startswith("precision"):
        parts = []
        for label, recall, precision in curves[:4]:
            at = []
            for r in (0.5, 0.9):
                reached = precision[recall >= r]
                if reached.size:
                    at.append(f"{reached.max():.0%} at recall {r:.0%}")
            if at:
                parts.append((f"{label}: " if label else "") + " and ".join(at))
        return ("Precision " + "; ".join(parts)) if parts else ""
    if "threshold" in xlabel:
        named = {label.lower(): (x, y) for label, x, y in curves}
        if "precision" in named and "recall" in named:
            (xp, p), (xr, r) = named["precision"], named["recall"]
            if xp.size == xr.size and np.allclose(xp, xr) and r[0] > r[-1]:
                order = np.argsort(xp)
                xp, p, r = xp[order], p[order], r[order]
                crossing = np.flatnonzero((p >= r) & np.isfinite(p))
                text = f"Recall falls from {r[0]:.0%} to {r[-1]:.0%} as the threshold rises"
                if crossing.size and crossing[0] > 0:
                    k = crossing[0]
                    text += (f"; precision reaches recall near threshold {_number(xp[k])}, where both are about "
                             f"{(p[k] + r[k]) / 2:.0%}")
                return text
    if "predicted probability" in xlabel and "fraction of" in ylabel:
        gaps = []
        for label, x, y in curves[:4]:
            k = int(np.nanargmax(np.abs(y - x)))
            gaps.append(f"{label or 'the model'} {abs(y[k] - x[k]):.2f} at predicted {x[k]:.2f}")
        return "Largest gap from the diagonal (perfect calibration): " + "; ".join(gaps)
    return ""


def bar_takeaway(ax) -> str:
    """The lowest and highest bar of each labelled series, when the bars have category tick labels."""
    import numpy as np

    containers = [c for c in ax.containers if type(c).__name__ == "BarContainer" and len(c) > 1]
    if not containers or len(containers) > 6:
        return ""
    horizontal = getattr(containers[0], "orientation", "vertical") == "horizontal"
    ticks = [plain(t.get_text()) for t in (ax.get_yticklabels() if horizontal else ax.get_xticklabels())]
    positions = (ax.get_yticks() if horizontal else ax.get_xticks())
    parts = []
    for container in containers[:4]:
        bars = list(container)
        if len(bars) > 30:
            return ""
        values = np.array([b.get_width() if horizontal else b.get_height() for b in bars])
        centres = [b.get_y() + b.get_height() / 2 if horizontal else b.get_x() + b.get_width() / 2 for b in bars]
        labelled = [(t, at) for t, at in zip(ticks, positions) if t]
        if len(labelled) != len(bars):  # not one category label per bar (a histogram's ticks, say)
            return ""
        names = []
        for c in centres:
            near = [t for t, at in labelled if abs(at - c) < 0.5]
            names.append(near[0] if len(near) == 1 else None)
        if None in names or len(set(names)) != len(names) or not np.isfinite(values).all():
            return ""
        lo, hi = int(np.argmin(values)), int(np.argmax(values))
        label = plain(container.get_label())
        series = "" if not label or label.startswith("_") else f"{label}: "
        parts.append(f"{series}highest {names[hi]} ({_number(values[hi])}), lowest {names[lo]} ({_number(values[lo])})")
    return "; ".join(parts).capitalize() if parts else ""
