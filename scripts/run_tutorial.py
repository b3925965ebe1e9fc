"""Execute tutorials the way the site build does, and report how long each took.

Usage::

    python scripts/run_tutorial.py docs/tutorials/02_five_detector.py [more.py ...] [--save out_dir]

Each tutorial is read with jupytext, executed by nbclient with the repository root as the working
directory (as mkdocs-jupyter does), and fails on the first cell that raises. With ``--save`` the executed
notebooks are written as ``.ipynb`` so their outputs can be inspected.
"""

from __future__ import annotations

import argparse
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]


def execute(path: pathlib.Path, save_dir: pathlib.Path | None = None) -> float:
    """Execute one tutorial; return the wall time in seconds (raises on the first failing cell)."""
    import jupytext
    from nbclient import NotebookClient

    nb = jupytext.read(path)
    client = NotebookClient(
        nb, kernel_name="python3", timeout=1800, allow_errors=False,
        resources={"metadata": {"path": str(ROOT)}},
    )
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    if save_dir is not None:
        save_dir.mkdir(parents=True, exist_ok=True)
        import nbformat

        nbformat.write(nb, save_dir / (path.stem + ".ipynb"))
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tutorials", nargs="+", type=pathlib.Path)
    parser.add_argument("--save", type=pathlib.Path, default=None, help="write executed notebooks here")
    args = parser.parse_args(argv)
    for path in args.tutorials:
        print(f"executing {path} ...", flush=True)
        seconds = execute(path.resolve(), args.save)
        print(f"{path}: {seconds:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
