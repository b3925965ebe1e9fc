"""Benchmark the Fashion-MNIST Keras lab: execute its two pages from cold and print one table.

Usage::

    python scripts/bench_keras.py [--runs 2] [--pages docs/tutorials/10_fashion_eda.py ...]

Each page is executed as the site build does (jupytext + nbclient, repository root as working directory, a
fresh kernel, no execution cache). The script reports, per page and per section (``## heading``) of a page:

- **wall** seconds, summed over the section's cells;
- **cpu** seconds of the kernel process (user + system, all threads), measured by cells the script adds
  around each section. On a machine shared with other jobs, wall time is inflated by waiting for a core,
  while CPU time is not: ``cpu / 2`` estimates the wall time on 2 idle cores (a lower bound; TensorFlow does
  not keep both cores busy all the time) and ``cpu`` itself an upper bound.

It then reads the accuracies the Keras page computed (``mlp_accuracy``, ``cnn_accuracy``, the grid table)
and checks them against the lab's targets: each page executed alone within **240 CPU seconds** (4 minutes of
CPU, the per-tutorial budget), MLP test accuracy ≥ 0.895, CNN ≥ 0.92. With ``--runs 2`` the Keras page runs
twice and the script checks that both runs computed identical numbers (seeded, deterministic training).
Exit status 1 if a target is missed or the runs disagree.

``--profile`` instead measures where the Keras page's training time goes: CPU seconds per 10,000 training
images (epochs after the first, so tracing is excluded) of the page's MLP and CNN, each in a fresh process,
under the settings that could matter: TensorFlow's default thread pools or one thread each, op determinism
on or off, batches of 128 or 256, and XLA (``jit_compile=True``). The ``XLA`` column shows what Keras
actually used: it turns XLA off whenever op determinism is enabled (``model_supports_jit`` in
``keras/src/trainers/trainer.py``), so the seeded page cannot use it. The CPU seconds of a convolution
layer scale with its multiply-adds (filters × input channels × kernel area × output positions), which are
the same on every processor; how many of them a processor does per second is not.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
PAGES = [ROOT / "docs/tutorials/10_fashion_eda.py", ROOT / "docs/tutorials/11_fashion_keras.py",
         ROOT / "docs/tutorials/13_fashion_cnn.py"]
TARGETS = {"mlp_accuracy": 0.895, "cnn_accuracy": 0.92, "page_cpu_seconds": 240.0}

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
    # As in the build: the kernel starts with the site's set-up (its plotly renderer, figures as <img alt>).
    kernel_setup = ROOT / "docs" / "hooks" / "_kernel_setup.py"
    client = NotebookClient(nb, kernel_name="python3", timeout=1800, allow_errors=False,
                            extra_arguments=[f"--InteractiveShellApp.exec_files={kernel_setup}"],
                            resources={"metadata": {"path": str(ROOT)}})
    start = time.perf_counter()
    client.execute()
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


_PROFILE_CODE = """
import json, os, sys, time
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
threads, deterministic, batch_size, jit, model_name = json.loads(sys.argv[1])
import tensorflow as tf
if threads:
    tf.config.threading.set_intra_op_parallelism_threads(threads)
    tf.config.threading.set_inter_op_parallelism_threads(threads)
if deterministic:
    tf.config.experimental.enable_op_determinism()
import keras
from mnist_tutorials import fetch_fashion_mnist
from mnist_tutorials.keras_lab import scale_pixels
from mnist_tutorials.keras_lab.saved import build_cnn, build_mlp
n = int(os.environ.get("BENCH_KERAS_IMAGES", "10000"))
data = fetch_fashion_mnist()
X, y = scale_pixels(data.data[:n]), data.target[:n]
keras.utils.set_random_seed(42)
model = {"MLP (page)": build_mlp, "CNN (page)": build_cnn}[model_name]()
if jit:
    model.compile(optimizer=model.optimizer, loss=model.loss, metrics=["accuracy"],
                  steps_per_execution=model.steps_per_execution, jit_compile=True)
marks = []
class Clock(keras.callbacks.Callback):
    def on_epoch_begin(self, epoch, logs=None):
        marks.append((sum(os.times()[:2]), time.perf_counter()))
    def on_train_end(self, logs=None):
        marks.append((sum(os.times()[:2]), time.perf_counter()))
