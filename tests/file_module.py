"""Import a Python file that is not part of the package (a build hook, a script) for testing."""

from __future__ import annotations

import importlib.util
import pathlib
import sys
from types import ModuleType


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
    finally:
        sys.path[:] = old_path
    return module
