"""Benchmark the site build and print one table, all from a single run.

Usage::

    python scripts/bench_build.py [--repo .] [--keep] [--cold-builds {0,1,2}] [--clone DIR]

It clones the committed state of the repository into a temporary folder (so your own ``.cache/`` and ``site/``
are untouched) and, there, times:

1. a cold build (empty execution cache, every tutorial executed);
2. a second cold build, whose executed outputs are compared with the first (determinism);
3. a warm build (nothing changed: nothing may execute);
4. a build with execution off (``MNIST_TUTORIALS_EXECUTE=0``);
5. a rebuild after editing one tutorial (only that one may execute);

then reports the largest page and the total site size, and the targets from the build issue:
warm ÷ no-execution ≤ 1.3, cold ≤ 12 min on 2 cores, largest page ≤ 1.5 MB. Ratios are compared within the run,
since the machines are noisy.

``--cold-builds 1`` skips the determinism build; ``--cold-builds 0 --clone DIR`` reuses a clone whose cache is
already warm (e.g. the one CI just built) and measures only the warm, no-execution and edit builds.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser

ROOT = pathlib.Path(__file__).resolve().parents[1]
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_TIMING = re.compile(r"\b\d+(\.\d+)?\s*(s|ms|sec|seconds|µs)\b|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")


def build(repo: pathlib.Path, **env) -> tuple[float, str]:
    """Run ``mkdocs build --strict`` in ``repo``; return (seconds, log)."""
    environment = {**os.environ, "PYTHONPATH": str(repo), "NO_MKDOCS_2_WARNING": "1", **env}
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=repo, env=environment,
                            capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"mkdocs build failed in {repo}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return seconds, result.stderr + result.stdout


def executed(log: str) -> list[str]:
    """Notebooks that mkdocs-jupyter executed in a build, from its log."""
    # mkdocs-jupyter logs its own executions; docs/hooks/execution_cache.py logs those it runs in parallel.
    return sorted(pathlib.Path(m).name for m in re.findall(r"(?:Cache miss, writing|Executed in parallel): (\S+)", log))


class _VisibleText(HTMLParser):
    """Text of an HTML page (script contents included), leaving out cells of timing columns.

    A table column whose header mentions seconds or time (``fit seconds``, ``mean_fit_time``) holds
    measurements of the machine, not results of the tutorial; its body cells are skipped.
    """

    _TIMING_HEADER = re.compile(r"second|time|\bs\b", re.IGNORECASE)

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._tables: list[dict] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._tables.append({"in_head": False, "head_rows": 0, "col": -1, "skip": set()})
        elif self._tables:
            table = self._tables[-1]
            if tag == "thead":
                table["in_head"] = True
            elif tag == "tbody":
                table["in_head"] = False
            elif tag == "tr":
                table["col"] = -1
                table["head_rows"] += table["in_head"]
            elif tag in ("td", "th"):
                table["col"] += 1
                self._cell = []

    def handle_endtag(self, tag):
        if tag == "table" and self._tables:
            self._tables.pop()
        elif tag in ("td", "th") and self._tables and self._cell is not None:
            table, text = self._tables[-1], " ".join(self._cell)
            self._cell = None
            if table["in_head"] and table["head_rows"] == 1 and self._TIMING_HEADER.search(text):
                table["skip"].add(table["col"])
            if table["in_head"] or table["col"] not in table["skip"]:
                self.chunks.append(text)

    def handle_data(self, data):
        (self._cell if self._cell is not None else self.chunks).append(data)


def visible_text(content: str) -> str:
    """Normalised visible text of one page: no random ids, no timing columns, no durations."""
    parser = _VisibleText()
    parser.feed(_UUID.sub("", content))
    parser.close()
    return _TIMING.sub("", " ".join(" ".join(parser.chunks).split()))


def page_texts(site: pathlib.Path) -> dict[str, str]:
    """Visible text of every tutorial page (see :func:`visible_text`), by page folder name."""
    return {path.parent.name: visible_text(path.read_text(encoding="utf-8"))
            for path in sorted((site / "tutorials").glob("*/index.html"))}


def first_difference(a: str, b: str, context: int = 80) -> str:
    """The neighbourhood of the first character where two texts differ."""
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"...{a[max(0, i - context):i + context]}... vs ...{b[max(0, i - context):i + context]}..."


def site_sizes(site: pathlib.Path) -> tuple[str, int, int]:
    pages = [(p.stat().st_size, p) for p in site.rglob("*.html")]
    largest, largest_path = max(pages)
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return str(largest_path.relative_to(site)), largest, total


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=pathlib.Path, default=ROOT)
    parser.add_argument("--keep", action="store_true", help="keep the temporary clone")
    parser.add_argument("--cold-builds", type=int, choices=(0, 1, 2), default=2)
    parser.add_argument("--clone", type=pathlib.Path, default=None,
                        help="use this existing clone (with its cache) instead of a fresh one")
    args = parser.parse_args(argv)

    if args.clone is not None:
        workdir, repo = None, args.clone.resolve()
    else:
        workdir = pathlib.Path(tempfile.mkdtemp(prefix="bench-build-"))
        repo = workdir / "repo"
        subprocess.run(["git", "clone", "--quiet", str(args.repo.resolve()), str(repo)], check=True)
        vendor = args.repo.resolve() / "vendor"  # git-ignored assets that scripts/setup.sh installs (MathJax)
        if vendor.is_dir():
            shutil.copytree(vendor, repo / "vendor")
    rows = []

    def step(name, **env):
        seconds, log = build(repo, **env)
        ran = executed(log)
        rows.append((name, seconds, ", ".join(ran) if ran else "none"))
        print(f"  {name}: {seconds:.1f} s, executed: {len(ran)}", file=sys.stderr, flush=True)
        return seconds, ran

    print(f"benchmarking {repo}", file=sys.stderr)
    cold, differing = None, None
    if args.cold_builds >= 1:
        shutil.rmtree(repo / ".cache", ignore_errors=True)
        cold, _ = step("cold build (empty cache)")
    if args.cold_builds == 2:
        first_texts = page_texts(repo / "site")
        shutil.rmtree(repo / ".cache")
        step("second cold build")
        second_texts = page_texts(repo / "site")
        differing = sorted(name for name in first_texts if first_texts[name] != second_texts.get(name, ""))
        for name in differing:
            print(f"  {name} differs: {first_difference(first_texts[name], second_texts.get(name, ''))}",
                  file=sys.stderr, flush=True)
    warm, warm_ran = step("warm build (no change)")
    no_exec, _ = step("build with execution off", MNIST_TUTORIALS_EXECUTE="0")
    tutorials = sorted((repo / "docs" / "tutorials").glob("*.py"))
    edited = tutorials[0]
    original = edited.read_text(encoding="utf-8")
    with edited.open("a", encoding="utf-8") as fh:
        fh.write("\n# %% [markdown]\n# (benchmark edit)\n")
    try:
        _, edit_ran = step(f"rebuild after editing {edited.name}")
    finally:
        edited.write_text(original, encoding="utf-8")
    page, largest, total = site_sizes(repo / "site")

    width = max(len(r[0]) for r in rows)
    print(f"\n| {'build':<{width}} | seconds | executed notebooks |")
    print(f"|{'-' * (width + 2)}|--------:|---|")
    for name, seconds, ran in rows:
        print(f"| {name:<{width}} | {seconds:7.1f} | {ran} |")
    print()
    ratio = warm / no_exec
    checks = [
        ("warm ÷ no-execution", f"{ratio:.2f}", "≤ 1.3", ratio <= 1.3),
        ("cold build", "not measured" if cold is None else f"{cold / 60:.1f} min", "≤ 12 min",
         None if cold is None else cold <= 720),
        ("largest page", f"{largest / 1e6:.2f} MB ({page})", "≤ 1.5 MB", largest <= 1.5e6),
        ("total site size", f"{total / 1e6:.1f} MB", "", True),
        ("warm build executed", str(len(warm_ran)), "0", not warm_ran),
        ("edit re-executed", ", ".join(edit_ran) or "none", edited.name, edit_ran == [edited.name]),
        ("cold builds identical", "not measured" if differing is None else
         ("yes" if not differing else "differ: " + ", ".join(differing)), "yes",
         None if differing is None else not differing),
    ]
    print("| measure | value | target | ok |\n|---|---|---|---|")
    for name, value, target, ok in checks:
        print(f"| {name} | {value} | {target} | {'n/a' if ok is None else 'yes' if ok else 'NO'} |")
    print(f"\n(cores: {os.cpu_count()}, python {sys.version.split()[0]})")
    if workdir is not None and not args.keep:
        shutil.rmtree(workdir)
    elif workdir is not None:
        print(f"kept {workdir}", file=sys.stderr)
    return 0 if all(ok is not False for *_, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
