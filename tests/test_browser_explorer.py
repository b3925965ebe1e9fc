"""The threshold explorer (``threshold_widget``) on the built trade-off page, and the same explorer on pages 05
and 12 (the sandal detector), driven in Chromium.

Run after ``mkdocs build --strict``::

    pytest -m "browser or build or reference" tests/test_browser_explorer.py

On page 03 the counts the reader sees at five thresholds are scikit-learn's ``confusion_matrix`` of the page's
cross-validated scores (recomputed here, marker ``reference``); the explorer carries no threshold and no image
inside the ML 105.1 band; a keyboard user reaches it in under 40 Tab stops; without JavaScript it is a table. On
the three pages: one explorer each, within 300 KB, that fits a 390 px phone, and axe finds no violation in it or
in the page's questions. Screenshots (light, dark, 390 px) go to ``test-artifacts/``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "vendor" / "axe-core" / "axe.min.js"
PAGE = "tutorials/03_precision_recall_tradeoff/"
PAGES = {PAGE: 1, "tutorials/05_random_forest_detector/": 2, "tutorials/12_fashion_sandal_detector/": 1}  # -> models
WIDGET_BUDGET, PAGE_BUDGET = 300_000, 1_500_000
FLAG_THRESHOLD = 3000.0  # ML 105.1: precision at this threshold; the explorer must not show it
TAB_BUDGET = 40
KEYS = {"tn": 3, "fp": 1, "fn": 2, "tp": 0}


def _errors(page) -> list[str]:
    return [e for e in page.console_errors if not e.startswith("Failed to load resource")]


def _payloads(html: str) -> list[dict]:
    blocks = re.findall(r'<script[^>]*class="mtw-data"[^>]*>(.*?)</script>', html, re.S)
    return [json.loads(b.replace("<\\/", "</")) for b in blocks]


def _widget_bytes(html: str) -> int:
    start = re.search(r'<div (?:[a-z-]+="[^"]*" )*class="mtw"', html).start()
    end = html.index("</script></div>", html.index('class="mtw-data"', start)) + len("</script></div>")
    return len(html[start:end].encode("utf-8"))


def _open(page, site_server, url):
    page.context.route("https://api.github.com/**", lambda route: route.fulfill(status=200, body="{}",
                                                                               content_type="application/json"))
    page.goto(site_server + url)
    page.wait_for_selector(".mtw.mtw-js", timeout=30_000)


def _shown(page) -> dict:
    counts = {key: int(page.locator(f'.mtw td[data-cell="{key}"] .mtw-count').first.text_content().replace(",", ""))
              for key in KEYS}
    return {"threshold": float(page.locator(".mtw-slider").first.get_attribute("aria-valuenow")), **counts}


@pytest.mark.build
@pytest.mark.parametrize("url", PAGES)
def test_one_explorer_per_page_within_budget(site_dir, url):
    path = site_dir / url / "index.html"
    html = path.read_text(encoding="utf-8")
    (data,) = _payloads(html)
    assert len(data["models"]) == PAGES[url]
    size = _widget_bytes(html)
    assert size <= WIDGET_BUDGET, f"{url}: the explorer takes {size:,} bytes, more than {WIDGET_BUDGET:,}"
    assert path.stat().st_size <= PAGE_BUDGET, f"{url} is {path.stat().st_size:,} bytes"
    assert "mtw-fallback" in html and '<table class="mtw-table"' in html


@pytest.fixture(scope="module")
def ml105_answer() -> float:
    from mnist_tutorials import flags

    return flags.compute_answer("ML105.1")


@pytest.mark.build
@pytest.mark.reference
@pytest.mark.parametrize("url", [PAGE, "tutorials/05_random_forest_detector/"])
def test_no_threshold_and_no_image_inside_the_flag_band(site_dir, url, ml105_answer):
    """ML 105.1 asks for the SGD precision at 3000: nothing the explorer carries lies in the band around it, and
    interpolating the precision between the stops on either side misses the answer by far."""
    (data,) = _payloads((site_dir / url / "index.html").read_text(encoding="utf-8"))
    (sgd,) = [m for m in data["models"] if min(m["stops"]) < 0]
    (band,) = sgd["hidden"]
    assert band[0] < FLAG_THRESHOLD < band[1] and band[1] - band[0] >= 5000, band
    stops = np.array(sgd["stops"])
    assert not ((stops > band[0]) & (stops < band[1])).any()
    scores = np.array([e[1] for e in sgd["images"]])
    assert not ((scores > band[0]) & (scores < band[1])).any()
    counts = np.array(sgd["counts"], dtype=float)
    precision = counts[:, 0] / (counts[:, 0] + counts[:, 1])
    estimate = np.interp(FLAG_THRESHOLD, stops, precision)
    assert abs(estimate - ml105_answer) > 0.005, estimate


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.reference
def test_counts_at_five_thresholds_are_scikit_learns(page, site_server):
    """Drag and keys on page 03; at each of five thresholds the four counts and precision/recall shown are those
    of ``confusion_matrix`` on the page's cross-validated scores."""
    from sklearn.metrics import confusion_matrix

    from mnist_tutorials import _flag_tasks

    y_scores = _flag_tasks.five_detector_scores()
    y_train_5 = _flag_tasks.mnist_split()[2] == "5"
    _open(page, site_server, PAGE)
    slider = page.locator(".mtw-slider")
    slider.scroll_into_view_if_needed()
    seen = {}

    def check():
        shown = _shown(page)
        cm = confusion_matrix(y_train_5, y_scores >= shown["threshold"], labels=[False, True])
        assert [[shown["tn"], shown["fp"]], [shown["fn"], shown["tp"]]] == cm.tolist(), shown
        tp, fp, fn = shown["tp"], shown["fp"], shown["fn"]
        text = page.locator(".mtw-metrics").text_content()
        precision = f"{100 * tp / (tp + fp):.1f}%" if tp + fp else "undefined"  # nothing called a 5
        assert f"precision {precision}" in text and f"recall {100 * tp / (tp + fn):.1f}%" in text, text
        seen[shown["threshold"]] = shown

    check()
    assert list(seen) == [0.0], "the explorer starts at predict's threshold"
    box = slider.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 0.3 * box["width"], box["y"] + box["height"] / 2, steps=6)
    page.mouse.up()
    check()
    for key in ("PageUp", "ArrowRight", "End", "PageDown"):
        page.keyboard.press(key)
        check()
    assert len(seen) >= 5, seen
    assert _errors(page) == []


