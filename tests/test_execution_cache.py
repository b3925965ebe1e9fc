"""The execution cache of the site build, on a throw-away MkDocs project with two three-cell tutorials.

The project is ``tests/throwaway_project.py``'s: copies of the execution-cache hook and its helpers, of the key
rule and the atomic writes, and a two-module package (tutorial ``a`` imports ``mnist_tutorials.augment``, tutorial
``b`` imports ``mnist_tutorials.other``), so the repository's own cache is never touched.
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from file_module import require
from throwaway_project import make_project, write_tutorial

require("mkdocs", "nbconvert", "nbclient", "jupytext")  # every test here builds or serves a site

_project = make_project
_tutorial = write_tutorial


def _env(root, jobs="2"):
    env = {**os.environ, "MNIST_TUTORIALS_JOBS": jobs, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(root)}
    env.pop("MNIST_TUTORIALS_NO_CACHE", None)
    env.pop("MNIST_TUTORIALS_EXECUTE", None)
    return env


def _build(root: pathlib.Path, jobs: str = "2", **extra) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=root, env={**_env(root, jobs), **extra},
                          capture_output=True, text=True, timeout=300)


def _executed(log: str) -> list[str]:
    return sorted(re.findall(r"Executed tutorials/(\w+)\.py in", log))


def _page(root, name) -> str:
    return (root / "site" / "tutorials" / name / "index.html").read_text()


def _pages(root: pathlib.Path) -> dict[str, str]:
    """The built tutorial pages, without jupytext's cell ids (random on every conversion)."""
    return {name: re.sub(r'id="cell-id=[0-9a-f]+"', "", _page(root, name)) for name in ("a", "b")}


def _entries(root) -> list[pathlib.Path]:
    return sorted((root / ".cache" / "notebooks").glob("*.json"))


@pytest.fixture(scope="module")
def cold(tmp_path_factory):
    """One cold build for the whole module: (project, its log, its pages)."""
    root = _project(tmp_path_factory.mktemp("cold"))
    result = _build(root)
    assert result.returncode == 0, result.stderr
    return root, result.stderr, _pages(root)


@pytest.fixture
def built(cold, tmp_path):
    """A copy of the cold-built project, cache included (keys hash file contents, not absolute paths)."""
    root = tmp_path / "project"
    shutil.copytree(cold[0], root)
    return root


def test_cold_build_executes_in_parallel_and_an_unchanged_rebuild_executes_nothing(cold, built):
    _, log, pages = cold
    assert _executed(log) == ["a", "b"]
    assert "Executing 2 tutorial(s), 2 at a time" in log
    assert re.search(r"Executed tutorials/\w\.py in [\d.]+ s, [\d.]+ s CPU; 2 of 2 done, 0 left", log)
    assert "result of a: 45" in pages["a"] and "result of b: 4950" in pages["b"]
    timings = json.loads((built / ".cache" / "notebooks" / "timings.data").read_text())
    assert timings["tutorials/a.py"]["cpu_seconds"] > 0

    warm = _build(built)
    assert warm.returncode == 0 and _executed(warm.stderr) == []
    assert _pages(built) == pages

    # NO_CACHE executes every tutorial again, whatever the cache holds, into the same pages.
    plain = _build(built, MNIST_TUTORIALS_NO_CACHE="1")
    assert plain.returncode == 0, plain.stderr
    assert _executed(plain.stderr) == ["a", "b"]
    assert _pages(built) == pages


def test_editing_a_module_reexecutes_only_the_tutorials_that_import_it(built):
    (built / "mnist_tutorials" / "augment.py").write_text("VALUE = 1000\n")
    edited = _build(built)
    assert edited.returncode == 0, edited.stderr
    assert _executed(edited.stderr) == ["a"]
    assert "result of a: 1045" in _page(built, "a")
    assert len(_entries(built)) == 2  # a's old entry removed after the build succeeded

    (built / "mnist_tutorials" / "__init__.py").write_text("# every tutorial imports the package\n")
    assert _executed(_build(built).stderr) == ["a", "b"]


def _notebooks(root) -> list[pathlib.Path]:
    return sorted((root / ".cache" / "notebooks").glob("*.ipynb"))


def test_a_corrupt_entry_is_logged_deleted_and_rebuilt(built):
    entry = next(path for path in _entries(built) if "result of a" in path.read_text())
    entry.write_text(entry.read_text()[:100])  # truncated
    (built / ".cache" / "notebooks" / "timings.data").write_text("{\"tutorials/a.py\": {\"sec")
    rebuilt = _build(built)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert f"Cache entry {entry} is unusable" in rebuilt.stderr
    assert "timings.data is unusable" in rebuilt.stderr
    # The page is made again from the executed notebook in the cache: nothing executes.
    assert _executed(rebuilt.stderr) == []
    assert "Converted tutorials/a.py again from its executed notebook" in rebuilt.stderr
    assert "result of a: 45" in _page(built, "a")
    json.loads(entry.read_text())  # whole again

    # Both the page and the executed notebook unusable: the tutorial executes again.
    notebook = next(path for path in _notebooks(built) if "result of a" in path.read_text())
    for path in (entry, notebook):
        path.write_text(path.read_text()[:100])
    rebuilt = _build(built)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert f"Cache entry {notebook} is unusable" in rebuilt.stderr
    assert _executed(rebuilt.stderr) == ["a"]
    assert "result of a: 45" in _page(built, "a")
    json.loads(notebook.read_text())


