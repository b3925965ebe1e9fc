"""The built site in real Chromium: pages render with no console errors, in light and dark, with math, plotly
charts, copy buttons, cross-links and search working. Each test leaves a screenshot in test-artifacts/.

Run ``mkdocs build --strict`` first, then ``pytest -m browser tests/test_browser_site.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from plotly_data import draw_all

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
TUTORIALS = sorted((ROOT / "docs" / "tutorials").glob("[0-9][0-9]_*.py"))
TRADE_OFF = "03_precision_recall_tradeoff"
ARTIFACTS = ROOT / "test-artifacts"
TIMEOUT_MS = 30_000


def _url(stem: str) -> str:
    return f"tutorials/{stem}/"


def _title(source: Path) -> str:
    return re.search(r"^# # (.+)$", source.read_text(encoding="utf-8"), re.M).group(1).strip()


def _has_math(source: Path) -> bool:
    return bool(re.search(r"^# .*\$[^$\n]+\$", source.read_text(encoding="utf-8"), re.M))


def _open(page, base: str, path: str = "") -> None:
    page.goto(base + path, wait_until="load")
    page.wait_for_load_state("networkidle")


def _wait_for_math(page) -> int:
    """The number of formulas on the page: typeset at build time (docs/hooks/_mathsvg.py), or else by MathJax in the
    browser, which loads near a formula or at the first key press (javascripts/mathjax.js)."""
    if page.locator("style#reader-math").count():
        return page.locator("mjx-container svg").count()
    page.keyboard.press("Shift")
    page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=TIMEOUT_MS)
    page.evaluate("() => MathJax.startup.promise")
    return page.locator("mjx-container").count()


def _wait_for_plotly(page) -> int:
    """Scroll to every plotly chart on the page until it has drawn its SVG; return how many there are."""
    return draw_all(page)


def _set_scheme(page, scheme: str) -> None:
    """Use the header's light/dark toggle, as a reader does."""
    current = page.get_attribute("body", "data-md-color-scheme")
    if current != scheme:
        page.locator("form[data-reader-component=palette] label:visible").first.click()
    page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') === '{scheme}'")


def _luminance(page, selector: str, prop: str) -> float:
    rgb = page.eval_on_selector(selector, f"e => getComputedStyle(e)['{prop}']")
    values = [float(v) for v in re.findall(r"[\d.]+", rgb)[:3]]
    assert len(values) == 3, f"{selector} {prop} = {rgb!r}"
    return sum(w * v / 255 for w, v in zip((0.2126, 0.7152, 0.0722), values))


def _math_tutorial() -> Path:
    with_math = [t for t in TUTORIALS if _has_math(t)]
    return with_math[0] if with_math else TUTORIALS[0]


def test_home_page_renders_and_starts_the_path(site_server, page):
    _open(page, site_server)
    assert page.locator("h1").first.is_visible()
    image = page.locator("article img").first
    assert image.evaluate("img => img.complete && img.naturalWidth > 0"), "the home page's figure did not load"
    first = page.locator("article table a").first  # the "Start here" table (Material wraps it in a div)
    assert first.inner_text().strip() == _title(TUTORIALS[0])
    first.click()
    page.wait_for_load_state("load")
    assert page.url == site_server + _url(TUTORIALS[0].stem), page.url
    assert page.console_errors == []


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_tutorial_in_light_and_dark(site_server, page, scheme):
    tutorial = _math_tutorial()
    _open(page, site_server, _url(tutorial.stem))
    _set_scheme(page, scheme)
    background = _luminance(page, "body", "backgroundColor")
    code = _luminance(page, ".jupyter-wrapper .highlight-ipynb pre", "color")
    if scheme == "slate":
        assert background < 0.3 and code > 0.6, f"dark page: background {background:.2f}, code text {code:.2f}"
        card = page.locator(".jupyter-wrapper .jp-RenderedImage img").first
        if card.count():
            assert _luminance(page, ".jupyter-wrapper .jp-RenderedImage img", "backgroundColor") > 0.9
    else:
        assert background > 0.9 and code < 0.4, f"light page: background {background:.2f}, code text {code:.2f}"
    for link in ("reader-colab", "reader-download", "reader-source"):
        assert page.locator(f"a.{link}").is_visible(), f"{link} is not visible"
    assert page.locator(".reader-install pre code").inner_text().startswith("%pip install")
    if _has_math(tutorial):
        assert _wait_for_math(page) > 0, "MathJax rendered no formula"
        markdown = " ".join(page.locator(".jp-RenderedMarkdown").all_inner_texts())
        assert "$$" not in markdown, "raw $$ math left on the page"
    footer_next = page.locator("a.md-footer__link--next")
    assert footer_next.count() == 1, "no 'Next' link at the end of the page"
    page.locator(".reader-install").scroll_into_view_if_needed()
    assert page.console_errors == []