def _user_agent_tab_stops(page, limit):
    """Press Tab from the top of the page until the focus is inside the explorer; follow skip links (Enter)."""
    presses = 0
    while presses < limit:
        page.keyboard.press("Tab")
        presses += 1
        where = page.evaluate("""() => {
            const el = document.activeElement;
            return {inside: !!el.closest('.mtw'), skip: el.matches('a.md-skip, a[href="#explore-the-trade-off"]'),
                    text: (el.textContent || '').trim().slice(0, 40)};
        }""")
        if where["inside"]:
            return presses
        if where["skip"]:
            page.keyboard.press("Enter")
    return None


@pytest.mark.build
@pytest.mark.browser
def test_keyboard_reaches_the_explorer_in_under_40_tab_stops(page, site_server):
    _open(page, site_server, PAGE)
    page.evaluate("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()")
    presses = _user_agent_tab_stops(page, TAB_BUDGET)
    assert presses is not None and presses < TAB_BUDGET, f"not reached in {TAB_BUDGET} Tab presses"
    assert page.evaluate("document.activeElement.matches('.mtw-slider')")
    page.keyboard.press("ArrowRight")
    assert _shown(page)["threshold"] == 6250.0, "the first step from 0 jumps over the exercise band"
    print(f"Tab presses from the top to the explorer: {presses}")


@pytest.mark.build
@pytest.mark.browser
def test_without_javascript_a_table_of_precision_and_recall(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_server + PAGE)
    rows = page.locator(".mtw-fallback tbody tr")
    assert rows.count() >= 5 and page.locator(".mtw-fallback caption").is_visible()
    thresholds = [float(t.replace(",", "")) for t in page.locator(".mtw-fallback tbody th").all_text_contents()]
    assert 0.0 in thresholds and not any(500 < t < 5500 for t in thresholds)
    assert page.locator(".mtq summary").first.is_visible(), "the questions are plain <details>"
    context.close()


def _axe(page, selector) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("(sel) => axe.run({include: sel.split(',').map(s => s.trim())"
                           ".filter(s => document.querySelector(s))}, {resultTypes: ['violations']})", selector)
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]]


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("url", PAGES)
def test_explorers_pass_axe_fit_a_phone_and_screenshots(browser, site_server, url):
    if not AXE.is_file():
        pytest.fail(f"expected axe-core at {AXE}; run `bash scripts/setup.sh`")
    ARTIFACTS.mkdir(exist_ok=True)
    name = url.strip("/").split("/")[-1]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    _open(page, site_server, url)
    widget = page.locator(".mtw")
    widget.scroll_into_view_if_needed()
    page.locator(".mtw-slider").focus()
    page.keyboard.press("ArrowRight")
    page.locator('.mtw td[data-cell="fp"] .mtw-thumb, .mtw td[data-cell="fn"] .mtw-thumb').first.click()
    page.add_style_tag(content=".md-header{visibility:hidden}")  # element screenshots, without the sticky header
    found = {}
    for scheme in ("default", "slate"):
        page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
        page.wait_for_timeout(300)
        found[scheme] = _axe(page, ".mtw, .mtq")
        widget.screenshot(path=str(ARTIFACTS / f"threshold_explorer_{name}_{'light' if scheme == 'default' else 'dark'}.png"))
    assert found == {"default": [], "slate": []}, json.dumps(found, indent=1)
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'default')")
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(300)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390, "no sideways scroll at 390 px"
    box = widget.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    widget.screenshot(path=str(ARTIFACTS / f"threshold_explorer_{name}_390px.png"))
    assert _errors(page) == []
    context.close()
