"""scripts/bench_keras.py profiles the models the Keras pages train: the pages' own functions, not copies (fast)."""

from __future__ import annotations

import ast
import pathlib

from file_module import load_file_module, require

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _saved_functions():
    """Function name -> page, for every function of the pages' ``save`` cells."""
    require("jupytext")  # reads the pages
    sync = load_file_module(ROOT / "scripts" / "sync_saved.py", "sync_saved")
    return {name: cell["page"] for cell in sync.saved_cells() for name in cell["names"]}


def test_profiled_models_are_the_pages_models():
    bench = load_file_module(ROOT / "scripts" / "bench_keras.py", "bench_keras")
    code = ast.parse(bench._PROFILE_CODE)
    imported = {(node.module, alias.name) for node in ast.walk(code) if isinstance(node, ast.ImportFrom)
                for alias in node.names}
    assert {("mnist_tutorials.keras_lab.saved", "build_mlp"), ("mnist_tutorials.keras_lab.saved", "build_cnn")} <= imported
    saved = _saved_functions()
    assert "fashion" in saved["build_mlp"] and "fashion" in saved["build_cnn"], saved
    # it builds no model of its own: no layer and no Sequential anywhere in the script
    source = (ROOT / "scripts" / "bench_keras.py").read_text(encoding="utf-8")
    assert "keras.layers." not in source and "Sequential(" not in source
