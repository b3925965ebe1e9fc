"""Prose cells with computed numbers (``docs/hooks/_fill.py``): Markdown cells tagged ``fill``."""

from __future__ import annotations

import ast
import pathlib

import pytest
from file_module import load_file_module, read_tutorial, require

ROOT = pathlib.Path(__file__).resolve().parents[1]
TUTORIALS = sorted((ROOT / "docs" / "tutorials").glob("*.py"))

require("jupytext", "nbformat")
fill = load_file_module(ROOT / "docs" / "hooks" / "_fill.py", "fill_under_test")


def _render(code: str, namespace: dict) -> str:
    """Run the code of a fill cell with ``display`` and ``Markdown`` captured; return the Markdown text."""
    shown = []
    tree = ast.parse(code)
    assert isinstance(tree.body[0], ast.ImportFrom) and tree.body[0].module == "IPython.display"
    exec(compile(ast.Module(body=tree.body[1:], type_ignores=[]), "<fill>", "exec"),
         {**namespace, "display": shown.append, "Markdown": lambda text: text})
    assert len(shown) == 1
    return shown[0]


def test_a_fill_cell_becomes_a_hidden_cell_that_renders_the_numbers(tmp_path):
    source = tmp_path / "t.py"
    source.write_text('# %%\nshare = 0.0902\n\n# %% [markdown] tags=["fill", "solution"]\n'
                      "# Only **{share:.1%}** are 5s; $\\frac{{a}}{{b}}$ stays LaTeX.\n", encoding="utf-8")
    nb = fill.read_tutorial(source)
    cell = nb.cells[1]
    assert cell.cell_type == "code"
    assert cell.metadata["tags"] == ["remove_input", "solution"]
    assert _render(cell.source, {"share": 0.0902}) == r"Only **9.0%** are 5s; $\frac{a}{b}$ stays LaTeX."


def test_a_text_with_quotes_uses_the_other_quotes():
    text = 'The model said """yes""" to {n} images.'
    assert _render(fill.fill_code(text), {"n": 3}) == 'The model said """yes""" to 3 images.'


@pytest.mark.parametrize("text, found", [("{x} and }", "single '}'"), ("{1 +}", "invalid syntax"),
                                         ("\"\"\" and ''' both", "both")])
def test_a_fill_cell_that_is_no_f_string_names_the_cell_and_the_fix(text, found):
    with pytest.raises(fill.FillError) as error:
        fill.fill_code(text, "docs/tutorials/x.py, cell 7")
    message = str(error.value)
    assert message.startswith("docs/tutorials/x.py, cell 7:") and found in message


@pytest.mark.parametrize("tutorial", TUTORIALS, ids=lambda p: p.stem)
def test_every_fill_cell_of_every_tutorial_is_a_valid_f_string(tutorial):
    # read_tutorial compiles each one; a broken cell raises FillError naming the tutorial and the cell
    read_tutorial(tutorial)


@pytest.mark.parametrize("tutorial", TUTORIALS, ids=lambda p: p.stem)
def test_prose_with_numbers_is_written_as_markdown_not_as_hidden_code(tutorial):
    # A hidden cell that only displays an f-string is prose hidden in code: it belongs in a `fill` cell, where the
    # source reads as Markdown and the page budget (tests/test_page_budget.py) counts it as prose.
    import jupytext

    offending = []
    for number, cell in enumerate(jupytext.read(tutorial).cells, start=1):
        if cell.cell_type != "code" or "remove_input" not in cell.metadata.get("tags", []):
            continue
        for statement in ast.parse(cell.source).body:
            call = statement.value if isinstance(statement, ast.Expr) else None
            if (isinstance(call, ast.Call) and getattr(call.func, "id", "") == "display" and call.args
                    and isinstance(call.args[0], ast.Call) and getattr(call.args[0].func, "id", "") == "Markdown"
                    and isinstance(call.args[0].args[0], (ast.JoinedStr, ast.Constant))):
                offending.append(number)
    assert not offending, (f"{tutorial.name}: cells {offending} display a literal f-string from hidden code; "
                           "write the sentence as a Markdown cell tagged fill (see docs/hooks/_fill.py)")


@pytest.mark.build
def test_no_hidden_cell_shows_a_value_on_the_page(site_dir):
    # A hidden cell renders prose, a question or checks a claim; its last expression's value as plain text (a check's
    # returned string, say) must not appear on the page as an "Out[n]:" result. End such a line with ";" (IPython
    # then shows nothing). A question (predict_then_reveal) is an HTML result, and meant to be seen.
    import re

    shared = load_file_module(ROOT / "docs" / "hooks" / "_shared.py", "shared_for_fill_tests")
    hidden = re.compile(r'<div class="jp-Cell [^"]*\bcelltag_remove_input\b')
    text_result = re.compile(r'OutputPrompt[^>]*>\s*(Out\[\d+\]:)\s*</div>\s*<div class="jp-RenderedText ')
    shown = []
    for tutorial in TUTORIALS:
        page = (site_dir / "tutorials" / tutorial.stem / "index.html").read_text(encoding="utf-8")
        for start, end in shared.div_spans(page, hidden, tutorial.stem):
            shown += [f"{tutorial.stem} {prompt}" for prompt in text_result.findall(page, start, end)]
    assert not shown, f"hidden cells show a value on the page: {sorted(shown)}"


@pytest.mark.build
def test_no_hidden_cell_numbers_its_result(site_dir):
    # A hidden cell's result (a flag's question, a predict-then-reveal card) reads as part of the prose: no
    # "Out[n]:" prompt before it numbers a cell whose input the reader cannot see (docs/hooks/_render.py,
    # without_result_prompts). Visible cells keep their prompts.
    import re

    shared = load_file_module(ROOT / "docs" / "hooks" / "_shared.py", "shared_for_fill_tests")
    hidden = re.compile(r'<div class="jp-Cell [^"]*\bcelltag_remove_input\b')
    prompt = re.compile(r"Out\[\d+\]:")
    numbered, visible_prompts = [], 0
    for tutorial in TUTORIALS:
        page = (site_dir / "tutorials" / tutorial.stem / "index.html").read_text(encoding="utf-8")
        spans = list(shared.div_spans(page, hidden, tutorial.stem))
        numbered += [f"{tutorial.stem} {m.group(0)}" for start, end in spans for m in prompt.finditer(page, start, end)]
        visible_prompts += len(prompt.findall(page)) - sum(len(prompt.findall(page, s, e)) for s, e in spans)
    assert visible_prompts > 100, f"expected the visible cells' Out[n]: prompts, found {visible_prompts}"
    assert not numbered, f"hidden cells number their results: {sorted(numbered)[:10]}"
