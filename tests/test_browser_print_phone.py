"""Issue 28, print and phone, in Chromium on the built site.

Print: every figure fits an A4 page's width, plotly figures are redrawn at that width, data tables print whole (no
scroll box, their ``<details>`` opened). Phone (390 px): code cells get the column's width, not 240 px of it.
Each test leaves what it saw in ``test-artifacts/``: a PDF of the printed page and a PNG of it with print media
emulated, and phone screenshots.
"""

from __future__ import annotations

import pathlib
import shutil
import subprocess

import pytest

pytestmark = pytest.mark.browser

ROOT = pathlib.Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
A4_WIDTH = 794  # CSS pixels: 210 mm at 96 dpi
PRINT_PAGES = ["tutorials/03_precision_recall_tradeoff/", "tutorials/06_multiclass/", "tutorials/10_fashion_eda/"]
PHONE_PAGES = ["tutorials/02_five_detector/", "tutorials/11_fashion_keras/"]

_DRAWN = """() => [...document.querySelectorAll('.plotly-graph-div')].every(d => d.querySelector('svg.main-svg'))"""
_CUT = """width => {
  const out = [];
  for (const el of document.querySelectorAll('article img, article .plotly-graph-div, article svg.main-svg, article figure')) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1) out.push(`${el.tagName}.${el.className.baseVal ?? el.className} right=${Math.round(box.right)}`);
  }
  const clipped = [...document.querySelectorAll('.reader-table-scroll')]
    .filter(el => el.scrollHeight > el.clientHeight + 1).map(el => el.scrollHeight + '>' + el.clientHeight);
  const closed = document.querySelectorAll('details.reader-plotly-data:not([open])').length;
  return {cut: out.slice(0, 5), clipped: clipped.slice(0, 5), closed};
}"""


def _name(path: str) -> str:
    return path.strip("/").split("/")[-1] or "home"


@pytest.mark.parametrize("path", PRINT_PAGES)
def test_printed_figures_fit_an_a4_page_and_tables_print_whole(site_server, browser, path):
    context = browser.new_context(viewport={"width": A4_WIDTH, "height": 1123})
    page = context.new_page()
    page.goto(site_server + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    if page.locator(".plotly-graph-div").count():
        page.evaluate("() => window.readerPlotly.drawAll()")
        page.wait_for_function(_DRAWN, timeout=60_000)
    page.emulate_media(media="print")  # matchMedia('print') changes: reader-a11y.js prepares the page
    page.wait_for_timeout(500)
    found = page.evaluate(_CUT, page.evaluate("() => document.documentElement.clientWidth"))
    ARTIFACTS.mkdir(exist_ok=True)
    page.pdf(path=str(ARTIFACTS / f"print-{_name(path)}.pdf"), format="A4", print_background=True)
    page.screenshot(path=str(ARTIFACTS / f"print-{_name(path)}.png"), full_page=True)
    context.close()
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "4", str(ARTIFACTS / f"print-{_name(path)}.pdf"),
                        str(ARTIFACTS / f"print-{_name(path)}-pdf")], check=False)
    assert not found["cut"], f"{path}: printed figures cut at the page edge: {found['cut']}"
    assert not found["clipped"], f"{path}: data tables cut by their scroll box in print: {found['clipped']}"
    assert found["closed"] == 0, f"{path}: {found['closed']} data tables left closed in print"


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_code_cells_take_the_column_on_a_phone(site_server, browser, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_server + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    widths = page.evaluate("""() => {
      const article = document.querySelector('article').getBoundingClientRect().width;
      const codes = [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-editor')].map(e => e.getBoundingClientRect().width);
      const prompts = [...document.querySelectorAll('.jp-InputPrompt')].filter(p => p.getBoundingClientRect().width > 0).length;
      return {article, narrowest: Math.min(...codes), cells: codes.length, prompts};
    }""")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"phone-{_name(path)}.png"))
    page.locator(".jp-CodeCell").nth(3).scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"phone-{_name(path)}-code.png"))
    context.close()
    assert widths["cells"] > 3, widths
    assert widths["prompts"] == 0, f"{path}: 'In [n]:' prompts still take room on a phone: {widths}"
    assert widths["narrowest"] >= 0.95 * widths["article"], f"{path}: code narrower than the column: {widths}"
