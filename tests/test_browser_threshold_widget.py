"""The threshold explorer (``threshold_widget``) driven in Chromium, on a page written in ``tmp_path``.

Synthetic scores, no site build needed (marker ``browser``): the counts shown at five thresholds are
``confusion_matrix``'s, reached by dragging and by the keys; the closest calls and the images that cross; the large
view; the cost and base-rate controls; the live region; a 390 px phone; light, dark and print; and the table a
browser without JavaScript shows. The built pages are in tests/test_browser_threshold_pages.py.

Screenshots go to ``test-artifacts/`` (git-ignored).
"""

from __future__ import annotations

import json
import pathlib

import numpy as np
import pytest
from sklearn.metrics import confusion_matrix

ROOT = pathlib.Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
STOPS = np.arange(-10000, 10001, 1250.0)
KEYS = {"tn": 3, "fp": 1, "fn": 2, "tp": 0}  # cell -> position in the widget's [TP, FP, FN, TN]

_SCHEMES = """
body{margin:16px;font-family:sans-serif;background:#fff;color:rgba(0,0,0,.87);
--md-default-fg-color--light:rgba(0,0,0,.54);--md-default-fg-color--lightest:rgba(0,0,0,.07);
--md-accent-fg-color:#526cfe;--md-code-bg-color:#f5f5f5}
body[data-md-color-scheme=slate]{background:#1e2129;color:rgba(226,228,233,.82);
--md-default-fg-color--light:rgba(226,228,233,.56);--md-default-fg-color--lightest:rgba(226,228,233,.07);
--md-accent-fg-color:#526cfe;--md-code-bg-color:#2e303e}
"""


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    from mnist_tutorials.plotting.threshold_widget import threshold_widget

    rng = np.random.default_rng(11)
    n = 3000
    y_true = rng.random(n) < 0.12
    y_scores = np.round(rng.normal(size=n) * 3500 + 5000 * y_true - 1500)
    images = rng.integers(0, 256, size=(n, 28, 28))
    widget = threshold_widget(y_true, y_scores, images, thresholds=STOPS, hide=[3000], positive_label="5",
                              cost_ratio=3, max_images=6, title="Synthetic detector")
    folder = tmp_path_factory.mktemp("widget")

    def write(scheme: str) -> str:
        path = folder / f"widget_{scheme}.html"
        path.write_text(f'<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
                        f'content="width=device-width, initial-scale=1"><title>widget</title><style>{_SCHEMES}'
                        f'</style></head><body data-md-color-scheme="{scheme}"><main><h1>Widget</h1>'
                        f'{widget.html}</main></body></html>', encoding="utf-8")
        return path.as_uri()

    return {"url": write("default"), "dark": write("slate"), "y_true": y_true, "y_scores": y_scores,
            "widget": widget, "stops": widget.stops["model"]}


def _errors(page) -> list[str]:
    return [e for e in page.console_errors if not e.startswith("Failed to load resource")]


def _open(page, url):
    page.goto(url)
    page.wait_for_selector(".mtw.mtw-js")


def _shown(page) -> dict:
    """The threshold and the four counts as the reader sees them."""
    text = page.locator(".mtw-slider").get_attribute("aria-valuenow")
    counts = {key: int(page.locator(f'.mtw td[data-cell="{key}"] .mtw-count').text_content().replace(",", ""))
              for key in KEYS}
    return {"threshold": float(text), **counts}


def _check_counts(page, synthetic) -> dict:
    shown = _shown(page)
    cm = confusion_matrix(synthetic["y_true"], synthetic["y_scores"] >= shown["threshold"], labels=[False, True])
    assert [[shown["tn"], shown["fp"]], [shown["fn"], shown["tp"]]] == cm.tolist(), shown
    tp, fp, fn = shown["tp"], shown["fp"], shown["fn"]
    metrics = page.locator(".mtw-metrics").text_content()
    assert f"precision {100 * tp / (tp + fp):.1f}%" in metrics and f"recall {100 * tp / (tp + fn):.1f}%" in metrics
    return shown


