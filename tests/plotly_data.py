"""Decode the plotly figures a page carries (``Plotly.newPlot(id, data, layout, config)`` calls) into NumPy arrays.

plotly ≥ 6 writes numeric arrays as typed arrays (``{"dtype": "f8", "bdata": "<base64>"}``); older versions and
Python lists give plain JSON arrays with ``null`` for NaN. Both come back as float arrays here, so a test can
ask what a reader could compute from the figure's data without running any JavaScript.
"""

from __future__ import annotations

import base64
import json
import re

import numpy as np

_NEW_PLOT = re.compile(r"Plotly\.newPlot\(\s*[\"'][^\"']+[\"']\s*,\s*")


def as_array(value) -> np.ndarray | None:
    """A float array for a numeric plotly array (typed or plain), None for anything else (strings, nesting)."""
    if isinstance(value, dict) and "bdata" in value and "dtype" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        if "shape" in value:
            array = array.reshape([int(n) for n in str(value["shape"]).split(",")])
        return array.astype(float)
    if isinstance(value, list) and all(v is None or (isinstance(v, (int, float)) and not isinstance(v, bool))
                                       for v in value):
        return np.array([np.nan if v is None else v for v in value], dtype=float)
    return None


def figures_in_html(text: str) -> list[dict]:
    """Every ``{"data": [...], "layout": {...}}`` passed to ``Plotly.newPlot`` in a page."""
    decoder = json.JSONDecoder()
    figures = []
    for match in _NEW_PLOT.finditer(text):
        data, end = decoder.raw_decode(text, match.end())
        rest = text[end:].lstrip()
        layout = {}
        if rest.startswith(","):
            offset = len(text) - len(rest) + 1
            while text[offset].isspace():
                offset += 1
            layout, _ = decoder.raw_decode(text, offset)
        figures.append({"data": data, "layout": layout})
    return figures


def xy_series(figure: dict) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """Every (x, y) series a reader can take from a figure: each trace, and each trace as the slider steps
    would set it (one point per step, gathered across steps), named for error messages."""
    series = []
    for i, trace in enumerate(figure["data"]):
        x, y = as_array(trace.get("x")), as_array(trace.get("y"))
        if x is not None and y is not None and x.shape == y.shape and x.ndim == 1:
            series.append((f"trace {i} ({trace.get('name', trace.get('type'))})", x, y))
    for s, slider in enumerate(figure["layout"].get("sliders", [])):
        points: dict = {}
        for step in slider.get("steps", []):
            args = step.get("args") or []
            if not args or not isinstance(args[0], dict):
                continue
            xs, ys = args[0].get("x") or [], args[0].get("y") or []
            for k, (x, y) in enumerate(zip(xs, ys)):
                x, y = as_array(x), as_array(y)
                if x is None or y is None or x.shape != y.shape:
                    continue
                for j in range(x.size):
                    points.setdefault((k, j), []).append((x[j], y[j]))
        for (k, j), pairs in points.items():
            pairs = np.array(sorted(pairs), dtype=float)
            series.append((f"slider {s}, updated trace {k}, point {j}", pairs[:, 0], pairs[:, 1]))
    return series


def interpolate_at(x: np.ndarray, y: np.ndarray, at: float) -> float | None:
    """Linear interpolation of a series at ``at`` (NaN points and gaps dropped); None if ``at`` is outside it."""
    ok = np.isfinite(x) & np.isfinite(y)
    x, y = x[ok], y[ok]
    if x.size < 2:
        return None
    order = np.argsort(x, kind="stable")
    x, y = x[order], y[order]
    if not x[0] <= at <= x[-1]:
        return None
    return float(np.interp(at, x, y))


# Figures are drawn only when they come near the viewport (docs/javascripts/plotly-on-demand.js): scroll to each in
# turn, wait for its SVG, then go back to the top. Returns how many figures the page has.
DRAW_ALL = """async () => {
  const charts = [...document.querySelectorAll('.plotly-graph-div')];
  for (const chart of charts) {
    chart.scrollIntoView({block: 'center'});
    for (let i = 0; i < 300 && !chart.querySelector('svg.main-svg'); i++) await new Promise(r => setTimeout(r, 100));
    if (!chart.querySelector('svg.main-svg')) throw new Error(`plotly figure ${chart.id} not drawn 30 s after scrolling to it`);
  }
  window.scrollTo(0, 0);
  return charts.length;
}"""


def draw_all(page) -> int:
    """Scroll a Playwright page to each plotly figure until it is drawn; return the number of figures."""
    return page.evaluate(DRAW_ALL)

