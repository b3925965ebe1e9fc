"""Copy the models the tutorials define into the package: every code cell tagged ``save``, in page order.

A tutorial writes each of its models once, on the page, as a function in scikit-learn's or Keras's own API, in a
code cell tagged ``save`` (jupytext: ``# %% tags=["save"]``), and calls it in the cells that follow. This script
copies those cells into two generated modules, so that the flag tasks, the benchmarks, the tests and later pages
import the very function the page shows (d2l's ``#@save``):

- ``mnist_tutorials/saved.py``: the cells that do not import Keras (scikit-learn pipelines);
- ``mnist_tutorials/keras_lab/saved.py``: the cells that import ``keras`` (or ``tensorflow``), so that
  ``import mnist_tutorials`` never loads TensorFlow.

A ``save`` cell holds imports and function definitions only (with their comments); each function is defined once
in the whole course. The imports of all the cells go, once each, to the top of the module; each function follows
with a comment naming its page. ``tests/test_saved.py`` fails when a generated module differs from what this
script writes, so edit the page, then run::

    python scripts/sync_saved.py            # rewrite the generated modules
    python scripts/sync_saved.py --check    # exit 1, naming the stale module, if one differs
"""

from __future__ import annotations

import argparse
import ast
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
TUTORIALS = ROOT / "docs" / "tutorials"
TAG = "save"
TARGETS = {
    "sklearn": ROOT / "mnist_tutorials" / "saved.py",
    "keras": ROOT / "mnist_tutorials" / "keras_lab" / "saved.py",
}
HEAVY = ("keras", "tensorflow")  # a cell importing one of these goes to the Keras module

_DOCSTRINGS = {
    "sklearn": "The scikit-learn models the tutorials define, copied from their pages (``save`` cells).",
    "keras": "The Keras models the tutorials define, copied from their pages (``save`` cells).\n\n"
             "It imports Keras (TensorFlow) when imported; ``mnist_tutorials.keras_lab`` re-exports its functions\n"
             "lazily, so ``import mnist_tutorials.keras_lab`` stays fast.",
}


class SaveCellError(ValueError):
    """A ``save`` cell that cannot be copied into the package."""


def _cells(page: pathlib.Path) -> list[tuple[list[str], str, str]]:
    """``(tags, cell_type, source)`` of each cell of a jupytext percent script."""
    import jupytext

    notebook = jupytext.read(page, fmt="py:percent")
    return [(list(cell.metadata.get("tags", [])), cell.cell_type, cell.source) for cell in notebook.cells]


def _module_of(node: ast.stmt) -> str:
    return node.module.split(".")[0] if isinstance(node, ast.ImportFrom) else node.names[0].name.split(".")[0]


def saved_cells(tutorials: pathlib.Path = TUTORIALS) -> list[dict]:
    """Every ``save`` cell of every tutorial, in page order, parsed.

    Returns a list of ``{"page", "number", "target", "imports", "body", "names"}``: the page's path relative to
    the repository, the cell's position among the page's cells (1-based), ``"sklearn"`` or ``"keras"``, the
    import statements (source lines), the rest of the cell (the definitions, with their comments) and the names
    it defines.

    Raises
    ------
    SaveCellError
        If a ``save`` cell is Markdown, holds a statement other than an import or a function definition, imports
        with a relative import, or defines no function.
    """
    found = []
    for page in sorted(tutorials.glob("*.py")):
        rel = page.relative_to(ROOT).as_posix() if page.is_relative_to(ROOT) else page.name
        for number, (tags, cell_type, source) in enumerate(_cells(page), start=1):
            if TAG not in tags:
                continue
            where = f"{rel}, cell {number}"
            if cell_type != "code":
                raise SaveCellError(f"{where}: a Markdown cell is tagged {TAG!r}; only a code cell that defines "
                                    "functions can be saved. Remove the tag.")
            tree = ast.parse(source)
            lines = source.splitlines()
            imports, names, first_def = [], [], None
            for node in tree.body:
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    if first_def is not None:
                        raise SaveCellError(f"{where}: an import after a definition (line {node.lineno}); put the "
                                            "cell's imports first.")
                    if isinstance(node, ast.ImportFrom) and node.level:
                        raise SaveCellError(f"{where}: a relative import (line {node.lineno}); a page imports the "
                                            "package by its name, `from mnist_tutorials… import …`.")
                    imports.append((_module_of(node), ast.get_source_segment(source, node)))
                elif isinstance(node, ast.FunctionDef):
                    first_def = node if first_def is None else first_def
                    names.append(node.name)
                else:
                    raise SaveCellError(
                        f"{where}: line {node.lineno} is a {type(node).__name__}, not an import or a function "
                        f"definition:\n    {lines[node.lineno - 1]}\nA {TAG!r} cell only defines; call the "
                        "function in the next cell.")
            if first_def is None:
                raise SaveCellError(f"{where}: a {TAG!r} cell defines no function; remove the tag.")
            start = min([first_def.lineno] + [d.lineno for d in first_def.decorator_list]) - 1
            while start > 0 and lines[start - 1].lstrip().startswith("#"):
                start -= 1  # the comments just above the first definition belong to it
            target = "keras" if any(module in HEAVY for module, _ in imports) else "sklearn"
            found.append({"page": rel, "number": number, "target": target,
                          "imports": [text for _, text in imports], "body": "\n".join(lines[start:]).strip(),
                          "names": names})
    return found