@pytest.mark.browser
def test_keys_move_the_threshold_and_the_counts_are_scikit_learns(page, synthetic):
    _open(page, synthetic["url"])
    stops = list(synthetic["stops"])
    slider = page.locator(".mtw-slider")
    assert _check_counts(page, synthetic)["threshold"] == 0.0, "starts at predict's threshold"
    slider.focus()
    seen = []
    for key, move in [("ArrowRight", 1), ("PageUp", 8), ("ArrowLeft", -1), ("PageDown", -8), ("End", None),
                      ("Home", None)]:
        before = stops.index(_shown(page)["threshold"])
        page.keyboard.press(key)
        expected = {"End": len(stops) - 1, "Home": 0}.get(key, max(0, min(len(stops) - 1, before + (move or 0))))
        shown = _check_counts(page, synthetic)
        assert shown["threshold"] == stops[expected], (key, shown)
        seen.append(shown["threshold"])
    assert len(set(seen)) >= 5, "counts checked at five thresholds or more"
    assert not any(1250 < t < 5500 for t in seen)
    # The live region announces the counts (after a short pause).
    page.keyboard.press("ArrowRight")
    shown = _shown(page)
    label = page.locator(".mtw-slider").get_attribute("aria-valuetext")
    page.wait_for_function("(label) => document.querySelector('.mtw [aria-live]').textContent"
                           ".startsWith('Threshold ' + label + ':')", arg=label)
    said = page.locator(".mtw [aria-live]").text_content()
    assert f"{shown['tp']:,} true positives, {shown['fp']:,} false positive" in said, said
    assert _errors(page) == []


@pytest.mark.browser
def test_drag_and_the_images_that_cross(page, synthetic):
    _open(page, synthetic["url"])
    data = json.loads(page.locator(".mtw script.mtw-data").text_content())
    scores = {e[0]: (e[1], e[2]) for e in data["models"][0]["images"]}
    ids = data["ids"]
    slider = page.locator(".mtw-slider")
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 0.8 * box["width"], box["y"] + box["height"] / 2, steps=8)
    page.mouse.up()
    dragged = _check_counts(page, synthetic)
    assert dragged["threshold"] > 0

    # The false positives shown are the closest calls: the lowest-scoring negatives at or above the threshold.
    t = dragged["threshold"]
    by_id = {str(ids[slot]): score for slot, score in scores.items()}
    fp = [by_id[b.get_attribute("data-id")] for b in page.locator('.mtw td[data-cell="fp"] .mtw-thumb').all()]
    assert fp and all(not positive and score >= t for score, positive in fp)
    assert [s for s, _ in fp] == sorted(s for s, _ in fp)
    # One step up: negatives scoring in [t, t + step) cross into TN, outlined there.
    slider.focus()
    page.keyboard.press("ArrowRight")
    t2 = _shown(page)["threshold"]
    crossed = page.locator('.mtw td[data-cell="tn"] .mtw-thumb.mtw-new').all()
    expected = sorted((s for s, p in scores.values() if not p and t <= s < t2), key=lambda s: abs(s - t2))
    assert len(crossed) == min(len(expected), data["cap"]) > 0
    assert [by_id[b.get_attribute("data-id")][0] for b in crossed] == expected[:data["cap"]]
    # A click shows the image large, with its score.
    crossed[0].click()
    facts = page.locator(".mtw-detail .mtw-facts").inner_text()
    score_text = crossed[0].locator(".mtw-cap").text_content()
    assert "score" in facts and score_text in facts and "true negatives" in facts
    assert page.locator(".mtw-big").is_visible()
    page.keyboard.press("Escape")
    assert page.locator(".mtw-detail").is_hidden()
    assert _errors(page) == []


def _cost(y_true, pred, k):
    tn, fp, fn, tp = confusion_matrix(y_true, pred, labels=[False, True]).ravel()
    return 1000 * (fp + k * fn) / len(y_true)


@pytest.mark.browser
def test_cost_control_finds_the_cheapest_threshold(page, synthetic):
    _open(page, synthetic["url"])
    y_true, y_scores, stops = synthetic["y_true"], synthetic["y_scores"], synthetic["stops"]
    k_input = page.locator(".mtw input[type=range]").first
    for log_k in (-1.0, 0.0, 1.0, 2.0):
        k_input.fill(str(log_k))
        k = 10 ** log_k
        costs = [_cost(y_true, y_scores >= t, k) for t in stops]
        best = stops[int(np.argmin(costs))]
        assert f"{min(costs):.1f}" in page.locator(".mtw-section").first.text_content()
        page.get_by_role("button", name="Move the threshold to the cheapest").click()
        shown = _check_counts(page, synthetic)
        assert shown["threshold"] == best, (log_k, shown, best)
    assert "100 false alarms" in k_input.get_attribute("aria-valuetext")
    assert _errors(page) == []


