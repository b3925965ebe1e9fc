"""The learner's notebook: a tutorial (the build's input) turned into material for a reader in Colab or Jupyter.

Not a hook itself (mkdocs.yml does not list it): ``notebooks.py`` imports it as a sibling module. The site executes
the jupytext source unchanged, so every check still guards the site; only the downloadable notebook is transformed:

* A **hidden cell** (tag ``remove_input``) loses its checks: ``assert`` statements and ``assert_*(...)`` calls
  (``np.testing.assert_array_equal``), then every statement that only fed them (an assignment, import or
  definition whose names no later code of the notebook reads), then its comments. A cell left empty is dropped;
  so is one tagged ``site_only`` (build plumbing such as silencing TensorFlow's start-up log). A cell that still
  writes prose (``display(Markdown(...))``) or defines names later cells use stays, **folded**: a Colab form
  (``#@title`` first line, ``cellView: form``) that Jupyter shows collapsed too (``jupyter.source_hidden``).
  "Run all" then never stops on a check that depends on the library version or the hardware.
* **Links** in Markdown cells and in the string literals of code cells (the prose a hidden cell writes) become
  absolute URLs under the site's address, so they work in Colab (``notebooks.absolute_links`` does the rewriting).
* **Solutions** (tag ``solution``): :func:`split_solutions` gives the exercise notebook, where each run of solution
  cells is replaced by a pointer to the solutions notebook, and the solutions notebook, which keeps them.

A statement the transform would need to cut in half (an ``assert`` on the same line as other code, or the only
statement of a block) stops the build with the cell and the fix.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from types import MappingProxyType

import _shared  # sibling module: docs/hooks/_shared.py

HIDDEN_TAG = "remove_input"
SITE_ONLY_TAG = "site_only"
SOLUTION_TAG = "solution"
PROSE_TITLE = "#@title The explanation, computed from your run (double-click to see the code)"
VALUES_TITLE = "#@title Values the explanations below use (double-click to see the code)"
FOLDED = MappingProxyType({"cellView": "form", "jupyter": MappingProxyType({"source_hidden": True})})
_BINDING = (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Import, ast.ImportFrom, ast.FunctionDef,
            ast.AsyncFunctionDef, ast.ClassDef)
_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
_STRING_TOKENS = frozenset({tokenize.STRING} | {getattr(tokenize, name) for name in ("FSTRING_MIDDLE",) if hasattr(tokenize, name)})


def tags(cell) -> list:
    return list(cell.get("metadata", {}).get("tags", []))


def is_hidden(cell) -> bool:
    """Whether ``cell`` is a code cell whose input the site hides (tag ``remove_input``)."""
    return cell.cell_type == "code" and HIDDEN_TAG in tags(cell)


def _ipython_free(source: str) -> str:
    """``source`` with IPython lines (``%pip``, ``!ls``) blanked, so ``ast`` can parse it; line numbers kept."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


def _is_check(stmt: ast.stmt) -> bool:
    """An ``assert`` statement, or a call such as ``np.testing.assert_allclose(...)`` used as a statement."""
    if isinstance(stmt, ast.Assert):
        return True
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        func = stmt.value.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        return name.startswith("assert_")
    return False


def _bound(stmt: ast.stmt) -> set | None:
    """The names a binding statement binds; ``None`` when it also writes elsewhere (``a[i] = …``, ``a.x = …``)."""
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        return {(alias.asname or alias.name).split(".")[0] for alias in stmt.names}
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {stmt.name}
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
    names = set()
    for target in targets:
        for node in ast.walk(target):
            if isinstance(node, (ast.Attribute, ast.Subscript)):
                return None
            if isinstance(node, ast.Name):
                names.add(node.id)
    return names


def _reads(node: ast.AST) -> set:
    """Every name ``node`` reads (in f-strings and lambdas too; ``x += 1`` reads ``x``)."""
    names = {sub.id for sub in ast.walk(node) if isinstance(sub, ast.Name) and not isinstance(sub.ctx, ast.Store)}
    return names | {sub.target.id for sub in ast.walk(node)
                    if isinstance(sub, ast.AugAssign) and isinstance(sub.target, ast.Name)}


def _step_back(stmt: ast.stmt, live: set) -> None:
    """``live`` before ``stmt`` from ``live`` after it: minus what it surely binds, plus what it reads."""
    if isinstance(stmt, _BINDING) and not isinstance(stmt, ast.AugAssign):
        live -= _bound(stmt) or set()
    live |= _reads(stmt)


def visible_cell_liveness(source: str, live: set) -> None:
    """Update ``live`` (the names read after a visible cell) to the names read from its start on.

    A cell that does not parse counts every identifier in it as read.
    """
    try:
        body = ast.parse(_ipython_free(source)).body
    except SyntaxError:
        live |= set(_IDENTIFIER.findall(source))
        return
    for stmt in reversed(body):
        _step_back(stmt, live)


def _blocks(stmt: ast.stmt) -> list[list[ast.stmt]]:
    blocks = [getattr(stmt, field) for field in ("body", "orelse", "finalbody") if getattr(stmt, field, None)]
    return blocks + [handler.body for handler in getattr(stmt, "handlers", [])]


