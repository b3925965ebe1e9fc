"""Build part: a 404 page that is styled wherever the site is served.

MkDocs renders ``404.html`` with absolute links from ``site_url``'s path (``/mnist-tutorials/assets/…``), because
a server shows that one page at any depth (``/mnist-tutorials/a/b/c``). Served from anywhere else (a local
preview of ``mkdocs build`` at ``http://127.0.0.1:8000/``, the file opened from disk) every stylesheet and script
is missing. ``on_post_template`` rewrites the page so that a tiny script, first in ``<head>``, sets
``<base href>`` to the site's root:

- the folder of ``404.html`` when the address names it (opened from disk, or a server that redirects there);
- else ``site_url``'s path when the address is under it (GitHub Pages, ``mkdocs serve``);
- else ``/`` (a local preview serving ``site/`` at its root).

Links become relative to that base. Stylesheets, icons and scripts are written by ``document.write`` once the
base is set, so the browser's preload scanner never requests them from a wrong guess. Material's
``__config`` paths (``base``, the search worker) are resolved against the same root just before the theme's
script reads them.

Like every other page (``assets.py``), the 404 page holds Material's request for the search index back until the
reader opens the search box (``docs/javascripts/search-on-demand.js``, inlined first in ``<head>``): the 404 page
is rendered from a template, not as a page, so ``assets.on_post_page`` never sees it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import _shared  # sibling module: docs/hooks/_shared.py

_TEMPLATE = "404.html"
SEARCH_SCRIPT = _shared.REPO / "docs" / "javascripts" / "search-on-demand.js"


def _base_script(root: str) -> str:
    return (
        "<script>(function(){var root=" + json.dumps(root) + ",path=location.pathname,base=\"/\";"
        "if(/\\/404\\.html$/.test(path)){base=path.replace(/404\\.html$/,\"\");}"
        "else if(path.indexOf(root)===0){base=root;}"
        "var b=document.createElement(\"base\");b.href=base;document.head.appendChild(b);})();</script>"
    )


def _config_script(root: str) -> str:
    """Resolve Material's ``__config`` paths (``base``, the search worker) against the ``<base>``."""
    return (
        "<script>(function(){var c=document.getElementById(\"__config\");if(!c)return;var root=" + json.dumps(root)
        + ",j=JSON.parse(c.textContent);j.base=new URL(\".\",document.baseURI).href;"
        "Object.keys(j).forEach(function(k){var v=j[k];if(typeof v===\"string\"&&v.indexOf(root)===0)"
        "{j[k]=new URL(v.slice(root.length),document.baseURI).href;}});"
        "c.textContent=JSON.stringify(j);})();</script>"
    )


_RESOURCE = r'<link\b[^>]*\shref="{root}[^"]*"[^>]*>|<script\b[^>]*\ssrc="{root}[^"]*"[^>]*>\s*</script>'


def _written(tag: str, root: str) -> str:
    relative = re.sub(r'(\s(?:href|src)=")' + re.escape(root), r"\1", tag)
    return "<script>document.write(" + json.dumps(relative).replace("</", "<\\/") + ")</script>"


def _relocate(html: str, root: str) -> str:
    """Return the 404 page with links relative to a ``<base>`` that a script sets at load time.

    Examples
    --------
    >>> page = '<html><head><link href="/docs/a.css"></head><body><a href="/docs/x/">x</a></body></html>'
    >>> out = _relocate(page, "/docs/")
    >>> 'href="x/"' in out and 'document.write(' in out and '/docs/a.css' not in out
    True
    >>> out.index("createElement") < out.index("a.css")
    True
    """
    if not root.startswith("/") or not root.endswith("/"):
        raise _shared.error("not_found", f"expected the path of site_url in mkdocs.yml to start and end with '/', "
                                         f"found {root!r}; fix site_url.")
    head = re.search(r"<head[^>]*>", html)
    if head is None:
        raise _shared.error("not_found", "404.html has no <head>; the theme's template changed (overrides/ or "
                                         "mkdocs-material): fix the template or this hook.")
    body = re.sub(_RESOURCE.format(root=re.escape(root)), lambda m: _written(m.group(0), root), html[head.end():])
    body = re.sub(r'(\s(?:href|src)=")' + re.escape(root), r"\1", body)
    bundle = re.search(r'<script>document\.write\("<script[^"]*\bsrc=\\"[^"\\]*bundle\.', body)
    if bundle is not None and 'id="__config"' in body:
        body = body[:bundle.start()] + _config_script(root) + body[bundle.start():]
    return html[:head.end()] + _base_script(root) + body


def with_search_on_demand(html: str) -> str:
    """``html`` with the search-on-demand script first in its ``<head>``.

    Examples
    --------
    >>> out = with_search_on_demand("<html><head><title>x</title></head></html>")
    >>> out.index("XMLHttpRequest") < out.index("<title>")
    True
    """
    head = re.search(r"<head[^>]*>", html)
    if head is None:
        raise _shared.error("not_found", "404.html has no <head>; the theme's template changed: fix this hook.")
    return html[:head.end()] + f"<script>{SEARCH_SCRIPT.read_text(encoding='utf-8')}</script>" + html[head.end():]


def on_post_template(output_content, template_name, config):
    if template_name != _TEMPLATE:
        return output_content
    output_content = with_search_on_demand(output_content)
    root = urlsplit(config.get("site_url") or "/").path or "/"
    if not root.endswith("/"):
        root += "/"
    if root == "/":  # links are already root-relative and right wherever the site is served at the root
        return output_content
    return _relocate(output_content, root)
