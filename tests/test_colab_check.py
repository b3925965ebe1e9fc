"""scripts/colab_check.py and colab_compare.py: the Colab-stack check's requirements and its comparison of numbers."""

from __future__ import annotations

import pathlib

import pytest
from file_module import load_file_module

ROOT = pathlib.Path(__file__).resolve().parents[1]
check = load_file_module(ROOT / "scripts" / "colab_check.py", "colab_check_under_test")
compare_mod = load_file_module(ROOT / "scripts" / "colab_compare.py", "colab_compare_under_test")

# mkdocs-jupyter's HTML for a tutorial page, reduced to what the comparison reads: code input, then output areas.
PAGE = """
<div class="jp-Cell jp-CodeCell"><div class="jp-InputArea"><pre>print(f"{accuracy:.4f}")</pre></div>
<div class="jp-OutputArea"><div class="jp-OutputArea-child"><div class="jp-RenderedText jp-OutputArea-output"
 data-mime-type="text/plain"><pre>0.9220</pre></div></div></div></div>
<div class="jp-Cell jp-MarkdownCell"><p>Typed prose with 3 numbers 4 and 5 is not compared.</p></div>
<div class="jp-Cell jp-CodeCell"><div class="jp-OutputArea"><div class="jp-RenderedMarkdown jp-OutputArea-output"
 data-mime-type="text/markdown"><p>SGD stopped after <strong>1,000</strong> epochs. Fitting took 12.5 s.</p>
</div></div></div>
<div class="jp-OutputArea-output"><figure class="reader-plotly"><figcaption>Bar chart of 10 bars</figcaption>
<script>Plotly.newPlot("x", [1, 2])</script><table><tr><td>0</td><td>5923</td></tr></table></figure></div>
<div class="jp-OutputArea-output"><img alt="Histogram." class="reader-figure" src="fig-1.png"><details
 class="reader-figure-description"><summary>Full description of the figure</summary><p>3 panels. Panel 1: Bar
 chart.</p></details><details class="reader-plotly-data"><summary>Confusion matrix (table)</summary><table><tr>
<td>5</td><td>4,344</td></tr></table></details></div>
"""


def _run(stream: str, markdown: str) -> list[dict]:
    return [{"output_type": "stream", "name": "stdout", "text": stream},
            {"output_type": "display_data", "data": {"text/markdown": markdown, "text/plain": "<Markdown>"}}]


def _markdown(md: str) -> str:
    return md.replace("**1,000**", "<strong>1,000</strong>").replace("**71**", "<strong>71</strong>")


def test_the_page_side_reads_outputs_only_and_skips_the_sites_figure_tables():
    lines = compare_mod.text_lines(PAGE, outputs_only=True)
    assert lines == ["0.9220", "SGD stopped after 1,000 epochs.", "Fitting took 12.5 s."]


def test_scikit_learns_estimator_display_is_not_compared():
    display = ('<div class="jp-OutputArea-output"><div class="sk-top-container"><table><tr><td>max_iter</td>'
               '<td>1000</td></tr></table></div><pre>SGDClassifier(random_state=42)</pre></div>')
    assert compare_mod.text_lines(display, outputs_only=True) == ["SGDClassifier(random_state=42)"]


def test_a_run_that_reproduces_the_page_differs_only_in_its_timing():
    page = compare_mod.text_lines(PAGE, outputs_only=True)
    run = compare_mod.output_lines(_run("0.9220\n", "SGD stopped after **1,000** epochs. Fitting took 3.1 s."),
                                   _markdown)
    result = compare_mod.compare(page, run)
    assert result["equal"] == 2
    assert [(d["page"], d["notebook"], d["timing"]) for d in result["differing"]] == [("12.5", "3.1", True)]


def test_a_changed_number_is_reported_with_both_values_and_is_not_a_timing():
    page = compare_mod.text_lines(PAGE, outputs_only=True)
    run = compare_mod.output_lines(_run("0.9216\n", "SGD stopped after **71** epochs. Fitting took 12.5 s."),
                                   _markdown)
    differing = compare_mod.compare(page, run)["differing"]
    assert [(d["page"], d["notebook"], d["timing"]) for d in differing] == [("0.9220", "0.9216", False),
                                                                            ("1,000", "71", False)]


def test_a_reworded_sentence_is_reported_whole_and_a_missing_one_too():
    page = ["SGD stopped after its maximum of 1,000 epochs.", "Scaling gained 3.0 points.", "A line without digits."]
    run = ["SGD converged after 71 epochs.", "A line without digits."]
    differing = compare_mod.compare(page, run)["differing"]
    assert [(d["page"], d["notebook"]) for d in differing] == [
        ("SGD stopped after its maximum of 1,000 epochs.", "SGD converged after 71 epochs."),
        ("Scaling gained 3.0 points.", "(no such line in the run)")]


