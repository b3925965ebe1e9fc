"""The clickable confusion matrix (``confusion_explorer``) driven in Chromium.

Two sets of tests:

* on a page written in ``tmp_path`` from synthetic predictions (marker ``browser``; no site build needed): every
  cell shows exactly its images, keyboard-only use, the counts/rates toggle, light and dark schemes, a 390 px
  phone screen and a browser without JavaScript;
* on the three built tutorial pages that carry an explorer (markers ``build`` and ``browser``, after
  ``mkdocs build``): one working explorer each, within the page-weight budget.

Screenshots go to ``test-artifacts/`` (git-ignored).
"""

from __future__ import annotations

import json
import pathlib
import re

import numpy as np
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
PAGES = ["tutorials/06_multiclass/", "tutorials/07_sgd_error_analysis/", "tutorials/11_fashion_keras/"]
WIDGET_BUDGET = 300_000  # bytes the explorer may add to a page
PAGE_BUDGET = 1_500_000
MORE = re.compile(r"and ([\d,]+) more")

# Material's colour variables for its two schemes (enough of them for the widget), so the synthetic page looks
# like a tutorial page in either.
_SCHEMES = """
body{margin:16px;font-family:sans-serif;background:#fff;color:rgba(0,0,0,.87);
--md-default-fg-color--light:rgba(0,0,0,.54);--md-default-fg-color--lightest:rgba(0,0,0,.07);
--md-accent-fg-color:#526cfe;--md-code-bg-color:#f5f5f5}
body[data-md-color-scheme=slate]{background:#1e2129;color:rgba(226,228,233,.82);
--md-default-fg-color--light:rgba(226,228,233,.56);--md-default-fg-color--lightest:rgba(226,228,233,.07);
--md-accent-fg-color:#526cfe;--md-code-bg-color:#2e303e}
"""


def _script_errors(page) -> list[str]:
    return [e for e in page.console_errors if not e.startswith("Failed to load resource")]


def _widget_data(page) -> dict:
    return json.loads(page.locator(".mte script.mte-data").text_content())


def _select(page, i: int, j: int) -> None:
    page.locator(f'.mte td.mte-cell[data-row="{i}"][data-col="{j}"]').click()


def _shown(page) -> dict:
    """What the panel shows: its title, the images' ids in order, and the "n more" count."""
    more = page.locator(".mte-more").text_content()
    found = MORE.search(more)
    return {
        "title": page.locator(".mte-title").text_content(),
        "ids": [t.strip("#") for t in page.locator(".mte-thumb .mte-cap:nth-child(2)").all_text_contents()],
        "more": int(found.group(1).replace(",", "")) if found else 0,
    }


def _check_cell(page, data: dict, i: int, j: int) -> None:
    """The panel of cell (i, j) shows the cell's count, its first ``cap`` images, and "n more" for the rest."""
    count, cap = data["counts"][i][j], data["cap"]
    shown = _shown(page)
    labels = data["display_labels"]
    assert f"True {labels[i]}, predicted {labels[j]}" in shown["title"], shown["title"]
    assert f"{count:,} image" in shown["title"], (shown["title"], count)
    assert len(shown["ids"]) == min(count, cap), (i, j, count, cap, shown)
    assert shown["ids"] == [str(v) for v in data["cells"][i][j][0]]
    assert shown["more"] == max(0, count - cap), (i, j, count, cap, shown)
    assert page.locator(f'.mte td[data-row="{i}"][data-col="{j}"]').get_attribute("aria-selected") == "true"


# ---------------------------------------------------------------------------------- synthetic page (tmp_path)


@pytest.fixture
def synthetic(tmp_path):
    """A page with one explorer: 5 classes, class 3 never predicted, class 4 absent; 4 images per cell at most."""
    from sklearn.metrics import confusion_matrix

    from mnist_tutorials.plotting import confusion_explorer

    rng = np.random.default_rng(42)
    n = 300
    y_true = rng.choice([0, 1, 2, 3], size=n)
    y_pred = np.where(rng.random(n) < 0.7, y_true, rng.choice([0, 1, 2], size=n))
    y_pred[y_pred == 3] = 2
    scores = rng.random(n)
    images = rng.integers(0, 256, size=(n, 28, 28))
    explorer = confusion_explorer(y_true, y_pred, images, scores=scores, labels=[0, 1, 2, 3, 4],
                                  display_labels=["zero", "one", "two", "three", "four"], index=np.arange(n) + 100,
                                  score_name="probability", score_format=".1%", max_images=4)
    cm = confusion_matrix(y_true, y_pred, labels=[0, 1, 2, 3, 4])
    assert cm[:, 3].sum() == 0 and cm[4].sum() == 0 and (cm > 4).any() and ((cm > 0) & (cm <= 4)).any()

    def write(scheme: str) -> str:
        path = tmp_path / f"explorer_{scheme}.html"
        path.write_text(f'<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
                        f'content="width=device-width, initial-scale=1"><title>explorer</title><style>{_SCHEMES}'
                        f'</style></head><body data-md-color-scheme="{scheme}"><main><h1>Explorer</h1>'
                        f'{explorer.html}</main></body></html>', encoding="utf-8")
        return path.as_uri()

    return {"url": write("default"), "dark_url": write("slate"), "cm": cm, "explorer": explorer,
            "rates": confusion_matrix(y_true, y_pred, labels=[0, 1, 2, 3, 4], normalize="true")}


