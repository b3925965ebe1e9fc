"""Every reader can use every page (issue 16), checked in Chromium on the built site.

* every image has a meaningful text alternative (not empty, not nbconvert's placeholder);
* axe-core (vendored from npm by scripts/setup.sh) finds no violation of any impact, light or dark (a moderate
  one, text outside every landmark, slipped through while this test read only critical and serious ones);
* MathJax is loaded only by pages that have math, plotly.js only by pages with a plotly figure, and the search
  index only once the reader opens the search box;
* every page loads at most 1.5 MB, gzip-compressed, on its first view;
* every tutorial fits a 390 px wide phone: nothing sticks out of the column except inside a scrolling block;
* a plotly slider can be moved with the keyboard.

Each page is visited once (``visits``) and the tests read what the visit recorded. Run ``mkdocs build --strict``
first; Lighthouse scores are not tested here (they vary with the machine): ``scripts/audit_site.py`` prints them.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from urllib.parse import urlparse

import pytest
from plotly_data import DRAW_ALL, draw_all

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "vendor" / "axe-core" / "axe.min.js"
PLACEHOLDER = "No description has been provided for this image"
MAX_PAGE_BYTES = 1_500_000  # gzip, everything a page loads on its first view
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 30_000

_SETTLE = """async () => {
  await (""" + DRAW_ALL + """)();
  if (document.querySelector('script[data-mathjax]')) {  // MathJax loads on demand (javascripts/mathjax.js)
    window.readerLoadMathJax();
    for (let i = 0; i < 150 && !(window.MathJax && MathJax.startup && MathJax.startup.promise); i++) {
      await new Promise(r => setTimeout(r, 100));
    }
    await MathJax.startup.promise;
  }
}"""

# Where the first plotly figure starts, in screen heights from the top of the page (None: the page has none).
_FIRST_CHART = """() => {
  const chart = document.querySelector('.plotly-graph-div');
  return chart ? (chart.getBoundingClientRect().top + scrollY) / innerHeight : null;
}"""

# As Material's palette toggle does, minus its colour transitions: axe must see the scheme, not a fade frame.
_SET_SCHEME = """s => {
  const style = document.createElement('style');
  style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
  document.head.appendChild(style);
  document.body.setAttribute('data-md-color-scheme', s);
}"""

# Elements inside the article whose right edge passes the viewport, unless a scrolling block holds them.
_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = el => /(auto|scroll)/.test(getComputedStyle(el).overflowX);
  const out = [];
  for (const el of document.querySelectorAll('article *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) continue;
    let held = false;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (scrolls(a)) { held = true; break; }
    }
    if (!held && !scrolls(el)) out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${Math.round(box.right)}`);
  }
  return out.slice(0, 10);
}"""


def _site_pages(site: Path) -> list[str]:
    pages = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        if not rel.startswith(("assets", "search")) and rel != "404":
            pages.append("" if rel == "." else rel + "/")
    return pages


def _gzip_size(site: Path, url: str) -> int:
    path = site / urlparse(url).path.lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return len(gzip.compress(path.read_bytes(), compresslevel=6)) if path.is_file() else 0


def _axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]]


