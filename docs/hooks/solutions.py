"""Build part: exercise solutions hidden behind a "Solution" button on notebook pages.

An exercise tutorial marks the cells of its solution with the cell tag ``solution`` (jupytext:
``# %% tags=["solution"]``, ``# %% [markdown] tags=["solution"]``, or alongside another tag such as
``tags=["remove_input", "solution"]``). Those cells are ordinary cells: the build executes them like any
other. The learner's notebooks (``notebooks.py``) leave them out of the exercise's notebook, which links to a
separate ``<tutorial>_solutions.ipynb`` where they run as usual.

nbconvert writes each cell's tags into its HTML classes (``celltag_solution``). After mkdocs-jupyter has
rendered a page, ``on_page_content`` wraps every run of consecutive solution cells in a collapsed Material
admonition, ``<details class="success"><summary>Solution</summary> … </details>``: the code and its
outputs are on the page, hidden until the reader clicks.

A Markdown cell of a run may set the button's text with a first line ``<!-- summary: Solution, part 2 -->``.
Solution cells should not contain headings: they would appear in the table of contents while hidden.
"""

from __future__ import annotations

import re
from pathlib import Path

import _shared  # sibling module: docs/hooks/_shared.py

TAG_CLASS = "celltag_solution"
_CELL_START = re.compile(r'<div\s+class="jp-Cell[\s"]')
_IS_SOLUTION = re.compile(r'class="[^"]*\b' + TAG_CLASS + r'\b')
_SUMMARY = re.compile(r"<!--\s*summary:\s*(.*?)\s*-->")
_HEADING = re.compile(r"<h[1-6]\b")


def _wrap(cells_html: str, summary: str) -> str:
    return (f'<details class="success solution"><summary>{summary}</summary>\n'
            f"{cells_html}\n</details>")


def on_page_content(html, page, config, files):
    if TAG_CLASS not in html:
        return html
    cells = _shared.div_spans(html, _CELL_START, f"solutions hook, docs/{page.file.src_uri}")
    spans = [(start, end) for start, end in cells if _IS_SOLUTION.search(html, start, end)]
    if not spans:
        return html
    # Group cells separated by whitespace only.
    groups = [[spans[0]]]
    for start, end in spans[1:]:
        if html[groups[-1][-1][1]:start].strip():
            groups.append([(start, end)])
        else:
            groups[-1].append((start, end))
    pieces, position = [], 0
    for group in groups:
        start, end = group[0][0], group[-1][1]
        block = html[start:end]
        if _HEADING.search(block):
            raise _shared.error(
                "solutions", f"a solution cell on docs/{page.file.src_uri} contains a heading; it would show in the "
                             "table of contents while hidden. Use bold text instead.")
        found = _SUMMARY.search(block)
        pieces += [html[position:start], _wrap(block, found.group(1) if found else "Solution")]
        position = end
    pieces.append(html[position:])
    return "".join(pieces)