def test_a_change_to_the_conversion_only_renders_again_without_executing(built):
    """The page key covers the template, the executed-notebook key does not: the cache keeps both entries."""
    pages, notebooks = _pages(built), _notebooks(built)
    assert len(notebooks) == 2 and all(json.loads(path.read_text())["cells"] for path in notebooks)
    template = built / "docs" / "hooks" / "notebook_template" / "mkdocs_html" / "notebook.html.j2"
    text = template.read_text()
    assert text.count('<div class="jupyter-wrapper">') == 1
    template.write_text(text.replace('<div class="jupyter-wrapper">', '<div class="jupyter-wrapper template-edited">'))
    edited = _build(built)
    assert edited.returncode == 0, edited.stderr
    assert _executed(edited.stderr) == []
    assert sorted(re.findall(r"Converted (tutorials/\w\.py) again", edited.stderr)) == ["tutorials/a.py",
                                                                                     "tutorials/b.py"]
    assert _notebooks(built) == notebooks
    for name, page in _pages(built).items():
        assert 'class="jupyter-wrapper template-edited"' in page and "template-edited" not in pages[name]
    assert "result of a: 45" in _page(built, "a")
    assert len(_entries(built)) == 2  # the pages of the old conversion removed after the build succeeded


def test_two_processes_writing_one_entry_both_succeed(tmp_path):
    root = _project(tmp_path)
    cache_path = root / ".cache" / "notebooks" / "entry.json"
    request = json.dumps({"path": str(root / "docs" / "tutorials" / "a.py"), "src": "tutorials/a.py",
                          "cache_path": str(cache_path), "notebook_path": str(cache_path.with_name("nb.ipynb"))})
    worker = root / "docs" / "hooks" / "_notebook_worker.py"
    workers = [subprocess.Popen([sys.executable, str(worker)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, cwd=root, env=_env(root)) for _ in range(2)]
    for worker in workers:
        out, err = worker.communicate(request, timeout=120)
        assert worker.returncode == 0, err
        assert re.match(r"cpu_seconds=[\d.]+", out)
    assert "result of a: 45" in json.loads(cache_path.read_text())["content"]
    assert json.loads(cache_path.with_name("nb.ipynb").read_text())["cells"][-1]["outputs"]
    assert sorted(p.name for p in cache_path.parent.iterdir()) == ["entry.json", "nb.ipynb"]  # no temporary file


def test_stale_entries_stay_until_a_build_succeeds(built):
    before = _entries(built)
    (built / "mnist_tutorials" / "augment.py").write_text("VALUE = 1\n")
    _tutorial(built, "b", "other", 100, extra="1 / 0")
    failed = _build(built)
    assert failed.returncode != 0
    assert "tutorials/b.py" in failed.stderr and "ZeroDivisionError" in failed.stderr
    assert set(before) <= set(_entries(built))  # nothing removed by a failed build
    assert not list((built / ".cache").rglob("*.part"))  # no temporary file of mnist_tutorials._cachefiles left
    _tutorial(built, "b", "other", 100)
    assert _build(built).returncode == 0
    after = set(_entries(built))
    assert len(after) == 2 and len(after - set(before)) == 1  # a's new entry, b back at its first key; a's old gone


def test_jobs_must_be_a_positive_integer(tmp_path):
    result = _build(_project(tmp_path), "zero")
    assert result.returncode != 0 and "MNIST_TUTORIALS_JOBS must be a positive integer" in result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, timeout: float = 70) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode()


def test_serve_shows_pages_before_execution_and_reloads_them_when_done(tmp_path):
    # b sleeps long enough that its page must be served (unexecuted) before its execution ends.
    root = _project(tmp_path, extra_b="import time\ntime.sleep(8)")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=root,
                              env=_env(root), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        start = time.monotonic()
        page = None
        while page is None and time.monotonic() - start < 60:
            try:
                page = _get(f"http://127.0.0.1:{port}/tutorials/b/")
            except OSError:
                time.sleep(0.2)
        assert page is not None, "mkdocs serve served nothing within 60 s"
        assert "Being executed, 0 of 2 done" in page and "result of b: 4950" not in page
        epoch = int(re.search(r"livereload\((\d+),", page).group(1))
        # The livereload poll answers with a newer epoch once the site was rebuilt with b executed.
        while True:
            newer = int(_get(f"http://127.0.0.1:{port}/livereload/{epoch}/1"))
            assert newer > epoch, "no reload"
            page, epoch = _get(f"http://127.0.0.1:{port}/tutorials/b/"), newer
            if "result of b: 4950" in page or time.monotonic() - start > 120:
                break
        assert "result of b: 4950" in page and "Being executed" not in page
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl-C: MkDocs runs on_shutdown, which stops the background work
        log = server.communicate(timeout=60)[0]
    assert re.search(r"Executed tutorials/b\.py in [\d.]+ s", log), log
    assert "executing 2 notebook(s) in the background" in log, log


@pytest.mark.build
def test_the_built_site_publishes_no_unexecuted_tutorial(site_dir):
    moved = json.loads((pathlib.Path(__file__).resolve().parents[1] / "docs" / "hooks" / "moved_pages.json")
                       .read_text(encoding="utf-8"))["moved"]  # old addresses: redirect pages (test_redirects.py)
    for page in sorted((site_dir / "tutorials").glob("*/index.html")):
        if page.parent.name in moved:
            continue
        html = page.read_text(encoding="utf-8")
        assert "execution-pending" not in html and "Being executed" not in html, f"{page} is unexecuted"
        assert 'class="jp-OutputArea' in html, f"{page} has no cell output"
