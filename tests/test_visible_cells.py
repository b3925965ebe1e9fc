"""A reader can copy the visible cells of a tutorial and run them: no name comes from a hidden cell.

Hidden cells (``tags=["remove_input"]``) run at build time but are not shown, so a name they define is
missing for a reader who copies the page cell by cell into Colab. The fast test reads every tutorial with
jupytext and analyses the visible code cells in order, after the notebook's install cell, with Python's
``symtable``: every name a visible cell reads must be a builtin, a name IPython provides (``display``), or
defined by an earlier visible statement. The ``reference`` test executes the visible cells alone of the
cheaper pages, on the real data, and fails on the first error (a NameError included).
"""

from __future__ import annotations

import builtins
import pathlib
import symtable
import textwrap

import pytest
from file_module import require

ROOT = pathlib.Path(__file__).resolve().parents[1]
TUTORIALS = sorted((ROOT / "docs" / "tutorials").glob("*.py"))
HIDDEN_TAGS = {"remove_input", "remove_cell"}
# What an IPython kernel (Jupyter, Colab) puts in every notebook's namespace.
IPYTHON_NAMES = {"display", "get_ipython", "In", "Out", "exit", "quit", "_", "__", "___"}


def _code(source: str) -> str:
    """The cell's Python: IPython magics and shell escapes (``%pip``, ``!ls``) become blank lines."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


def _free_names(table: symtable.SymbolTable) -> set:
    """Names a nested scope (function, lambda, comprehension, class body) reads from the module scope."""
    names = {s.get_name() for s in table.get_symbols() if s.is_referenced() and s.is_global()}
    for child in table.get_children():
        names |= _free_names(child)
    return names


def statement_names(code: str) -> tuple[set, set]:
    """``(read, defined)``: module-level names one statement reads before defining, and those it defines.

    Examples
    --------
    >>> read, defined = statement_names("squares = [f(i) for i in range(n)]")
    >>> sorted(read), sorted(defined)
    (['f', 'n', 'range'], ['squares'])
    """
    top = symtable.symtable(code, "<cell>", "exec")
    defined = {s.get_name() for s in top.get_symbols() if s.is_assigned() or s.is_imported()}
    read = {s.get_name() for s in top.get_symbols() if s.is_referenced() and not s.is_assigned()
            and not s.is_imported()}
    for child in top.get_children():
        read |= _free_names(child)
    return read - defined, defined


def hidden_dependencies(path: pathlib.Path) -> list[tuple[int, str]]:
    """``(cell number, name)`` for every name a visible cell reads that no earlier visible cell defines.

    Cells are numbered as in the generated notebook: 0 is the install cell, 1 the tutorial's first cell.
    """
    import ast

    require("jupytext")
    import jupytext

    known = set(dir(builtins)) | IPYTHON_NAMES
    missing = []
    for number, cell in enumerate(jupytext.read(path).cells, start=1):
        if cell.cell_type != "code" or HIDDEN_TAGS & set(cell.metadata.get("tags", [])):
            continue
        code = _code(cell.source)
        for statement in ast.parse(code).body:
            read, defined = statement_names(textwrap.dedent(ast.get_source_segment(code, statement)))
            missing += [(number, name) for name in sorted(read - known)]
            known |= defined
    return missing


def test_the_analysis_finds_a_name_from_a_hidden_cell(tmp_path):
    page = tmp_path / "99_demo.py"
    page.write_text(textwrap.dedent('''\
        # %% [markdown]
        # # Demo

        # %% tags=["remove_input"]
        import numpy as np
        secret = 3

        # %%
        import pandas as pd
        frame = pd.DataFrame({"a": [1, 2]})
        values = np.arange(secret)
        total = sum(v for v in values if v > limit)

        # %%
        def helper(x):
            return np.sqrt(x) + frame.a.sum()

        class Box:
            size = secret
        print(helper(2), Box, display, values, undefined_later)
        undefined_later = 1
        '''), encoding="utf-8")
    assert hidden_dependencies(page) == [(3, "np"), (3, "secret"), (3, "limit"), (4, "np"), (4, "secret"),
                                         (4, "undefined_later")]


@pytest.mark.parametrize("tutorial", TUTORIALS, ids=lambda p: p.stem)
def test_visible_cells_do_not_use_names_from_hidden_cells(tutorial):
    missing = hidden_dependencies(tutorial)
    assert not missing, (
        f"{tutorial.name}: visible cells use names that only hidden cells (or later cells) define: "
        + ", ".join(f"{name!r} in cell {cell}" for cell, name in missing)
        + ". A reader copying the visible cells gets a NameError: import or define them in a visible cell."
    )


# Pages cheap enough to execute twice in CI (once in the build, once here with their visible cells alone).
CHEAP = ["01_meet_the_data", "06_multiclass"]


@pytest.mark.reference
@pytest.mark.parametrize("stem", CHEAP)
def test_visible_cells_alone_run(stem):
    import jupytext
    from nbclient import NotebookClient

    nb = jupytext.read(ROOT / "docs" / "tutorials" / f"{stem}.py")
    nb.cells = [cell for cell in nb.cells
                if cell.cell_type == "code" and not HIDDEN_TAGS & set(cell.metadata.get("tags", []))]
    NotebookClient(nb, kernel_name="python3", timeout=900, allow_errors=False,
                   resources={"metadata": {"path": str(ROOT)}}).execute()