@pytest.mark.browser
def test_each_cell_shows_exactly_its_images(page, synthetic):
    page.goto(synthetic["url"])
    page.wait_for_selector(".mte.mte-js")
    data = _widget_data(page)
    assert data["counts"] == synthetic["cm"].tolist()
    initial = data["initial"]
    _check_cell(page, data, *initial)  # the panel opens on the largest confusion
    for i in range(5):
        for j in range(5):
            _select(page, i, j)
            _check_cell(page, data, i, j)
    # An image opens large with its labels and score, and closes again.
    _select(page, 0, 0)
    page.locator(".mte-thumb").first.click()
    facts = page.locator(".mte-detail .mte-facts").inner_text()
    first_id, first_score = data["cells"][0][0][0][0], data["cells"][0][0][1][0]
    for text in (f"#{first_id}", "true label", "zero", "predicted", "probability", first_score):
        assert text in facts, (text, facts)
    assert page.locator(".mte-big").is_visible()
    page.locator(".mte-close").click()
    assert page.locator(".mte-detail").is_hidden()
    assert _script_errors(page) == []


@pytest.mark.browser
def test_keyboard_only(page, synthetic):
    page.goto(synthetic["url"])
    page.wait_for_selector(".mte.mte-js")
    data = _widget_data(page)
    for _ in range(6):  # the two mode buttons come first, then the grid (one tab stop)
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('td.mte-cell')"):
            break
    where = "[+document.activeElement.dataset.row, +document.activeElement.dataset.col]"
    assert page.evaluate(where) == data["initial"], "the grid's tab stop is the selected cell"
    page.keyboard.press("Home")
    page.keyboard.press("ArrowUp")
    for _ in range(data["initial"][0]):
        page.keyboard.press("ArrowUp")
    assert page.evaluate(where) == [0, 0]
    page.keyboard.press("ArrowLeft")  # stays inside the grid
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    assert page.evaluate(where) == [1, 1]
    page.keyboard.press("End")
    assert page.evaluate(where) == [1, 4]
    page.keyboard.press("Home")
    page.keyboard.press("Enter")
    _check_cell(page, data, 1, 0)
    page.keyboard.press("Tab")  # into the panel: the first image
    assert page.evaluate("document.activeElement.classList.contains('mte-thumb')")
    page.keyboard.press("Enter")
    assert page.locator(".mte-detail").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('mte-close')")
    page.keyboard.press("Escape")
    assert page.locator(".mte-detail").is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('mte-thumb')"), "focus returns to the image"
    # Space selects too; the focused cell has a visible outline.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    _check_cell(page, data, 2, 0)
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    assert _script_errors(page) == []


@pytest.mark.browser
def test_counts_and_row_rates_toggle(page, synthetic):
    page.goto(synthetic["url"])
    page.wait_for_selector(".mte.mte-js")
    cm, rates = synthetic["cm"], synthetic["rates"]

    def texts():
        return [[page.locator(f'.mte td[data-row="{i}"][data-col="{j}"]').text_content() for j in range(5)]
                for i in range(5)]

    assert texts() == [[f"{v:,}" for v in row] for row in cm.tolist()]
    page.get_by_role("button", name="Row %").click()
    assert page.get_by_role("button", name="Row %").get_attribute("aria-pressed") == "true"
    expected = [[f"{rates[i, j]:.1%}" if cm[i].sum() else "—" for j in range(5)] for i in range(5)]
    assert texts() == expected
    assert "shares" in page.locator(".mte caption").text_content()
    page.get_by_role("button", name="Counts").click()
    assert texts() == [[f"{v:,}" for v in row] for row in cm.tolist()]
    assert _script_errors(page) == []


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_light_dark_and_phone(browser, synthetic, scheme):
    ARTIFACTS.mkdir(exist_ok=True)
    url = synthetic["url"] if scheme == "default" else synthetic["dark_url"]
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.goto(url)
        page.wait_for_selector(".mte.mte-js")
        page.locator(".mte-thumb").first.click()
        assert page.evaluate("document.scrollingElement.scrollWidth") <= width, "the page must not scroll sideways"
        box = page.locator(".mte").bounding_box()
        assert box["x"] + box["width"] <= width
        big = page.locator(".mte-big").bounding_box()
        assert big["x"] + big["width"] <= width, "the large view fits on the screen"
        flt = page.evaluate("getComputedStyle(document.querySelector('.mte-thumb .mte-img')).filter")
        assert flt == ("invert(1)" if scheme == "slate" else "none")
        # Text on the darkest cells is white; the others use the page's text colour.
        strong = page.locator(".mte td.mte-strong").first
        assert page.evaluate("(el) => getComputedStyle(el).color", strong.element_handle()) == "rgb(255, 255, 255)"
        page.screenshot(path=str(ARTIFACTS / f"confusion_explorer_synthetic_{scheme}_{width}px.png"), full_page=True)
        assert errors == []
        context.close()