def test_an_error_in_the_run_shows_as_a_line():
    assert compare_mod.output_lines([{"output_type": "error", "ename": "AssertionError", "evalue": "sklearn"}],
                                    _markdown) == ["AssertionError: sklearn"]


def test_tables_in_html_outputs_are_compared_row_by_row():
    frame = "<table><tr><th>digit</th><th>errors</th></tr><tr><td>5</td><td>91</td></tr></table>"
    page = compare_mod.text_lines(f'<div class="jp-OutputArea-output">{frame}</div>', outputs_only=True)
    run = compare_mod.output_lines([{"output_type": "execute_result", "data": {
        "text/html": frame.replace("91", "113"), "text/plain": "digit errors"}}], _markdown)
    assert page == ["| digit | errors", "| 5 | 91"]
    assert [(d["page"], d["notebook"]) for d in compare_mod.compare(page, run)["differing"]] == [("91", "113")]


def test_the_table_and_its_markers():
    rows = [{"notebook": "06_multiclass", "passed": False, "error": "AssertionError: sklearn >= 1.8", "wall_s": 61.2,
             "equal": 3, "differing": [{"page": "14", "notebook": "5", "line": "14 errors", "timing": False}]}]
    text = compare_mod.table(rows)
    assert "| 06_multiclass | **no**: AssertionError: sklearn >= 1.8 | 61 | 3 | 1: 14 → 5 |" in text
    page = f"# Maintainers\n{compare_mod.TABLE_START}\nold table\n{compare_mod.TABLE_END}\nafter"
    assert compare_mod.replace_between_markers(page, text).count("06_multiclass") == 1
    assert "old table" not in compare_mod.replace_between_markers(page, text)
    with pytest.raises(ValueError, match="markers"):
        compare_mod.replace_between_markers("# no markers", text)


def test_the_maintainers_page_has_the_markers_the_script_writes_between():
    page = (ROOT / "docs" / "maintainers" / "index.md").read_text(encoding="utf-8")
    assert compare_mod.TABLE_START in page and compare_mod.TABLE_END in page


# --------------------------------------------------------------------------------- requirements


def test_the_colab_list_states_its_source_and_pins_the_versions_the_issue_quotes():
    text = (ROOT / "requirements" / "colab.txt").read_text(encoding="utf-8")
    assert "googlecolab/backend-info" in text and "pip-freeze.txt" in text
    pins = dict(line.split("==") for line in check.requirement_lines(text))
    pins = {check._norm(k): v for k, v in pins.items()}
    assert {k: pins[k] for k in ("numpy", "pandas", "scikit-learn", "tensorflow", "keras", "matplotlib", "plotly",
                                 "scipy", "jinja2")} == {
        "numpy": "2.1.3", "pandas": "2.2.3", "scikit-learn": "1.6.1", "tensorflow": "2.20.0", "keras": "3.13.2",
        "matplotlib": "3.10.0", "plotly": "5.24.1", "scipy": "1.16.3", "jinja2": "3.1.6"}
    quick = check.requirement_lines(text, exclude=check.KERAS_STACK)
    assert not any(line.lower().startswith(("tensorflow", "keras")) for line in quick)
    assert any(line.startswith("numpy==") for line in quick)


def test_the_install_cell_is_parsed_and_the_site_pin_added_only_when_missing():
    cell = '%pip install "mnist-tutorials[keras] @ git+https://github.com/o/r@0123abc"'
    assert check.install_cell_requirements(cell) == (("keras",), [])
    constraints = (ROOT / "requirements" / "constraints.txt").read_text(encoding="utf-8")
    site_version = check.pinned_version(constraints, "scikit-learn")
    assert check.with_pins([], constraints) == ([f"scikit-learn=={site_version}"], ["scikit-learn"])
    pinned = '%pip install -q "mnist-tutorials @ git+https://github.com/o/r@main" "scikit-learn==1.8.0"'
    extras, others = check.install_cell_requirements(pinned)
    assert (extras, others) == ((), ["scikit-learn==1.8.0"])
    assert check.with_pins(others, constraints) == (["scikit-learn==1.8.0"], [])
    with pytest.raises(ValueError, match="%pip install"):
        check.install_cell_requirements("import numpy")
    with pytest.raises(SystemExit, match="scikit-learn"):
        check.pinned_version("numpy==2.0.0\n", "scikit-learn")


