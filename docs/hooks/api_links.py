"""Build part: cross-links from the tutorials' code to the API reference, and "Used in" lists back.

- ``on_nav``: remember the navigation order of the pages.
- ``on_env`` (every page is rendered by now): in each tutorial's code cells, names imported from
  ``mnist_tutorials`` (``from mnist_tutorials.x import name``, ``import mnist_tutorials.x as m`` then
  ``m.name``) link to their entry in the API reference: to the anchor mkdocstrings generated
  (``id="mnist_tutorials.x.name"``), found in the rendered reference pages. Each API entry used by a
  tutorial gets a "Used in" line listing those tutorials, in navigation order (sphinx-gallery's
  backreferences).

The package's API is read with griffe from the repository (``_shared.REPO``); aliases resolve to the object's
definition, so ``mnist_tutorials.plot_digit`` and ``mnist_tutorials.plotting.plot_digit`` are one entry.
"""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path

import _shared  # sibling module: docs/hooks/_shared.py
from _buildstate import STATE  # sibling module: docs/hooks/_buildstate.py (the build's one state object)

PACKAGE = "mnist_tutorials"
_HIGHLIGHT = re.compile(r'(<div class="highlight-ipynb[^"]*"><pre>)(.*?)(</pre>)', re.S)
_ANCHOR_ID = re.compile(r'\bid="(' + PACKAGE + r'(?:\.\w+)*)"')
_NAME = r'<span class="n">(\w+)</span>'
_CHAIN = re.compile(r'(?<!<span class="o">\.</span>)' + _NAME + r'(?:<span class="o">\.</span>' + _NAME + r')*')
_CHAIN_PART = re.compile(_NAME)
_MODULE_SPAN = re.compile(r'<span class="nn">(' + PACKAGE + r'(?:\.\w+)*)</span>')
_DOC_CONTENTS = re.compile(r'<div class="doc doc-contents[^"]*">')
_HEADING_START = re.compile(r"<h[1-6]\b")



def _griffe_package():
    import griffe

    return griffe.load(PACKAGE, search_paths=[str(_shared.REPO)], resolve_aliases=True, resolve_external=False)


def _lookup(package, path: str):
    """The griffe object at dotted ``path`` (``mnist_tutorials.x.y``), or None."""
    if path == PACKAGE:
        return package
    if not path.startswith(PACKAGE + "."):
        return None
    try:
        return package[path[len(PACKAGE) + 1:]]
    except Exception:  # KeyError, or an alias that does not resolve
        return None


def _canonical(package, path: str) -> str | None:
    obj = _lookup(package, path)
    if obj is None:
        return None
    try:
        return obj.final_target.path if obj.is_alias else obj.path
    except Exception:
        return None


def _imported_names(source_path: str) -> dict:
    """Local name -> dotted path, for every ``mnist_tutorials`` import in the tutorial's code cells."""
    names: dict = {}
    for tree in _shared.code_cell_trees(source_path):
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and \
                    (node.module == PACKAGE or node.module.startswith(PACKAGE + ".")):
                for alias in node.names:
                    if alias.name != "*":
                        names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name == PACKAGE or alias.name.startswith(PACKAGE + "."):
                        if alias.asname:
                            names[alias.asname] = alias.name
                        else:
                            names[PACKAGE] = PACKAGE
    return names


def _resolve(package, anchors: dict, path: str):
    """Pick the documented anchor for ``path``: as written if documented there, else its definition."""
    obj = _lookup(package, path)
    if obj is None or obj.name.startswith("_"):
        return None
    for candidate in (path, _canonical(package, path)):
        if candidate in anchors:
            return candidate
    return None


