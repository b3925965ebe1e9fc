"""MkDocs hook: an execution cache that knows the package, and the "Execution times" page.

mkdocs-jupyter caches each executed notebook under ``cache_dir``, keyed by the notebook's bytes and the plugin
options only. This hook points ``cache_dir`` at ``.cache/mkdocs-jupyter/<key>``, where ``key`` hashes

* every source file of the ``mnist_tutorials`` package (which includes the pinned data checksums),
* the versions of Python and of the libraries the tutorials compute with,

so editing one tutorial re-executes only that tutorial, and a change to the package, the data checksums or the
library versions re-executes every tutorial. Stale key folders are deleted.

It also times each notebook's rendering, records whether it came from the cache, and fills the table of the
page that contains ``<!-- execution-times -->``.

Force a clean rebuild with ``rm -rf .cache/mkdocs-jupyter`` (or ``MNIST_TUTORIALS_NO_CACHE=1 mkdocs build``).
``MNIST_TUTORIALS_EXECUTE=0 mkdocs build`` renders the tutorials without executing them (and without the cache).
"""

from __future__ import annotations

import hashlib
import html
import importlib.metadata
import json
import os
import pathlib
import platform
import shutil
import time

from mkdocs.plugins import event_priority

ROOT = pathlib.Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "mnist_tutorials"
CACHE_ROOT = ROOT / ".cache" / "mkdocs-jupyter"
LIBRARIES = ("numpy", "scipy", "scikit-learn", "pandas", "matplotlib", "plotly", "tensorflow-cpu", "tensorflow",
             "keras", "nbconvert", "nbclient", "ipykernel", "jupytext", "mkdocs-jupyter")
MARKER = "<!-- execution-times -->"
PLUGIN = "mkdocs-jupyter"

_state: dict = {"timings": {}, "cache_dir": None}


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
        hit = cached_file is not None and cached_file.exists()
        start = time.perf_counter()
        render(config, files)
        seconds = time.perf_counter() - start
        src = page.file.src_uri
        entry = _state["timings"].get(src, {})
        if not hit:
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
