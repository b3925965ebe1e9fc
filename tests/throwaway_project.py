"""A throw-away MkDocs project with two three-cell tutorials and a two-module package, for build-cache tests.

The project has copies of docs/hooks/tutorial_pages.py and execution_cache.py (its two hooks: the tutorials become
pages, then they are executed and rendered), _render.py with its notebook_template/, _notebook_worker.py,
_kernel_setup.py, _fill.py, _buildcache.py, _buildstate.py, _settings.py and _shared.py (the hook keeps its cache
next to the project's mkdocs.yml and finds the package next to itself, so the
repository's own cache and package are never touched), of the key rule mnist_tutorials/_cachekey.py, the atomic
writes mnist_tutorials/_cachefiles.py and their public face mnist_tutorials/caching.py, and a two-module package: tutorial ``a`` imports ``mnist_tutorials.augment``,
tutorial ``b`` imports ``mnist_tutorials.other``. ``tests/test_execution_cache.py`` builds it;
``tests/test_bench_build.py`` reads it. (The tiny site with every hook and the real package is ``tests/tinysite``.)
"""

from __future__ import annotations

import pathlib
import shutil
import textwrap

ROOT = pathlib.Path(__file__).resolve().parents[1]

NOTEBOOK = """\
# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Page {name}

# %%
from mnist_tutorials.{module} import VALUE
{extra}
# %%
print("result of {name}:", sum(range({n})) + VALUE)
"""


def write_tutorial(root: pathlib.Path, name: str, module: str, n: int, extra: str = "") -> None:
    """Write ``docs/tutorials/<name>.py``: it imports ``VALUE`` from ``module`` and prints ``sum(range(n)) + VALUE``."""
    (root / "docs" / "tutorials" / f"{name}.py").write_text(NOTEBOOK.format(name=name, module=module, n=n,
                                                                            extra=extra))


def make_project(tmp_path: pathlib.Path, extra_b: str = "") -> pathlib.Path:
    """Create the project under ``tmp_path / "project"`` and return its folder; ``extra_b`` is code for tutorial b."""
    root = tmp_path / "project"
    (root / "docs" / "tutorials").mkdir(parents=True)
    (root / "docs" / "hooks").mkdir()
    for hook in ("tutorial_pages.py", "execution_cache.py", "_render.py", "_notebook_worker.py", "_kernel_setup.py",
                 "_fill.py", "_buildcache.py", "_buildstate.py", "_settings.py", "_shared.py"):
        shutil.copy(ROOT / "docs" / "hooks" / hook, root / "docs" / "hooks")
    shutil.copytree(ROOT / "docs" / "hooks" / "notebook_template", root / "docs" / "hooks" / "notebook_template")
    package = root / "mnist_tutorials"
    package.mkdir()
    for module in ("_cachekey.py", "_cachefiles.py", "caching.py"):
        shutil.copy(ROOT / "mnist_tutorials" / module, package)
    (package / "__init__.py").write_text("")
    (package / "_sources.py").write_text("REGISTRY = {}\n")
    (package / "augment.py").write_text("VALUE = 0\n")
    (package / "other.py").write_text("VALUE = 0\n")
    (root / "docs" / "index.md").write_text("# Home\n")
    write_tutorial(root, "a", "augment", 10)
    write_tutorial(root, "b", "other", 100, extra_b)
    (root / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: t
        exclude_docs: |
          hooks/
        hooks:
          - docs/hooks/tutorial_pages.py
          - docs/hooks/execution_cache.py
        """))
    return root
