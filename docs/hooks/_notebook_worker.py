"""The worker process that executes one tutorial into the execution cache.

Not a hook (mkdocs.yml does not list it): ``_buildcache.run_worker`` starts ``python _notebook_worker.py`` and
writes the request, JSON, on its standard input; ``execution_cache.py`` makes the request:

* ``path``, ``src``: the tutorial's source file and its name in the site (``tutorials/01_meet_the_data.py``);
* ``notebook_path``: where the executed notebook goes (``.ipynb``, written atomically);
* ``cache_path``: where the page's entry goes (written atomically; the page HTML, its table of contents and title,
  ``_render.page``);
* ``timeout``: the most seconds one cell may run (an integer; ``None``: no limit), and ``timeout_note``, how it
  was derived (``execution_cache.cell_timeout``);
* ``parent``: the process id of the MkDocs process that started it.

It prints ``cpu_seconds=...`` (its own and its kernel's) and exits 0; it exits 1 with the error on stderr when a
cell fails (:func:`failure_message`: the tutorial, the line of the cell in its source file, the exception, the
cell's traceback) or runs past its timeout (:func:`timeout_message`: the tutorial, the line, the timeout).

No process outlives it. Its kernel runs in a session of its own (jupyter_client starts kernels so), so a signal to
the build's process group never reaches the kernel: on SIGTERM, SIGINT or SIGHUP the worker kills its kernel (and
the kernel's own children, its process group) before it exits. On Linux it also asks the kernel of the operating
system for SIGTERM when its parent dies (``prctl(PR_SET_PDEATHSIG)``), so even a ``kill -9`` of MkDocs stops it.
"""

from __future__ import annotations

import json
import os
import pathlib
import signal
import sys

import _buildcache  # sibling module: docs/hooks/_buildcache.py
import _fill  # sibling module: docs/hooks/_fill.py
import _render  # sibling module: docs/hooks/_render.py (reads, executes and converts a tutorial)

PROC = pathlib.Path("/proc")
_PR_SET_PDEATHSIG = 1


def children(pid: int) -> list[int]:
    """The process ids whose parent is ``pid``, read from ``/proc`` (an empty list where there is none)."""
    found = []
    for entry in PROC.iterdir() if PROC.is_dir() else ():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "pid (command) ": state, ppid, pgrp, ...
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def kill_children() -> None:
    """SIGKILL this process's children, each with its process group when it leads one (a kernel does)."""
    for child in children(os.getpid()):
        try:
            if os.getpgid(child) == child:
                os.killpg(child, signal.SIGKILL)
            else:
                os.kill(child, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            continue


def _stop(signum, frame):
    kill_children()
    os._exit(128 + signum)


def die_with(parent: int | None) -> None:
    """Stop (kernel included) on SIGTERM, SIGINT and SIGHUP, and when ``parent`` dies (Linux)."""
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, _stop)
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):
            pass
    if parent is not None and os.getppid() != parent:  # the parent died before the request was read
        _stop(signal.SIGTERM, None)


def cell_line(path: str, source: str) -> int | None:
    """The line of ``path`` (a jupytext percent script) where the cell with ``source`` starts; None if unknown.

    Examples
    --------
    >>> import tempfile
    >>> script = "# %% [markdown]\\n# # Title\\n\\n# %%\\nx = 1\\n\\n# %%\\nwhile True:\\n    pass\\n"
    >>> with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as file:
    ...     _ = file.write(script)
    >>> cell_line(file.name, "while True:\\n    pass")
    7
    """
    lines = pathlib.Path(path).read_text(encoding="utf-8").splitlines()
    cells = _fill.read_tutorial(path).cells
    markers = [number for number, line in enumerate(lines, 1) if line.startswith("# %%")]
    if len(markers) == len(cells):
        for marker, cell in zip(markers, cells):
            if cell.source == source:
                return marker
    first = next((line for line in source.splitlines() if line.strip()), None)
    return next((number for number, line in enumerate(lines, 1) if first is not None and line == first), None)


def timeout_message(request: dict, source: str) -> str:
    """The error of a cell that ran past its timeout: the tutorial, the cell's line, the timeout, the fix."""
    path = pathlib.Path(request["path"])
    try:
        shown = path.relative_to(pathlib.Path.cwd())
    except ValueError:
        shown = path
    line = cell_line(str(path), source)
    where = f"the cell at line {line} of {shown}" if line is not None else f"a cell of {shown} (line unknown)"
    return (f"{request['src']}: {where} ran longer than its timeout of {request['timeout']} s "
            f"({request.get('timeout_note') or 'set by the build'}) and was stopped, its kernel too. "
            "Make the cell faster, or, if it is slow on purpose, raise the floor: "
            "MNIST_TUTORIALS_CELL_TIMEOUT_FLOOR=<seconds> (see docs/maintainers/, Settings).")


def failure_message(request: dict, source: str, error) -> str:
    """The error of a cell that raised: the tutorial, the cell's line, the exception, then the cell's traceback.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> request = {"src": "tiny/03.py", "path": "/nowhere/03.py"}
    >>> failure_message(request, "", SimpleNamespace(ename="ValueError", evalue="bad", traceback="")).splitlines()[0]
    'tiny/03.py: a cell of /nowhere/03.py (line unknown) raised ValueError: bad'
    """
    path = pathlib.Path(request["path"])
    try:
        shown = path.relative_to(pathlib.Path.cwd())
    except ValueError:
        shown = path
    line = cell_line(str(path), source) if source and path.is_file() else None
    where = f"the cell at line {line} of {shown}" if line is not None else f"a cell of {shown} (line unknown)"
    return (f"{request['src']}: {where} raised {error.ename}: {error.evalue}\n"
            "Fix the cell, or run the tutorial alone to see it fail: "
            f"`python scripts/run_tutorial.py {shown}`.\n{error.traceback}".rstrip())


def execute(request: dict) -> None:
    """Execute one tutorial (``_render``), write the executed notebook and the page's cache entry atomically,
    print the CPU seconds used."""
    import resource

    import nbformat

    cell_timeout_error, cell_execution_error = _render.execution_errors()
    running = {}
    nb = _render.read(request["path"])
    try:
        _render.execute(nb, timeout=request.get("timeout"),
                        on_cell_start=lambda cell, cell_index: running.update(cell=cell))
    except cell_timeout_error:
        print(timeout_message(request, running.get("cell", {}).get("source", "")), file=sys.stderr)
        sys.exit(1)
    except cell_execution_error as error:
        print(failure_message(request, running.get("cell", {}).get("source", ""), error), file=sys.stderr)
        sys.exit(1)
    _buildcache.atomic_write(pathlib.Path(request["notebook_path"]), nbformat.writes(nb))
    _buildcache.atomic_write(pathlib.Path(request["cache_path"]), json.dumps(_render.page(nb)))
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    print(f"cpu_seconds={sum(u.ru_utime + u.ru_stime for u in usage):.2f}")


if __name__ == "__main__":
    _request = json.loads(sys.stdin.read())
    die_with(_request.get("parent"))
    execute(_request)
