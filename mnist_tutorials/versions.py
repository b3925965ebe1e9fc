"""The library versions a page was computed with, beside the ones running now.

Every tutorial's notebook starts with an install cell, then a cell that calls :func:`show_versions` with the
versions the site was built with (written in by the build). A reader sees at once whether their runtime
differs, and, where a difference is known to change the page's numbers, a sentence that says so.
"""

from __future__ import annotations

import platform
import re
import sys
from importlib import metadata

__all__ = ["installed_versions", "show_versions"]

# A library can be installed under several distribution names (Colab: tensorflow; this site's build: tensorflow-cpu).
_DISTRIBUTIONS = {
    "tensorflow": ("tensorflow", "tensorflow-cpu", "tensorflow-macos", "tensorflow-intel"),
}


def _release(version: str) -> tuple[int, ...]:
    """The numeric release of ``version``: ``"1.8.0rc1"`` -> ``(1, 8, 0)``, ``"3.11.7"`` -> ``(3, 11, 7)``."""
    numbers = []
    for part in version.split("."):
        match = re.match(r"\d+", part)
        if match is None:
            break
        numbers.append(int(match.group()))
        if match.end() < len(part):
            break
    return tuple(numbers)


def installed_versions(names) -> dict[str, str | None]:
    """The installed version of each library in ``names`` (``"python"`` is the interpreter), ``None`` if absent.

    Parameters
    ----------
    names : iterable of str
        Distribution names as on PyPI (``"scikit-learn"``, ``"tensorflow"``), or ``"python"``.

    Returns
    -------
    dict
        ``{name: version or None}``, in the order of ``names``.

    Examples
    --------
    >>> import sys
    >>> installed_versions(["python"])["python"] == ".".join(map(str, sys.version_info[:3]))
    True
    >>> installed_versions(["no-such-library"])
    {'no-such-library': None}
    """
    found = {}
    for name in names:
        if name == "python":
            found[name] = platform.python_version()
            continue
        found[name] = None
        for distribution in _DISTRIBUTIONS.get(name, (name,)):
            try:
                found[name] = metadata.version(distribution)
                break
            except metadata.PackageNotFoundError:
                continue
    return found


def show_versions(built_with: dict, notes: dict | None = None, *, file=None) -> None:
    """Print the versions a page was computed with beside the running ones, and what a difference changes.

    Parameters
    ----------
    built_with : dict
        ``{library: version}`` the page was computed with (``"python"`` for the interpreter).
    notes : dict, default=None
        ``{library: (version, sentence)}``: when the running version of ``library`` is older than ``version``
        while the page's is not, ``sentence`` is printed (it says which of the page's numbers move).
    file : file-like, default=None
        Where to print; ``sys.stdout`` when None.

    Examples
    --------
    >>> show_versions({"python": "3.11.7", "no-such-library": "1.0"})  # doctest: +ELLIPSIS
    library          this page   this runtime
    python           3.11.7      ...
    no-such-library  1.0         not installed
    ...
    """
    out = file if file is not None else sys.stdout
    running = installed_versions(built_with)
    width = max(len("library"), *(len(name) for name in built_with)) + 2
    page_width = max(len("this page"), *(len(str(v)) for v in built_with.values())) + 2
    print(f"{'library':<{width}}{'this page':<{page_width}}this runtime", file=out)
    differ = []
    for name, page_version in built_with.items():
        mine = running[name]
        mark = "" if mine == page_version else "  (differs)" if mine else ""
        print(f"{name:<{width}}{page_version:<{page_width}}{mine or 'not installed'}{mark}".rstrip(), file=out)
        if mine != page_version:
            differ.append(name)
    said = False
    for name, (version, sentence) in (notes or {}).items():
        mine, page_version = running.get(name) or installed_versions([name])[name], built_with.get(name)
        if mine and page_version and _release(mine) < _release(version) <= _release(page_version):
            print(f"\nYou run {name} {mine}, older than {version}: {sentence}", file=out)
            said = True
    if not differ:
        print("\nSame versions as the page: your numbers should equal the page's.", file=out)
    elif not said:
        print("\nNo difference above is known to change this page's numbers (timings aside); if one differs, "
              "the versions are the first thing to compare.", file=out)
