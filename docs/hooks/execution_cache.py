"""MkDocs hook: an execution cache that knows the package, and the "Execution times" page.

mkdocs-jupyter caches each executed notebook under ``cache_dir``, keyed by the notebook's bytes and the plugin
options only. This hook points ``cache_dir`` at ``.cache/mkdocs-jupyter/<key>``, where ``key`` hashes

* every source file of the ``mnist_tutorials`` package (which includes the pinned data checksums),
* the versions of Python and of the libraries the tutorials compute with,

so editing one tutorial re-executes only that tutorial, and a change to the package, the data checksums or the
library versions re-executes every tutorial. Stale key folders are deleted.

Notebooks missing from the cache are executed before the pages render, ``MNIST_TUTORIALS_JOBS`` at a time
(default 2, longest first), each in its own Python process that writes mkdocs-jupyter's cache entry exactly as
the plugin would; the plugin then finds every entry in the cache. ``MNIST_TUTORIALS_JOBS=1`` leaves execution to
mkdocs-jupyter, one notebook after the other. Outputs do not depend on this: each notebook runs in its own kernel
either way.

It also times each notebook's execution, records whether it came from the cache, and fills the table of the
page that contains ``<!-- execution-times -->``.

Force a clean rebuild with ``rm -rf .cache/mkdocs-jupyter`` (or ``MNIST_TUTORIALS_NO_CACHE=1 mkdocs build``).
``MNIST_TUTORIALS_EXECUTE=0 mkdocs build`` renders the tutorials without executing them (and without the cache).
"""

from __future__ import annotations

import hashlib
import html
import importlib.metadata
import json
import logging
import os
import pathlib
import platform
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from mkdocs.exceptions import PluginError

from mkdocs.plugins import event_priority

ROOT = pathlib.Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "mnist_tutorials"
CACHE_ROOT = ROOT / ".cache" / "mkdocs-jupyter"
LIBRARIES = ("numpy", "scipy", "scikit-learn", "pandas", "matplotlib", "plotly", "tensorflow-cpu", "tensorflow",
             "keras", "nbconvert", "nbclient", "ipykernel", "jupytext", "mkdocs-jupyter")
MARKER = "<!-- execution-times -->"
PLUGIN = "mkdocs-jupyter"

_state: dict = {"timings": {}, "cache_dir": None, "pre_executed": {}, "hints": {}}
log = logging.getLogger("mkdocs.hooks.execution_cache")


def dependency_key() -> str:
    """Hash of the package sources and the library versions the tutorials depend on."""
    hasher = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        hasher.update(str(path.relative_to(ROOT)).encode())
        hasher.update(path.read_bytes())
    hasher.update(platform.python_version().encode())
    for name in LIBRARIES:
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            version = "absent"
        hasher.update(f"{name}=={version}".encode())
    return hasher.hexdigest()[:20]


def on_config(config):
    if PLUGIN not in config.plugins:
        raise KeyError(f"execution_cache hook: expected the {PLUGIN!r} plugin in mkdocs.yml, found {list(config.plugins)}")
    plugin = config.plugins[PLUGIN]
    # Kernels inherit the environment: the package switches plotly to the site's shared plotly.js asset.
    os.environ["MNIST_TUTORIALS_SITE_BUILD"] = "1"
    if os.environ.get("MNIST_TUTORIALS_EXECUTE") == "0":
        # Render notebooks without running them (benchmarks, quick layout work). No cache: executed entries must
        # not be evicted by a build that did not use them.
        plugin.config["execute"] = False
    if os.environ.get("MNIST_TUTORIALS_NO_CACHE") or not plugin.config["execute"]:
        plugin.config["cache"] = False
        _state["cache_dir"] = None
        return config
    cache_dir = CACHE_ROOT / dependency_key()
    if CACHE_ROOT.is_dir():
        # Execution times of earlier keys still tell which notebooks are slow: schedule those first.
        for timings in CACHE_ROOT.glob("*/timings.data"):
            for src, entry in _load_timings(timings.parent).items():
                if "seconds" in entry:
                    _state["hints"][src] = entry["seconds"]
        for stale in CACHE_ROOT.iterdir():
            if stale.is_dir() and stale != cache_dir:
                shutil.rmtree(stale)
    plugin.config["cache_dir"] = str(cache_dir)
    _state["cache_dir"] = cache_dir
    _state["timings"] = _load_timings(cache_dir)
    return config


def _load_timings(cache_dir: pathlib.Path) -> dict:
    path = cache_dir / "timings.data"
    return json.loads(path.read_text()) if path.is_file() else {}


# The options of mkdocs-jupyter that its own call to nb2html passes on (mkdocs_jupyter/plugin.py, on_pre_page).
_NB2HTML_OPTIONS = ("kernel_name", "theme", "allow_errors", "show_input", "no_input", "no_prompt",
                    "remove_tag_config", "highlight_extra_classes", "include_requirejs", "custom_mathjax_url")


def _jobs() -> int:
    value = os.environ.get("MNIST_TUTORIALS_JOBS", "2")
    if not value.isdigit() or int(value) < 1:
        raise PluginError(f"execution_cache hook: MNIST_TUTORIALS_JOBS must be a positive integer, found {value!r}. "
                          "Use 1 to execute the tutorials one after the other.")
    return int(value)


