"""Each model is defined once, on its page (a ``save`` cell), and the package holds a generated copy.

- ``scripts/sync_saved.py`` writes ``mnist_tutorials/saved.py`` and ``keras_lab/saved.py`` from the pages' ``save``
  cells; these tests fail when a generated module differs from what the script writes (so nothing drifts), and
  when a ``save`` cell breaks the script's rules (tested on pages made in ``tmp_path``).
- The old builders and the pages' "the copies agree" asserts are gone; each saved function is called on its page;
  the flag tasks and the benchmarks import the saved functions and build no model of their own.
- The saved scikit-learn pipelines are what their pages say (fast, on synthetic data).
"""

from __future__ import annotations

import ast
import inspect
import pathlib
import subprocess
import sys

import numpy as np
import pytest
from file_module import load_file_module, require

require("jupytext")  # the script reads the pages with jupytext

ROOT = pathlib.Path(__file__).resolve().parents[1]
sync = load_file_module(ROOT / "scripts" / "sync_saved.py", "sync_saved")
CELLS = sync.saved_cells()


# --------------------------------------------------------------------------------------------- the script


@pytest.mark.parametrize("target", sorted(sync.TARGETS))
def test_the_generated_module_is_what_the_script_writes(target):
    path = sync.TARGETS[target]
    assert path.is_file(), f"{path} is missing: run `python scripts/sync_saved.py`"
    assert path.read_text(encoding="utf-8") == sync.render(CELLS, target), (
        f"{path.relative_to(ROOT)} differs from the tutorials' save cells: edit the page, then run "
        "`python scripts/sync_saved.py` (never edit the generated module)")


def test_check_mode_reports_a_stale_module_and_writes_nothing(tmp_path, monkeypatch):
    stale = tmp_path / "saved.py"
    stale.write_text("# edited by hand\n", encoding="utf-8")
    fresh = tmp_path / "keras_saved.py"
    fresh.write_text(sync.render(CELLS, "keras"), encoding="utf-8")
    monkeypatch.setattr(sync, "TARGETS", {"sklearn": stale, "keras": fresh})
    assert sync.main(["--check"]) == 1
    assert stale.read_text(encoding="utf-8") == "# edited by hand\n"
    assert sync.main([]) == 0 and stale.read_text(encoding="utf-8") == sync.render(CELLS, "sklearn")
    assert sync.main(["--check"]) == 0


