"""Static checks on the tutorial sources (fast; no execution)."""

from __future__ import annotations

import pathlib
import re

import pytest

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
    # mkdocs-jupyter applies nbconvert's TagRemovePreprocessor *before* executing, so a cell tagged remove_cell
    # never runs: an assert there would check nothing. Hidden cells must use remove_input.
    lines = [line for line in tutorial.read_text(encoding="utf-8").splitlines()
             if line.startswith("# %%") and "remove_cell" in line]
    assert not lines, f"{tutorial.name}: use tags=[\"remove_input\"] instead of remove_cell: {lines}"
