"""Which hook handles which MkDocs event, in which order: the Maintainers page's event table, made from the hooks.

Not a hook (mkdocs.yml does not list it). MkDocs calls an event's handlers by priority (higher first; ``0`` unless a
handler is marked with ``@event_priority``), and at equal priority in the order of ``hooks:`` in ``mkdocs.yml``.
:func:`handlers` reads both from where they are decided, the hook files and ``mkdocs.yml``, so the table cannot
drift from the build: ``python docs/hooks/_events.py`` prints it, and ``tests/test_hooks.py`` fails when the
Maintainers page does not hold it.
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
    return re.findall(r"^\s*-\s*docs/hooks/(\w+)\.py\s*$", mkdocs_yml.read_text(encoding="utf-8"), re.M)


def _load(name: str):
    if str(HOOKS) not in sys.path:  # the hooks import their sibling modules, as when MkDocs loads them
        sys.path.insert(0, str(HOOKS))
    spec = importlib.util.spec_from_file_location(f"_events_hook_{name}", HOOKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def handlers(mkdocs_yml: pathlib.Path = MKDOCS_YML) -> dict[str, list[str]]:
    """``on_<event>`` -> ``["<hook> (<priority>)", ...]`` in the order MkDocs calls them, events in build order."""
    from mkdocs.plugins import EVENTS, CombinedEvent

    modules = [(name, _load(name)) for name in hook_names(mkdocs_yml)]
    table = {}
    for event in EVENTS:
        found = []
        for position, (name, module) in enumerate(modules):
            handler = getattr(module, f"on_{event}", None)
            if handler is None:
                continue
            for method in handler.methods if isinstance(handler, CombinedEvent) else [handler]:
                found.append((-getattr(method, "mkdocs_priority", 0), position, len(found), name))
        if found:
            table[f"on_{event}"] = [f"{name} ({-negative})" for negative, _, _, name in sorted(found)]
    return table


def markdown_table(mkdocs_yml: pathlib.Path = MKDOCS_YML) -> str:
    """The Maintainers page's event table."""
    rows = [f"| `{event}` | {', '.join(names)} |" for event, names in handlers(mkdocs_yml).items()]
    return "\n".join(["| event | hooks that handle it, in order (priority) |", "|---|---|", *rows])


if __name__ == "__main__":
    print(markdown_table())
