"""Issue 28: the header's light/dark toggle is ``docs/javascripts/palette.js``, not Material's palette component.

Material's component re-applied the palette already shown on every load (``data-md-color-switching`` on <body>, a
``<meta name="color-scheme">`` appended and set): a trace of page 11 at phone size counted four recalculations of
every element's style from it. These tests check that the component is not mounted (its meta tags are missing),
that a load forces fewer full style recalculations than Material's component alone caused, and that the toggle
still works: by mouse, by keyboard, remembered across pages, following the system's dark preference until the
reader picks one.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGE = "tutorials/11_fashion_keras/"
_VISIBLE_LABEL = "form[data-reader-component=palette] label:not([hidden])"


def _scheme(page) -> str:
    return page.get_attribute("body", "data-md-color-scheme")


def test_materials_palette_component_is_not_mounted(site_server, page):
    page.goto(site_server + PAGE, wait_until="load")
    page.wait_for_timeout(300)
    # Material's component appends these two meta tags when it mounts (and sets them on every load).
    assert page.locator("meta[name=color-scheme], meta[name=theme-color]").count() == 0
    assert page.locator("[data-md-component=palette]").count() == 0
    assert page.locator(_VISIBLE_LABEL).count() == 1, "exactly one toggle button shows"
    assert not page.evaluate("() => document.body.hasAttribute('data-md-color-switching')")


def test_the_toggle_switches_and_is_remembered(site_server, page):
    page.goto(site_server + PAGE, wait_until="load")
    assert _scheme(page) == "default"
    page.locator(_VISIBLE_LABEL).click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert page.locator(_VISIBLE_LABEL).get_attribute("title") == "Switch to light mode"
    page.goto(site_server, wait_until="load")  # another page: the choice is stored (Material's key)
    assert _scheme(page) == "slate"
    assert page.locator(_VISIBLE_LABEL).get_attribute("title") == "Switch to light mode"
    page.locator("form[data-reader-component=palette] input:checked").focus()
    page.keyboard.press("Enter")  # as Material's component: Enter moves to the next palette
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'default'")
    assert page.locator(_VISIBLE_LABEL).get_attribute("title") == "Switch to dark mode"


def test_the_system_dark_preference_is_followed_until_the_reader_picks(site_server, browser):
    context = browser.new_context(viewport={"width": 412, "height": 823}, color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(site_server + PAGE, wait_until="load")
        page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
        page.emulate_media(color_scheme="light")
        page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'default'")
    finally:
        context.close()


def test_a_load_forces_few_full_style_recalculations(site_server, browser, tmp_path):
    """Counted in a Chrome trace at phone size: style recalculations of (nearly) all the page's nodes. Before, page
    11 had 5 or 6 (8,866 nodes each), 4 forced by Material's palette component; now 3: the page's first style, one
    at DOMContentLoaded (Material's layout reads) and one at the first frames."""
    import json

    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        trace = tmp_path / "trace.json"
        browser.start_tracing(page=page, path=str(trace), categories=["devtools.timeline"])
        page.goto(site_server + PAGE, wait_until="load")
        page.wait_for_timeout(2000)
        browser.stop_tracing()
        elements = page.evaluate("() => document.getElementsByTagName('*').length")
    finally:
        context.close()
    events = json.loads(trace.read_text())["traceEvents"]
    counts = [e["args"]["elementCount"] for e in events if e.get("name") == "UpdateLayoutTree"
              and e.get("args", {}).get("elementCount")]
    full = [n for n in counts if n >= 0.95 * max(counts)]  # Chrome counts more nodes than the DOM's elements
    assert max(counts) >= elements and len(full) <= 3, (len(full), full, elements)