def _link_code(code: str, names: dict, package, anchors: dict, page, used: set) -> str:
    def href(anchor):
        return _shared.url_to(anchors[anchor].url, page) + "#" + anchor

    def link(span, anchor):
        # Only a name's first link on the page is a Tab stop: 22 repeated links put the trade-off page's slider
        # 22 Tab presses further away (issue 28). Every link stays clickable and in screen readers' list of links.
        again = ' tabindex="-1"' if anchor in used else ""
        used.add(anchor)
        return f'<a class="reader-xref" href="{html.escape(href(anchor))}" title="{anchor}"{again}>{span}</a>'

    def chain(match):
        parts = _CHAIN_PART.findall(match.group(0))
        if parts[0] not in names:
            return match.group(0)
        path, best, best_index = names[parts[0]], None, -1
        for index, part in enumerate(parts):
            if index:
                path = f"{path}.{part}"
            anchor = _resolve(package, anchors, path)
            if anchor is not None:
                best, best_index = anchor, index
            elif _lookup(package, path) is None:
                break
        if best is None:
            return match.group(0)
        spans = list(_CHAIN_PART.finditer(match.group(0)))
        target = spans[best_index]
        text = match.group(0)
        return text[:target.start()] + link(target.group(0), best) + text[target.end():]

    def module(match):
        anchor = _resolve(package, anchors, match.group(1))
        return link(match.group(0), anchor) if anchor else match.group(0)

    return _MODULE_SPAN.sub(module, _CHAIN.sub(chain, code))


def _used_in_html(tutorials: list, page) -> str:
    links = ", ".join(f'<a href="{html.escape(_shared.url_to(t.url, page))}">{html.escape(t.title or t.url)}</a>'
                      for t in tutorials)
    return f'<p class="reader-used-in"><strong>Used in:</strong> {links}</p>'


def _add_backreferences(content: str, users: dict, page) -> str:
    """Insert "Used in" at the top of each documented object's contents (after its heading and signature)."""
    pieces, last = [], 0
    for match in _ANCHOR_ID.finditer(content):
        anchor = match.group(1)
        if anchor not in users:
            continue
        contents = _DOC_CONTENTS.search(content, match.end())
        next_heading = _HEADING_START.search(content, match.end())
        if contents is None or (next_heading is not None and next_heading.start() < contents.start()):
            continue
        pieces.append(content[last:contents.end()])
        pieces.append(_used_in_html(users.pop(anchor), page))
        last = contents.end()
    pieces.append(content[last:])
    return "".join(pieces)


def on_env(env, config, files):
    pages = [f.page for f in files.documentation_pages() if f.page is not None and f.page.content]
    anchors: dict = {}
    for page in pages:
        if _shared.is_tutorial(page.file, config):
            continue
        for anchor in _ANCHOR_ID.findall(page.content):
            anchors.setdefault(anchor, page)
    package = _griffe_package()
    order = STATE.api_links.get("nav_order", {})
    tutorials = sorted((p for p in pages if _shared.is_tutorial(p.file, config)),
                       key=lambda p: (order.get(p.file.src_uri, len(order)), p.file.src_uri))
    used_by: dict = {}  # canonical path -> tutorial pages
    for page in tutorials:
        names = _imported_names(page.file.abs_src_path)
        used: set = set()
        page.content = _HIGHLIGHT.sub(
            lambda m: m.group(1) + _link_code(m.group(2), names, package, anchors, page, used) + m.group(3),
            page.content)
        for anchor in used:
            if (_lookup(package, anchor) or package).kind.value == "module":
                continue
            used_by.setdefault(_canonical(package, anchor), []).append(page)
    for page in {id(p): p for p in anchors.values()}.values():
        users = {anchor: used_by[_canonical(package, anchor)]
                 for anchor in set(_ANCHOR_ID.findall(page.content)) if _canonical(package, anchor) in used_by}
        if users:
            page.content = _add_backreferences(page.content, users, page)
    return env


def on_nav(nav, config, files):
    STATE.api_links["nav_order"] = {page.file.src_uri: index for index, page in enumerate(nav.pages)}
    return nav
