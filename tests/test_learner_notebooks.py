"""The learner's notebooks (docs/hooks/notebooks.py, docs/hooks/_learner.py): what a reader opens in Colab.

A notebook is learner material: no ``assert`` and no maintainer comment in its code, the cells that write the
page's prose folded (a Colab form, collapsed in Jupyter), solutions never shown before the reader asks, no
site-only wording, every link absolute, scikit-learn pinned (numpy never) and a version cell right after the
install cell. The fast tests build every tutorial's notebooks in memory through the hook; the ``build`` test
runs the same checks on the notebooks of the built site.
"""

from __future__ import annotations

import ast
import io
import json
import pathlib
import re
import tokenize

import pytest
from file_module import load_file_module, read_tutorial

ROOT = pathlib.Path(__file__).resolve().parents[1]
HOOKS = ROOT / "docs" / "hooks"
TUTORIALS = sorted((ROOT / "docs" / "tutorials").glob("[0-9][0-9]_*.py"))
SITE_URL = "https://owner.github.io/repo/"
REPO_URL = "https://github.com/owner/repo"
SITE_ONLY_WORDING = re.compile(r"Solution\*\* button|Solution buttons|\"Open in Colab\" button|"
                               r"machine that built this page|on the machine that built it", re.I)
_LINK = re.compile(r'\]\((<[^>]*>|[^)\s]+)|\b(?:href|src)="([^"]+)"')


@pytest.fixture(scope="module")
def hook():
    pytest.importorskip("mkdocs")
    pytest.importorskip("jupytext")
    return load_file_module(HOOKS / "notebooks.py", "notebooks_hook_for_learners")


@pytest.fixture(scope="module")
def learner():
    pytest.importorskip("mkdocs")
    return load_file_module(HOOKS / "_learner.py", "learner_helpers_under_test")


def _build(hook, source: pathlib.Path) -> dict:
    extras = hook.tutorial_extras(str(source))
    built_with = hook._built_with(extras)
    install = hook.install_command(REPO_URL, "0" * 40, extras, hook.pins(built_with))
    return hook.learner_notebooks(str(source), install, built_with, f"tutorials/{source.stem}/", SITE_URL,
                                  f"https://colab.research.google.com/github/owner/repo/blob/gh-pages/tutorials/"
                                  f"{source.stem}_solutions.ipynb")


@pytest.fixture(scope="module")
def notebooks(hook) -> dict:
    """``{name: notebook}`` for every tutorial: ``NN_slug`` and, for an exercise, ``NN_slug_solutions``."""
    built = {}
    for source in TUTORIALS:
        for suffix, notebook in _build(hook, source).items():
            built[source.stem + suffix] = json.loads(json.dumps(notebook))  # as a reader's file holds it
    return built


# ------------------------------------------------------------------------------- checks on one notebook


def _source(cell) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _code(cell) -> ast.Module:
    text = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in _source(cell).splitlines())
    return ast.parse(text)


def asserts(notebook) -> list[str]:
    """The checks in a notebook's code: ``assert`` statements and ``assert_*`` calls."""
    found = []
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "code":
            continue
        for node in ast.walk(_code(cell)):
            call = node.func if isinstance(node, ast.Call) else None
            name = getattr(call, "attr", None) or getattr(call, "id", "") if call is not None else ""
            if isinstance(node, ast.Assert) or name.startswith("assert_"):
                found.append(f"cell {index}: {ast.unparse(node)[:80]}")
    return found


def _writes_prose(cell) -> bool:
    return any(isinstance(node, ast.Call) and getattr(node.func, "id", None) == "display"
               for node in ast.walk(_code(cell)))


def _folded(cell) -> bool:
    metadata = cell.get("metadata", {})
    return (_source(cell).startswith("#@title ") and metadata.get("cellView") == "form"
            and metadata.get("jupyter", {}).get("source_hidden") is True)


def unfolded_prose(notebook) -> list[int]:
    """The code cells that write prose or were hidden on the site, but are not folded."""
    return [index for index, cell in enumerate(notebook["cells"]) if cell["cell_type"] == "code"
            and (_writes_prose(cell) or "remove_input" in cell.get("metadata", {}).get("tags", []))
            and not _folded(cell)]


def hidden_comments(notebook) -> list[str]:
    """Comments in the cells a reader does not see (folded or hidden on the site), other than the form title."""
    found = []
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "code" or not (_folded(cell) or "remove_input" in cell["metadata"].get("tags", [])):
            continue
        for token in tokenize.generate_tokens(io.StringIO(_source(cell)).readline):
            if token.type == tokenize.COMMENT and not (token.start[0] == 1 and token.string.startswith("#@title ")):
                found.append(f"cell {index}: {token.string}")
    return found