def test_the_script_runs_from_the_command_line():
    result = subprocess.run([sys.executable, "scripts/sync_saved.py", "--check"], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
    assert "match the tutorials' save cells" in result.stdout


def test_the_modules_name_their_pages_and_say_they_are_generated():
    for target, path in sync.TARGETS.items():
        text = path.read_text(encoding="utf-8")
        assert "generated: edit the page, then run scripts/sync_saved.py" in text
        for cell in (cell for cell in CELLS if cell["target"] == target):
            assert f"# From {cell['page']}." in text and f"``{cell['page']}``" in text


def test_the_pages_save_the_models_they_share():
    saved = {name: cell["page"] for cell in CELLS for name in cell["names"]}
    assert {"scaled_logreg", "pca_logreg", "pca_poly_logreg", "source_poly_logreg", "deskewed"} <= set(saved)
    assert saved["five_detector"] == "docs/tutorials/02_five_detector.py"
    assert saved["scaled_sgd"] == "docs/tutorials/06_multiclass.py"
    assert {"build_mlp", "build_cnn"} <= set(saved)
    assert {cell["target"] for cell in CELLS if "build_mlp" in cell["names"] or "build_cnn" in cell["names"]} == {
        "keras"}
    assert all(cell["target"] == "sklearn" for cell in CELLS if "keras" not in " ".join(cell["imports"]))


def _page(tmp_path, *cells):
    header = "# ---\n# jupyter:\n#   jupytext:\n#     text_representation:\n#       format_name: percent\n# ---\n\n"
    (tmp_path / "01_page.py").write_text(header + "\n\n".join(inspect.cleandoc(c) for c in cells) + "\n",
                                         encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("cell, message", [
    ('''# %% tags=["save"]
        from sklearn.linear_model import LogisticRegression

        def model():
            return LogisticRegression()

        clf = model()''', "line 6 is a Assign, not an import or a function definition"),
    ('''# %% tags=["save"]
        def model():
            return 1

        import numpy''', "an import after a definition"),
    ('''# %% tags=["save"]
        from .deskew import deskew

        def f():
            return deskew''', "a relative import"),
    ('''# %% tags=["save"]
        import numpy as np''', "defines no function"),
    ('''# %% [markdown] tags=["save"]
        # Some prose.''', "a Markdown cell is tagged 'save'"),
])
def test_a_save_cell_that_breaks_the_rules_is_refused_with_its_page_and_cell(tmp_path, cell, message):
    tutorials = _page(tmp_path, "# %% [markdown]\n# # Title", cell)
    with pytest.raises(sync.SaveCellError, match=message) as info:
        sync.saved_cells(tutorials)
    assert "01_page.py, cell 2" in str(info.value)


def test_a_function_saved_twice_is_refused(tmp_path):
    cell = '''# %% tags=["save"]
        def model():
            return 1'''
    cells = sync.saved_cells(_page(tmp_path, "# %% [markdown]\n# # Title", cell, "# %%\nmodel()", cell))
    with pytest.raises(sync.SaveCellError, match="model is defined twice"):
        sync.render(cells, "sklearn")


def test_imports_are_merged_and_the_comment_above_a_function_comes_with_it(tmp_path):
    cells = sync.saved_cells(_page(tmp_path, "# %% [markdown]\n# # Title", '''# %% tags=["save"]
        from sklearn.preprocessing import StandardScaler
        from mnist_tutorials.deskew import deskew

        # the page's comment
        def one():
            return StandardScaler()''', '''# %% tags=["save"]
        import keras
        from sklearn.preprocessing import MinMaxScaler, StandardScaler

        def two():
            return keras, MinMaxScaler()'''))
    assert [cell["target"] for cell in cells] == ["sklearn", "keras"]
    text = sync.render(cells, "sklearn")
    assert "from sklearn.preprocessing import StandardScaler\n\nfrom mnist_tutorials.deskew import deskew\n" in text
    assert "# the page's comment\ndef one():" in text and "def two" not in text
    assert 'import keras\nfrom sklearn.preprocessing import MinMaxScaler, StandardScaler\n' in sync.render(cells,
                                                                                                           "keras")


# ------------------------------------------------------------------------------------ one definition only


def _code_cells(page: str):
    import jupytext

    return [cell for cell in jupytext.read(ROOT / page).cells if cell.cell_type == "code"]


@pytest.mark.parametrize("cell", CELLS, ids=lambda c: "+".join(c["names"]))
def test_each_saved_function_is_called_on_its_page_after_its_definition(cell):
    cells = _code_cells(cell["page"])
    index = next(n for n, c in enumerate(cells) if "save" in c.metadata.get("tags", [])
                 and all(f"def {name}(" in c.source for name in cell["names"]))
    later = "\n".join(c.source for c in cells[index + 1:] if "remove_input" not in c.metadata.get("tags", []))
    for name in cell["names"]:
        calls = [node for node in ast.walk(ast.parse(later))
                 if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name
                 or isinstance(node, ast.keyword) and isinstance(node.value, ast.Name) and node.value.id == name]
        assert calls, f"{cell['page']}: {name} is defined in a save cell but no visible cell after it uses it"


OLD_BUILDERS = ("make_scaled_logreg", "make_pca_logreg", "make_pca_poly_logreg", "make_scaler", "pipeline_steps")


def test_the_old_builders_are_gone():
    import mnist_tutorials.logistic as logistic

    assert not [name for name in OLD_BUILDERS if hasattr(logistic, name)]
    sources = [*ROOT.glob("docs/tutorials/*.py"), *ROOT.glob("scripts/*.py"), *ROOT.glob("tests/*.py"),
               *ROOT.glob("mnist_tutorials/**/*.py"), *ROOT.glob("docs/reference/**/*.md")]
    users = [path.relative_to(ROOT).as_posix() for path in sources if path.name != "test_saved.py"
             and any(f"{name}(" in path.read_text(encoding="utf-8") for name in OLD_BUILDERS)]
    assert not users, f"still calling a removed builder: {users}"


@pytest.mark.parametrize("page", sorted({cell["page"] for cell in CELLS}))
def test_no_hidden_cell_checks_that_copies_agree(page):
    for cell in _code_cells(page):
        if "remove_input" in cell.metadata.get("tags", []):
            assert not any(word in cell.source for word in ("get_config()", "get_params()", "pipeline_steps",
                                                            "helper")), cell.source[:300]


MODEL_CALLS = ("Pipeline", "make_pipeline", "Sequential", "LogisticRegression", "SGDClassifier")


@pytest.mark.parametrize("path", ["mnist_tutorials/_flag_tasks.py", "scripts/bench_logistic.py",
                                  "scripts/bench_keras.py"])
def test_flag_tasks_and_benchmarks_build_no_pipeline_or_network_of_their_own(path):
    source = (ROOT / path).read_text(encoding="utf-8")
    tree = ast.parse(source)
    built = [ast.get_source_segment(source, node) for node in ast.walk(tree) if isinstance(node, ast.Call)
             and getattr(node.func, "id", getattr(node.func, "attr", None)) in MODEL_CALLS]
    allowed = ["LogisticRegression(max_iter=50, tol=TOL)"]  # page 08's raw-pixel model, one line, not a pipeline
    assert [call for call in built if call not in allowed] == [], path
    assert "mnist_tutorials.saved" in source or "keras_lab.saved" in source, f"{path} imports no saved model"


def _spy_on(monkeypatch, module, name):
    """Replace ``module.name`` by a wrapper that counts its calls; returns the list of calls."""
    calls, original = [], getattr(module, name)

    def spy(*args, **kwargs):
        calls.append((args, kwargs))
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, spy)
    return calls


def test_the_logreg_flag_uses_the_pages_pipeline(monkeypatch):
    from sklearn.utils import Bunch

    from mnist_tutorials import _flag_tasks, datasets, saved

    rng = np.random.default_rng(0)
    X, y = rng.integers(0, 256, size=(300, 64)).astype(float), np.array(list("0123456789") * 30, dtype=object)
    monkeypatch.setattr(datasets, "fetch_mnist", lambda data_home=None: Bunch(data=X, target=y))
    calls = _spy_on(monkeypatch, saved, "pca_logreg")
    assert 0 <= _flag_tasks.pca20_logreg_accuracy() <= 1
    assert calls == [((), {"n_components": 20})]


def test_the_sgd_flags_use_the_pages_models(monkeypatch):
    """BINARY.1 / ML105.1 score page 02's ``five_detector``; ML105.2 takes page 06's ``scaled_sgd`` apart."""
    from mnist_tutorials import _flag_tasks, saved

    rng = np.random.default_rng(0)
    X, y = rng.integers(0, 256, size=(600, 64)).astype(float), np.array(list("0123456789") * 60, dtype=object)
    monkeypatch.setattr(_flag_tasks, "mnist_split", lambda data_home=None: (X, X[:10], y, y[:10]))
    monkeypatch.setattr(_flag_tasks, "five_detector_scores", _flag_tasks.five_detector_scores.__wrapped__)
    detector_calls = _spy_on(monkeypatch, saved, "five_detector")
    pipeline_calls = _spy_on(monkeypatch, saved, "scaled_sgd")
    assert 0 <= _flag_tasks.threes_called_five() <= np.count_nonzero(y == "3")
    assert 0 <= _flag_tasks.scaled_sgd_zero_recall() <= 1
    assert len(detector_calls) == 1 and len(pipeline_calls) == 1


# ---------------------------------------------------------------------------- the saved sklearn pipelines


def test_scaled_logreg_is_minmax_then_logistic_regression(pixel_data):
    from sklearn.preprocessing import MinMaxScaler, StandardScaler

    from mnist_tutorials.saved import scaled_logreg

    X_train, X_test, y_train, y_test = pixel_data
    pipe = scaled_logreg()
    assert list(pipe.named_steps) == ["minmaxscaler", "logisticregression"]
    logreg = pipe[-1]
    assert (logreg.max_iter, logreg.tol, logreg.class_weight, logreg.random_state) == (1000, 1e-3, None, 42)
    assert isinstance(scaled_logreg(StandardScaler())[0], StandardScaler)
    assert isinstance(scaled_logreg()[0], MinMaxScaler) and scaled_logreg()[0] is not scaled_logreg()[0]
    assert scaled_logreg(class_weight="balanced")[-1].class_weight == "balanced"
    assert pipe.fit(X_train, y_train).score(X_test, y_test) > 0.7


def test_pca_logreg_keeps_n_components(pixel_data):
    from mnist_tutorials.saved import pca_logreg

    X_train, X_test, y_train, y_test = pixel_data
    assert pca_logreg().named_steps["pca"].n_components == 30  # the page's pca_clf
    pipe = pca_logreg(8).fit(X_train, y_train)
    assert list(pipe.named_steps) == ["scaler", "pca", "logreg"]
    assert pipe.named_steps["pca"].components_.shape == (8, 64)
    assert pipe.score(X_test, y_test) > 0.6


def test_pca_poly_logreg_has_495_features_from_30_components(pixel_data):
    from mnist_tutorials.saved import pca_poly_logreg, source_poly_logreg

    X_train, X_test, y_train, _ = pixel_data
    pipe = pca_poly_logreg()
    assert list(pipe.named_steps) == ["scaler", "pca", "poly", "poly_scaler", "logreg"]
    assert pipe[:-1].fit(X_train, y_train).transform(X_test).shape == (len(X_test), 30 + 30 * 31 // 2)  # 495
    source = source_poly_logreg()
    assert list(source.named_steps) == ["scaler", "pca", "poly", "logreg"]
    assert source[-1].class_weight == "balanced" and source[-1].C == 1.0
