"""Build part: the keyboard reader's path through a page: Tab stops are its links and controls, and a skip link
leads to each interactive figure.

* **No focusable notebook cells.** mkdocs-jupyter's template gives every cell's input wrapper and every output area
  a static ``tabindex="0"`` (page 07 had 350 Tab stops, 151 Tab presses from the top of 03 to its slider). This hook
  removes those attributes; ``docs/javascripts/reader-a11y.js`` gives ``tabindex="0"`` back to the blocks that
  actually scroll (a wide code line, a long output), where the keyboard needs it to scroll them.
* **Skip links.** Each interactive figure (a plotly ``<figure class="reader-plotly">``, the confusion explorer
  ``div.mte``, the threshold widget ``div.mtw``) gets an id and ``tabindex="-1"``, and the page a link to it right
  after Material's "Skip to content" (visually hidden until focused, like that one): two Tab presses and Enter from
  the top of the page, then Tab, reach the figure's first control. Each link is named after the heading above its
  figure.
* **Content first.** Material writes the site navigation (left sidebar: every section's label and the current
  section's pages) and the page's table of contents (right sidebar) before the article, so a keyboard reader
  passed 19 + 10 to 18 Tab stops before reaching the page itself (77 to 95 Tab presses from the top of 03, 04 and 07
  to their first interactive figure). This hook moves both sidebars after the article in the HTML: Tab goes from
  the header into the page, then to "On this page", then to the site navigation. They stay where they were on the
  screen (``docs/stylesheets/reader.css`` gives the three columns their order), and Material's "Skip to content"
  link stays the first Tab stop.
* **Copy buttons: one Tab stop.** Every code cell has a copy button, a control a keyboard reader needs as much as a
  mouse reader. With one Tab stop each, page 06, with 23 code blocks before its first interactive figure, spent 23
  of its 57 Tab presses on them; ``docs/javascripts/reader-a11y.js`` makes them one group, as a toolbar's buttons are (a
  roving ``tabindex``): Tab reaches one, the arrow keys (Home, End) move to the next or previous cell's (the first,
  the last), each is named "Copy code block i of n", and the focused one shows the hint (Escape hides it).
  ``tests/test_browser_keyboard.py`` counts every stop to the first interactive figure, the copy buttons included,
  and writes the counts to ``test-artifacts/tab-stops.json``; the skip links are the short way.
"""

from __future__ import annotations

import html as html_lib
import re
from types import MappingProxyType

import _shared  # sibling module: docs/hooks/_shared.py
from _buildstate import STATE  # sibling module: docs/hooks/_buildstate.py (the build's one state object)

HOOK = "keyboard"
# The two kinds of notebook element to which mkdocs-jupyter's template gives a static tabindex.
_STATIC_TABINDEX = re.compile(r'(<div\b[^>]*\bclass="[^"]*\b(?:jp-Cell-inputWrapper|jp-OutputArea-output)\b[^"]*"'
                              r'[^>]*?)\s+tabindex="0"')
