"""Benchmark the Fashion-MNIST Keras lab: execute its two pages from cold and print one table.

Usage::

    python scripts/bench_keras.py [--runs 2] [--pages docs/tutorials/06_fashion_eda.py ...]

Each page is executed as the site build does (jupytext + nbclient, repository root as working directory, a
fresh kernel, no execution cache). The script reports, per page and per section (``## heading``) of a page:

- **wall** seconds, summed over the section's cells;
- **cpu** seconds of the kernel process (user + system, all threads), measured by cells the script adds
  around each section. On a machine shared with other jobs, wall time is inflated by waiting for a core,
  while CPU time is not: ``cpu / 2`` estimates the wall time on 2 idle cores (a lower bound; TensorFlow does
  not keep both cores busy all the time) and ``cpu`` itself an upper bound.

It then reads the accuracies the Keras page computed (``mlp_accuracy``, ``cnn_accuracy``, the grid table)
and checks them against the lab's targets. With ``--runs 2`` the Keras page runs twice and the script
checks that both runs computed identical numbers (seeded, deterministic training). Exit status 1 if a
target is missed or the runs disagree.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
PAGES = [ROOT / "docs/tutorials/06_fashion_eda.py", ROOT / "docs/tutorials/07_fashion_keras.py"]
TARGETS = {"mlp_accuracy": 0.895, "cnn_accuracy": 0.92, "cold_minutes_2_cores": 8.0}

_CPU = "import os as _bk_os\nprint('__BENCH_CPU__', sum(_bk_os.times()[:2]))"
_RESULTS = """
import json as _bk_json
_bk = {}
for _bk_name in ("mlp_accuracy", "cnn_accuracy", "cnn_fit_seconds", "mlp_fit_seconds"):
    if _bk_name in globals():
        _bk[_bk_name] = float(globals()[_bk_name])
if "grid" in globals():
    _bk["grid"] = grid.results.drop(columns="fit_seconds").to_dict(orient="list")
    _bk["grid_seconds"] = grid.results["fit_seconds"].tolist()
print("__BENCH_RESULTS__", _bk_json.dumps(_bk))
"""


def _sections(nb):
    """Split the notebook's cells into (title, cells) by its level-1/2 Markdown headings."""
    sections, title, cells = [], "start", []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            heading = next((line for line in cell.source.splitlines() if line.startswith(("# ", "## "))), None)
            if heading is not None:
                if cells:
                    sections.append((title, cells))
                title, cells = heading.lstrip("# ").strip(), []
                continue
        cells.append(cell)
    if cells:
        sections.append((title, cells))
    return sections


def execute(path: pathlib.Path):
    """Execute one page in a fresh kernel; return (rows, results, total wall) with per-section timings."""
    import jupytext
    import nbformat
    from nbclient import NotebookClient

    nb = jupytext.read(path)
    instrumented, titles = [], []
    for title, cells in _sections(nb):
        instrumented.append(nbformat.v4.new_code_cell(_CPU))
        titles.append(title)
        instrumented.extend(cells)
    instrumented.append(nbformat.v4.new_code_cell(_CPU))
    instrumented.append(nbformat.v4.new_code_cell(_RESULTS))
    nb.cells = instrumented
    env_before = os.environ.get("MNIST_TUTORIALS_SITE_BUILD")
    os.environ["MNIST_TUTORIALS_SITE_BUILD"] = "1"  # as in the build: the site's plotly renderer
    client = NotebookClient(nb, kernel_name="python3", timeout=1800, allow_errors=False,
                            resources={"metadata": {"path": str(ROOT)}})
    start = time.perf_counter()
    try:
        client.execute()
    finally:
        if env_before is None:
            os.environ.pop("MNIST_TUTORIALS_SITE_BUILD", None)
    total = time.perf_counter() - start

    rows, results, marks, walls, wall = [], {}, [], [], 0.0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        text = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")
        if "__BENCH_CPU__" in text:
            marks.append(float(text.split("__BENCH_CPU__")[1].split()[0]))
            walls.append(wall)
            wall = 0.0
            continue
        if "__BENCH_RESULTS__" in text:
            results = json.loads(text.split("__BENCH_RESULTS__", 1)[1].strip())
            continue
        timing = cell.metadata.get("execution", {})
        if "iopub.execute_input" in timing and "shell.execute_reply" in timing:
            from datetime import datetime

            t0 = datetime.fromisoformat(timing["iopub.execute_input"].replace("Z", "+00:00"))
            t1 = datetime.fromisoformat(timing["shell.execute_reply"].replace("Z", "+00:00"))
            wall += (t1 - t0).total_seconds()
    walls = walls[1:]  # wall time accumulated before the first mark belongs to no section
    for title, cpu0, cpu1, section_wall in zip(titles, marks, marks[1:], walls):
        rows.append((path.stem, title, section_wall, cpu1 - cpu0))
    rows.append((path.stem, "kernel start-up and other", total - sum(walls), marks[0] if marks else float("nan")))
    return rows, results, total