model.fit(X, y, epochs=3, batch_size=batch_size, verbose=0, callbacks=[Clock()])
cpu, wall = marks[-1][0] - marks[1][0], marks[-1][1] - marks[1][1]
print("__PROFILE__", json.dumps({"cpu": cpu / (2 * n) * 1e4, "wall": wall / (2 * n) * 1e4,
                                 "xla": bool(model.jit_compile), "macs": _macs(model)}))
"""

_MACS_CODE = """
def _macs(model):
    total = 0
    for layer in model.layers:
        kind = type(layer).__name__
        if kind == "Conv2D":
            h, w, c_out = layer.output.shape[1:]
            total += h * w * c_out * layer.input.shape[-1] * layer.kernel_size[0] * layer.kernel_size[1]
        elif kind == "Dense":
            total += layer.input.shape[-1] * layer.units
    return int(total)
"""

# The models profiled are the pages' own: build_mlp and build_cnn, the functions of the `save` cells of the Keras
# pages, copied into mnist_tutorials.keras_lab.saved by scripts/sync_saved.py.

PROFILE_VARIANTS = [  # (label, threads (0 = TensorFlow's default), deterministic, batch_size, jit_compile)
    ("as on the page", 0, True, 128, False),
    ("1 thread per pool", 1, True, 128, False),
    ("op determinism off", 0, False, 128, False),
    ("batches of 256", 0, True, 256, False),
    ("jit_compile=True (XLA)", 0, True, 128, True),
]


def profile():
    """Time the page's models under each variant, each in a fresh Python (thread pools are set at start)."""
    import subprocess

    code = _MACS_CODE + _PROFILE_CODE
    rows = []
    for model_name in ("MLP (page)", "CNN (page)"):
        for label, threads, deterministic, batch_size, jit in PROFILE_VARIANTS:
            args = json.dumps([threads, deterministic, batch_size, jit, model_name])
            out = subprocess.run([sys.executable, "-c", code, args], capture_output=True, text=True, cwd=ROOT,
                                 env={**os.environ, "PYTHONPATH": str(ROOT)})
            if out.returncode != 0:
                raise RuntimeError(f"profiling {model_name} ({label}) failed:\n{out.stderr[-2000:]}")
            result = json.loads(out.stdout.split("__PROFILE__", 1)[1])
            rows.append((model_name, label, f"{result['macs'] / 1e6:.2f}", f"{result['cpu']:.2f}",
                         f"{result['wall']:.2f}", "on" if result["xla"] else "off"))
            print(f"  {model_name}, {label}: {result['cpu']:.2f} CPU s per 10,000 images", flush=True)
    print("\nWhere the training time goes (CPU and wall seconds per 10,000 training images, epochs 2-3; "
          "M MACs = multiply-adds per image, forward)\n")
    print(_table(rows, ["model", "setting", "M MACs", "cpu s", "wall s", "XLA"]))
    return 0


def _table(rows, headers):
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) for i, h in enumerate(headers)]
    line = lambda r: "  ".join(str(c).ljust(w) if i < 2 else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths)))  # noqa: E731
    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="execute the Keras page this many times (2 checks "
                                                            "determinism)")
    parser.add_argument("--pages", nargs="*", type=pathlib.Path, default=PAGES)
    parser.add_argument("--profile", action="store_true", help="time the Keras page's models under thread, "
                                                                 "determinism, batch and XLA settings instead")
    args = parser.parse_args(argv)
    if args.profile:
        print(f"CPU cores available: {os.cpu_count()}; load average before: {os.getloadavg()[0]:.1f}", flush=True)
        return profile()
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
    print()
    summary = []
    for stem, cpu in page_cpu.items():
        met = cpu <= TARGETS["page_cpu_seconds"]
        ok &= met
        summary.append((f"{stem}: CPU seconds, executed alone", f"{cpu:.0f} s",
                        f"target ≤ {TARGETS['page_cpu_seconds']:.0f} s {'met' if met else 'MISSED'}"))
        summary.append((f"{stem}: wall seconds on this machine now", f"{totals[stem]:.0f} s", ""))
    if keras_results:
        first = keras_results[0]
        for name in ("mlp_accuracy", "cnn_accuracy"):
            if name in first:
                met = first[name] >= TARGETS[name]
                ok &= met
                summary.append((f"{name.replace('_', ' ')} (test set)", f"{first[name]:.4f}",
                                f"target ≥ {TARGETS[name]} {'met' if met else 'MISSED'}"))
        if "grid_seconds" in first:
            summary.append((f"MLP grid, {len(first['grid_seconds'])} fits (wall)", f"{sum(first['grid_seconds']):.0f} s", ""))
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
