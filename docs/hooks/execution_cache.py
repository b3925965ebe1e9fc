"""Build part: the tutorials' execution cache, execution in parallel or in the background, the times page.

**Cache.** Each tutorial has two entries in ``.cache/notebooks/``, next to the site's mkdocs.yml: the executed
notebook, ``<execution key>.ipynb``, and the page made from it, ``<page key>.json`` (its HTML, table of contents and
title: ``_render.page``). Both keys follow the build caches' one rule (``_buildcache.cache_key``). The execution
key covers the tutorial's bytes, the package modules it imports (transitively, read from the code), the kernels'
set-up (``_kernel_setup.py``) and the fill cells' renderer (``_fill.py``), with the package modules they import,
the data checksums, the versions of the computation and execution libraries and the kernel's name. The page key
covers the execution key and the conversion: ``_render.py``, its template (``notebook_template/``), the
conversion's settings (``_settings.NOTEBOOKS``) and the converter's versions. Editing
``mnist_tutorials/augment.py`` therefore re-executes only the tutorials that import it; editing the template
re-renders every page from its executed notebook, executing nothing; an unchanged rebuild does neither.

**``mkdocs build``** (and ``gh-deploy``): the tutorials missing from the cache are executed before any page
renders, ``MNIST_TUTORIALS_JOBS`` at a time (default 2, longest first), each in its own worker process
(``_notebook_worker.py``). A failing cell fails the build and names the tutorial. No page is published unexecuted.

Every ``MNIST_TUTORIALS_*`` setting is read through ``_settings.py`` (the one list, with defaults and docs).

**No hangs, no orphans.** Each cell runs at most :func:`cell_timeout` seconds: ``CELL_TIMEOUT_FACTOR`` times the
tutorial's last recorded wall time, at least ``MNIST_TUTORIALS_CELL_TIMEOUT_FLOOR`` (default
``CELL_TIMEOUT_FLOOR`` s); without a recorded time, the factor times the 4-minute budget. A cell past it fails the
build with an error naming the tutorial, the line of the cell and the timeout. SIGTERM (what ``timeout`` and a
cancelled CI job send) stops ``mkdocs build`` and ``mkdocs serve`` as Ctrl-C does; both then stop every worker, and
each worker its kernel.

**``mkdocs serve``**: the first build executes nothing, so the site is served at once; a missing tutorial is shown
unexecuted under a banner ("being executed, k of n done"). After that build, the missing tutorials execute in the
background; each one that finishes writes its cache entry, then a file in ``.cache/serve-reload/``, which
``mkdocs serve`` watches: the site rebuilds and the open pages reload.

The log says which tutorials run, each one's wall and CPU time when it ends, how many are left and the time left
(estimated from ``timings.data``, the last recorded times). Cache entries are written atomically under names
unique to the writer; an unreadable or malformed entry (truncated, not an object, an empty page) is logged,
deleted and executed again, without a warning, so it never fails ``--strict``; a malformed ``timings.data`` (or
an entry of it) is logged and ignored. Entries of other keys are removed only after a build succeeds (and, while
serving, once nothing is left to execute).

While serving, the folder ``mkdocs serve`` watches is a temporary one (``_buildcache.start_serving``), so
``rm -rf .cache`` while serving re-executes the tutorials and reloads their pages as usual.

``MNIST_TUTORIALS_NO_CACHE=1`` executes every tutorial again, whatever the cache holds (the entries are
rewritten); ``MNIST_TUTORIALS_EXECUTE=0`` renders the tutorials without executing them (quick layout work).
The page containing ``<!-- execution-times -->`` gets the table of execution times.
"""

from __future__ import annotations

import html
import json
import logging
import math
import os
import pathlib
import time
from concurrent.futures import ThreadPoolExecutor
from types import MappingProxyType

import _buildcache  # sibling module: docs/hooks/_buildcache.py
import _render  # sibling module: docs/hooks/_render.py (reads, executes and converts a tutorial)
import _settings  # sibling module: docs/hooks/_settings.py
from _buildstate import STATE  # sibling module: docs/hooks/_buildstate.py
import _shared  # sibling module: docs/hooks/_shared.py