def relative_links(notebook) -> list[str]:
    """Links of Markdown cells and of code cells' string literals that are not absolute URLs."""
    found = []
    for index, cell in enumerate(notebook["cells"]):
        texts = [_source(cell)] if cell["cell_type"] == "markdown" else [
            token.string for token in tokenize.generate_tokens(io.StringIO(_source(cell)).readline)
            if token.type == tokenize.STRING or tokenize.tok_name[token.type] == "FSTRING_MIDDLE"]
        for text in texts:
            for match in _LINK.finditer(text):
                url = (match.group(1) or match.group(2)).strip("<>")
                if not re.match(r"(https?|mailto):", url):
                    found.append(f"cell {index}: {url}")
    return found


def site_only_wording(notebook) -> list[str]:
    return [f"cell {index}: {match.group(0)}" for index, cell in enumerate(notebook["cells"])
            for match in SITE_ONLY_WORDING.finditer(_source(cell))]


def shown_solutions(notebook) -> list[int]:
    """Cells of a solution (tag ``solution``) that a notebook shows; only a solutions notebook may."""
    return [index for index, cell in enumerate(notebook["cells"])
            if "solution" in cell.get("metadata", {}).get("tags", [])]


def install_and_versions(notebook, sklearn_version: str) -> list[str]:
    """What is wrong with the first two cells: the pinned install cell, then the version cell."""
    problems = []
    install, versions = (_source(cell) for cell in notebook["cells"][:2])
    if not install.startswith("%pip install ") or not re.search(
            rf'"scikit-learn=={re.escape(sklearn_version)}(; [^"]*)?"', install):
        problems.append(f"install cell does not pin scikit-learn=={sklearn_version}: {install!r}")
    for library in ("numpy", "scipy", "pandas", "tensorflow"):
        if re.search(rf'"{library}[=<>~!]', install):
            problems.append(f"install cell pins {library}, which would break Colab's preinstalled packages")
    if "show_versions(" not in versions or f'"scikit-learn": "{sklearn_version}"' not in versions:
        problems.append(f"second cell is not the version cell: {versions!r}")
    return problems


def _sklearn_version() -> str:
    from importlib.metadata import version

    return version("scikit-learn")


# ---------------------------------------------------------------------------------- in-memory notebooks


def test_every_tutorial_has_a_notebook_and_each_exercise_a_solutions_notebook(notebooks):
    exercises = {s.stem for s in TUTORIALS if 'tags=["solution' in s.read_text(encoding="utf-8")}
    assert exercises == {"16_exercise_knn_97", "17_exercise_augmentation"}
    assert sorted(notebooks) == sorted([s.stem for s in TUTORIALS] + [f"{e}_solutions" for e in exercises])


def test_no_assert_in_any_learner_notebook(notebooks):
    found = {name: asserts(nb) for name, nb in notebooks.items() if asserts(nb)}
    assert not found, f"asserts a reader's Run-all would stop on: {found}"


def test_no_maintainer_comment_in_a_hidden_cell(notebooks):
    found = {name: hidden_comments(nb) for name, nb in notebooks.items() if hidden_comments(nb)}
    assert not found, found


def test_every_prose_cell_is_folded_and_no_prose_is_lost(notebooks):
    found = {name: unfolded_prose(nb) for name, nb in notebooks.items() if unfolded_prose(nb)}
    assert not found, f"prose cells shown as code: {found}"
    for source in TUTORIALS:
        written = sum(1 for cell in read_tutorial(source).cells if cell.cell_type == "code"
                      and "remove_input" in cell.metadata.get("tags", []) and "display(" in cell.source)
        name = source.stem + ("_solutions" if source.stem + "_solutions" in notebooks else "")
        kept = sum(1 for cell in notebooks[name]["cells"] if cell["cell_type"] == "code" and _writes_prose(cell))
        assert kept == written, f"{name}: {written} prose cells on the page, {kept} in the notebook"


def test_solutions_are_never_shown_before_the_reader_asks(notebooks):
    for name, notebook in notebooks.items():
        if name.endswith("_solutions"):
            assert shown_solutions(notebook), f"{name}: the solutions notebook lost the solution"
            continue
        assert not shown_solutions(notebook), f"{name} shows solution cells {shown_solutions(notebook)}"
        if name + "_solutions" in notebooks:
            pointers = [_source(c) for c in notebook["cells"] if "solutions notebook in Colab" in _source(c)]
            assert len(pointers) == 1 and f"{SITE_URL}tutorials/{name}_solutions.ipynb" in pointers[0], pointers


def test_no_site_only_wording_and_no_relative_link(notebooks):
    wording = {name: site_only_wording(nb) for name, nb in notebooks.items() if site_only_wording(nb)}
    assert not wording, wording
    links = {name: relative_links(nb) for name, nb in notebooks.items() if relative_links(nb)}
    assert not links, f"relative links (dead in Colab): {links}"