def test_notebook_copy_button_copies_the_cell(site_server, page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server.rstrip("/"))
    _open(page, site_server, _url(TUTORIALS[0].stem))
    cell = page.locator(".jp-CodeCell .jp-InputArea").first
    cell.hover()
    cell.locator("clipboard-copy").click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.strip() == cell.locator(".highlight-ipynb pre").inner_text().strip()
    assert page.console_errors == []


def test_cross_link_opens_the_api_entry(site_server, page):
    _open(page, site_server, _url(TUTORIALS[0].stem))
    xref = page.locator("a.reader-xref").first
    name = xref.inner_text()
    xref.click()
    page.wait_for_load_state("load")
    assert "/reference/" in page.url and "#mnist_tutorials." in page.url, page.url
    anchor = page.url.split("#", 1)[1]
    heading = page.locator(f"[id='{anchor}']")
    assert heading.is_visible() and name in heading.inner_text()
    used_in = page.locator(f"[id='{anchor}'] ~ div .reader-used-in, [id='{anchor}'] + div .reader-used-in").first
    assert used_in.is_visible(), "the API entry does not list the tutorials that use it"
    assert page.console_errors == []


def test_every_tutorial_renders_without_console_errors(site_server, page):
    ARTIFACTS.mkdir(exist_ok=True)
    for tutorial in TUTORIALS:
        _open(page, site_server, _url(tutorial.stem))
        if page.locator(".plotly-graph-div").count():
            _wait_for_plotly(page)
        if _has_math(tutorial):
            _wait_for_math(page)
        # Figures are lazy-loaded files: ask for every one now, then wait until each has arrived or failed.
        page.eval_on_selector_all("article img", "imgs => imgs.forEach(i => { i.loading = 'eager'; })")
        page.wait_for_function("[...document.querySelectorAll('article img')].every(i => i.complete)", timeout=30_000)
        broken = page.eval_on_selector_all("article img", "imgs => imgs.filter(i => !i.complete || !i.naturalWidth).length")
        assert broken == 0, f"{tutorial.stem}: {broken} images did not load"
        page.screenshot(path=str(ARTIFACTS / f"tutorial-{tutorial.stem}.png"), full_page=False)
        assert page.console_errors == [], f"{tutorial.stem}: {page.console_errors}"


def test_every_plotly_chart_draws(site_server, page, site_dir):
    pages = [t.stem for t in TUTORIALS if "plotly-graph-div" in (site_dir / _url(t.stem) / "index.html").read_text()]
    if not pages:
        pytest.skip("no tutorial has a plotly chart yet")
    for stem in pages:
        _open(page, site_server, _url(stem))
        assert _wait_for_plotly(page) > 0
        page.locator(".plotly-graph-div").first.scroll_into_view_if_needed()
        assert page.console_errors == [], f"{stem}: {page.console_errors}"


def test_threshold_explorer_renders(site_server, page):
    if not (ROOT / "docs" / "tutorials" / f"{TRADE_OFF}.py").is_file():
        pytest.skip(f"{TRADE_OFF}.py does not exist yet")
    _open(page, site_server, _url(TRADE_OFF))
    page.wait_for_selector(".mtw.mtw-js", timeout=TIMEOUT_MS)  # the threshold explorer (threshold_widget)
    slider = page.locator(".mtw [role=slider]").first
    slider.scroll_into_view_if_needed()
    assert slider.is_visible(), "the threshold explorer has no slider"
    assert page.console_errors == []


def test_flag_page_renders(site_server, page):
    _open(page, site_server, "exercises/flags/")
    page.wait_for_selector(".flag-card")
    assert page.locator(".flag-card").count() > 0
    assert page.locator(".flag-load-error").is_hidden(), page.locator(".flag-load-error").inner_text()
    assert page.console_errors == []


def test_search_precision_lands_on_the_trade_off_tutorial(site_server, page):
    if not (ROOT / "docs" / "tutorials" / f"{TRADE_OFF}.py").is_file():
        pytest.skip(f"{TRADE_OFF}.py does not exist yet")
    _open(page, site_server)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("precision", delay=50)  # Material listens to keys
    results = page.locator(".md-search-result__item > a")
    results.first.wait_for(timeout=TIMEOUT_MS)
    hrefs = [results.nth(i).get_attribute("href") for i in range(min(results.count(), 3))]
    target = next((i for i, href in enumerate(hrefs) if f"/tutorials/{TRADE_OFF}/" in href), None)
    assert target is not None, f"'precision' does not find the trade-off tutorial in its top 3 pages: {hrefs}"
    results.nth(target).click()
    page.wait_for_load_state("load")
    assert f"/tutorials/{TRADE_OFF}/" in page.url, page.url
    assert page.console_errors == []