def _merge_imports(statements) -> list[str]:
    """The cells' import statements, once each: ``import x`` lines, then one ``from m import …`` per module, the
    package's own imports last."""
    plain, names = {}, {}
    for text in statements:
        node = ast.parse(text).body[0]
        for alias in node.names:
            shown = alias.name + (f" as {alias.asname}" if alias.asname else "")
            if isinstance(node, ast.Import):
                plain[shown] = None
            else:
                names.setdefault(node.module, {})[shown] = None
    own = lambda module: module.split(".")[0] == "mnist_tutorials"  # noqa: E731
    lines = [f"import {name}" for name in sorted(plain)]
    lines += [f"from {m} import {', '.join(sorted(names[m]))}" for m in sorted(names) if not own(m)]
    local = [f"from {m} import {', '.join(sorted(names[m]))}" for m in sorted(names) if own(m)]
    return lines + ([""] + local if local and lines else local)


def render(cells: list[dict], target: str) -> str:
    """The generated module ``target`` (``"sklearn"`` or ``"keras"``) for ``cells``.

    Raises
    ------
    SaveCellError
        If two cells define the same name (d2l's pitfall: the later copy would silently win).
    """
    mine = [cell for cell in cells if cell["target"] == target]
    defined: dict[str, str] = {}
    for cell in mine:
        for name in cell["names"]:
            if name in defined:
                raise SaveCellError(f"{name} is defined twice: in {defined[name]} and in {cell['page']}, cell "
                                    f"{cell['number']}. Define it once; the later page imports it from the package.")
            defined[name] = f"{cell['page']}, cell {cell['number']}"
    imports = _merge_imports(text for cell in mine for text in cell["imports"])
    pages = list(dict.fromkeys(cell["page"] for cell in mine))
    public = [name for cell in mine for name in cell["names"] if not name.startswith("_")]
    out = [
        f'"""{_DOCSTRINGS[target]}',
        "",
        "Generated by ``scripts/sync_saved.py`` from the cells tagged ``save`` of:",
        "",
        *[f"- ``{page}``" for page in pages],
        "",
        "Do not edit this file: edit the page, then run ``python scripts/sync_saved.py``.",
        '"""',
        "",
        "# generated: edit the page, then run scripts/sync_saved.py",
        "",
        *imports,
        "",
        f"__all__ = {json.dumps(public)}",
    ]
    for cell in mine:
        out += ["", "", f"# From {cell['page']}.", cell["body"]]
    return "\n".join(out).rstrip() + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a generated module is stale; write nothing")
    args = parser.parse_args(argv)
    try:
        cells = saved_cells()
        modules = {path: render(cells, target) for target, path in TARGETS.items()}
    except SaveCellError as exc:
        print(f"sync_saved: {exc}", file=sys.stderr)
        return 2
    stale = [path for path, text in modules.items()
             if not path.is_file() or path.read_text(encoding="utf-8") != text]
    for path in stale:
        rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        if args.check:
            print(f"{rel} differs from the tutorials' save cells: run `python scripts/sync_saved.py`.",
                  file=sys.stderr)
        else:
            path.write_text(modules[path], encoding="utf-8")
            print(f"wrote {rel}")
    if not stale:
        print("the generated modules match the tutorials' save cells")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
