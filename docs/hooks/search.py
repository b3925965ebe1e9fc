"""Build part: what of a tutorial page the search index holds.

Notebook outputs (text, tables, images, plotly figures), prompts and the hidden copies of the cells' code are kept
out of the search index; prose (Markdown cells and Markdown outputs), headings and code stay searchable.

Two steps of ``on_page_context`` (``wiring.py`` runs them around the search plugin, which indexes ``page.content``
in its own ``on_page_context``, at priority 0): before it, :func:`search_view` swaps in the page without its
outputs (``_shared.without_outputs``); after it, :func:`reader_view` puts the whole page back, so the page itself
keeps everything.
"""

from __future__ import annotations

from pathlib import Path

import _shared  # sibling module: docs/hooks/_shared.py
from _buildstate import STATE  # sibling module: docs/hooks/_buildstate.py (the build's one state object)


def search_view(context, page, config, nav):
    """Before the search plugin indexes the page: the page without its outputs."""
    if _shared.is_tutorial(page.file, config) and page.content:
        STATE.search["full_content"] = (page, page.content)
        page.content = _shared.without_outputs(page.content, f"search hook, docs/{page.file.src_uri}")
    return context


def reader_view(context, page, config, nav):
    """After the search plugin indexed the page: the whole page again."""
    saved = STATE.search.pop("full_content", None)
    if saved is not None and saved[0] is page:
        page.content = saved[1]
    return context
