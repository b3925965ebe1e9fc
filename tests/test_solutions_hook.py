"""The solutions hook (docs/hooks/solutions.py) on synthetic notebook HTML, no build needed."""

from __future__ import annotations

import pathlib
import types

import pytest
from file_module import load_file_module

HOOK = pathlib.Path(__file__).resolve().parents[1] / "docs" / "hooks" / "solutions.py"


@pytest.fixture(scope="module")
def hook():
    return load_file_module(HOOK, "hook_solutions")


PAGE = types.SimpleNamespace(file=types.SimpleNamespace(src_uri="tutorials/99_x.py"))


def _code(text, tags=""):
    # mkdocs-jupyter wraps nbconvert's cell div in a second one with the same classes.
    cls = f"jp-Cell jp-CodeCell jp-Notebook-cell {tags}".strip()
    return (f'<div class="{cls}">\n<div class="{cls}">\n<div class="jp-Cell-inputWrapper"><pre>{text}</pre>'
            "</div>\n</div>\n</div>")


def _markdown(text, tags=""):
    return ('<div class="jp-Cell jp-MarkdownCell jp-Notebook-cell">\n<div class="jp-Cell-inputWrapper">'
            f'<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput {tags}">{text}</div>'
            "</div>\n</div>")


def test_page_without_solutions_is_unchanged(hook):
    html = _markdown("<p>task</p>") + _code("x = 1")
    assert hook.on_page_content(html, PAGE, None, None) == html


def test_consecutive_solution_cells_share_one_details(hook):
    html = "\n".join([
        _markdown("<p>task</p>"),
        _markdown("<p>explain</p>", "celltag_solution"),
        _code("fit()", "celltag_solution"),
        _code("display()", "celltag_solution celltag_remove_input"),
        _markdown("<p>going further</p>"),
        _code("more()", "celltag_solution"),
    ])
    out = hook.on_page_content(html, PAGE, None, None)
    assert out.count('<details class="success solution"><summary>Solution</summary>') == 2
    first = out[out.index("<details"):out.index("</details>")]
    assert "explain" in first and "fit()" in first and "display()" in first and "going further" not in first
    assert out.index("task") < out.index("<details") < out.index("going further")
    # Nothing lost, nothing duplicated.
    for text in ["task", "explain", "fit()", "display()", "going further", "more()"]:
        assert out.count(text) == 1
    assert out.count("<div") == out.count("</div>")


def test_summary_comment_and_heading_check(hook):
    html = _markdown("<!-- summary: Solution, part 2 --><p>x</p>", "celltag_solution")
    assert "<summary>Solution, part 2</summary>" in hook.on_page_content(html, PAGE, None, None)
    from mkdocs.exceptions import PluginError

    with pytest.raises(PluginError, match="heading"):
        hook.on_page_content(_markdown("<h2>Answer</h2>", "celltag_solution"), PAGE, None, None)
