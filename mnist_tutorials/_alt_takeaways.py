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
    value = float(round(value, 10)) + 0.0  # no "-5.55e-17" for a bin edge at 0, no "-0"
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
    if ("fraction of" in ylabel or "share of right" in ylabel) and (
            not xlabel or any(word in xlabel for word in ("predicted probability", "confidence", "probability"))):
        gaps = []
        for label, x, y in _curves(ax, min_points=3)[:4]:  # a calibration curve of few bins; the diagonal has 2
            k = int(np.nanargmax(np.abs(y - x)))
            gaps.append(f"{label or 'the model'} {abs(y[k] - x[k]):.2f} at predicted {x[k]:.2f}")
        if gaps:
            return "Largest gap from the diagonal (perfect calibration): " + "; ".join(gaps)
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
        for number, (label, recall, precision) in enumerate(curves[:4], start=1):
            label = label or (f"curve {number}" if len(curves) > 1 else "")
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
    return trend_takeaway(curves, xlabel=plain(ax.get_xlabel()), ylabel=plain(ax.get_ylabel()))


def trend_takeaway(curves, xlabel: str = "", ylabel: str = "", limit: int = 3) -> str:
    """Where each curve goes: its peak or low point when that lies inside the x range, else how it rises or falls
    from one end to the other.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.linspace(-1, 1, 21)
    >>> trend_takeaway([("F1", x, 1 - x ** 2)], xlabel="threshold")
    'F1 peaks at 1 at threshold 0'
    >>> trend_takeaway([("", x, x + 2)], xlabel="z", ylabel="score")
    'score rises from 1 to 3 as z goes from -1 to 1'
    """
    import numpy as np

    parts = []
    for label, x, y in curves[:limit]:
        keep = np.isfinite(x) & np.isfinite(y)
        x, y = x[keep], y[keep]
        if x.size < 2:
            continue
        order = np.argsort(x, kind="stable")
        x, y = x[order], y[order]
        name = label or ylabel or "the line"
        span = float(y.max() - y.min())
        hi, lo = int(np.argmax(y)), int(np.argmin(y))
        at = (lambda k: f" at {xlabel} {_number(x[k])}") if xlabel else (lambda k: f" at x = {_number(x[k])}")
        if span > 0 and 0 < hi < x.size - 1 and y[hi] - max(y[0], y[-1]) > 0.05 * span:
            parts.append(f"{name} peaks at {_number(y[hi])}{at(hi)}")
        elif span > 0 and 0 < lo < x.size - 1 and min(y[0], y[-1]) - y[lo] > 0.05 * span:
            parts.append(f"{name} is lowest, {_number(y[lo])},{at(lo)}")
        else:
            verb = "rises" if y[-1] > y[0] else "falls" if y[-1] < y[0] else "stays"
            moved = f"{verb} from {_number(y[0])} to {_number(y[-1])}" if verb != "stays" else f"stays at {_number(y[0])}"
            parts.append(f"{name} {moved} as {xlabel or 'x'} goes from {_number(x[0])} to {_number(x[-1])}")
    return "; ".join(parts)


def histogram_takeaway(ax) -> str:
    """The tallest bar of a chart of bars without category labels (a histogram), and the range the bars cover.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.hist([0, 0, 0, 1, 2, 2], bins=3); _ = ax.set_xlabel("pixel value")
    >>> histogram_takeaway(ax)
    'The tallest bar is at pixel value 0 to 0.667 (3); the bars cover pixel value 0 to 2'
    >>> plt.close(fig)
    """
    import numpy as np

    bars = [b for c in ax.containers if type(c).__name__ == "BarContainer" for b in c]
    if len(bars) < 3 or getattr(ax.containers[0], "orientation", "vertical") == "horizontal":
        return ""
    heights = np.array([b.get_height() for b in bars], dtype=float)
    lefts = np.array([b.get_x() for b in bars], dtype=float)
    rights = lefts + np.array([b.get_width() for b in bars], dtype=float)
    if not (np.isfinite(heights).all() and heights.max() > 0):
        return ""
    k = int(np.argmax(heights))
    xlabel = plain(ax.get_xlabel()) or "x"
    return (f"The tallest bar is at {xlabel} {_number(lefts[k])} to {_number(rights[k])} ({_number(heights[k])}); "
            f"the bars cover {xlabel} {_number(lefts.min())} to {_number(rights.max())}")


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
