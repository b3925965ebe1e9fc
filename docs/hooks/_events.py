"""What runs on which MkDocs event, in which order: the Maintainers page's event table, made from ``wiring.py``.

Not a hook. ``wiring.py`` (the one hook of ``mkdocs.yml``) holds the order in :data:`wiring.EVENTS`;
:func:`handlers` reads it from there, so the table cannot drift from the build: ``python docs/hooks/_events.py``
prints it, and ``tests/test_hooks.py`` fails when the Maintainers page does not hold it.
"""

from __future__ import annotations

import importlib.util
import pathlib
import re
import sys

HOOKS = pathlib.Path(__file__).resolve().parent
MKDOCS_YML = HOOKS.parents[1] / "mkdocs.yml"


def hook_names(mkdocs_yml: pathlib.Path = MKDOCS_YML) -> list[str]:
    """The hooks of ``mkdocs.yml``, in the order of its ``hooks:`` list (names without ``.py``)."""
    return re.findall(r"^\s*-\s*\S*?docs/hooks/(\w+)\.py\s*$", mkdocs_yml.read_text(encoding="utf-8"), re.M)


def load_wiring():
    """``wiring.py``, loaded as MkDocs loads a hook (its folder on ``sys.path``, so its parts import as siblings)."""
    if str(HOOKS) not in sys.path:
        sys.path.insert(0, str(HOOKS))
    spec = importlib.util.spec_from_file_location("_events_wiring", HOOKS / "wiring.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _name(function) -> str:
    return f"{function.__module__}.{function.__name__}"


def handlers() -> dict[str, list[str]]:
    """``on_<event>`` -> ``["<part>.<function>, ... (<priority>)", ...]``, one entry per priority, in the order
    MkDocs calls them, events in the order a build meets them."""
    wiring = load_wiring()
    return {f"on_{event}": [f"{', '.join(_name(f) for f in functions)} ({priority})"
                            for priority, functions in sorted(groups, key=lambda group: -group[0])]
            for event, groups in wiring.EVENTS.items()}


def markdown_table() -> str:
    """The Maintainers page's event table."""
    rows = [f"| `{event}` | {'; '.join(names)} |" for event, names in handlers().items()]
    return "\n".join(["| event | what runs, in order (priority) |", "|---|---|", *rows])


if __name__ == "__main__":
    print(markdown_table())
