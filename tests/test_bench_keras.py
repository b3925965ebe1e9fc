"""scripts/bench_keras.py profiles the models the Keras page trains: the two must not drift apart (fast)."""

from __future__ import annotations

import ast
import pathlib

from file_module import load_file_module, require

require("jupytext")  # reads the Keras page
import jupytext  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]
PAGES = [ROOT / "docs" / "tutorials" / name for name in ("11_fashion_keras.py", "13_fashion_cnn.py")]


def _calls(name):
    """Every call of ``name`` in the page's code cells, as (positional args, keyword args) of literals."""
    calls = []
    for cell in (cell for page in PAGES for cell in jupytext.read(page).cells):
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Call):
                func = node.func.id if isinstance(node.func, ast.Name) else None
                args = list(node.args)
                if func == "partial" and args and isinstance(args[0], ast.Name):
                    func, args = args[0].id, args[1:]
                if func == name:
                    literal = {k.arg: ast.literal_eval(k.value) for k in node.keywords
                               if isinstance(k.value, ast.Constant | ast.Tuple)}
                    calls.append(([ast.literal_eval(a) for a in args], literal))
    return calls


def test_profiled_models_are_the_pages_models():
    bench = load_file_module(ROOT / "scripts" / "bench_keras.py", "bench_keras")
    cnn_calls = _calls("build_cnn")
    assert len(cnn_calls) == 1, cnn_calls
    args, kwargs = cnn_calls[0]
    assert {"filters": args[0], **kwargs} == bench.CNN_KWARGS
    mlp_hidden = {tuple(args[0]) for args, kwargs in _calls("build_mlp") if kwargs.get("batch_norm")}
    assert mlp_hidden == {bench.MLP_HIDDEN}