@pytest.mark.browser
def test_without_javascript_the_table_stays(browser, synthetic):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(synthetic["url"])
    cm = synthetic["cm"]
    rows = page.locator(".mte table tbody tr")
    assert rows.count() == 5
    for i in range(5):
        cells = rows.nth(i).locator("td").all_text_contents()
        assert cells == [f"{v:,}" for v in cm[i]]
    assert page.locator(".mte-bar").count() == 0 and page.locator(".mte-panel").count() == 0
    assert page.locator(".mte caption").is_visible()
    context.close()


# --------------------------------------------------------------------------------------- the built tutorials


# The explorer's outer <div>; the build's keyboard hook may add an id and tabindex (its skip-link target) before
# the class.
_OPENING = re.compile(r'<div (?:[a-z-]+="[^"]*" )*class="mte"')


def _widget_bytes(html: str) -> int:
    """Bytes of the explorer's outer <div> (from its opening tag to the end of its inline script)."""
    start = _OPENING.search(html).start()
    data_end = html.index("</script>", html.index('class="mte-data"', start))
    end = html.index("</script></div>", data_end + 1) + len("</script></div>")
    return len(html[start:end].encode("utf-8"))


@pytest.mark.build
@pytest.mark.parametrize("url", PAGES)
def test_built_pages_carry_one_explorer_within_budget(site_dir, url):
    path = site_dir / url / "index.html"
    html = path.read_text(encoding="utf-8")
    assert len(_OPENING.findall(html)) == 1, f"{url}: expected one confusion explorer"
    size = _widget_bytes(html)
    assert size <= WIDGET_BUDGET, f"{url}: the explorer takes {size:,} bytes, more than {WIDGET_BUDGET:,}"
    assert path.stat().st_size <= PAGE_BUDGET, f"{url} is {path.stat().st_size:,} bytes"


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("url", PAGES)
def test_built_pages_explorer_works(page, site_server, url):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(site_server + url)
    page.wait_for_selector(".mte.mte-js", timeout=30_000)
    data = _widget_data(page)
    k = len(data["display_labels"])
    assert k == 10 and data["scored"] in (True, False)
    assert sum(map(sum, data["counts"])) > 0
    _check_cell(page, data, *data["initial"])
    diagonal = max(range(k), key=lambda i: data["counts"][i][i])
    _select(page, diagonal, diagonal)
    _check_cell(page, data, diagonal, diagonal)
    assert data["counts"][diagonal][diagonal] > data["cap"], "a busy diagonal cell shows 'n more'"
    # Keyboard: from the selected cell, one step right and Enter.
    page.locator(f'.mte td[data-row="{diagonal}"][data-col="{diagonal}"]').focus()
    page.keyboard.press("ArrowLeft" if diagonal == k - 1 else "ArrowRight")
    page.keyboard.press("Enter")
    _check_cell(page, data, diagonal, diagonal - 1 if diagonal == k - 1 else diagonal + 1)
    _select(page, *data["initial"])
    page.locator(".mte-thumb").first.click()
    assert page.locator(".mte-big").is_visible()
    name = url.strip("/").split("/")[-1]
    for scheme in ("default", "slate"):
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        flt = page.evaluate("getComputedStyle(document.querySelector('.mte-thumb .mte-img')).filter")
        assert flt == ("invert(1)" if scheme == "slate" else "none")
        page.locator(".mte").screenshot(path=str(ARTIFACTS / f"confusion_explorer_{name}_{scheme}.png"))
    # On a phone the widget stays inside the screen (the matrix scrolls sideways within it).
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator(".mte").scroll_into_view_if_needed()
    box = page.locator(".mte").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    page.locator(".mte").screenshot(path=str(ARTIFACTS / f"confusion_explorer_{name}_390px.png"))
    assert _script_errors(page) == []
