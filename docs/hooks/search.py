"""MkDocs hook: what of a tutorial page the search index holds.

Notebook outputs (text, tables, images, plotly figures), prompts and the hidden copies of the cells' code are kept
out of the search index; prose (Markdown cells and Markdown outputs), headings and code stay searchable.

``on_page_context`` runs twice around the search plugin, which indexes ``page.content`` in its own
``on_page_context`` (priority 0): at priority 50 it swaps in the page without its outputs
(``_shared.without_outputs``), at priority -50 it puts the whole page back, so the page itself keeps everything.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority

import _shared  # sibling module: docs/hooks/_shared.py
from _buildstate import STATE  # sibling module: docs/hooks/_buildstate.py (the build's one state object)



@event_priority(50)  # after execution_cache (100), before the search plugin (0) indexes page.content
def _search_view(context, page, config, nav):
    if _shared.is_tutorial(page.file, config) and page.content:
        STATE.search["full_content"] = (page, page.content)
        page.content = _shared.without_outputs(page.content, f"search hook, docs/{page.file.src_uri}")
    return context


@event_priority(-50)  # after the search plugin: the page itself keeps everything
def _reader_view(context, page, config, nav):
    saved = STATE.search.pop("full_content", None)
    if saved is not None and saved[0] is page:
        page.content = saved[1]
    return context


on_page_context = CombinedEvent(_search_view, _reader_view)