@pytest.mark.browser
def test_base_rate_moves_precision_and_pr_curve_not_roc(page, synthetic):
    _open(page, synthetic["url"])
    y_true, y_scores = synthetic["y_true"], synthetic["y_scores"]
    curves = ".mtw-pair svg path.mtw-curve"
    pr_before, roc_before = [page.locator(curves).nth(i).get_attribute("d") for i in (0, 1)]
    shown = _shown(page)
    page.locator(".mtw input[type=range]").nth(1).fill("1")
    pi0, pi = y_true.mean(), 0.01
    pred = y_scores >= shown["threshold"]
    tp, fp = (pred & y_true).sum() * pi / pi0, (pred & ~y_true).sum() * (1 - pi) / (1 - pi0)
    metrics = page.locator(".mtw-metrics").text_content()
    assert f"precision {100 * tp / (tp + fp):.1f}%" in metrics, metrics
    assert f"recall {100 * (pred & y_true).sum() / y_true.sum():.1f}%" in metrics
    assert "“not 5” 99.0%" in metrics
    pr_after, roc_after = [page.locator(curves).nth(i).get_attribute("d") for i in (0, 1)]
    assert pr_after != pr_before and roc_after == roc_before
    sentence = page.locator(".mtw-sentence").text_content()
    assert "falls" in sentence and f"{100 * tp / (tp + fp):.1f}%" in sentence and "ROC point does not move" in sentence
    assert page.locator('.mtw td[data-cell="tp"] .mtw-count').text_content().startswith("≈")
    page.get_by_role("button", name="Back to the data's share").click()
    assert _check_counts(page, synthetic)["threshold"] == shown["threshold"]
    assert _errors(page) == []


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_phone_light_dark_and_print(browser, synthetic, scheme):
    ARTIFACTS.mkdir(exist_ok=True)
    url = synthetic["url"] if scheme == "default" else synthetic["dark"]
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(url)
        page.wait_for_selector(".mtw.mtw-js")
        page.locator(".mtw-slider").focus()
        page.keyboard.press("ArrowRight")
        assert page.evaluate("document.scrollingElement.scrollWidth") <= width, "no sideways scroll"
        for part in (".mtw", ".mtw-slider", ".mtw-matrix", ".mtw-pair"):
            box = page.locator(part).first.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (part, box)
        flt = page.evaluate("getComputedStyle(document.querySelector('.mtw-thumb .mtw-img')).filter")
        assert flt == ("invert(1)" if scheme == "slate" else "none")
        page.screenshot(path=str(ARTIFACTS / f"threshold_widget_synthetic_{scheme}_{width}px.png"), full_page=True)
        page.emulate_media(media="print")
        assert page.locator(".mtw-cheapest").is_hidden() and page.locator(".mtw input").first.is_hidden()
        assert page.locator(".mtw-slider rect.mtw-negbar").count() > 10 and page.locator(".mtw-slider").is_visible()
        assert page.locator(".mtw-thumb").first.is_visible()
        if width == 1280:
            page.screenshot(path=str(ARTIFACTS / f"threshold_widget_synthetic_{scheme}_print.png"), full_page=True)
        assert errors == []
        context.close()


@pytest.mark.browser
def test_without_javascript_a_table_of_precision_and_recall(browser, synthetic):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(synthetic["url"])
    y_true, y_scores = synthetic["y_true"], synthetic["y_scores"]
    rows = page.locator(".mtw-fallback tbody tr")
    assert rows.count() >= 5 and page.locator(".mtw-fallback caption").is_visible()
    for i in range(rows.count()):
        threshold = float(rows.nth(i).locator("th").text_content().replace(",", ""))
        flagged, precision, recall = rows.nth(i).locator("td").all_text_contents()
        pred = y_scores >= threshold
        assert int(flagged.replace(",", "")) == pred.sum()
        assert precision == f"{(pred & y_true).sum() / pred.sum():.1%}"
        assert recall == f"{(pred & y_true).sum() / y_true.sum():.1%}"
    assert page.locator(".mtw-slider").count() == 0
    context.close()