def _prune(stmts: list[ast.stmt], live: set, drop: list, where: str) -> list[ast.stmt]:
    """Record in ``drop`` the statements of ``stmts`` to remove (checks, then dead bindings); return the kept ones.

    ``live`` holds the names read after these statements; it is updated with what the kept statements read.
    """
    kept = []
    for stmt in reversed(stmts):
        if _is_check(stmt):
            drop.append(stmt)
            continue
        blocks = _blocks(stmt) if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) else []
        if blocks and any(_is_check(sub) for sub in ast.walk(stmt) if isinstance(sub, ast.stmt)):
            inner_drop = []
            inner_kept = [_prune(block, set(live) | _reads(stmt), inner_drop, where) for block in blocks]
            if not any(inner_kept):
                drop.append(stmt)
                continue
            if not all(inner_kept):
                raise _shared.error("notebooks", f"{where}: a block of a hidden cell holds only checks (line "
                                                 f"{stmt.lineno}), while the statement around it does more; move "
                                                 "the checks out of the block, or the block out of the cell.")
            drop.extend(inner_drop)
        elif isinstance(stmt, _BINDING):
            names = _bound(stmt)
            if names is not None and not names & live:
                drop.append(stmt)
                continue
        kept.append(stmt)
        _step_back(stmt, live)
    return kept[::-1]


def _without_comments(source: str) -> str:
    """``source`` without comments; lines that held only a comment are removed."""
    lines = source.splitlines()
    cut = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            row, col = token.start
            cut[row - 1] = col
    out = []
    for index, line in enumerate(lines):
        if index in cut:
            line = line[:cut[index]].rstrip()
            if not line:
                continue
        out.append(line)
    return "\n".join(out)


def _tidy(source: str) -> str:
    """No trailing spaces, no run of blank lines, none at the start or end."""
    lines = [line.rstrip() for line in source.splitlines()]
    out = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n")


def strip_checks(source: str, live: set, where: str) -> str:
    """A hidden cell's ``source`` without its checks, the statements only they needed, and its comments.

    ``live`` holds the names later cells read; it gains the names the kept statements read.

    Examples
    --------
    >>> cell = "x = f()  # why\\nref = g()\\nassert x == ref\\ndisplay(Markdown(f'{x}'))"
    >>> print(strip_checks(cell, set(), "doctest"))
    x = f()
    display(Markdown(f'{x}'))
    """
    tree = ast.parse(source)
    drop: list[ast.stmt] = []
    kept = _prune(tree.body, live, drop, where)
    removed = set()
    for stmt in drop:
        removed.update(range(stmt.lineno, stmt.end_lineno + 1))
    for stmt in ast.walk(ast.Module(body=kept, type_ignores=[])):
        if not isinstance(stmt, ast.stmt) or any(_contains(stmt, gone) for gone in drop):
            continue  # a dropped statement, or one around a dropped one (its header stays)
        shared = removed & set(range(stmt.lineno, stmt.end_lineno + 1))
        if shared:
            raise _shared.error("notebooks", f"{where}: line {min(shared)} of a hidden cell holds a check and "
                                             "other code; put the check on its own line.")
    lines = source.splitlines()
    text = "\n".join(line for number, line in enumerate(lines, start=1) if number not in removed)
    return _tidy(_without_comments(text)) if text.strip() else ""


def _contains(outer: ast.AST, inner: ast.AST) -> bool:
    return any(node is inner for node in ast.walk(outer))


def fold(cell, title: str) -> None:
    """Fold a code cell: a Colab form titled ``title`` whose code Jupyter shows collapsed too."""
    cell.source = f"{title}\n{cell.source}"
    cell.metadata.update({key: dict(value) if isinstance(value, MappingProxyType) else value for key, value in FOLDED.items()})


def is_folded(cell) -> bool:
    """Whether ``cell`` is folded both in Colab (a ``#@title`` form) and in Jupyter (``source_hidden``)."""
    return (cell.source.startswith("#@title ") and cell.metadata.get("cellView") == "form"
            and cell.metadata.get("jupyter", {}).get("source_hidden") is True)


def _writes_prose(source: str) -> bool:
    return any(isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "display"
               for node in ast.walk(ast.parse(source)))


def learner_cells(cells: list, where: str) -> list:
    """The learner's version of a tutorial's ``cells`` (nbformat cells, changed in place where kept).

    Hidden cells lose their checks and comments and are folded, or dropped when nothing is left or they are
    tagged ``site_only``; other cells are kept as they are.
    """
    live: set = set()
    kept = []
    for index in range(len(cells) - 1, -1, -1):
        cell = cells[index]
        if cell.cell_type != "code":
            kept.append(cell)
            continue
        if not is_hidden(cell):
            visible_cell_liveness(cell.source, live)
            kept.append(cell)
            continue
        if SITE_ONLY_TAG in tags(cell):
            continue
        source = strip_checks(cell.source, live, f"{where}, cell {index + 1}")
        if not source:
            continue
        cell.source = source
        fold(cell, PROSE_TITLE if _writes_prose(source) else VALUES_TITLE)
        kept.append(cell)
    return kept[::-1]


def string_links(source: str, rewrite) -> str:
    """``source`` (Python) with ``rewrite`` applied to the text of each string literal (f-strings included)."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return source
    lines = source.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    edits = []
    for token in tokens:
        if token.type in _STRING_TOKENS:
            new = rewrite(token.string)
            if new != token.string:
                begin = starts[token.start[0] - 1] + token.start[1]
                end = starts[token.end[0] - 1] + token.end[1]
                edits.append((begin, end, new))
    for begin, end, new in reversed(edits):
        source = source[:begin] + new + source[end:]
    return source


def split_solutions(cells: list, pointer) -> tuple[list, list]:
    """``(exercise, solutions)``: the exercise notebook's cells and the solutions notebook's.

    In the exercise notebook each run of consecutive cells tagged ``solution`` is replaced by the cells
    ``pointer()`` returns (an empty cell to work in and a link to the solutions notebook); the solutions notebook
    keeps every cell.
    """
    exercise, previous = [], False
    for cell in cells:
        solution = SOLUTION_TAG in tags(cell)
        if solution and not previous:
            exercise.extend(pointer())
        if not solution:
            exercise.append(cell)
        previous = solution
    return exercise, list(cells)
