"""The build's structure (issue 27): one state object, one module that wires the events, a package that does not
know it is built into a site.

These tests read the code (``ast``), so they fail the day someone adds a module-level dict to a hook, an
``importlib.reload`` to the build, or an environment variable read at import to the package.
"""

from __future__ import annotations

import ast
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
HOOKS = ROOT / "docs" / "hooks"
PACKAGE = ROOT / "mnist_tutorials"
STATE_MODULE, STATE_NAME = "_buildstate.py", "STATE"
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
