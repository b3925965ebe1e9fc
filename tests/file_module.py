"""Import a Python file that is not part of the package (a build hook, a script) for testing."""

from __future__ import annotations

import importlib.util
import pathlib
from types import ModuleType


def load_file_module(path: pathlib.Path, name: str) -> ModuleType:
    """Execute ``path`` as a fresh module called ``name`` and return it (a new module object on every call)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
