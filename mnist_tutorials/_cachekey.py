"""The one rule that keys every build cache: executed notebooks, build-time figures, flag answers.

A cache entry is valid as long as nothing it was computed from has changed. :func:`cache_key` hashes

* the files given (a tutorial, a build hook), byte for byte;
* the ``mnist_tutorials`` modules those files import, followed transitively through the package's own imports,
  read from the code with :mod:`ast` (no hand-kept list, nothing executed), and the package data files each of
  those modules names (:func:`data_files`: the widgets' ``.css`` and ``.js``);
* the pinned sha256 of every data file (``mnist_tutorials._sources.REGISTRY``);
* the versions of Python and of the libraries the computations use (a caller adds its own: the site's build adds
  the notebook converter's).

So editing ``mnist_tutorials/augment.py`` invalidates only the entries whose files import it, while a module every
tutorial imports (``datasets``) invalidates them all. Used by ``docs/hooks/execution_cache.py``,
``docs/hooks/figures.py`` and :func:`mnist_tutorials.flags.cache_key`. Nothing here knows about the site:
the build passes its own files and libraries.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.metadata
import json
import platform
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PACKAGE = PACKAGE_DIR.name

#: Distributions whose version is part of every key (absent ones count as ``absent``).
LIBRARIES = ("numpy", "scipy", "scikit-learn", "pandas", "matplotlib", "plotly", "tensorflow-cpu", "tensorflow",
             "keras")
#: Suffixes of the package data files that a module's key covers when the module names them (:func:`data_files`).
DATA_SUFFIXES = (".css", ".js", ".json")


def _module_file(name: str, package_dir: Path) -> Path | None:
    """The file of ``mnist_tutorials.a.b`` (``a/b.py`` or ``a/b/__init__.py``), or None outside the package."""
    parts = name.split(".")
    if parts[0] != PACKAGE:
        return None
    base = package_dir.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py") if parts[1:] else None, base / "__init__.py"):
        if candidate is not None and candidate.is_file():
            return candidate
    return None


def _module_name(path: Path, package_dir: Path) -> str:
    parts = list(path.relative_to(package_dir).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([PACKAGE, *parts])


def imported_modules(source: str, *, module: str | None = None, package_dir: Path = PACKAGE_DIR) -> set[str]:
    """Names of the package's modules that Python code imports directly (not transitively).

    Parameters
    ----------
    source : str
        Python source (a module, a build hook, a jupytext ``# %%`` tutorial).
    module : str, default=None
        The dotted name of ``source`` when it is a module of the package, to resolve relative imports.
    package_dir : Path, default=the installed package
        Folder of the ``mnist_tutorials`` package whose files exist.

    Returns
    -------
    set of str
        Dotted module names, each one a file of the package. ``from mnist_tutorials.x import y`` counts ``x``,
        and ``x.y`` too when ``y`` is a submodule; ``import mnist_tutorials as m`` followed by ``m.x`` counts
        ``x``. Importing ``a.b`` also runs ``a/__init__.py``, so parents are included.

    Examples
    --------
    >>> sorted(imported_modules("from mnist_tutorials.plotting import plot_digit\\nimport numpy"))
    ['mnist_tutorials', 'mnist_tutorials.plotting']
    """
    tree = ast.parse(source)
    is_package = module is not None and _module_file(module, package_dir) == package_dir.joinpath(
        *module.split(".")[1:], "__init__.py")
    found: set[str] = set()
    aliases: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.add(alias.name)
                if alias.name == PACKAGE:
                    aliases.add(alias.asname or alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                if module is None:
                    continue
                parts = module.split(".")
                keep = len(parts) - node.level + (1 if is_package else 0)
                base = ".".join(parts[:keep] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
            found.add(f"{PACKAGE}.{node.attr}")
    modules = set()
    for name in found:
        parts = name.split(".")
        for i in range(1, len(parts) + 1):
            if _module_file(".".join(parts[:i]), package_dir) is not None:
                modules.add(".".join(parts[:i]))
    return modules


def module_closure(sources: list[Path], package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """Every package file that running ``sources`` imports, transitively, sorted.

    Examples
    --------
    >>> [path.name for path in module_closure([PACKAGE_DIR / "datasets.py"])]
    ['__init__.py', '_bounded.py', '_cachefiles.py', '_errors.py', '_formats.py', '_sources.py', 'datasets.py']
    """
    todo = [Path(path) for path in sources]
    seen: set[Path] = {path for path in todo if path.is_relative_to(package_dir)}
    while todo:
        path = todo.pop()
        module = _module_name(path, package_dir) if path.is_relative_to(package_dir) else None
        for name in imported_modules(path.read_text(encoding="utf-8"), module=module, package_dir=package_dir):
            file = _module_file(name, package_dir)
            if file not in seen:
                seen.add(file)
                todo.append(file)
    return sorted(seen)


def data_files(path: Path) -> list[Path]:
    """The package data files that the module at ``path`` names in a string: ``"explorer.css"`` names
    ``assets/explorer.css`` or ``explorer.css`` beside the module (suffixes :data:`DATA_SUFFIXES`), sorted.

    Examples
    --------
    >>> [file.name for file in data_files(PACKAGE_DIR / "plotting" / "explorer.py")]
    ['explorer.css', 'explorer.js']
    """
    found = set()
    for node in ast.walk(ast.parse(Path(path).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.endswith(DATA_SUFFIXES):
            for candidate in (path.parent / node.value, path.parent / "assets" / node.value):
                if "/" not in node.value and candidate.is_file():
                    found.add(candidate)
    return sorted(found)


def library_versions(libraries=LIBRARIES) -> dict[str, str]:
    """Python's version and each library's installed version (``absent`` when not installed)."""
    versions = {"python": platform.python_version()}
    for name in libraries:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


def data_checksums() -> dict[str, dict[str, str]]:
    """The pinned sha256 of every data file, by data set (``mnist_tutorials._sources.REGISTRY``)."""
    from ._sources import REGISTRY

    return {name: dict(sorted(spec.sha256.items())) for name, spec in sorted(REGISTRY.items())}


def cache_key(namespace: str, files=(), *, modules=(), options=None, libraries=LIBRARIES,
              package_dir: Path = PACKAGE_DIR, length: int = 24) -> str:
    """Key of one build-cache entry: what it was computed from, hashed.

    Parameters
    ----------
    namespace : str
        Which cache (``"notebook"``, ``"figures"``, ``"flags"``): keys of different caches never coincide.
    files : sequence of path-like, default=()
        Files the entry is computed from (a tutorial, a hook). Their bytes count, and so do the package modules
        they import (transitively) when they are Python.
    modules : sequence of str, default=()
        Further package modules the entry depends on (``"mnist_tutorials.flags"``), with their own imports.
    options : JSON-serialisable, default=None
        Settings that change the entry (the notebook converter's options).
    libraries : sequence of str, default=LIBRARIES
        Distributions whose installed version counts.
    package_dir : Path, default=the installed package
    length : int, default=24
        Hex digits returned.

    Returns
    -------
    str

    Examples
    --------
    >>> key = cache_key("flags", modules=["mnist_tutorials.flags"])
    >>> len(key), key == cache_key("flags", modules=["mnist_tutorials.flags"]), key == cache_key("figures")
    (24, True, False)
    """
    files = [Path(file).resolve() for file in files]
    roots = [path for path in files if path.suffix == ".py"]
    roots += [_module_file(name, package_dir) or _missing(name) for name in modules]
    digest = hashlib.sha256(f"mnist-tutorials build cache v2: {namespace}\n".encode())
    for path in files:
        digest.update(b"file\0" + path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    for path in module_closure(roots, package_dir):
        if not path.is_relative_to(package_dir):  # a root outside the package (a hook): already hashed above
            continue
        for part in (path, *data_files(path)):
            digest.update(b"module\0" + part.relative_to(package_dir).as_posix().encode() + b"\0"
                          + hashlib.sha256(part.read_bytes()).digest())
    digest.update(json.dumps({"data": data_checksums(), "versions": library_versions(libraries),
                              "options": options}, sort_keys=True, default=repr).encode())
    return digest.hexdigest()[:length]


def _missing(name: str):
    raise ValueError(f"cache_key: module {name!r} is not a file of the {PACKAGE} package in {PACKAGE_DIR}; "
                     "expected a dotted name such as 'mnist_tutorials.flags'.")