@pytest.fixture(scope="module")
def visits(site_server, site_dir, browser) -> dict:
    """Open every page once (1280 × 900); record images, scripts, bytes loaded and axe's violations per scheme."""
    if not AXE.is_file():
        pytest.fail(f"expected axe-core at {AXE}; run `bash scripts/setup.sh` (step 'axe-core')")
    records = {}
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("https://api.github.com/**", lambda route: route.fulfill(status=200, body="{}",
                                                                          content_type="application/json"))
    for path in _site_pages(site_dir):
        page = context.new_page()
        urls = []
        page.on("requestfinished", lambda request: urls.append(request.url))
        page.goto(site_server + path, wait_until="load", timeout=TIMEOUT_MS)
        page.wait_for_load_state("networkidle")
        first_view = {
            "plotly loaded": any("plotly" in url for url in urls),
            "first chart at (screens)": page.evaluate(_FIRST_CHART),
        }
        page.evaluate(_SETTLE)
        record = {
            "first view": first_view,
            "images": page.eval_on_selector_all("img", "imgs => imgs.map(i => i.getAttribute('alt'))"),
            "scripts": page.eval_on_selector_all("script[src]", "s => s.map(e => e.getAttribute('src'))"),
            "formulas": page.locator("mjx-container").count(),
            # formulas typeset at build time (a Markdown page's math: docs/hooks/_mathsvg.py) need no MathJax
            "typeset_at_build": page.locator("style#reader-math").count() > 0,
            "charts": page.locator(".plotly-graph-div").count(),
            "search index": any("search_index.json" in url for url in urls),
            "bytes": sum(_gzip_size(site_dir, url) for url in set(urls) if url.startswith(site_server)),
            "axe": {},
        }
        for scheme in ("default", "slate"):
            page.evaluate(_SET_SCHEME, scheme)
            record["axe"][scheme] = _axe(page)
        records[path or "(home)"] = record
        page.close()
    context.close()
    return records


def test_every_image_has_a_meaningful_alt(visits):
    bad = {page: [alt for alt in r["images"] if not (alt or "").strip() or alt.strip() == PLACEHOLDER]
           for page, r in visits.items()}
    bad = {page: alts for page, alts in bad.items() if alts}
    assert not bad, f"images without a meaningful alt text (page: alts): {bad}"
    assert sum(len(r["images"]) for r in visits.values()) > 0, "no image found on any page: is the site built?"


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_axe_violation(visits, scheme):
    found = {page: r["axe"][scheme] for page, r in visits.items() if r["axe"][scheme]}
    assert not found, f"axe ({scheme} scheme), page: violations:\n" + json.dumps(found, indent=1)[:6000]


def test_mathjax_and_plotly_load_only_where_needed(visits):
    for page, r in visits.items():
        mathjax = any("mathjax/tex-mml-chtml" in s for s in r["scripts"])
        assert mathjax == (r["formulas"] > 0 and not r["typeset_at_build"]), \
            (f"{page}: MathJax loaded: {mathjax}, formulas typeset: {r['formulas']}, typeset at build time: "
             f"{r['typeset_at_build']} (load it exactly where math is left to the browser)")
        plotly = [s for s in r["scripts"] if "plotly" in s]
        assert len(plotly) == (1 if r["charts"] else 0), f"{page}: {r['charts']} plotly charts, plotly scripts {plotly}"


def test_plotly_waits_until_its_figure_comes_near(visits):
    charted = {page: r["first view"] for page, r in visits.items() if r["charts"]}
    assert charted, "no page has a plotly figure: nothing to check"
    for page, first in charted.items():
        if first["first chart at (screens)"] > 2.5:  # the loader starts one screen ahead of the viewport
            assert not first["plotly loaded"], f"{page}: plotly.js loaded on first view, its figure is far below: {first}"


def test_search_index_waits_until_the_reader_searches(visits):
    eager = [page for page, r in visits.items() if r["search index"]]
    assert not eager, f"pages that fetched search/search_index.json before search was opened: {eager}"


def test_every_page_loads_at_most_1_5_mb_gzip(visits):
    heavy = {page: r["bytes"] for page, r in visits.items() if r["bytes"] > MAX_PAGE_BYTES}
    assert not heavy, f"pages loading more than {MAX_PAGE_BYTES:,} bytes (gzip) on first view: {heavy}"