def test_install_cell_pins_scikit_learn_not_numpy_and_the_version_cell_follows(notebooks):
    version = _sklearn_version()
    problems = {name: install_and_versions(nb, version) for name, nb in notebooks.items()
                if install_and_versions(nb, version)}
    assert not problems, problems


def test_the_scikit_learn_pin_is_skipped_where_its_release_does_not_support_the_python(notebooks, hook):
    """A reader on a Python the pinned release does not support (3.10 for scikit-learn 1.9) still installs."""
    from importlib import metadata

    from packaging.markers import Marker
    from packaging.specifiers import SpecifierSet

    requires = metadata.metadata("scikit-learn")["Requires-Python"]
    install = "".join(notebooks["01_meet_the_data"]["cells"][0]["source"])
    pin = re.search(r'"(scikit-learn==[^"]*)"', install).group(1)
    _, _, marker = pin.partition("; ")
    assert bool(marker) == bool(requires), (pin, requires)
    for python in ("3.10", "3.11", "3.12", "3.13"):
        environment = {"python_version": python, "python_full_version": python + ".0"}
        assert Marker(marker).evaluate(environment) == (python + ".0" in SpecifierSet(requires)), (python, pin)
    assert hook.python_marker(">=3.10.1, <4") == "python_full_version >= '3.10.1' and python_version < '4'"
    assert hook.python_marker("") == ""


def test_the_version_cell_runs_and_states_a_known_difference(notebooks, monkeypatch, capsys):
    from mnist_tutorials import versions

    cell = _source(notebooks["06_multiclass"]["cells"][1])
    exec(compile(cell, "version cell", "exec"), {})
    table = capsys.readouterr().out
    assert re.search(rf"scikit-learn\s+{re.escape(_sklearn_version())}\s+{re.escape(_sklearn_version())}", table)
    real = versions.installed_versions
    monkeypatch.setattr(versions, "installed_versions",
                        lambda names: {**real(names), "scikit-learn": "1.6.1"})
    exec(compile(cell, "version cell", "exec"), {})
    said = capsys.readouterr().out
    assert "You run scikit-learn 1.6.1, older than 1.8: that release changed how SGDClassifier trains" in said
    assert "1.6.1  (differs)" in said


def undefined_names(notebook) -> list[str]:
    """Names a code cell reads that no earlier or same cell binds (a NameError on "Run all"), read with ``ast``."""
    import builtins

    bound = set(dir(builtins)) | {"display", "get_ipython"}
    found = []
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "code":
            continue
        tree = _code(cell)
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
                bound.add(node.id)
            elif isinstance(node, ast.arg):
                bound.add(node.arg)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                bound.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                bound.add(node.name)
            elif isinstance(node, ast.ExceptHandler) and node.name:
                bound.add(node.name)
        found += [f"cell {index}: {node.id}" for node in ast.walk(tree)
                  if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in bound]
    return found


def test_removing_checks_leaves_no_name_undefined(notebooks):
    """What the transform drops (checks, and what only they used) is never read by a cell that stays."""
    found = {name: undefined_names(nb) for name, nb in notebooks.items() if undefined_names(nb)}
    assert not found, found


def test_the_site_still_runs_the_checks_the_notebook_leaves_out(hook):
    """The build executes the jupytext source: building the notebooks must not change it."""
    source = ROOT / "docs" / "tutorials" / "13_fashion_cnn.py"
    before = source.read_bytes()
    _build(hook, source)
    assert source.read_bytes() == before
    cells = read_tutorial(source).cells
    assert any("assert cnn.count_params() < mlp_model.count_params()" in c.source for c in cells if "remove_input" in c.metadata.get("tags", []))


# ------------------------------------------------------------------------------------ the transforms


def test_strip_checks_removes_checks_what_only_they_used_and_comments(learner):
    cell = ("from mnist_tutorials.keras_lab import build_mlp  # the builder\n"
            "import numpy as np\n\n"
            "reference = build_mlp()\n"
            "# a maintainer's note\n"
            "assert same(model, reference), 'drifted'\n"
            "np.testing.assert_array_equal(a, b)\n"
            "for k in range(3):\n"
            "    assert k < 3\n"
            "score = np.mean(a)\n"
            "display(Markdown(f'{score:.2f}'))\n")
    assert learner.strip_checks(cell, set(), "test") == (
        "import numpy as np\n\nscore = np.mean(a)\ndisplay(Markdown(f'{score:.2f}'))")
    live = set()
    assert learner.strip_checks("x = f()\ny = g(x)\nassert y", live, "test") == ""
    assert learner.strip_checks("x = f()\ny = g(x)\nassert y", {"x"}, "test") == "x = f()"


