"""The build's structure (issue 27): one state object, one module that wires the events, a package that does not
know it is built into a site.

These tests read the code (``ast``), so they fail the day someone adds a module-level dict to a hook, an
``importlib.reload`` to the build, or an environment variable read at import to the package.
"""

from __future__ import annotations

import ast
import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
HOOKS = ROOT / "docs" / "hooks"
PACKAGE = ROOT / "mnist_tutorials"
STATE_MODULE, STATE_NAME = "_buildstate.py", "STATE"
# The environment variable that switched the package's figures at import until issue 27 (written in two pieces so
# that tests/test_hooks.py's scan for the settings the code reads does not count it).
_OLD_SWITCH = "MNIST_TUTORIALS_" "SITE_BUILD"
_MUTABLE_CALLS = {"dict", "list", "set", "defaultdict", "OrderedDict", "Counter", "deque", "bytearray"}


def _module_level_mutables(source: str) -> list[tuple[int, str]]:
    """(line, name) of every module-level assignment of a mutable value: a dict, list or set (literal or
    comprehension) or a call of dict(), list(), set(), defaultdict(), ... (constants are tuples, frozensets or
    MappingProxyType)."""
    found = []
    for node in ast.parse(source).body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            value = node.value
            mutable = isinstance(value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp))
            if isinstance(value, ast.Call):
                func = value.func
                name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                mutable = name in _MUTABLE_CALLS
            if mutable:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                found.append((node.lineno, ", ".join(ast.unparse(t) for t in targets)))
    return found


def test_the_scan_finds_every_kind_of_mutable_value():
    source = ("A = {}\nB: dict = {'x': 1}\nC = [1]\nD = set()\nE = collections.defaultdict(list)\n"
              "F = {k: 1 for k in 'ab'}\nG = (1, 2)\nH = frozenset({1})\nI = types.MappingProxyType({'a': 1})\n"
              "def f():\n    local = {}\n")
    assert [name for _, name in _module_level_mutables(source)] == ["A", "B", "C", "D", "E", "F"]


@pytest.mark.parametrize("path", sorted(HOOKS.glob("*.py")), ids=lambda path: path.name)
def test_no_module_level_mutable_state_in_the_build_but_the_one_state_object(path):
    found = _module_level_mutables(path.read_text(encoding="utf-8"))
    assert not found, (f"{path.relative_to(ROOT)} holds module-level mutable values {found}; expected none: keep "
                       f"build state in {STATE_MODULE}'s {STATE_NAME} (a field of BuildState), and write constants "
                       "as tuples, frozensets or types.MappingProxyType")


def test_the_one_state_object_is_one_instance_of_one_dataclass():
    tree = ast.parse((HOOKS / STATE_MODULE).read_text(encoding="utf-8"))
    instances = [node for node in tree.body if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)]
    assert [ast.unparse(node) for node in instances] == ["STATE = BuildState()"]
    users = [path.name for path in HOOKS.glob("*.py") if "from _buildstate import STATE" in path.read_text()]
    assert {"_buildcache.py", "execution_cache.py", "flags.py", "figures.py", "notebooks.py"} <= set(users)


# --- The package does not know it is built into a site -----------------------------------------------------------

def _environ_reads_at_import(source: str) -> list[int]:
    """Lines where a module reads ``os.environ`` / ``os.getenv`` outside any function or class body (at import)."""
    tree = ast.parse(source)
    inside = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            inside.update(id(child) for child in ast.walk(node) if child is not node)
            if not isinstance(node, ast.Lambda):  # default values and decorators run at import
                for default in [*node.args.defaults, *node.args.kw_defaults, *node.decorator_list]:
                    if default is not None:
                        inside.difference_update(id(child) for child in ast.walk(default))
    lines = []
    for node in ast.walk(tree):
        if id(node) in inside:
            continue
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "environb"):
            lines.append(node.lineno)
        elif isinstance(node, ast.Name) and node.id in ("environ", "getenv"):
            lines.append(node.lineno)
    return sorted(set(lines))


