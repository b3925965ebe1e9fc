"""The interactive threshold explorer on the built trade-off page, driven in Chromium.

Run after ``mkdocs build --strict``::

    pytest -m "browser or build" tests/test_browser_explorer.py

The browser test reads what a reader sees (the figure's title and the confusion-matrix cells, as SVG text),
moves the slider with the mouse, and checks that the precision and recall shown are the ones the displayed
confusion matrix implies, and the ones the slider step carries.
"""

from __future__ import annotations

import re

import pytest
from plotly_data import draw_all

PAGE = "tutorials/03_precision_recall_tradeoff/"
TITLE = re.compile(r"Threshold (-?[\d,]+): precision ([\d.]+)%, recall ([\d.]+)%")
CELL = re.compile(r"(TN|FP|FN|TP)([\d,]+)")


def _explorer(page):
    """The explorer's graph div: the plotly figure that has a slider."""
    draw_all(page)
    page.wait_for_selector(".plotly-graph-div .slider-rail-touch-rect", timeout=30_000)
    graphs = page.locator(".plotly-graph-div").filter(has=page.locator(".slider-rail-touch-rect"))
    assert graphs.count() == 1, "expected exactly one plotly figure with a slider on the trade-off page"
    return graphs.first


def _read(graph) -> dict:
    """Threshold, precision and recall from the title; TN/FP/FN/TP from the heatmap's cell labels."""
    title = graph.locator(".gtitle").text_content()
    match = TITLE.fullmatch(title.strip())
    assert match, f"unexpected explorer title {title!r}"
    cells = {}
    for text in graph.locator("text").all_text_contents():
        found = CELL.fullmatch(text.strip())
        if found:
            cells[found.group(1)] = int(found.group(2).replace(",", ""))
    assert set(cells) == {"TN", "FP", "FN", "TP"}, f"expected the four matrix cells, found {cells}"
    return {
        "title": title,
        "threshold": int(match.group(1).replace(",", "")),
        "precision": float(match.group(2)) / 100,
        "recall": float(match.group(3)) / 100,
        **cells,
    }


def _script_errors(page) -> list[str]:
    """Console errors other than blocked external resources (fonts, MathJax: there is no network)."""
    return [error for error in page.console_errors if not error.startswith("Failed to load resource")]


def _consistent(state: dict) -> None:
    tp, fp, fn = state["TP"], state["FP"], state["FN"]
    assert state["precision"] == pytest.approx(round(tp / (tp + fp), 3), abs=1e-9), state
    assert state["recall"] == pytest.approx(round(tp / (tp + fn), 3), abs=1e-9), state


@pytest.mark.browser
def test_slider_updates_precision_recall_and_matrix(page, site_server):
    page.goto(site_server + PAGE)
    graph = _explorer(page)
    before = _read(graph)
    assert before["threshold"] == 0, "the explorer should start at predict's threshold, 0"
    _consistent(before)

    graph.scroll_into_view_if_needed()
    rail = graph.locator(".slider-rail-touch-rect").bounding_box()
    page.mouse.click(rail["x"] + 0.8 * rail["width"], rail["y"] + rail["height"] / 2)
    graph.locator(".gtitle").filter(has_not_text=before["title"]).wait_for(timeout=10_000)
    after = _read(graph)
    _consistent(after)
    assert after["threshold"] > before["threshold"]
    assert after["recall"] < before["recall"]
    assert after["TP"] + after["FP"] < before["TP"] + before["FP"], "a higher threshold predicts fewer 5s"
    # Moving the threshold moves images between columns, never between rows.
    assert after["TN"] + after["FP"] == before["TN"] + before["FP"]
    assert after["FN"] + after["TP"] == before["FN"] + before["TP"]

    # What is shown is what the active slider step carries (precomputed by the package).
    carried = page.evaluate(
        """() => {
            const gd = [...document.querySelectorAll('.plotly-graph-div')]
                .find((g) => g.layout && g.layout.sliders && g.layout.sliders.length);
            const slider = gd._fullLayout.sliders[0];
            return {label: slider.steps[slider.active].label,
                    title: slider.steps[slider.active].args[1]['title.text']};
        }"""
    )
    assert carried["title"] == after["title"]
    assert int(carried["label"].replace(",", "")) == after["threshold"]
    assert _script_errors(page) == []


@pytest.mark.build
def test_trade_off_page_is_small_and_loads_plotly_once(site_dir):
    html_path = site_dir / PAGE / "index.html"
    html = html_path.read_text(encoding="utf-8")
    assert html_path.stat().st_size < 1_500_000, f"{html_path} is {html_path.stat().st_size:,} bytes"
    assert html.count("plotly.min.js") == 1, "plotly.js must be loaded once, from the shared asset"
    assert "plotly.js v" not in html, "plotly.js must not be inlined into the page"
    assert html.count("plotly-graph-div") >= 1