MARKER = "<!-- execution-times -->"
BUDGET_CPU_SECONDS = 240.0  # each tutorial executed alone: at most 4 CPU-minutes
WORKER = pathlib.Path(__file__).resolve().with_name("_notebook_worker.py")
# A cell may run CELL_TIMEOUT_FACTOR times its tutorial's last recorded wall time (the whole tutorial's, so
# generous), at least the floor; without a recorded time, the factor times the budget.
CELL_TIMEOUT_FACTOR = _settings.CELL_TIMEOUT_FACTOR
CELL_TIMEOUT_FLOOR = int(_settings.BY_NAME["MNIST_TUTORIALS_CELL_TIMEOUT_FLOOR"].default)
# The fill cells' renderer (_render.read runs it on each tutorial): part of every execution key.
FILL = pathlib.Path(__file__).resolve().with_name("_fill.py")
# What of _settings.NOTEBOOKS changes a page (the page key) and what changes an execution (the execution key).
_CONVERSION_SETTINGS = ("remove_input_tags", "toc_depth", "theme")
_NOTEBOOK = MappingProxyType({"cells": list, "metadata": dict, "nbformat": int})
_ENTRY = MappingProxyType({"content": str, "toc_tokens": list, "title": (str, type(None))})
_TIMING = MappingProxyType({"seconds": (int, float), "cpu_seconds": (int, float), "executed_at": str})

log = logging.getLogger("mkdocs.hooks.execution_cache")


def on_startup(command, dirty):
    STATE.command, STATE.stopping = command, False
    _buildcache.handle_termination()  # SIGTERM stops the workers and kernels too (on_shutdown)
    if command == "serve":
        _buildcache.start_serving()


_serving = _buildcache.serving


def _jobs() -> int:
    return _settings.read("MNIST_TUTORIALS_JOBS")


def execution_key(path) -> str:
    """The key of one tutorial's executed notebook (see the module docstring)."""
    return _buildcache.cache_key("executed notebook", [path, _render.KERNEL_SETUP, FILL],
                                 options={"kernel_name": _settings.NOTEBOOKS["kernel_name"]},
                                 libraries=_buildcache.LIBRARIES + _render.EXECUTION_LIBRARIES)


def page_key(executed: str) -> str:
    """The key of the page made from the executed notebook of key ``executed`` (see the module docstring)."""
    return _buildcache.cache_key("notebook page", _render.CONVERSION_FILES,
                                 options={"executed": executed, **{key: _settings.NOTEBOOKS[key]
                                                                    for key in _CONVERSION_SETTINGS}},
                                 libraries=_render.CONVERSION_LIBRARIES)


def _paths(path) -> tuple[pathlib.Path, pathlib.Path]:
    """Where the page entry and the executed notebook of the tutorial at ``path`` are kept (for this build)."""
    keys = STATE.execution["build"].setdefault("keys", {})
    if path not in keys:
        executed = execution_key(path)
        keys[path] = (_cache_dir() / f"{page_key(executed)}.json", _cache_dir() / f"{executed}.ipynb")
    return keys[path]


def _cache_dir() -> pathlib.Path:
    return STATE.execution["cache_dir"]


def _entry_problem(entry: dict) -> str | None:
    """Why a cache entry of a tutorial cannot be a page (an empty or cell-less page, a malformed table of contents)."""
    if '<div class="jp-Cell ' not in entry["content"]:
        return "its page has no notebook cell (empty content?)"
    if not all(isinstance(token, dict) for token in entry["toc_tokens"]):
        return "its table of contents is not a list of objects"
    return None


def _read_entry(path: pathlib.Path) -> dict | None:
    return _buildcache.read_json(path, _ENTRY, _entry_problem)


def _from_notebook(src: str, cache_path: pathlib.Path, notebook_path: pathlib.Path) -> dict | None:
    """The page of an executed notebook kept in the cache, converted now and kept as ``cache_path``; None (a
    logged miss, the notebook deleted) when there is none or it cannot be converted."""
    import nbformat

    content = _buildcache.read_json(notebook_path, _NOTEBOOK)
    if content is None:
        return None
    try:
        entry = _render.page(nbformat.reads(json.dumps(content), as_version=4))  # joins the sources' lines
    except Exception as error:  # a notebook nbconvert cannot read is a miss: the tutorial executes again
        _buildcache.discard(notebook_path, f"converting it failed ({type(error).__name__}: {error})")
        return None
    _buildcache.atomic_write(cache_path, json.dumps(entry))
    log.info("Converted %s again from its executed notebook in the cache (its page was not there: the "
             "conversion changed, or the page entry was unusable)", src)
    return entry


