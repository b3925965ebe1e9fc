"""Every ``MNIST_TUTORIALS_*`` environment variable: its default, what reads it, what it does (one list).

Not a hook (mkdocs.yml does not list it). :data:`SETTINGS` is the one list. The build hooks read their settings
through :func:`read`, which parses and checks the value (a wrong one stops the build with an error that names the
variable, what it found and the fix). The package reads one setting itself, ``MNIST_TUTORIALS_DATA``
(``mnist_tutorials._cachefiles``, when a data folder is asked for, never at import), since it cannot import the
build; its entry here says so. ``tests/test_hooks.py`` checks that every variable any code uses is in this list,
that the package's defaults are the ones written here, and that the Maintainers page's settings table is
:func:`markdown_table` (``python docs/hooks/_settings.py`` prints it).
"""

from __future__ import annotations

import os
from typing import Callable, NamedTuple
from types import MappingProxyType

import _shared  # sibling module: docs/hooks/_shared.py

# A cell may run this many times its tutorial's last recorded wall time (the whole tutorial's: generous), at
# least MNIST_TUTORIALS_CELL_TIMEOUT_FLOOR seconds (execution_cache.cell_timeout).
CELL_TIMEOUT_FACTOR = 10

#: The tutorial pages (``tutorial_pages.py``, ``_render.py``): which files of ``docs/`` are tutorials (globs matched
#: against the end of their path; a site may give its own list as ``extra: tutorial_pages:`` in its mkdocs.yml), the
#: kernel that executes them, the cell tags whose input the page hides, how deep the page's table of contents goes,
#: the template's theme (``""``: light), and whether the page's folder gets a copy of the tutorial's source file.
#: mkdocs.yml held these as mkdocs-jupyter's options before the build rendered notebooks itself (issue 27).
NOTEBOOKS = MappingProxyType({
    "include": ("tutorials/*.py",),
    "kernel_name": "python3",
    "remove_input_tags": ("remove_input",),
    "toc_depth": 6,
    "theme": "",
    "include_source": True,
})


def _positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise ValueError(value)
    return int(value)


class Setting(NamedTuple):
    """One environment variable: ``default`` is its value when unset or empty; ``parse`` turns the text into the
    value (a ValueError when it is not ``expected``); ``fix`` ends the error of a wrong value."""

    name: str
    read_by: str
    default: str
    doc: str
    parse: Callable[[str], object] = str
    expected: str = "text"
    fix: str = ""


SETTINGS = (
    Setting("MNIST_TUTORIALS_DATA", "`mnist_tutorials._cachefiles`", "",
            "the data cache folder when `data_home` is not given (empty: the platform cache folder, "
            "`~/.cache/mnist_tutorials` on Linux); empty counts as unset"),
    Setting("MNIST_TUTORIALS_JOBS", "`docs/hooks/execution_cache.py`", "2",
            "how many tutorials `mkdocs build` (and `mkdocs serve`, in the background) executes at a time",
            _positive_int, "a positive integer", "Use 1 to execute the tutorials one after the other."),
    Setting("MNIST_TUTORIALS_CELL_TIMEOUT_FLOOR", "`docs/hooks/execution_cache.py`", "300",
            "the least seconds a cell may run before the build stops it; the timeout is "
            f"{CELL_TIMEOUT_FACTOR} times the tutorial's last recorded wall time when that is more "
            f"({CELL_TIMEOUT_FACTOR} times a tutorial's CPU budget when none is recorded)",
            _positive_int, "a positive number of seconds", "The default is 300."),
    Setting("MNIST_TUTORIALS_EXECUTE", "`docs/hooks/execution_cache.py`", "1",
            "`0` renders the tutorials without executing them (layout work; never for publishing)",
            lambda value: value != "0", "`0` or `1`"),
    Setting("MNIST_TUTORIALS_NO_CACHE", "`docs/hooks/execution_cache.py`", "",
            "any non-empty value executes every tutorial again, whatever the cache holds (its entries are "
            "rewritten)",
            bool, "any text"),
)
BY_NAME = MappingProxyType({setting.name: setting for setting in SETTINGS})


def read(name: str, environ=None):
    """The value of the setting ``name`` in ``environ`` (default: the process's environment), parsed.

    Examples
    --------
    >>> read("MNIST_TUTORIALS_JOBS", {})
    2
    >>> read("MNIST_TUTORIALS_JOBS", {"MNIST_TUTORIALS_JOBS": "4"})
    4
    >>> read("MNIST_TUTORIALS_EXECUTE", {"MNIST_TUTORIALS_EXECUTE": "0"})
    False
    >>> read("MNIST_TUTORIALS_JOBS", {"MNIST_TUTORIALS_JOBS": "zero"})
    Traceback (most recent call last):
    ...
    mkdocs.exceptions.PluginError: settings hook: MNIST_TUTORIALS_JOBS must be a positive integer, found 'zero'. \
Use 1 to execute the tutorials one after the other.
    """
    setting = BY_NAME[name]
    value = (os.environ if environ is None else environ).get(name) or setting.default
    try:
        return setting.parse(value)
    except ValueError:
        raise _shared.error("settings", f"{name} must be {setting.expected}, found {value!r}. {setting.fix}".rstrip()
                            ) from None


def markdown_table() -> str:
    """The Maintainers page's settings table."""
    rows = [f"| `{s.name}` | {s.read_by} | {f'`{s.default}`' if s.default else '(unset)'} | {s.doc} |"
            for s in SETTINGS]
    return "\n".join(["| variable | read by | default | what it does |", "|---|---|---|---|", *rows])


if __name__ == "__main__":
    print(markdown_table())
