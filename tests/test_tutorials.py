"""Static checks on the tutorial sources (fast; no execution)."""

from __future__ import annotations

import pathlib
import re

import pytest
from file_module import read_tutorial, require

TUTORIALS = sorted((pathlib.Path(__file__).resolve().parents[1] / "docs" / "tutorials").glob("*.py"))


def test_there_are_tutorials():
    assert len(TUTORIALS) >= 1


@pytest.mark.parametrize("tutorial", TUTORIALS, ids=lambda p: p.stem)
def test_tutorial_shape(tutorial):
    source = tutorial.read_text(encoding="utf-8")
    assert re.match(r"\d\d_[a-z0-9_]+\.py$", tutorial.name), "name tutorials NN_slug.py"
    assert "format_name: percent" in source.split("# ---", 2)[1], "expected a jupytext percent header"
    first_cell = source.split("# %%", 1)[1]
    assert first_cell.startswith(" [markdown]"), "the first cell must be Markdown with the page title"
    assert re.search(r"^# # \S", first_cell, re.M), "the first cell must hold the '# Title'"


@pytest.mark.parametrize("tutorial", TUTORIALS, ids=lambda p: p.stem)
def test_no_remove_cell_tags(tutorial):
    # The build hides the inputs of cells tagged remove_input (docs/hooks/_render.py) and knows no remove_cell: such
    # a cell would show on the page (and, where nbconvert's tag removal runs first, never run, so an assert there
    # would check nothing). Hidden cells must use remove_input.
    lines = [line for line in tutorial.read_text(encoding="utf-8").splitlines()
             if line.startswith("# %%") and "remove_cell" in line]
    assert not lines, f"{tutorial.name}: use tags=[\"remove_input\"] instead of remove_cell: {lines}"


def _code_cells(tutorial, *, hidden):
    """Sources of the code cells of a tutorial: the hidden ones (``remove_input``) or the visible ones."""
    require("jupytext")
    cells = read_tutorial(tutorial).cells
    return [cell.source for cell in cells if cell.cell_type == "code"
            and ("remove_input" in cell.metadata.get("tags", [])) == hidden]


@pytest.mark.parametrize("tutorial", TUTORIALS, ids=lambda p: p.stem)
def test_hidden_cells_render_or_assert_without_branching(tutorial):
    # A hidden cell renders a sentence or asserts; a decision (which sentence to show) goes in the package or in
    # visible code, where the reader sees it. So no if / for / while / try in a hidden cell, not even inline.
    import ast

    for source in _code_cells(tutorial, hidden=True):
        code = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())
        branches = [type(node).__name__ for node in ast.walk(ast.parse(code))
                    if isinstance(node, (ast.If, ast.IfExp, ast.For, ast.While, ast.Try))]
        assert not branches, f"{tutorial.name}: a hidden cell decides ({branches}):\n{source[:300]}"


@pytest.mark.parametrize("stem", ["08_logistic_regression", "09_logistic_regression_features", "11_fashion_keras",
                                  "13_fashion_cnn"])
def test_the_pages_write_their_models_in_the_libraries_own_api(stem):
    # The ML stays on the page: each model is written once, where it is introduced, with scikit-learn's or Keras's
    # API, as a function in a visible cell tagged save (scripts/sync_saved.py copies it into the package, where
    # later pages, the flags, the benchmarks and the tests import it). No hidden cell compares it with a copy.
    require("jupytext")
    tutorial = TUTORIALS[[path.stem for path in TUTORIALS].index(stem)]
    cells = [cell for cell in read_tutorial(tutorial).cells if cell.cell_type == "code"]
    saved = "\n".join(cell.source for cell in cells if "save" in cell.metadata.get("tags", []))
    hidden = "\n".join(_code_cells(tutorial, hidden=True))
    assert saved, f"{stem}: no cell tagged save"
    assert not any("save" in c.metadata.get("tags", []) and "remove_input" in c.metadata.get("tags", []) for c in cells)
    if "logistic" in stem:
        assert "LogisticRegression(" in saved and ("Pipeline(" in saved or "make_pipeline(" in saved)
    elif stem == "11_fashion_keras":
        assert "keras.Sequential(" in saved and "BatchNormalization()" in saved and "def build_mlp(" in saved
    else:
        assert "keras.Sequential(" in saved and "Conv2D(" in saved and "def build_cnn(" in saved
    assert "keras_lab import build_cnn" not in hidden and "keras_lab import build_mlp" not in hidden
    assert "get_config()" not in hidden and "get_params()" not in hidden, "no hidden 'the copies agree' assert"
    if stem == "09_logistic_regression_features":
        assert "PolynomialFeatures(" in saved and "PCA(" in saved and "FunctionTransformer(deskew" in saved


def test_the_sandal_page_reuses_page_11s_network_and_stops_on_validation():
    # Page 12 trains page 11's MLP again (it runs on its own in Colab): it imports the function page 11 saved, and
    # writes no copy of it; EarlyStopping on the validation set chooses its number of epochs.
    require("jupytext")
    tutorial = TUTORIALS[[path.stem for path in TUTORIALS].index("12_fashion_sandal_detector")]
    cells = [cell for cell in read_tutorial(tutorial).cells if cell.cell_type == "code"]
    visible = "\n".join(cell.source for cell in cells if "remove_input" not in cell.metadata.get("tags", []))
    assert "from mnist_tutorials.keras_lab import build_mlp" in visible and "build_mlp(" in visible
    assert "keras.Sequential(" not in visible, "page 12 writes page 11's network again instead of importing it"
    assert "EarlyStopping(" in visible and "validation_data=(X_val, y_val)" in visible