def _load_timings() -> dict:
    """``timings.data``: ``{src: {"seconds": .., "cpu_seconds": .., "executed_at": ..}}``; what is malformed is
    logged and left out (a miss: the time is unknown until the tutorial executes again)."""
    path = _cache_dir() / "timings.data"
    content = _buildcache.read_json(path)
    if content is None:
        return {}
    if not isinstance(content, dict):
        _buildcache.discard(path, f"expected an object of tutorials, found {type(content).__name__}")
        return {}
    timings = {}
    for src, entry in content.items():
        if not isinstance(entry, dict):
            log.info("%s: the entry of %s is a %s, not an object; ignored", path, src, type(entry).__name__)
            continue
        kept = {key: value for key, value in entry.items() if key not in _TIMING or value is None
                or (isinstance(value, _TIMING[key]) and not isinstance(value, bool))}
        for key in sorted(set(entry) - set(kept)):
            kinds = _TIMING[key] if isinstance(_TIMING[key], tuple) else (_TIMING[key],)
            log.info("%s: %s of %s is %r, expected %s; ignored", path, key, src, entry[key],
                     " or ".join(kind.__name__ for kind in kinds))
        timings[src] = kept
    return timings


def _timeout_floor() -> int:
    return _settings.read("MNIST_TUTORIALS_CELL_TIMEOUT_FLOOR")


def cell_timeout(recorded: float | None, floor: int) -> tuple[int, str]:
    """The most seconds one cell of a tutorial may run, and how it was derived.

    ``recorded`` is the tutorial's last recorded wall time (None: never recorded).

    Examples
    --------
    >>> cell_timeout(42.0, 300)
    (420, "10 × the tutorial's last recorded time of 42.0 s, at least 300 s")
    >>> cell_timeout(3.0, 300)[0]
    300
    >>> cell_timeout(None, 300)
    (2400, '10 × the 240 s budget of a tutorial: no time recorded yet, at least 300 s')
    """
    if recorded is None:
        seconds, basis = CELL_TIMEOUT_FACTOR * BUDGET_CPU_SECONDS, f"the {BUDGET_CPU_SECONDS:.0f} s budget of a " \
                                                                   "tutorial: no time recorded yet"
    else:
        seconds, basis = CELL_TIMEOUT_FACTOR * recorded, f"the tutorial's last recorded time of {recorded:.1f} s"
    return max(math.ceil(seconds), floor), f"{CELL_TIMEOUT_FACTOR} × {basis}, at least {floor} s"


def on_config(config):
    STATE.execution["cache_dir"] = _shared.cache_dir(config) / "notebooks"
    _timeout_floor()  # a wrong value fails at once, not when the first tutorial executes
    STATE.execution["enabled"] = _settings.read("MNIST_TUTORIALS_EXECUTE")
    STATE.execution["fresh"] = _settings.read("MNIST_TUTORIALS_NO_CACHE")
    STATE.execution["build"] = {"used": set(), "executed": {}, "missing": {}, "keys": {}}
    STATE.execution["timings"] = _load_timings()
    return config


def on_serve(server, config, builder):
    STATE.signal_dir.mkdir(parents=True, exist_ok=True)
    server.watch(str(STATE.signal_dir))
    return server


def on_shutdown():
    if STATE.execution["background"] is not None:
        STATE.execution["background"].shutdown()
    _buildcache.stop_workers()
    _buildcache.stop_serving()


def _tutorials(files, config):
    return [file for file in files if _shared.is_tutorial(file, config)]


def _request(file, cache_path: pathlib.Path) -> dict:
    """What the worker (``_notebook_worker.py``) is given."""
    timeout, note = cell_timeout(_estimates().get(file.src_uri), _timeout_floor())
    return {"path": file.abs_src_path, "src": file.src_uri, "cache_path": str(cache_path),
            "notebook_path": str(_paths(file.abs_src_path)[1]), "timeout": timeout, "timeout_note": note,
            "parent": os.getpid()}


def _estimates() -> dict:
    return {src: entry["seconds"] for src, entry in STATE.execution["timings"].items()
            if isinstance(entry, dict) and isinstance(entry.get("seconds"), (int, float))}


def _record(src: str, seconds: float, cpu_seconds: float | None) -> None:
    STATE.execution["timings"][src] = {**STATE.execution["timings"].get(src, {}), "seconds": round(seconds, 1),
                              "cpu_seconds": None if cpu_seconds is None else round(cpu_seconds, 1),
                              "executed_at": time.strftime("%Y-%m-%d %H:%M:%S")}
    _buildcache.atomic_write(_cache_dir() / "timings.data", json.dumps(STATE.execution["timings"], indent=1, sort_keys=True))