def _table(rows, headers):
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) for i, h in enumerate(headers)]
    line = lambda r: "  ".join(str(c).ljust(w) if i < 2 else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths)))  # noqa: E731
    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="execute the Keras page this many times (2 checks "
                                                            "determinism)")
    parser.add_argument("--pages", nargs="*", type=pathlib.Path, default=PAGES)
    args = parser.parse_args(argv)
    pages = [p.resolve() for p in args.pages]
    print(f"CPU cores available: {os.cpu_count()}; load average before: {os.getloadavg()[0]:.1f}", flush=True)

    all_rows, keras_results, totals, page_cpu = [], [], {}, {}
    for path in pages:
        for run in range(args.runs if "keras" in path.stem else 1):
            print(f"executing {path.relative_to(ROOT)} (run {run + 1}) ...", flush=True)
            rows, results, total = execute(path)
            if run == 0:
                all_rows += rows
                totals[path.stem] = total
                page_cpu[path.stem] = sum(r[3] for r in rows)
            if results:
                keras_results.append(results)

    print("\nPer section (wall = elapsed on this machine now; cpu = kernel CPU seconds, both cores together)\n")
    print(_table([(p, t[:48], f"{w:.1f}", f"{c:.1f}", f"{c / 2:.1f}") for p, t, w, c in all_rows],
                 ["page", "section", "wall s", "cpu s", "cpu/2 s"]))

    ok = True
    wall_total, cpu_total = sum(totals.values()), sum(page_cpu.values())
    print()
    summary = [("whole lab, wall on this machine", f"{wall_total / 60:.2f} min", ""),
               ("whole lab, cpu / 2 (2 idle cores, lower bound)", f"{cpu_total / 2 / 60:.2f} min",
                f"target ≤ {TARGETS['cold_minutes_2_cores']:.0f} min"),
               ("whole lab, cpu (1 core, upper bound)", f"{cpu_total / 60:.2f} min",
                f"target ≤ {TARGETS['cold_minutes_2_cores']:.0f} min")]
    ok &= cpu_total / 2 / 60 <= TARGETS["cold_minutes_2_cores"]
    if keras_results:
        first = keras_results[0]
        for name in ("mlp_accuracy", "cnn_accuracy"):
            if name in first:
                met = first[name] >= TARGETS[name]
                ok &= met
                summary.append((f"{name.replace('_', ' ')} (test set)", f"{first[name]:.4f}",
                                f"target ≥ {TARGETS[name]} {'met' if met else 'MISSED'}"))
        if "grid_seconds" in first:
            summary.append(("MLP grid, 4 fits (wall)", f"{sum(first['grid_seconds']):.0f} s", ""))
        if "cnn_fit_seconds" in first:
            summary.append(("CNN fit (wall)", f"{first['cnn_fit_seconds']:.0f} s", ""))
        if len(keras_results) > 1:
            same = all({k: v for k, v in r.items() if "seconds" not in k}
                       == {k: v for k, v in first.items() if "seconds" not in k} for r in keras_results[1:])
            ok &= same
            summary.append((f"{len(keras_results)} runs computed identical numbers", str(same), ""))
    if keras_results and "grid" in keras_results[0]:
        grid = keras_results[0]["grid"]
        seconds = keras_results[0]["grid_seconds"]
        print("MLP grid (validation set; wall seconds on this machine)\n")
        rows = [tuple(round(v, 4) if isinstance(v, float) else v for v in row) + (f"{t:.0f}",)
                for row, t in zip(zip(*grid.values()), seconds)]
        print(_table(rows, list(grid.keys()) + ["wall s"]))
        print()
    print(_table(summary, ["measure", "value", "target"]))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