def test_a_check_sharing_a_line_or_a_block_stops_the_build(learner):
    from mkdocs.exceptions import PluginError

    with pytest.raises(PluginError, match="line 1 of a hidden cell holds a check and other code"):
        learner.strip_checks("x = 1; assert x\ndisplay(x)", set(), "docs/tutorials/99.py, cell 3")
    with pytest.raises(PluginError, match="a block of a hidden cell holds only checks"):
        learner.strip_checks("if a:\n    assert b\nelse:\n    display(c)", set(), "docs/tutorials/99.py, cell 3")


def test_learner_cells_fold_prose_and_drop_site_only_cells(learner):
    nbformat = pytest.importorskip("nbformat")
    cells = [nbformat.v4.new_code_cell("silence()", metadata={"tags": ["remove_input", "site_only"]}),
             nbformat.v4.new_code_cell("x = 2"),
             nbformat.v4.new_code_cell("assert x == 2  # the text says two", metadata={"tags": ["remove_input"]}),
             nbformat.v4.new_code_cell("display(Markdown(f'{x}'))", metadata={"tags": ["remove_input"]})]
    out = learner.learner_cells(cells, "test")
    assert [c.source.splitlines()[-1] for c in out] == ["x = 2", "display(Markdown(f'{x}'))"]
    assert learner.is_folded(out[1]) and not learner.is_folded(out[0])
    assert out[1].source.startswith(learner.PROSE_TITLE + "\n")


def test_string_links_rewrites_only_string_literals(learner):
    code = 'd[k](x)\nprint(f"see [the next page](../11_fashion_keras/) for {n}")\n'
    out = learner.string_links(code, lambda text: text.replace("../11", "https://s/tutorials/11"))
    assert out == 'd[k](x)\nprint(f"see [the next page](https://s/tutorials/11_fashion_keras/) for {n}")\n'


def test_show_versions_prints_the_table_and_only_known_differences(monkeypatch, capsys):
    from mnist_tutorials import versions

    monkeypatch.setattr(versions, "installed_versions",
                        lambda names: {name: {"python": "3.13.0", "scikit-learn": "1.9.1", "numpy": "2.1.3"}
                                       .get(name) for name in names})
    versions.show_versions({"python": "3.11.7", "scikit-learn": "1.9.1", "numpy": "2.4.6"},
                           {"scikit-learn": ("1.8", "the SGD numbers differ.")})
    out = capsys.readouterr().out
    assert out.splitlines()[:4] == ["library       this page  this runtime",
                                    "python        3.11.7     3.13.0  (differs)",
                                    "scikit-learn  1.9.1      1.9.1",
                                    "numpy         2.4.6      2.1.3  (differs)"]
    assert "No difference above is known to change this page's numbers" in out and "SGD" not in out
    assert versions._release("1.8.0rc1") == (1, 8, 0) and versions._release("2.21.0") == (2, 21, 0)


# ------------------------------------------------------------------------------------------ built site


@pytest.mark.build
def test_the_built_sites_notebooks_are_learner_material(site_dir):
    version = _sklearn_version()
    paths = sorted((site_dir / "tutorials").glob("*.ipynb"))
    assert {p.stem for p in paths} >= {s.stem for s in TUTORIALS}
    for path in paths:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        problems = (asserts(notebook) + hidden_comments(notebook) + [f"unfolded {i}" for i in unfolded_prose(notebook)]
                    + relative_links(notebook) + site_only_wording(notebook) + install_and_versions(notebook, version)
                    + ([] if path.stem.endswith("_solutions") else
                       [f"solution cell {i} shown" for i in shown_solutions(notebook)]))
        assert not problems, f"{path.name}: {problems[:10]}"


@pytest.mark.build
def test_the_site_pages_still_execute_every_hidden_cell(site_dir):
    """The checks the notebook leaves out still run on the site: each built page has every hidden cell of its
    source, check-only cells included (mkdocs-jupyter executes the jupytext source, then hides their input)."""
    for source in TUTORIALS:
        hidden = sum(1 for cell in read_tutorial(source).cells
                     if cell.cell_type == "code" and "remove_input" in cell.metadata.get("tags", []))
        page = (site_dir / "tutorials" / source.stem / "index.html").read_text(encoding="utf-8")
        shared = load_file_module(HOOKS / "_shared.py", "shared_for_learner_tests")  # nbconvert nests a copy: outermost
        on_page = len(shared.div_spans(page, re.compile(r'<div class="jp-Cell [^"]*\bcelltag_remove_input\b'), source.stem))
        assert on_page == hidden, f"{source.stem}: {hidden} hidden cells in the source, {on_page} on the page"
