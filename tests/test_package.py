"""Package-level promises: a light import, the CLI, no import cycle."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

from mnist_tutorials import __main__ as cli
from mnist_tutorials import _cachekey

PACKAGE_DIR = pathlib.Path(_cachekey.PACKAGE_DIR)


def test_import_is_light_and_never_imports_tensorflow():
    code = ("import sys, mnist_tutorials, mnist_tutorials.plotting; "
            "heavy = [m for m in ('tensorflow', 'keras', 'plotly', 'sklearn.linear_model') if m in sys.modules]; "
            "print(','.join(heavy))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={"PATH": "/usr/bin:/bin"})
    assert result.stdout.strip() == "", f"import mnist_tutorials pulled in: {result.stdout.strip()}"


def test_every_public_submodule_is_an_attribute_of_the_package():
    public = sorted(path.stem for path in PACKAGE_DIR.glob("[!_]*.py"))
    public += sorted(path.parent.name for path in PACKAGE_DIR.glob("[!_]*/__init__.py"))
    assert {"datasets", "binary", "deskew", "augment", "multilabel", "plotting"} <= set(public)
    code = ("import sys, types, mnist_tutorials as m; "
            f"names = {public!r}; "
            "listed = [n for n in names if n not in dir(m)]; "
            "missing = [n for n in names if not isinstance(getattr(m, n, None), types.ModuleType)]; "
            "print(listed, missing)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin",
                                 "PYTHONPATH": str(PACKAGE_DIR.parent), "TF_CPP_MIN_LOG_LEVEL": "3"})
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "[] []", (
        f"not in dir(mnist_tutorials), then not reachable as mnist_tutorials.<name>: {result.stdout.strip()}")
    with pytest.raises(AttributeError, match="has no attribute 'no_such_module'"):
        import mnist_tutorials

        mnist_tutorials.no_such_module


def _import_graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports (at the top or inside a function), read with ``ast``.

    A module's own parent packages are left out: Python runs a package's ``__init__`` before any of its
    submodules, so ``from . import x`` in a submodule never starts its parent again.
    """
    graph = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        module = _cachekey._module_name(path, PACKAGE_DIR)
        parents = {module.rsplit(".", k)[0] for k in range(1, module.count(".") + 1)}
        imported = _cachekey.imported_modules(path.read_text(encoding="utf-8"), module=module,
                                              package_dir=PACKAGE_DIR)
        graph[module] = imported - parents - {module}
    return graph


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of ``graph`` (as a list of modules, first = last), or None if it has none."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return stack[stack.index(target):] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_cycle_finder_finds_cycles():
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_the_package_has_no_import_cycle():
    graph = _import_graph()
    assert graph["mnist_tutorials.datasets"] >= {"mnist_tutorials._sources", "mnist_tutorials._formats"}
    assert "mnist_tutorials._formats" in graph["mnist_tutorials._sources"]
    assert graph["mnist_tutorials._formats"] == set()  # the formats import nothing of the package
    cycle = _find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle) + " (move the shared code into a module both import)"


def test_cli_fetch_data_and_info(tiny_mnist, tmp_path, capsys):
    folder = tmp_path / "home" / "mnist"
    folder.mkdir(parents=True)
    for name, data in tiny_mnist.files.items():
        (folder / name).write_bytes(data)
    assert cli.main(["fetch-data", "--dataset", "mnist", "--data-home", str(tmp_path / "home")]) == 0
    assert "MNIST: ready" in capsys.readouterr().out
    assert cli.main(["info", "--data-home", str(tmp_path / "home")]) == 0
    out = capsys.readouterr().out
    assert "MNIST: 4/4 files cached" in out and "Fashion-MNIST: 0/4 files cached" in out


def test_cli_fetch_data_failure_is_exit_1_with_the_reason(tiny_fashion, tmp_path, capsys):
    assert cli.main(["fetch-data", "--dataset", "fashion", "--data-home", str(tmp_path / "home")]) == 1
    assert "Could not get Fashion-MNIST" in capsys.readouterr().err


def test_cli_rejects_unknown_commands():
    with pytest.raises(SystemExit):
        cli.main(["no-such-command"])