def test_the_floors_are_read_from_pyproject():
    floors = check.floor_requirements((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    names = [check._norm(line.split("==")[0]) for line in floors]
    assert {"numpy", "pandas", "scikit-learn", "matplotlib", "plotly", "jinja2", "tensorflow"} <= set(names)
    assert all("==" in line and line.split("==")[1][0].isdigit() for line in floors)


def test_notebooks_are_selected_by_prefix_and_an_unknown_prefix_is_an_error(tmp_path):
    books = [tmp_path / f"{name}.ipynb" for name in ("01_meet", "02_five", "05_logistic", "05_logistic_features")]
    assert [b.stem for b in check.select(books, ["05"])] == ["05_logistic", "05_logistic_features"]
    assert [b.stem for b in check.select(books, ["05_logistic"])] == ["05_logistic"]  # a full name: that one
    assert check.select(books, None) == books
    with pytest.raises(SystemExit, match="99"):
        check.select(books, ["01", "99"])


def test_prepare_makes_only_the_virtualenv_and_needs_no_built_site(monkeypatch, tmp_path):
    """scripts/test.sh runs ``--quick --prepare`` beside the build, before any site exists."""
    made = []
    monkeypatch.setattr(check, "find_python", lambda versions: "python-under-test")
    monkeypatch.setattr(check, "make_venv", lambda stack, requirements, python: made.append(
        (stack, requirements, python)) or tmp_path / "venv")
    monkeypatch.setattr(check, "install_package", lambda *a: pytest.fail("--prepare installed the package"))
    assert check.main(["--quick", "--prepare", "--site", str(tmp_path / "no-site")]) == 0
    [(stack, requirements, python)] = made
    assert (stack, python) == ("colab-quick", "python-under-test")
    assert any(line.startswith("numpy==") for line in requirements)
    assert not any(line.lower().startswith(("tensorflow", "keras")) for line in requirements)


def test_an_exercise_is_compared_through_its_solutions_notebook(tmp_path, capsys):
    """The task notebook stops where the solution starts: it must run; the solutions notebook holds the page."""
    import argparse

    nbformat = pytest.importorskip("nbformat")
    pytest.importorskip("nbconvert")
    notebooks = tmp_path / "site" / "tutorials"
    (notebooks / "11_x").mkdir(parents=True)
    (notebooks / "11_x" / "index.html").write_text(PAGE, encoding="utf-8")
    paths = [notebooks / "11_x.ipynb", notebooks / "11_x_solutions.ipynb"]
    for path in paths:
        path.write_text("{}", encoding="utf-8")
    task = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("", outputs=[])])
    whole = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("", outputs=[
        nbformat.v4.new_output("stream", name="stdout", text="0.9220\n")])])
    args = argparse.Namespace(site=tmp_path / "site", stack="colab", write=False)
    assert check.report(args, paths, [(task, 9.6, ""), (whole, 370.0, "")], {"numpy": "2.1.3"}, 0.0) == 0
    table = capsys.readouterr().out
    assert "| 11_x | yes | 10 | – | the task only; compared in 11_x_solutions |" in table
    assert "| 11_x_solutions | yes | 370 | 1 | 2: " in table  # the page's prose line is missing from this run


def test_the_copies_at_renamed_tutorials_old_addresses_are_not_run(tmp_path):
    """The site keeps each renamed tutorial's notebook at its old address too; the check runs each notebook once."""
    import json

    moved = json.loads(check.MOVED_PAGES.read_text(encoding="utf-8"))["moved"]
    old, new = next((o, n) for o, n in moved.items() if o[:2] != n[:2])
    exercise = next(o for o in moved if "exercise" in o)
    names = [old, new, exercise, exercise + "_solutions", moved[exercise], moved[exercise] + "_solutions"]
    kept = check.current_notebooks([tmp_path / f"{name}.ipynb" for name in names])
    assert [path.stem for path in kept] == [new, moved[exercise], moved[exercise] + "_solutions"]
    assert [p.stem for p in check.select(kept, [new[:2]])] == [new]
    assert check.current_notebooks(kept, tmp_path / "no-such.json") == kept  # no renames listed: all kept


def test_the_install_cells_marker_keeps_its_quotes():
    """The pin carries a marker with quotes of its own: only the word's surrounding quotes go."""
    cell = ('%pip install "mnist-tutorials[keras] @ git+https://github.com/o/r@0123abc" '
            '"scikit-learn==1.9.1; python_version >= \'3.11\'"')
    assert check.install_cell_requirements(cell) == (("keras",), ["scikit-learn==1.9.1; python_version >= '3.11'"])
    from packaging.requirements import Requirement

    assert str(Requirement(check.install_cell_requirements(cell)[1][0]).marker) == 'python_version >= "3.11"'
