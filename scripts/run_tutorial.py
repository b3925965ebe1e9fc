"""Execute tutorials the way the site build does, and report how long each took.

Usage::

    python scripts/run_tutorial.py docs/tutorials/02_five_detector.py [more.py ...] [--save out_dir]

Each tutorial is read as the build reads it (``docs/hooks/_fill.py``), executed by nbclient with the repository
root as the working directory (as mkdocs-jupyter does), and fails on the first cell that raises. With ``--save`` the executed
notebooks are written as ``.ipynb`` so their outputs can be inspected.

For each tutorial it prints the wall seconds and the CPU seconds (the kernel's and this process's, user + system),
and whether it fits the budget of 240 CPU seconds per tutorial. Run one tutorial per call for exact CPU seconds.
"""

from __future__ import annotations

import argparse
import pathlib
import resource
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
BUDGET_CPU_SECONDS = 240.0


def cpu_seconds() -> float:
    """User + system CPU seconds of this process and of its finished children (the kernels)."""
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(u.ru_utime + u.ru_stime for u in usage)


def execute(path: pathlib.Path, save_dir: pathlib.Path | None = None) -> tuple[float, float]:
    """Execute one tutorial; return (wall seconds, CPU seconds) (raises on the first failing cell)."""
    from nbclient import NotebookClient

    sys.path.insert(0, str(ROOT / "docs" / "hooks"))
    import _fill  # docs/hooks/_fill.py: Markdown cells tagged `fill` become the hidden cells that render them

    nb = _fill.read_tutorial(path)
    client = NotebookClient(
        nb, kernel_name="python3", timeout=1800, allow_errors=False,
        resources={"metadata": {"path": str(ROOT)}},
    )
    start, cpu = time.perf_counter(), cpu_seconds()
    client.execute()  # starts the kernel, runs every cell, shuts the kernel down and waits for it
    elapsed, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    if save_dir is not None:
        save_dir.mkdir(parents=True, exist_ok=True)
        import nbformat

        nbformat.write(nb, save_dir / (path.stem + ".ipynb"))
    return elapsed, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tutorials", nargs="+", type=pathlib.Path)
    parser.add_argument("--save", type=pathlib.Path, default=None, help="write executed notebooks here")
    args = parser.parse_args(argv)
    for path in args.tutorials:
        print(f"executing {path} ...", flush=True)
        seconds, cpu = execute(path.resolve(), args.save)
        verdict = "within" if cpu <= BUDGET_CPU_SECONDS else "OVER"
        print(f"{path}: {seconds:.1f} s wall, {cpu:.1f} s CPU ({verdict} the budget of "
              f"{BUDGET_CPU_SECONDS:.0f} CPU s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
