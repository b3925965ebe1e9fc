"""The determinism check of scripts/bench_build.py: which differences between two builds count.

Two cold builds must compute the same numbers; how long they took may differ. The normaliser keeps every
result and drops only durations and table columns headed as timings.
"""

from __future__ import annotations

import json
import pathlib

import pytest
from file_module import load_file_module
from throwaway_project import make_project, write_tutorial

SCRIPT = pathlib.Path(__file__).resolve().parents[1] / "scripts" / "bench_build.py"


@pytest.fixture(scope="module")
def bench():
    return load_file_module(SCRIPT, "bench_build")


PAGE = """
<p>fit: 7.9 s, refit: 12.0 s, accuracy 0.9766</p>
<pre>Epoch 1/12 422/422 - 11s - 27ms/step - accuracy: 0.8205</pre>
<div id="3f2b1c4d-1111-2222-3333-444455556666"></div>
<table class="dataframe"><thead>
<tr><th></th><th>fit seconds</th><th>test accuracy</th></tr>
<tr><th>model</th><th></th><th></th></tr>
</thead><tbody>
<tr><th>raw</th><td>7.9</td><td>0.9191</td></tr>
<tr><th>poly</th><td>5.5</td><td>0.9766</td></tr>
</tbody></table>
<script>Plotly.newPlot("x", [{"y": [0.25, 0.5]}])</script>
"""


def test_timings_and_random_ids_are_ignored(bench):
    other = (PAGE.replace("7.9", "8.4").replace("5.5", "6.1").replace("12.0 s", "13.5 s")
             .replace("11s - 27ms", "19s - 45ms").replace("3f2b1c4d", "9a8b7c6d"))
    assert bench.visible_text(PAGE) == bench.visible_text(other)


@pytest.mark.parametrize(
    ("old", "new"),
    [("0.9766</td>", "0.9767</td>"),            # a result in a table
     ("accuracy 0.9766", "accuracy 0.9765"),   # a result in prose
     ("accuracy: 0.8205", "accuracy: 0.8206"),  # a result in a training log
     ("[0.25, 0.5]", "[0.25, 0.6]")],           # a number inside a plotly figure
)
def test_every_result_still_counts(bench, old, new):
    assert old in PAGE
    assert bench.visible_text(PAGE) != bench.visible_text(PAGE.replace(old, new))


def test_first_difference_shows_both_sides(bench):
    report = bench.first_difference("accuracy 0.9766 on test", "accuracy 0.9767 on test", context=6)
    assert "0.9766" in report and "0.9767" in report


def test_executed_reads_the_hooks_log_and_mkdocs_jupyters_own(bench):
    log = ("INFO    -  Executing tutorials/02_b.py (running: tutorials/02_b.py; 0 of 2 done; time left unknown)\n"
           "INFO    -  Executed tutorials/02_b.py in 12.5 s, 20.1 s CPU; 1 of 2 done, 1 left, about 9 s left\n"
           "INFO    -  FAILED tutorials/03_c.py in 1.0 s; 2 of 2 done, 0 left\n"
           "INFO    -  Cache miss, writing: /repo/docs/tutorials/01_a.py\n")
    assert bench.executed(log) == ["01_a.py", "02_b.py"]


def test_the_module_edit_targets_the_least_imported_module(bench, tmp_path):
    # Tutorial a imports augment, b imports other; both import the package's __init__. The tie goes by name.
    root = make_project(tmp_path)
    module, importers = bench.least_imported_module(root)
    assert module == root / "mnist_tutorials" / "augment.py" and importers == ["a.py"]
    (root / "mnist_tutorials" / "common.py").write_text("VALUE = 1\n")
    (root / "mnist_tutorials" / "other.py").write_text("from .common import VALUE\n")
    module, importers = bench.least_imported_module(root)
    assert module == root / "mnist_tutorials" / "augment.py" and importers == ["a.py"]
    (root / "mnist_tutorials" / "augment.py").write_text("from .common import VALUE\n")
    write_tutorial(root, "c", "augment", 1)
    module, importers = bench.least_imported_module(root)
    assert module == root / "mnist_tutorials" / "other.py" and importers == ["b.py"]


def test_cpu_seconds_per_tutorial_come_from_the_recorded_times(bench, tmp_path):
    cache = tmp_path / ".cache" / "notebooks"
    cache.mkdir(parents=True)
    (cache / "timings.data").write_text(json.dumps({
        "tutorials/01_a.py": {"seconds": 10.0, "cpu_seconds": 18.5, "title": "A"},
        "tutorials/02_b.py": {"seconds": 3.0}}))
    assert bench.cpu_per_tutorial(tmp_path) == {"01_a.py": (10.0, 18.5), "02_b.py": (3.0, None)}
