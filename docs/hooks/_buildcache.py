"""Helpers of the build hooks' caches: trusted reads, atomic writes, progress, background execution.

Not a hook itself (mkdocs.yml does not list it): ``execution_cache.py``, ``figures.py`` and ``flags.py`` import it as
a sibling (MkDocs puts a hook's folder on ``sys.path`` while it loads the hook). Being an ordinary module, it is imported
once per process, so what it holds (the background executor of ``mkdocs serve``) survives the rebuilds.

* :func:`atomic_write`: every cache write goes through the package's one atomic-write helper,
  ``mnist_tutorials.caching.write_atomically`` (a temporary name unique to the writer, then ``os.replace``):
  two processes writing one entry never share a file, and a reader never sees half of one.
  :func:`remove_partials` removes what killed writers left.
* :func:`read_json` / :func:`read_png`: a truncated, unreadable or ill-typed entry is a miss, logged (at INFO:
  a cache that heals itself is no warning, so it never fails ``--strict``) with its path and deleted, never an
  exception.
* :class:`Progress`: which notebooks run, each one's time when it ends, how many are left, and an estimate of the
  time remaining from the last recorded times.
* :class:`Background`: the executor of ``mkdocs serve``, which runs notebooks after the first page is served;
  :func:`in_background` does the same for other slow work (the flag answers of ``flags.py``). Both end by writing a
  file in ``STATE.signal_dir``, which ``mkdocs serve`` watches: the site rebuilds and the open pages reload.
  :func:`start_serving` makes it a temporary folder of this process, outside ``.cache/``, so that deleting
  ``.cache/`` while serving never removes the watched folder (a removed folder is no longer watched when it is
  made again, and a finished tutorial would stay under its "being executed" banner).
* :func:`run_worker` / :func:`stop_workers`: the worker processes that execute notebooks. Every one is registered
  in ``STATE.workers`` (``_buildstate.py``); :func:`stop_workers` (on SIGTERM, Ctrl-C and ``on_shutdown``) stops them, and each worker
  stops its kernel (``execution_cache.py``'s worker part), so no process outlives the build or the server.
"""

from __future__ import annotations

import json
import logging
import pathlib
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from _buildstate import STATE  # sibling module: docs/hooks/_buildstate.py (the build's one state object)
from _shared import REPO  # sibling module: docs/hooks/_shared.py

if str(REPO) not in sys.path:  # the package of this repository (its key rule and its atomic writes)
    sys.path.insert(0, str(REPO))
# The package's public cache API: its key rule, its atomic writes, the computation libraries every key covers.
from mnist_tutorials.caching import LIBRARIES, remove_partial_files, write_atomically  # noqa: E402

# `mkdocs serve` watches STATE.signal_dir (execution_cache.on_serve): a file written there rebuilds the site and
# reloads the open pages. Nothing else writes there, so a rebuild never triggers another one. start_serving() makes
# it a temporary folder of the serving process. STATE.command is set by execution_cache.on_startup; STATE.workers
# holds the live worker processes; STATE.stopping is set once the build or the server is stopping.
_workers_lock = threading.Lock()
log = logging.getLogger("mkdocs.hooks.execution_cache")

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"


def serving() -> bool:
    """Whether this process is ``mkdocs serve`` (then slow work runs after the first page is served)."""
    return STATE.serving()


def start_serving() -> pathlib.Path:
    """Make ``STATE.signal_dir`` a new temporary folder of this process (``mkdocs serve``) and return it."""
    STATE.signal_dir = pathlib.Path(tempfile.mkdtemp(prefix="mnist-tutorials-serve-reload-"))
    return STATE.signal_dir


def stop_serving() -> None:
    """Remove the temporary ``STATE.signal_dir`` made by :func:`start_serving` (nothing else)."""
    if STATE.signal_dir.name.startswith("mnist-tutorials-serve-reload-"):
        shutil.rmtree(STATE.signal_dir, ignore_errors=True)


def reload_site(name: str) -> None:
    """Ask ``mkdocs serve`` to rebuild the site and reload the open pages."""
    atomic_write(STATE.signal_dir / f"{name}.done", time.strftime("%Y-%m-%d %H:%M:%S"))




def in_background(name: str, work) -> None:
    """While serving: once the site is built, run ``work()`` in a thread (one at a time per ``name``), then reload."""
    running = STATE.background_jobs.get(name)
    if running is not None and running.is_alive():
        return

    def run():
        STATE.site_built.wait()  # set by execution_cache.on_post_build: never slow down the first page
        start = time.perf_counter()
        try:
            work()
        except Exception:  # the next rebuild retries; the log shows why
            log.exception("Computing %s in the background failed", name)
        else:
            log.info("Computed %s in the background in %.1f s; reloading the site", name,
                     time.perf_counter() - start)
        reload_site(name)

    STATE.background_jobs[name] = threading.Thread(target=run, name=name, daemon=True)
    STATE.background_jobs[name].start()