def test_every_tutorial_fits_a_phone(site_server, site_dir, browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    context.route("https://api.github.com/**", lambda route: route.fulfill(status=200, body="{}",
                                                                          content_type="application/json"))
    page = context.new_page()
    problems = {}
    tutorials = [p for p in _site_pages(site_dir) if p.startswith("tutorials/")]
    assert tutorials, "no tutorial page in the built site"
    for path in tutorials:
        page.goto(site_server + path, wait_until="load", timeout=TIMEOUT_MS)
        page.wait_for_load_state("networkidle")
        page.evaluate(_SETTLE)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        sticking_out = page.evaluate(_OVERFLOW)
        if width > PHONE["width"] or sticking_out:
            problems[path] = {"page width": width, "outside the column": sticking_out}
    context.close()
    assert not problems, f"at {PHONE['width']} px: {json.dumps(problems, indent=1)}"


def test_desktop_sidebar_targets_are_24_px(site_server, site_dir, browser):
    # Lighthouse's target-size audit (WCAG 2.2, 2.5.8) failed on the reference/plotting pages at its desktop size:
    # the sidebar's links and section labels were 18 px tall, 8 px apart (docs/stylesheets/reader.css).
    context = browser.new_context(viewport={"width": 1350, "height": 940})
    page = context.new_page()
    small = {}
    for path in ("reference/plotting/bars/", "tutorials/03_precision_recall_tradeoff/", ""):
        page.goto(site_server + path, wait_until="load", timeout=TIMEOUT_MS)
        heights = page.evaluate("""() => [...document.querySelectorAll('.md-nav--primary .md-nav__link')]
            .map(e => e.getBoundingClientRect()).filter(r => r.width > 0 && r.height > 0).map(r => r.height)""")
        assert len(heights) > 10, f"{path or '(home)'}: expected the sidebar's links, found {len(heights)}"
        if min(heights) < 24:
            small[path or "(home)"] = min(heights)
    context.close()
    assert not small, f"sidebar targets under 24 px tall: {small}"


def test_inline_code_is_legible_on_a_phone(site_server, site_dir, browser):
    # Lighthouse's font-size audit: at least 60% of a page's text at 12 px or more. Material's inline code was
    # 10.9 px on a phone, 18% of the text of the API reference pages (docs/stylesheets/reader.css).
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    small = {}
    for path in ("reference/binary/", "reference/plotting/confusion/", "tutorials/02_five_detector/"):
        page.goto(site_server + path, wait_until="load", timeout=TIMEOUT_MS)
        sizes = page.evaluate("""() => [...document.querySelectorAll('.md-typeset code')]
            .map(e => parseFloat(getComputedStyle(e).fontSize))""")
        assert len(sizes) > 5, f"{path}: expected inline code, found {len(sizes)} elements"
        if min(sizes) < 12:
            small[path] = min(sizes)
    context.close()
    assert not small, f"inline code under 12 px on a phone: {small}"


def test_plotly_slider_works_from_the_keyboard(site_server, site_dir, page):
    pages = [p for p in _site_pages(site_dir) if "sliders" in (site_dir / p / "index.html").read_text(encoding="utf-8")
             and "plotly-graph-div" in (site_dir / p / "index.html").read_text(encoding="utf-8")]
    if not pages:
        pytest.skip("no page has a plotly figure with a slider")
    page.context.route("https://api.github.com/**", lambda route: route.fulfill(status=200, body="{}",
                                                                               content_type="application/json"))
    page.goto(site_server + pages[0], wait_until="load")
    draw_all(page)
    page.wait_for_selector(".reader-slider input[type=range]", timeout=TIMEOUT_MS)
    slider = page.locator(".reader-slider input[type=range]").first
    assert slider.get_attribute("aria-valuetext"), "the keyboard slider has no value text"
    name = page.locator(f"label[for='{slider.get_attribute('id')}']").inner_text()
    assert name.strip(), "the keyboard slider has no label"
    graph = page.locator(".plotly-graph-div").filter(has=page.locator(".slider-container")).first
    title = graph.locator(".gtitle").text_content()
    before = int(slider.input_value())
    slider.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("t => document.querySelector('.plotly-graph-div .gtitle').textContent !== t", arg=title)
    assert int(slider.input_value()) == before + 1
    assert page.locator(".reader-slider output").first.inner_text() == graph.locator(".gtitle").text_content()
    active = graph.evaluate("gd => gd.layout.sliders[0].active")
    assert active == before + 1, "the plotly slider did not follow the keyboard slider"
    assert page.console_errors == []
