"""The built site in Chromium: no request leaves for another host (the ``page`` fixture fails the test on any),
the repository link asks nothing of api.github.com, and the 404 page is styled wherever the site is served.

Run ``mkdocs build --strict`` first, then ``pytest -m browser tests/test_browser_privacy.py``.
"""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

pytestmark = pytest.mark.browser

PAGES = ["", "tutorials/03_precision_recall_tradeoff/", "exercises/flags/", "reference/datasets/"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_load_nothing_from_another_host(page, site_server, path):
    page.goto(site_server + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # Material fetches the repository facts after load, when it does
    assert page.foreign_requests == []
    link = page.locator("a.md-source").first
    assert link.get_attribute("href").startswith("https://github.com/")
    assert page.locator("[data-md-component=source]").count() == 0  # the component that calls the API
    assert page.locator(".md-source__facts").count() == 0


class _PagesLikeHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site like GitHub Pages: a missing path gets 404.html, with status 404."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (self.directory_path / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def pages_like_server(site_dir):
    handler = functools.partial(type("H", (_PagesLikeHandler,), {"directory_path": site_dir}),
                                directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def _watch(page) -> list:
    """Collect the stylesheets and scripts that fail to load (call before page.goto)."""
    failed = []
    page.on("requestfailed", lambda req: failed.append(req.url))
    page.on("response", lambda resp: failed.append(resp.url) if resp.status >= 400 and resp.request.resource_type
            in ("stylesheet", "script") else None)
    return failed


def _assert_styled(page, failed, *, known=()):
    page.wait_for_load_state("networkidle")
    failed = [url for url in failed if not url.endswith(known)] if known else failed
    sheets = page.evaluate("[...document.querySelectorAll('link[rel=stylesheet]')].map(l => !!l.sheet)")
    assert sheets and all(sheets), f"stylesheets not applied: {sheets}"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert page.locator("h1").first.inner_text().strip() == "404 - Not found"
    assert failed == []
    # The page itself answers 404, which Chromium logs as "Failed to load resource"; scripts must not fail.
    errors = [e for e in page.console_errors if not e.startswith("Failed to load resource")]
    assert [e for e in errors if not any(k in e for k in known)] == []


@pytest.mark.parametrize("path", ["no-such-page/", "tutorials/no/such/deep/page.html"])
def test_404_page_is_styled_on_a_local_preview(page, pages_like_server, path):
    failed = _watch(page)
    response = page.goto(pages_like_server + path, wait_until="load")
    assert response.status == 404
    _assert_styled(page, failed)
    home = page.locator("a.md-header__button.md-logo")
    assert home.evaluate("a => a.href") == pages_like_server  # links lead to the site's root


def test_404_page_is_styled_when_opened_from_disk(page, site_dir):
    failed = _watch(page)
    page.goto((site_dir / "404.html").as_uri(), wait_until="load")
    # From disk Material's search falls back to a search_index.js script that no page of the site has.
    _assert_styled(page, failed, known=("search/search_index.js",))