def on_files(files, config):
    """Find the tutorials missing from the cache; in ``mkdocs build``, execute them before any page renders."""
    if not STATE.execution["enabled"]:
        return files
    missing = {}
    fresh = STATE.execution["fresh"]
    for file in _tutorials(files, config):
        cache_path, notebook_path = _paths(file.abs_src_path)
        STATE.execution["build"]["used"].update((cache_path, notebook_path))
        if fresh or (_read_entry(cache_path) is None
                     and _from_notebook(file.src_uri, cache_path, notebook_path) is None):
            missing[file.src_uri] = (file, cache_path)
    STATE.execution["build"]["missing"] = missing
    if not missing or _serving():
        return files  # while serving, on_post_build starts them in the background
    jobs = _jobs()
    order = sorted(missing, key=lambda src: (-_estimates().get(src, 0.0), -os.path.getsize(missing[src][0].abs_src_path)))
    progress = _buildcache.Progress(order, jobs, _estimates())
    log.info("Executing %d tutorial(s), %d at a time (%s)", len(order), jobs, progress._eta_text())

    def run(src):
        file, cache_path = missing[src]
        progress.start(src)
        ok, seconds, cpu, stderr = _buildcache.run_worker(WORKER, _request(file, cache_path))
        progress.finish(src, seconds, cpu, ok)
        if ok:
            _record(src, seconds, cpu)
            STATE.execution["build"]["executed"][src] = True
        return src, ok, stderr

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        try:
            failures = [f"{src}:\n{stderr}" for src, ok, stderr in pool.map(run, order) if not ok]
        except BaseException:  # Ctrl-C or SIGTERM: stop the running workers (and kernels), start no other
            pool.shutdown(wait=False, cancel_futures=True)
            _buildcache.stop_workers()
            raise
    if failures:
        raise _shared.error("execution_cache", "executing these tutorials failed (allow_errors is false); fix the "
                            "failing cell, or run the tutorial alone with `python scripts/run_tutorial.py "
                            "docs/tutorials/<name>.py`:\n\n" + "\n\n".join(failures))
    return files


def _unexecuted(path: str) -> dict:
    """The page of a tutorial without outputs (kept in memory per source bytes, for the rebuilds of serve)."""
    source = pathlib.Path(path).read_bytes()
    cached = STATE.execution["unexecuted"].get(path)
    if cached is None or cached[0] != source:
        cached = (source, _render.page(_render.read(path)))
        STATE.execution["unexecuted"][path] = cached
    return cached[1]


def _banner(src: str, cache_path: pathlib.Path) -> str:
    background = STATE.execution["background"]
    error = background.failed.get(str(cache_path)) if background is not None else None
    if error is not None:
        return ("<div class=\"admonition failure\"><p class=\"admonition-title\">Execution failed</p>"
                f"<p>Executing this tutorial failed; it is shown without outputs. The error:</p>"
                f"<pre>{html.escape(error[-2000:])}</pre><p>Fix it and save: it executes again.</p></div>")
    progress = background.progress if background is not None else None
    done, total = (progress.done, progress.total) if progress is not None else (0, len(STATE.execution["build"]["missing"]))
    return ("<div class=\"admonition warning execution-pending\"><p class=\"admonition-title\">Being executed, "
            f"{done} of {total} done</p><p>This tutorial is shown without its outputs while it executes in the "
            "background (<code>mkdocs serve</code>). The page reloads by itself when it is done.</p></div>")


def on_pre_page(page, config, files):
    """Give each tutorial page its render: the cache's entry (or, unexecuted, ``_render`` of the source)."""
    if not _shared.is_tutorial(page.file, config):
        return page
    from mkdocs.structure.toc import get_toc

    src = page.file.src_uri
    path = page.file.abs_src_path
    ignored = not STATE.execution["enabled"]  # MNIST_TUTORIALS_EXECUTE=0: every tutorial without outputs

    def show(entry, banner=""):
        page.content = banner + entry["content"]
        page.toc = get_toc(entry["toc_tokens"])
        if entry.get("title") is not None:
            page.title = entry["title"]

    def render(config, files):
        if ignored:  # as the source is: no cache, no banner, no execution time
            show(_unexecuted(path))
            return
        cache_path = _paths(path)[0]
        entry = _read_entry(cache_path)
        banner = ""
        if entry is None and _serving():
            entry = _unexecuted(path)
            banner = _banner(src, cache_path)
            STATE.execution["build"]["missing"].setdefault(src, (page.file, cache_path))
        elif entry is None:
            raise _shared.error("execution_cache", f"no executed notebook for {src} in {cache_path} after the "
                                "execution step; never publishing it unexecuted. Rebuild, or report this.")
        show(entry, banner)
        timing = STATE.execution["timings"].get(src, {})
        timing.update(title=page.title, url=page.url, from_cache=not banner and src not in STATE.execution["build"]["executed"],
                      pending=bool(banner))
        STATE.execution["timings"][src] = timing

    page.render = render
    return page


