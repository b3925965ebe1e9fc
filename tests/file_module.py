"""Import a Python file that is not part of the package (a build hook, a script) for testing.

A fresh clone tested with only ``pip install -e ".[test]"`` lacks the optional extras: the build hooks need the
``docs`` extra (MkDocs, jupytext, ...), the Keras lab needs tensorflow. Such a test is skipped with a reason that
names the missing module and the extra that brings it (:func:`missing_reason`): a hook loaded here whose import
fails that way, a test marked ``@pytest.mark.requires("tensorflow")`` (``tests/conftest.py``), or a module that
calls :func:`require`. ``bash scripts/test.sh`` installs everything, so there nothing is skipped.
"""

from __future__ import annotations

import importlib.util
import pathlib
import sys
from types import ModuleType

# Optional dependencies (top-level module -> how to install it); anything else missing is a real error.
OPTIONAL = {
    **dict.fromkeys(("mkdocs", "material", "mkdocstrings", "mkdocstrings_handlers", "griffe",
                     "jupytext", "nbformat", "nbclient", "nbconvert", "ipykernel", "yaml", "properdocs", "tinycss2"),
                    "the docs extra: pip install -e '.[docs]' (or bash scripts/setup.sh)"),
    **dict.fromkeys(("tensorflow", "keras"),
                    "the keras extra: pip install -e '.[keras]' (bash scripts/setup.sh installs tensorflow-cpu)"),
}


def missing_reason(module: str) -> str:
    """Why a test is skipped when the optional ``module`` is not installed.

    >>> missing_reason("mkdocs")
    "needs mkdocs, from the docs extra: pip install -e '.[docs]' (or bash scripts/setup.sh)"
    """
    return f"needs {module}, from {OPTIONAL[module]}"


def is_missing(module: str) -> bool:
    """Whether the optional ``module`` (a key of ``OPTIONAL``) is not installed."""
    if module not in OPTIONAL:
        raise KeyError(f"{module!r} is not an optional dependency; expected one of {sorted(OPTIONAL)}")
    return importlib.util.find_spec(module) is None


def require(*modules: str) -> None:
    """Skip the calling test, or the whole test module at import, unless every optional module is installed."""
    import pytest

    for module in modules:
        if is_missing(module):
            pytest.skip(missing_reason(module), allow_module_level=True)


def load_file_module(path: pathlib.Path, name: str) -> ModuleType:
    """Execute ``path`` as a fresh module called ``name`` and return it (a new module object on every call).

    As MkDocs does for a hook, the file's folder is on ``sys.path`` while it executes, so that it can import its
    sibling modules (``docs/hooks/_shared.py``).
    """
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    old_path = sys.path.copy()
    sys.path.insert(0, str(pathlib.Path(path).resolve().parent))
    try:
        spec.loader.exec_module(module)
    except ModuleNotFoundError as exc:
        top = (exc.name or "").split(".")[0]
        if top in OPTIONAL and is_missing(top):
            import pytest

            pytest.skip(f"{pathlib.Path(path).name} {missing_reason(top)}", allow_module_level=True)
        raise
    finally:
        sys.path[:] = old_path
    return module


def read_tutorial(path: pathlib.Path):
    """A tutorial as the build reads it: its Markdown cells tagged ``fill`` are the hidden cells that render them
    (``docs/hooks/_fill.py``). Skips the calling test where jupytext is not installed."""
    require("jupytext", "nbformat")
    fill = load_file_module(pathlib.Path(__file__).resolve().parents[1] / "docs" / "hooks" / "_fill.py", "tests_fill")
    return fill.read_tutorial(path)