def on_files(files, config):
    """Execute the notebooks that are missing from the cache, several at a time, before any page renders."""
    _state["pre_executed"] = {}
    plugin = config.plugins[PLUGIN]
    cache_dir = _state["cache_dir"]
    jobs = _jobs()
    if cache_dir is None or jobs == 1:
        return files
    from mkdocs_jupyter.plugin import _compute_cache_key, _get_cache_path

    ignored = plugin.config["execute_ignore"] or []
    todo = []
    for file in files:
        if plugin.should_include(file) and not any(pathlib.PurePath(file.abs_src_path).match(pattern)
                                                   for pattern in ignored):
            cache_path = _get_cache_path(cache_dir, _compute_cache_key(file.abs_src_path, plugin.config, True))
            if not cache_path.exists():
                todo.append((file, cache_path))
    if not todo:
        return files
    todo.sort(key=lambda item: (-_state["hints"].get(item[0].src_uri, 0.0), -os.path.getsize(item[0].abs_src_path)))
    options = {key: plugin.config[key] for key in _NB2HTML_OPTIONS}
    log.info("Executing %d notebook(s), %d at a time", len(todo), jobs)

    def run(item):
        file, cache_path = item
        start = time.perf_counter()
        request = json.dumps({"path": file.abs_src_path, "cache_path": str(cache_path), "options": options,
                              "toc_depth": plugin.config["toc_depth"]})
        result = subprocess.run([sys.executable, str(pathlib.Path(__file__).resolve())], input=request,
                                capture_output=True, text=True)
        return file, time.perf_counter() - start, result

    failures = []
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for file, seconds, result in pool.map(run, todo):
            if result.returncode != 0:
                failures.append(f"{file.src_uri}:\n{result.stderr[-4000:]}")
                continue
            log.info("Executed in parallel: %s (%.1f s)", file.abs_src_path, seconds)
            _state["pre_executed"][file.src_uri] = (round(seconds, 1), time.strftime("%Y-%m-%d %H:%M:%S"))
    if failures:
        raise PluginError("execution_cache hook: executing these tutorials failed (allow_errors is false):\n\n"
                          + "\n\n".join(failures))
    return files


def _execute_into_cache(request: dict) -> None:
    """Worker process: execute one notebook and write mkdocs-jupyter's cache entry for it (atomically)."""
    from mkdocs_jupyter import convert
    from mkdocs_jupyter.plugin import _get_nb_toc_tokens

    body = convert.nb2html(request["path"], execute=True, **request["options"])
    toc_tokens, title = _get_nb_toc_tokens(request["path"], request["toc_depth"])
    cache_path = pathlib.Path(request["cache_path"])
    cache_path.parent.mkdir(parents=True, exist_ok=True)
    partial = cache_path.with_suffix(".partial")
    partial.write_text(json.dumps({"content": body, "toc_tokens": toc_tokens, "title": title}), encoding="utf-8")
    os.replace(partial, cache_path)


def on_pre_page(page, config, files):
    plugin = config.plugins[PLUGIN]
    if not plugin.should_include(page.file):
        return page
    from mkdocs_jupyter.plugin import _compute_cache_key, _get_cache_path

    cache_dir = _state["cache_dir"]
    cached_file = None
    if cache_dir is not None:
        cached_file = _get_cache_path(cache_dir, _compute_cache_key(page.file.abs_src_path, plugin.config,
                                                                    plugin.config["execute"]))
    render = page.render  # mkdocs-jupyter's replacement, installed by its own on_pre_page before this hook

    def timed_render(config, files):
        src = page.file.src_uri
        hit = cached_file is not None and cached_file.exists() and src not in _state["pre_executed"]
        start = time.perf_counter()
        render(config, files)
        seconds = time.perf_counter() - start
        entry = _state["timings"].get(src, {})
        if src in _state["pre_executed"]:
            pre_seconds, executed_at = _state["pre_executed"][src]
            entry = {"seconds": pre_seconds, "executed_at": executed_at}
        elif not hit:
            entry = {"seconds": round(seconds, 1), "executed_at": time.strftime("%Y-%m-%d %H:%M:%S")}
        entry["from_cache"] = hit
        entry["title"] = page.title
        entry["url"] = page.url
        _state["timings"][src] = entry

    page.render = timed_render
    return page


@event_priority(100)  # before the search plugin indexes the page
def on_page_context(context, page, config, nav):
    if MARKER in (page.content or ""):
        page.content = page.content.replace(MARKER, _timings_table("../" * page.url.count("/")))
    return context


def on_post_build(config):
    cache_dir = _state["cache_dir"]
    if cache_dir is not None and cache_dir.is_dir():
        (cache_dir / "timings.data").write_text(json.dumps(_state["timings"], indent=1, sort_keys=True))


def _seconds(entry: dict) -> str:
    # Unknown when the cache entry was written by a build that was interrupted before it saved its timings.
    return f"{entry['seconds']:.1f}" if "seconds" in entry else "unknown"


def _timings_table(to_root: str) -> str:
    rows = sorted(_state["timings"].items())
    if not rows:
        return "<p><em>No tutorial was rendered in this build.</em></p>"
    total = sum(entry.get("seconds", 0.0) for _, entry in rows)
    body = "".join(
        f"<tr><td><a href=\"{to_root}{html.escape(entry.get('url', ''))}\">{html.escape(entry.get('title') or src)}</a></td>"
        f"<td style=\"text-align:right\">{_seconds(entry)}</td>"
        f"<td>{'cache' if entry.get('from_cache') else 'executed in this build'}</td>"
        f"<td>{html.escape(entry.get('executed_at', '?'))}</td></tr>"
        for src, entry in rows
    )
    return (
        "<table><thead><tr><th>Tutorial</th><th>Execution time (s)</th><th>This build</th>"
        "<th>Last executed</th></tr></thead><tbody>" + body +
        f"<tr><td><strong>Total</strong></td><td style=\"text-align:right\"><strong>{total:.1f}</strong></td>"
        "<td></td><td></td></tr></tbody></table>"
    )


if __name__ == "__main__":  # the worker process started by on_files
    _execute_into_cache(json.loads(sys.stdin.read()))