def test_the_environ_scan_tells_import_time_from_call_time():
    source = ("import os\nA = os.environ.get('X')\nif os.getenv('Y'):\n    pass\n"
              "def f(value=os.environ.get('Z')):\n    return os.environ.get('W')\nclass C:\n    B = os.environ\n")
    assert _environ_reads_at_import(source) == [2, 3, 5, 8]


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_environment_variable_is_read_when_the_package_is_imported(path):
    lines = _environ_reads_at_import(path.read_text(encoding="utf-8"))
    assert not lines, (f"{path.relative_to(ROOT)} reads the environment at import (lines {lines}); expected none: "
                       "the package must not switch its behaviour on an environment variable at import")


def test_importing_the_package_leaves_plotly_and_matplotlib_as_a_reader_has_them():
    import subprocess
    import sys

    code = ("import plotly.io as pio, matplotlib; before = (pio.renderers.default, matplotlib.get_backend()); "
            "import mnist_tutorials, mnist_tutorials.plotting; "
            "print(before == (pio.renderers.default, matplotlib.get_backend()), 'mnist_site' in pio.renderers)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "MPLBACKEND": "Agg",
                                 _OLD_SWITCH: "1"})  # the variable of old: switches nothing now
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["True", "False"]


def test_the_kernel_setup_selects_the_site_renderer_and_leaves_no_name_behind():
    """What the worker's kernels run first (``--InteractiveShellApp.exec_files``), run here in a plain Python
    process (no IPython shell: the plotly part only), in a namespace of its own as IPython does."""
    import subprocess
    import sys

    code = ("import runpy, plotly.graph_objects as go, plotly.io as pio\n"
            f"names = runpy.run_path({str(HOOKS / '_kernel_setup.py')!r})\n"
            "html = pio.renderers['mnist_site'].to_mimebundle(go.Figure(go.Bar(y=[1, 2])).to_dict())['text/html']\n"
            "print(pio.renderers.default, sorted(n for n in names if not n.startswith('__')), "
            "'Plotly.newPlot' in html, 'reader-plotly' in html, 'cdn' in html.lower(), len(html) < 20000)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["mnist_site", "[]", "True", "True", "False", "True"]


def test_no_reload_in_the_build():
    found = [f"{path.name}:{number}" for path in sorted(HOOKS.glob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if "reload(" in line and not line.lstrip().startswith("#")]
    assert not found, f"the build reloads modules at {found}; expected none: use the package's public API"


def _imports(source: str) -> list[str]:
    """The modules Python code imports (``import a.b``, ``from a.b import c``: ``a.b``), at any depth; relative
    imports give their dots (``from ._x import y``: ``._x``)."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names.append("." * node.level + (node.module or ""))
    return names


def test_the_import_scan_finds_imports_at_any_depth():
    code = ("import os\nfrom mnist_tutorials._cachekey import cache_key\n"
            "def f():\n    import mnist_tutorials._cachefiles as c\n    from nbconvert import HTMLExporter\n")
    assert _imports(code) == ["os", "mnist_tutorials._cachekey", "mnist_tutorials._cachefiles", "nbconvert"]


@pytest.mark.parametrize("path", sorted(HOOKS.glob("*.py")), ids=lambda path: path.name)
def test_the_hooks_use_only_the_packages_public_api(path):
    """Issue 27: the build imports no private module of the package (``mnist_tutorials._x``), at any depth."""
    private = [name for name in _imports(path.read_text(encoding="utf-8"))
               if name.split(".")[0] == PACKAGE.name and any(part.startswith("_") for part in name.split(".")[1:])]
    assert not private, f"docs/hooks/{path.name} imports {private}; use the public API (mnist_tutorials.caching ...)"


@pytest.mark.parametrize("path", sorted(HOOKS.glob("*.py")), ids=lambda path: path.name)
def test_only_the_rendering_module_imports_the_notebook_converter(path):
    """nbconvert and nbclient are imported by docs/hooks/_render.py alone; mkdocs-jupyter by no part of the build."""
    found = [name for name in _imports(path.read_text(encoding="utf-8"))
             if name.split(".")[0] in ("nbconvert", "nbclient", "mkdocs_jupyter")]
    if path.name == "_render.py":
        assert found and not [name for name in found if name.startswith("mkdocs_jupyter")], found
    else:
        assert not found, f"docs/hooks/{path.name} imports {found}; only docs/hooks/_render.py may (issue 27)"


def test_mkdocs_jupyter_is_no_plugin_and_no_dependency():
    assert "mkdocs-jupyter" not in _plugins(ROOT / "mkdocs.yml")
    assert "mkdocs-jupyter" not in _plugins(ROOT / "tests" / "tinysite" / "mkdocs.yml")
    dependencies = re.findall(r'^\s*"([A-Za-z0-9_.-]+)', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    assert "mkdocstrings" in dependencies and "mkdocs-jupyter" not in dependencies


def _plugins(config: pathlib.Path) -> list[str]:
    """The names under ``plugins:`` in an mkdocs.yml."""
    text = config.read_text(encoding="utf-8")
    block = re.search(r"^plugins:\n((?:[ #].*\n|\n)*)", text, re.M)
    assert block, f"no plugins: in {config}"
    return re.findall(r"^  - ([\w-]+)", block.group(1), re.M)


def test_no_build_only_module_in_the_package():
    assert not (PACKAGE / "_site.py").exists()
    names = {path.name for path in PACKAGE.rglob("*.py")}
    assert not {"_explorer_assets.py", "_threshold_assets.py", "_threshold_js.py"} & names
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for needle in ("mkdocs_jupyter", "import nbconvert", "from nbconvert", _OLD_SWITCH):
            assert needle not in text, f"{path.relative_to(ROOT)} mentions {needle}: build-only code in the package"


def test_a_built_wheel_ships_the_widgets_stylesheets_and_scripts(tmp_path):
    """The explorer's and the threshold widget's CSS and JS are package data (pyproject.toml), in the wheel."""
    import shutil
    import subprocess
    import sys
    import zipfile

    source = tmp_path / "source"  # a copy: pip leaves build/ and *.egg-info where it builds
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source)
    shutil.copytree(PACKAGE, source / PACKAGE.name, ignore=shutil.ignore_patterns("__pycache__"))
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation",
                             "-q", "-w", str(tmp_path / "wheel")], capture_output=True, text=True)
    if result.returncode and "No module named" in result.stderr:
        pytest.skip(f"cannot build a wheel here: {result.stderr[-300:]}")
    assert result.returncode == 0, result.stderr[-2000:]
    (wheel,) = (tmp_path / "wheel").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"mnist_tutorials/plotting/assets/{name}" for name in
                ("explorer.css", "explorer.js", "threshold_widget.css", "threshold_widget.js")}
    assert expected <= names, f"the wheel lacks {sorted(expected - names)}; declare them in pyproject.toml"
    assert "mnist_tutorials/_site.py" not in names


def test_the_cache_key_covers_the_widgets_assets(tmp_path):
    """Editing a widget's .css or .js changes the key of what uses the widget, and only that."""
    import shutil

    from mnist_tutorials import _cachekey

    package = tmp_path / "mnist_tutorials"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    user = tmp_path / "page.py"
    user.write_text("from mnist_tutorials.plotting import confusion_explorer\n")
    other = tmp_path / "other.py"
    other.write_text("from mnist_tutorials.datasets import fetch_mnist\n")
    before = [_cachekey.cache_key("notebook", [path], package_dir=package) for path in (user, other)]
    css = package / "plotting" / "assets" / "explorer.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.mte{}\n", encoding="utf-8")
    after = [_cachekey.cache_key("notebook", [path], package_dir=package) for path in (user, other)]
    assert after[0] != before[0] and after[1] == before[1]


def test_the_real_site_has_the_pages_that_switch_the_flags_and_figures_parts_on():
    """The flags part works only on a site with ``exercises/flags.md`` and the figures part draws only the figures
    a page shows (so the tiny site, without them, stands alone): the real site must keep both."""
    flags_page = ROOT / "docs" / "exercises" / "flags.md"
    assert flags_page.is_file() and "<!-- flags:list -->" in flags_page.read_text(encoding="utf-8")
    pages = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "docs").rglob("*.md"))
    for name in ("home_datasets", "score_histograms"):
        assert f"generated/{name}.png" in pages, f"no page of the real site shows generated/{name}.png"
