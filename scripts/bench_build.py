"""Benchmark the site build and print one table, all from a single run.

Usage::

    python scripts/bench_build.py [--repo .] [--keep] [--cold-builds {0,1,2}] [--clone DIR] [--no-serve]

It clones the committed state of the repository into a temporary folder (so your own ``.cache/`` and ``site/``
are untouched) and, there, measures:

1. time to first page of a cold ``mkdocs serve`` (empty cache): until the home page and every tutorial page
   answer (unexecuted, under their banner); the server is then stopped;
2. a cold build (empty execution cache, every tutorial executed);
3. a second cold build, whose executed outputs are compared with the first (determinism);
4. a warm build (nothing changed: nothing may execute);
5. a build with execution off (``MNIST_TUTORIALS_EXECUTE=0``);
6. a rebuild after editing one tutorial (only that one may execute);
7. a rebuild after editing a package module that the fewest tutorials import (only they may execute: their
   list comes from the key rule, ``mnist_tutorials._cachekey``, of the clone);

then reports the CPU seconds of each tutorial (``.cache/notebooks/timings.data``, written by the cold build), the
largest page and the total site size, and the targets from the build issue: first page ≤ 60 s, cold build
≤ 10 min, warm ÷ no-execution ≤ 1.3, each tutorial ≤ 240 CPU seconds, largest page ≤ 1.5 MB. Each build's CPU
seconds (all its processes) are printed next to its wall seconds: on a shared machine the wall times are noisy.

``--cold-builds 1`` skips the determinism build; ``--cold-builds 0 --clone DIR`` reuses a clone whose cache is
already warm (e.g. the one CI just built) and measures only the warm, no-execution and edit builds (the CPU
seconds per tutorial then come from that clone's last recorded times). ``--no-serve`` skips step 1. ``--repo``
can be any project with this layout (the tests run the benchmark on a two-tutorial throw-away site).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import pathlib
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from html.parser import HTMLParser

ROOT = pathlib.Path(__file__).resolve().parents[1]
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_TIMING = re.compile(r"\b\d+(\.\d+)?\s*(s|ms|sec|seconds|µs)\b|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _environment(repo: pathlib.Path, env: dict) -> dict:
    environment = {**os.environ, "PYTHONPATH": str(repo), "NO_MKDOCS_2_WARNING": "1", **env}
    for name in ("MNIST_TUTORIALS_EXECUTE", "MNIST_TUTORIALS_NO_CACHE"):
        if name not in env:
            environment.pop(name, None)
    return environment


def build(repo: pathlib.Path, **env) -> tuple[float, float, str]:
    """Run ``mkdocs build --strict`` in ``repo``; return (wall seconds, CPU seconds, log)."""
    cpu, start = _children_cpu(), time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=repo,
                            env=_environment(repo, env), capture_output=True, text=True)
    seconds, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if result.returncode != 0:
        sys.exit(f"mkdocs build failed in {repo}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return seconds, cpu, result.stderr + result.stdout


def executed(log: str) -> list[str]:
    """Notebooks executed in a build, from its log (docs/hooks/execution_cache.py, or mkdocs-jupyter's own)."""
    return sorted(pathlib.Path(m).name for m in re.findall(r"(?:Executed|Cache miss, writing:) (\S+\.py)\b", log))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def first_page(repo: pathlib.Path, limit: float = 300.0) -> tuple[float, int, int]:
    """Start a cold ``mkdocs serve``; return (seconds until every page answered, pages, pages not executed yet).

    The pages are the home page and one per ``docs/tutorials/*.py``. The server and everything it started (the
    background executions) are stopped afterwards.
    """
    port = _free_port()
    stems = [path.stem for path in sorted((repo / "docs" / "tutorials").glob("*.py"))]
    start = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=repo,
                              env=_environment(repo, {}), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    pages: dict[str, str] = {}
    urls = [f"http://127.0.0.1:{port}/"]
    try:
        while len(pages) < len(stems) + 1:
            if server.poll() is not None:
                sys.exit(f"mkdocs serve exited with {server.returncode} before serving every page in {repo}")
            if time.perf_counter() - start > limit:
                sys.exit(f"mkdocs serve served {len(pages)} of {len(stems) + 1} pages in {limit:.0f} s in {repo}")
            for url in urls:
                if url not in pages:
                    try:
                        with urllib.request.urlopen(url, timeout=5) as response:
                            pages[url] = response.read().decode("utf-8", "replace")
                            if len(urls) == 1:  # the home page, after the redirect to site_url's path
                                base = response.geturl()
                                urls += [f"{base}tutorials/{stem}/" for stem in stems]
                    except OSError:
                        time.sleep(0.2)
                        break
        seconds = time.perf_counter() - start
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    pending = sum("Being executed" in page for page in pages.values())
    return seconds, len(urls), pending


def _clone_key_rule(repo: pathlib.Path):
    spec = importlib.util.spec_from_file_location("bench_cachekey", repo / "mnist_tutorials" / "_cachekey.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def least_imported_module(repo: pathlib.Path) -> tuple[pathlib.Path, list[str]]:
    """The package module imported by the fewest tutorials (at least one), and those tutorials' file names."""
    rule = _clone_key_rule(repo)
    package = repo / "mnist_tutorials"
    tutorials = sorted((repo / "docs" / "tutorials").glob("*.py"))
    importers: dict[pathlib.Path, list[str]] = {}
    for tutorial in tutorials:
        for module in rule.module_closure([tutorial], package):
            importers.setdefault(module, []).append(tutorial.name)
    module = min(importers, key=lambda path: (len(importers[path]), str(path)))
    return module, importers[module]


def cpu_per_tutorial(repo: pathlib.Path) -> dict[str, tuple[float | None, float | None]]:
    """(wall, CPU) seconds of each tutorial's last execution, from the clone's ``timings.data``."""
    path = repo / ".cache" / "notebooks" / "timings.data"
    timings = json.loads(path.read_text()) if path.is_file() else {}
    return {pathlib.Path(src).name: (entry.get("seconds"), entry.get("cpu_seconds"))
            for src, entry in sorted(timings.items())}


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


def _edit_and_rebuild(step, path: pathlib.Path, name: str, text: str):
    original = path.read_text(encoding="utf-8")
    path.write_text(original + text, encoding="utf-8")
    try:
        return step(name)
    finally:
        path.write_text(original, encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=pathlib.Path, default=ROOT)
    parser.add_argument("--keep", action="store_true", help="keep the temporary clone")
    parser.add_argument("--cold-builds", type=int, choices=(0, 1, 2), default=2)
    parser.add_argument("--clone", type=pathlib.Path, default=None,
                        help="use this existing clone (with its cache) instead of a fresh one")
    parser.add_argument("--no-serve", action="store_true", help="skip the time to first page of mkdocs serve")
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
        seconds, cpu, log = build(repo, **env)
        ran = executed(log)
        rows.append((name, seconds, cpu, ", ".join(ran) if ran else "none"))
        print(f"  {name}: {seconds:.1f} s ({cpu:.1f} s CPU), executed: {len(ran)}", file=sys.stderr, flush=True)
        return seconds, ran

    print(f"benchmarking {repo}", file=sys.stderr)
    serve = None
    if not args.no_serve and args.clone is None:
        shutil.rmtree(repo / ".cache", ignore_errors=True)
        serve = first_page(repo)
        rows.append(("cold `mkdocs serve`: every page served", serve[0], None,
                     f"{serve[2]} of {serve[1] - 1} tutorial pages shown unexecuted"))
        print(f"  first page: {serve[0]:.1f} s", file=sys.stderr, flush=True)
    cold, differing = None, None
    if args.cold_builds >= 1:
        shutil.rmtree(repo / ".cache", ignore_errors=True)
        cold, _ = step("cold build (empty cache)")
    per_tutorial = cpu_per_tutorial(repo)
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
    _, edit_ran = _edit_and_rebuild(step, edited, f"rebuild after editing {edited.name}",
                                    "\n# %% [markdown]\n# (benchmark edit)\n")
    build(repo)  # re-execute the restored tutorial (its entry went stale), so the next row starts warm
    module, importers = least_imported_module(repo)
    module_name = module.relative_to(repo).as_posix()
    _, module_ran = _edit_and_rebuild(step, module, f"rebuild after editing {module_name}", "\n# benchmark edit\n")
    page, largest, total = site_sizes(repo / "site")

    width = max(len(r[0]) for r in rows)
    print(f"\n| {'build':<{width}} | seconds | CPU seconds | executed notebooks |")
    print(f"|{'-' * (width + 2)}|--------:|------------:|---|")
    for name, seconds, cpu, ran in rows:
        print(f"| {name:<{width}} | {seconds:7.1f} | {'' if cpu is None else f'{cpu:.1f}':>11} | {ran} |")
    budget = 240.0
    if per_tutorial:
        print("\n| tutorial | wall seconds | CPU seconds | ≤ 240 CPU s |\n|---|--:|--:|---|")
        for name, (wall, cpu) in per_tutorial.items():
            ok = "n/a" if cpu is None else "yes" if cpu <= budget else "NO"
            print(f"| {name} | {wall if wall is not None else '?'} | {cpu if cpu is not None else '?'} | {ok} |")
    print()
    ratio = warm / no_exec
    over = [name for name, (_, cpu) in per_tutorial.items() if cpu is not None and cpu > budget]
    checks = [
        ("first page of a cold serve", "not measured" if serve is None else
         f"{serve[0]:.1f} s ({serve[1]} pages)", "≤ 60 s", None if serve is None else serve[0] <= 60),
        ("cold build", "not measured" if cold is None else f"{cold / 60:.1f} min", "≤ 10 min",
         None if cold is None else cold <= 600),
        ("warm ÷ no-execution", f"{ratio:.2f}", "≤ 1.3", ratio <= 1.3),
        ("tutorials over 240 CPU s", ", ".join(over) or ("none" if per_tutorial else "not measured"), "none",
         None if not per_tutorial else not over),
        ("largest page", f"{largest / 1e6:.2f} MB ({page})", "≤ 1.5 MB", largest <= 1.5e6),
        ("total site size", f"{total / 1e6:.1f} MB", "", True),
        ("warm build executed", str(len(warm_ran)), "0", not warm_ran),
        ("tutorial edit re-executed", ", ".join(edit_ran) or "none", edited.name, edit_ran == [edited.name]),
        (f"{module_name} edit re-executed", ", ".join(module_ran) or "none", ", ".join(importers),
         module_ran == importers),
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