def on_page_context(context, page, config, nav):
    if MARKER in (page.content or ""):
        page.content = page.content.replace(MARKER, _timings_table(page))
    return context


def on_post_build(config):
    STATE.site_built.set()  # the site is served now: background work may start
    if not STATE.execution["enabled"]:
        return
    missing = {src: item for src, item in STATE.execution["build"]["missing"].items()
               if _read_entry(item[1]) is None}
    if _serving() and missing:
        if STATE.execution["background"] is None:
            STATE.execution["background"] = _buildcache.Background(_jobs())
        items = [(src, cache_path, _request(file, cache_path), WORKER)
                 for src, (file, cache_path) in missing.items()]
        items.sort(key=lambda item: -_estimates().get(item[0], 0.0))
        STATE.execution["background"].submit(items, _estimates(), _record)
        return
    background = STATE.execution["background"]
    if background is not None and background.pending():
        return
    # The build succeeded with every tutorial executed: entries of other keys are stale now.
    for stale in [*_cache_dir().glob("*.json"), *_cache_dir().glob("*.ipynb")]:
        if stale not in STATE.execution["build"]["used"]:
            stale.unlink(missing_ok=True)
            log.info("Removed stale cache entry %s", stale.name)
    _buildcache.remove_partials(_cache_dir())


def _seconds(value) -> str:
    # Unknown when the entry was written by a build that was interrupted before it saved its timings.
    return f"{value:.1f}" if isinstance(value, (int, float)) else "unknown"


def _timings_table(page) -> str:
    """The table of execution times, with links relative to ``page``."""
    rows = sorted((src, entry) for src, entry in STATE.execution["timings"].items() if "url" in entry)
    if not rows:
        return "<p><em>No tutorial was rendered in this build.</em></p>"

    def status(entry):
        if entry.get("pending"):
            return "not executed yet (serve)"
        return "cache" if entry.get("from_cache") else "executed in this build"

    def cpu(entry):
        value = entry.get("cpu_seconds")
        over = isinstance(value, (int, float)) and value > BUDGET_CPU_SECONDS
        return f"<strong>{_seconds(value)} (over budget)</strong>" if over else _seconds(value)

    total = sum(entry.get("seconds") or 0.0 for _, entry in rows)
    total_cpu = sum(entry.get("cpu_seconds") or 0.0 for _, entry in rows)
    over = [entry.get("title") or src for src, entry in rows
            if isinstance(entry.get("cpu_seconds"), (int, float)) and entry["cpu_seconds"] > BUDGET_CPU_SECONDS]
    body = "".join(
        f"<tr><td><a href=\"{html.escape(_shared.url_to(entry.get('url', ''), page))}\">"
        f"{html.escape(entry.get('title') or src)}</a></td>"
        f"<td style=\"text-align:right\">{_seconds(entry.get('seconds'))}</td>"
        f"<td style=\"text-align:right\">{cpu(entry)}</td>"
        f"<td>{status(entry)}</td>"
        f"<td>{html.escape(entry.get('executed_at', '?'))}</td></tr>"
        for src, entry in rows
    )
    summary = (f"<p><strong>Over the budget of {BUDGET_CPU_SECONDS / 60:.0f} CPU-minutes:</strong> "
               f"{html.escape(', '.join(over))}.</p>" if over else
               f"<p>Every tutorial with a recorded CPU time is within the budget of {BUDGET_CPU_SECONDS / 60:.0f} "
               "CPU-minutes.</p>")
    return (
        "<table><thead><tr><th>Tutorial</th><th>Wall time (s)</th><th>CPU time (s)</th><th>This build</th>"
        "<th>Last executed</th></tr></thead><tbody>" + body +
        f"<tr><td><strong>Total</strong></td><td style=\"text-align:right\"><strong>{total:.1f}</strong></td>"
        f"<td style=\"text-align:right\"><strong>{total_cpu:.1f}</strong></td><td></td><td></td></tr></tbody></table>"
        + summary
    )
