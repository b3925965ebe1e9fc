"""The execution-cache hook runs missing notebooks several at a time, with the same result as mkdocs-jupyter.

A throw-away MkDocs project in a temporary folder, with a copy of docs/hooks/execution_cache.py (the hook keeps
its cache next to itself, so the repository's own cache is never touched) and two tiny tutorials.
"""

from __future__ import annotations

import os
import pathlib
import re
import shutil
import subprocess
import sys
import textwrap

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]

NOTEBOOK = """\
# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Page {name}

# %%
print("result of {name}:", sum(range({n})))
"""


def _project(tmp_path: pathlib.Path, failing: bool = False) -> pathlib.Path:
    root = tmp_path / "project"
    (root / "docs" / "tutorials").mkdir(parents=True)
    (root / "docs" / "hooks").mkdir()
    shutil.copy(ROOT / "docs" / "hooks" / "execution_cache.py", root / "docs" / "hooks")
    (root / "mnist_tutorials").mkdir()
    (root / "mnist_tutorials" / "__init__.py").write_text("")
    (root / "docs" / "index.md").write_text("# Home\n")
    for name, n in (("a", 10), ("b", 100)):
        (root / "docs" / "tutorials" / f"{name}.py").write_text(NOTEBOOK.format(name=name, n=n))
    if failing:
        (root / "docs" / "tutorials" / "b.py").write_text(NOTEBOOK.format(name="b", n=100) + "\n# %%\n1 / 0\n")
    (root / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: t
        plugins:
          - mkdocs-jupyter:
              include: ["tutorials/*.py"]
              execute: true
              allow_errors: false
              kernel_name: python3
        hooks:
          - docs/hooks/execution_cache.py
        """))
    return root


def _build(root: pathlib.Path, jobs: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "MNIST_TUTORIALS_JOBS": jobs, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("MNIST_TUTORIALS_NO_CACHE", None)
    env.pop("MNIST_TUTORIALS_EXECUTE", None)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=root, env=env, capture_output=True,
                          text=True, timeout=300)


def _pages(root: pathlib.Path) -> dict[str, str]:
    """The built tutorial pages, without jupytext's cell ids (random on every conversion, in either path)."""
    return {name: re.sub(r'id="cell-id=[0-9a-f]+"', "", (root / "site" / "tutorials" / name / "index.html").read_text())
            for name in ("a", "b")}


def test_parallel_execution_fills_the_cache_with_what_mkdocs_jupyter_would_write(tmp_path):
    root = _project(tmp_path)
    parallel = _build(root, "2")
    assert parallel.returncode == 0, parallel.stderr
    assert parallel.stderr.count("Executed in parallel:") == 2
    assert "Cache miss" not in parallel.stderr  # the plugin found both entries
    assert parallel.stderr.count("Cache hit") == 2
    pages = _pages(root)
    assert "result of a: 45" in pages["a"] and "result of b: 4950" in pages["b"]

    warm = _build(root, "2")
    assert warm.returncode == 0 and "Executed in parallel" not in warm.stderr
    assert warm.stderr.count("Cache hit") == 2

    shutil.rmtree(root / ".cache")
    sequential = _build(root, "1")
    assert sequential.returncode == 0, sequential.stderr
    assert sequential.stderr.count("Cache miss, writing") == 2 and "Executed in parallel" not in sequential.stderr
    assert _pages(root) == pages  # same HTML whichever process executed the notebooks


def test_a_failing_tutorial_fails_the_build_and_names_itself(tmp_path):
    root = _project(tmp_path, failing=True)
    result = _build(root, "2")
    assert result.returncode != 0
    assert "tutorials/b.py" in result.stderr and "ZeroDivisionError" in result.stderr
    assert not list((root / ".cache").rglob("*.partial"))


def test_jobs_must_be_a_positive_integer(tmp_path):
    result = _build(_project(tmp_path), "zero")
    assert result.returncode != 0 and "MNIST_TUTORIALS_JOBS must be a positive integer" in result.stderr
