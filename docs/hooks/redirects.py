"""Build part: every old address of a renamed tutorial keeps working.

The tutorials were renumbered in reading order (issue 24), and a tutorial's address carries its number.
The one list of renames is ``moved_pages.json`` beside this file (old source stem
-> new source stem, both under ``tutorials/``); ``tests/test_redirects.py`` reads the same file.

``on_post_build`` writes, for each rename whose new page is part of the site being built:

- ``tutorials/<old>/index.html``: a redirect page (``<meta http-equiv="refresh">``, a script that keeps the
  ``#anchor``, a canonical link to the new address, ``noindex``, and a visible link for readers without either).
  It is written after the build, so it is in neither the sitemap nor the search index;
- ``tutorials/<old>.ipynb`` (and ``<old>_solutions.ipynb`` for an exercise): a copy of the new page's notebook, so
  that an old "Download notebook" or "Open in Colab" link (Colab opens the notebook from the published branch)
  still gets the notebook. A static host cannot redirect a download, so the old address serves the same bytes.

A rename whose new page is not in the site (another site built with these hooks, such as ``tests/tinysite``) is
skipped. An old address that is again a page of the site fails the build: the redirect would hide that page.
"""

from __future__ import annotations

import html
import json
import pathlib
import shutil

from mkdocs.utils import get_relative_url

import _shared  # sibling module: docs/hooks/_shared.py
from _buildstate import STATE  # sibling module: docs/hooks/_buildstate.py (the build's one state object)

MOVED_PAGES = pathlib.Path(__file__).resolve().with_name("moved_pages.json")
FOLDER = "tutorials"


def moved_pages(path: pathlib.Path = MOVED_PAGES) -> dict[str, str]:
    """Old source stem -> new source stem of every renamed tutorial (``moved_pages.json``)."""
    moved = json.loads(path.read_text(encoding="utf-8"))["moved"]
    if set(moved) & set(moved.values()):
        raise _shared.error("redirects", f"{path}: a stem is both an old and a new name "
                                         f"({sorted(set(moved) & set(moved.values()))}); map each old name to "
                                         "the final one.")
    return moved


def redirect_html(target: str, canonical: str, title: str) -> str:
    """The redirect page: ``target`` relative to the old address, ``canonical`` absolute (or site-relative).

    Examples
    --------
    >>> page = redirect_html("../11_b/", "https://x.org/tutorials/11_b/", "B & C")
    >>> '<meta http-equiv="refresh" content="0; url=../11_b/">' in page, 'rel="canonical"' in page
    (True, True)
    >>> '<a href="../11_b/">B &amp; C</a>' in page
    True
    """
    href, name = html.escape(target, quote=True), html.escape(title)
    return (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>Moved: {name}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{html.escape(canonical, quote=True)}">\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        f"<script>location.replace({json.dumps(target)} + location.search + location.hash)</script>\n"
        "</head>\n<body>\n"
        f'<p>This tutorial has moved to <a href="{href}">{name}</a>.</p>\n'
        "</body>\n</html>\n"
    )


def on_nav(nav, config, files):
    STATE.redirects["titles"] = {page.file.src_uri: page.title for page in nav.pages}
    STATE.redirects["urls"] = {file.url for file in files}
    return nav


def on_post_build(config):
    site = pathlib.Path(config.site_dir)
    site_url = config.site_url or ""
    for old, new in moved_pages().items():
        new_page = site / FOLDER / new / "index.html"
        if not new_page.is_file():
            continue  # not this site's tutorial
        old_dir = site / FOLDER / old
        if f"{FOLDER}/{old}/" in STATE.redirects.get("urls", ()):
            raise _shared.error("redirects", f"{FOLDER}/{old}/ is a page of the site again, but "
                                             f"{MOVED_PAGES.name} redirects that address to {FOLDER}/{new}/. "
                                             f"Remove {old!r} from {MOVED_PAGES} or rename the page.")
        old_url, new_url = f"{FOLDER}/{old}/", f"{FOLDER}/{new}/"
        title = STATE.redirects["titles"].get(f"{FOLDER}/{new}.py") or new
        old_dir.mkdir(parents=True, exist_ok=True)
        canonical = site_url.rstrip("/") + "/" + new_url if site_url else "/" + new_url
        (old_dir / "index.html").write_text(
            redirect_html(get_relative_url(new_url, old_url), canonical, title), encoding="utf-8")
        for suffix in ("", "_solutions"):
            notebook = site / FOLDER / f"{new}{suffix}.ipynb"
            if notebook.is_file():
                shutil.copyfile(notebook, site / FOLDER / f"{old}{suffix}.ipynb")