_INTERACTIVE = re.compile(r'<(figure|div)\b([^>]*)\bclass="(reader-plotly|mte|mtw)"')
_HEADING = re.compile(r'<h([1-6])\b[^>]*>(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]+>")
_SKIP = re.compile(r'(<a\b[^>]*\bclass="md-skip"[^>]*>.*?</a>)', re.S)
_SIDEBAR = re.compile(r'<div class="md-sidebar md-sidebar--(primary|secondary)"')
_CONTENT = re.compile(r'<div class="md-content"')
_DIV = re.compile(r"<(/?)div\b")
_KIND = MappingProxyType({"reader-plotly": "interactive chart", "mte": "confusion matrix explorer",
                          "mtw": "threshold explorer"})


def without_cell_tabindex(html: str) -> str:
    """``html`` without the static ``tabindex="0"`` of notebook input wrappers and output areas.

    Examples
    --------
    >>> without_cell_tabindex('<div class="jp-Cell-inputWrapper" tabindex="0"><pre>x</pre></div>')
    '<div class="jp-Cell-inputWrapper"><pre>x</pre></div>'
    >>> without_cell_tabindex('<div class="mte-scroll" tabindex="0">')  # a widget's own scroll box stays
    '<div class="mte-scroll" tabindex="0">'
    """
    return _STATIC_TABINDEX.sub(r"\1", html)


def _div_end(html: str, start: int) -> int:
    """The index just after the ``</div>`` that closes the ``<div`` at ``start``."""
    depth = 0
    for match in _DIV.finditer(html, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return html.index(">", match.end()) + 1
    raise ValueError(f"unbalanced <div> from character {start}")


def content_before_sidebars(html: str) -> str:
    """``html`` with Material's two sidebars moved after its ``div.md-content`` (the table of contents first).

    Examples
    --------
    >>> page = ('<div class="md-main__inner"><div class="md-sidebar md-sidebar--primary"><div>nav</div></div>'
    ...         '<div class="md-sidebar md-sidebar--secondary">toc</div><div class="md-content">text</div></div>')
    >>> content_before_sidebars(page)  # doctest: +NORMALIZE_WHITESPACE
    '<div class="md-main__inner"><div class="md-content">text</div><div class="md-sidebar md-sidebar--secondary">toc</div><div class="md-sidebar md-sidebar--primary"><div>nav</div></div></div>'
    """
    content = _CONTENT.search(html)
    sidebars = {m.group(1): m.start() for m in _SIDEBAR.finditer(html, 0, content.start() if content else 0)}
    if content is None or not sidebars:
        return html
    first = min(sidebars.values())
    if html[first:content.start()].strip() and _div_end(html, first) > content.start():
        raise ValueError("the sidebars enclose the content: Material's layout changed")
    pieces = {name: html[at:_div_end(html, at)] for name, at in sidebars.items()}
    between = html[first:content.start()]
    for piece in pieces.values():
        between = between.replace(piece, "", 1)
    end = _div_end(html, content.start())
    moved = "".join(pieces[name] for name in ("secondary", "primary") if name in pieces)
    return html[:first] + between.strip() + html[content.start():end] + moved + html[end:]


def _heading_before(html: str, at: int) -> str:
    found = ""
    for match in _HEADING.finditer(html, 0, at):
        found = match.group(2)
    text = html_lib.unescape(_TAG.sub("", found)).replace("¶", "").strip()
    return " ".join(text.split())


def mark_interactive_figures(html: str) -> tuple[str, list[tuple[str, str]]]:
    """``html`` with an id and ``tabindex="-1"`` on each interactive figure, and (id, link text) for each.

    Examples
    --------
    >>> out, links = mark_interactive_figures('<h2 id="a">The trade-off</h2><figure class="reader-plotly"></figure>')
    >>> out
    '<h2 id="a">The trade-off</h2><figure id="reader-interactive-1" tabindex="-1" class="reader-plotly"></figure>'
    >>> links
    [('reader-interactive-1', 'Skip to the interactive chart: The trade-off')]
    """
    links: list[tuple[str, str]] = []
    pieces, last = [], 0
    for match in _INTERACTIVE.finditer(html):
        tag, attributes, cls = match.groups()
        if " id=" in f" {attributes}":
            continue
        figure_id = f"reader-interactive-{len(links) + 1}"
        heading = _heading_before(html, match.start())
        links.append((figure_id, f"Skip to the {_KIND[cls]}" + (f": {heading}" if heading else "")))
        pieces.append(html[last:match.start()])
        pieces.append(f'<{tag}{attributes}id="{figure_id}" tabindex="-1" class="{cls}"')
        last = match.end()
    pieces.append(html[last:])
    return "".join(pieces), links


def skip_links_html(links: list[tuple[str, str]]) -> str:
    return "".join(f'<a href="#{figure_id}" class="md-skip reader-skip">{html_lib.escape(text)}</a>'
                   for figure_id, text in links)




def on_page_content(html, page, config, files):
    if _shared.is_tutorial(page.file, config):
        html = without_cell_tabindex(html)
    html, links = mark_interactive_figures(html)
    STATE.keyboard_links[page.file.src_uri] = links
    return html


def on_post_page(output, page, config):
    try:
        output = content_before_sidebars(output)
    except ValueError as exc:
        raise _shared.error(HOOK, f"{page.file.src_uri}: expected Material's sidebars beside div.md-content; {exc}. "
                                  "The theme's main.html changed: fix content_before_sidebars.") from exc
    links = STATE.keyboard_links.pop(page.file.src_uri, [])
    if not links:
        return output
    match = _SKIP.search(output)
    if match is None:
        raise _shared.error(HOOK, f"{page.file.src_uri} has no Material 'Skip to content' link (a.md-skip) to put "
                                  "the figures' skip links after; the theme's header changed: fix this hook.")
    return output[:match.end()] + skip_links_html(links) + output[match.end():]


def on_post_template(output_content, template_name, config):
    """The 404 page is a template, not a page (``not_found.py``): its article comes before the sidebars too."""
    if template_name != "404.html":
        return output_content
    try:
        return content_before_sidebars(output_content)
    except ValueError as exc:
        raise _shared.error(HOOK, f"404.html: expected Material's sidebars beside div.md-content; {exc}. "
                                  "The theme's main.html changed: fix content_before_sidebars.") from exc