def cache_key(namespace: str, files=(), **kwargs) -> str:
    """The package's one key rule (``mnist_tutorials.caching.cache_key``), imported from this repository."""
    from mnist_tutorials.caching import cache_key as key

    return key(namespace, files, **kwargs)


def atomic_write(path: pathlib.Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` atomically (``mnist_tutorials.caching.write_atomically``)."""
    write_atomically(pathlib.Path(path), data)


def discard(path: pathlib.Path, reason: str) -> None:
    """Log and delete an unusable cache entry (the caller treats it as a miss and rebuilds it).

    Logged at INFO, not WARNING: the cache heals itself, so ``mkdocs build --strict`` has nothing to fail on.
    """
    log.info("Cache entry %s is unusable (%s): deleted, it will be rebuilt", path, reason)
    pathlib.Path(path).unlink(missing_ok=True)


def read_json(path: pathlib.Path, required: dict | None = None, check=None):
    """The JSON content of a cache entry, or None when it is missing or unusable (then deleted).

    ``required`` maps keys the content must have to their types (a tuple of types allowed); ``check(content)``
    returns why the content is unusable, or None.
    """
    path = pathlib.Path(path)
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        discard(path, f"not readable JSON: {error}")
        return None
    for key, kind in (required or {}).items():
        if not isinstance(content, dict) or not isinstance(content.get(key), kind):
            names = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
            found = content.get(key) if isinstance(content, dict) else content
            discard(path, f"expected a {names} under {key!r}, found {type(found).__name__}")
            return None
    reason = check(content) if check is not None else None
    if reason is not None:
        discard(path, reason)
        return None
    return content


def read_png(path: pathlib.Path) -> bytes | None:
    """The bytes of a cached PNG, or None when missing or not a whole PNG file (then deleted)."""
    path = pathlib.Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        discard(path, f"not readable: {error}")
        return None
    if not (data.startswith(PNG_SIGNATURE) and data.endswith(PNG_END)):
        discard(path, "not a complete PNG file (truncated?)")
        return None
    return data


def remove_partials(folder: pathlib.Path) -> None:
    """Delete temporary files left in ``folder`` by writers that no longer run."""
    remove_partial_files(pathlib.Path(folder))


def _minutes(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 90 else f"{seconds / 60:.1f} min"


class Progress:
    """Log lines about a batch of notebooks: what runs, each one's time, how many are left, an ETA.

    ``estimates`` maps a notebook to its last recorded wall time; unknown ones count as the mean of the known.
    """

    def __init__(self, names, jobs: int, estimates: dict[str, float]):
        self.pending = list(names)
        self.total = len(self.pending)
        self.jobs = jobs
        self.estimates = dict(estimates)
        self.running: dict[str, float] = {}
        self.done = 0
        self.lock = threading.Lock()

    def _estimate(self, name: str) -> float | None:
        if name in self.estimates:
            return self.estimates[name]
        known = list(self.estimates.values())
        return sum(known) / len(known) if known else None

    def eta(self) -> float | None:
        """Seconds left: the estimates of the waiting notebooks and what remains of the running ones, per job."""
        now = time.perf_counter()
        left = 0.0
        for name in self.pending:
            estimate = self._estimate(name)
            if estimate is None:
                return None
            left += estimate
        for name, start in self.running.items():
            estimate = self._estimate(name)
            if estimate is None:
                return None
            left += max(estimate - (now - start), 0.0)
        return left / self.jobs

    def _eta_text(self) -> str:
        eta = self.eta()
        return "time left unknown (no recorded times yet)" if eta is None else f"about {_minutes(eta)} left"

    def start(self, name: str) -> None:
        with self.lock:
            self.pending.remove(name)
            self.running[name] = time.perf_counter()
            log.info("Executing %s (running: %s; %d of %d done; %s)", name, ", ".join(self.running), self.done,
                     self.total, self._eta_text())

    def finish(self, name: str, seconds: float, cpu_seconds: float | None, ok: bool = True) -> None:
        with self.lock:
            self.running.pop(name, None)
            self.done += 1
            if ok:
                self.estimates[name] = seconds
            cpu = "" if cpu_seconds is None else f", {cpu_seconds:.1f} s CPU"
            left = self.total - self.done
            log.info("%s %s in %.1f s%s; %d of %d done, %d left%s", "Executed" if ok else "FAILED", name, seconds,
                     cpu, self.done, self.total, left, f", {self._eta_text()}" if left else "")


def run_worker(hook: pathlib.Path, request: dict) -> tuple[bool, float, float | None, str]:
    """Run ``hook`` as a worker process on ``request``: (ok, wall seconds, CPU seconds, stderr tail).

    The worker prints ``cpu_seconds=...`` (its own and its kernel's). It is registered in ``STATE.workers``
    while it runs, so that :func:`stop_workers` can stop it; none starts once stopping began.
    """
    start = time.perf_counter()
    with _workers_lock:
        if STATE.stopping:
            return False, 0.0, None, "not started: the build is stopping"
        process = subprocess.Popen([sys.executable, str(hook)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        STATE.workers.add(process)
    try:
        stdout, stderr = process.communicate(json.dumps(request))
    finally:
        with _workers_lock:
            STATE.workers.discard(process)
    seconds = time.perf_counter() - start
    cpu = None
    for line in stdout.splitlines():
        if line.startswith("cpu_seconds="):
            cpu = float(line.split("=", 1)[1])
    return process.returncode == 0, seconds, cpu, stderr[-4000:]


def stop_workers(grace: float = 10.0) -> None:
    """Stop every running worker: SIGTERM (each worker then kills its kernel), SIGKILL after ``grace`` seconds.

    No worker starts afterwards (``STATE.stopping``); :func:`execution_cache.on_startup` resets it.
    """
    with _workers_lock:
        STATE.stopping = True
        workers = list(STATE.workers)
    for process in workers:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + grace
    for process in workers:
        try:
            process.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            process.kill()
    if workers:
        log.info("Stopped %d notebook worker(s) and their kernels", len(workers))


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt(f"stopped by signal {signal.Signals(signum).name}")


def handle_termination() -> None:
    """Make SIGTERM (what ``timeout``, ``kill`` and a cancelled CI job send) stop MkDocs like Ctrl-C does.

    MkDocs then runs ``on_shutdown`` (``mkdocs build`` and ``mkdocs serve`` both do), which stops the workers;
    Python's default for SIGTERM ends the process at once and leaves the workers and their kernels running.
    Only the main thread may set a handler: elsewhere (a test loading the hook) nothing changes.
    """
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _raise_interrupt)


class Background:
    """The executor of ``mkdocs serve``: notebooks run after the first page is served, ``jobs`` at a time.

    Each finished notebook writes its cache entry, then a file in ``STATE.signal_dir``, which ``mkdocs serve`` watches:
    the site rebuilds, takes the notebook from the cache, and every open page reloads.
    """

    def __init__(self, jobs: int):
        self.pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="notebooks")
        self.jobs = jobs
        self.queued: dict[str, str] = {}  # src -> cache path being produced (queued or running)
        self.failed: dict[str, str] = {}  # cache path -> error
        self.progress: Progress | None = None
        self.lock = threading.Lock()
        self.stopped = False

    def shutdown(self) -> None:
        """Drop the queued notebooks and stop the running ones (``mkdocs serve`` is shutting down)."""
        self.stopped = True
        self.pool.shutdown(wait=False, cancel_futures=True)
        stop_workers()

    def pending(self) -> int:
        with self.lock:
            return len(self.queued)

    def submit(self, items, estimates: dict[str, float], on_done) -> None:
        """Queue ``(src, cache_path, request, hook)`` items not already queued or failed with the same key."""
        with self.lock:
            new = [item for item in items
                   if self.queued.get(item[0]) != str(item[1]) and str(item[1]) not in self.failed]
            if not new:
                return
            if self.progress is None or not (self.progress.pending or self.progress.running):
                self.progress = Progress([], self.jobs, estimates)
            for src, cache_path, _, _ in new:
                self.queued[src] = str(cache_path)
                self.progress.pending.append(src)
                self.progress.total += 1
            log.info("Serving the site now; executing %d notebook(s) in the background, %d at a time (%s). "
                     "Each page reloads when its notebook is done.", len(new), self.jobs, self.progress._eta_text())
        for item in new:
            self.pool.submit(self._run, item, on_done)

    def _run(self, item, on_done) -> None:
        src, cache_path, request, hook = item
        with self.lock:
            if self.queued.get(src) != str(cache_path):
                self.progress.pending.remove(src)  # superseded by an edit before it started
                self.progress.total -= 1
                return
        self.progress.start(src)
        ok, seconds, cpu, stderr = run_worker(hook, request)
        if self.stopped:
            return
        self.progress.finish(src, seconds, cpu, ok)
        with self.lock:
            if self.queued.get(src) == str(cache_path):
                del self.queued[src]
            if not ok:
                self.failed[str(cache_path)] = stderr
                log.error("Executing %s failed (the page stays unexecuted until you edit it):\n%s", src, stderr)
        if ok:
            on_done(src, seconds, cpu)
        reload_site(pathlib.PurePath(src).stem)
