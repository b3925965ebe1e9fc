"""Audit the built site for readers: axe-core on every page (light and dark), Lighthouse on the tutorial pages.

Usage::

    mkdocs build --strict                      # or MNIST_TUTORIALS_EXECUTE=0 mkdocs build for layout work
    python scripts/audit_site.py [--site site] [--markdown] [--no-lighthouse] [--pages tutorials/02 ...]
                                 [--presets mobile desktop] [--runs 2] [--write-maintainers]
    python scripts/audit_site.py --alt-sample 20 [--seed 28] [--site site]   # 20 alt texts, chosen at random

The site is served on 127.0.0.1 with gzip, as GitHub Pages serves it, and opened in Debian's Chromium
(``shutil.which("chromium")``). What it needs from npm is installed pinned and checked: axe-core by
``scripts/setup.sh`` (``vendor/axe-core``), Lighthouse by this script, on first use, with ``npm ci`` from
``scripts/audit/package-lock.json`` into the git-ignored ``vendor/audit``. (Lighthouse's ``@paulirish/trace_engine``
asks for ``third-party-web@latest``; ``package.json`` overrides it with the locked version, or ``npm ci`` refuses the
lock each time a new ``third-party-web`` is published.) It prints one table, one row per page:

* the four Lighthouse scores with Lighthouse's default settings (simulated throttling), once per preset: ``mobile``
  (Lighthouse's default: a mid-range phone on slow 4G) and ``desktop``; performance for each preset, the other three
  categories from the mobile run. Each page is measured ``--runs`` times (default 2) and the *lower* score is
  reported, because on a shared machine performance moves by 10-15 points between runs; the load average before
  and after is printed with the table;
* axe's violations by impact (critical / serious / moderate / minor), in the light and the dark scheme,
  counted as nodes;
* what the page loads on its first view: bytes over the wire (gzip) and requests.

Targets (issues 16, 28): Lighthouse mobile performance >= 90 and desktop >= 95, accessibility >= 98, best practices
>= 95, SEO 100; no axe violation; at most 1.5 MB per page. ``--json FILE`` also writes every violation, with its
nodes; ``--alt-sample N`` prints N alt texts of the built site chosen at random (``--seed``, default 28: the same
sample for the same site), each with its page and length, and nothing else; ``--write-maintainers`` writes the
Markdown table into ``docs/maintainers/index.md``, between
``<!-- audit-table -->`` and ``<!-- /audit-table -->`` (section "Speed and access audit").

Every page is audited but the redirect pages of old addresses (``site_pages``). Progress goes to stderr, one
flushed line per page and per Lighthouse run, with the time left (about 35 s per Lighthouse run on the shared
2-core machine: 31 pages x 2 presets x 2 runs is about 75 minutes). The Tab presses from the top of a page to its
first interactive figure (issue 28: 03, 04, 07 ...) are counted by ``pytest -m browser -s
tests/test_browser_keyboard.py``, which prints them and writes ``test-artifacts/tab-stops.json``.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import html
import http.server
import io
import json
import os
import pathlib
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
AXE = ROOT / "vendor" / "axe-core" / "axe.min.js"
AUDIT_NPM = ROOT / "scripts" / "audit"
LIGHTHOUSE_DIR = ROOT / "vendor" / "audit"
LIGHTHOUSE = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
IMPACTS = ("critical", "serious", "moderate", "minor")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SCHEMES = ("default", "slate")  # Material's light and dark schemes
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".ipynb")
TIMEOUT_MS = 60_000


# ------------------------------------------------------------------------------------------------ server


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the browser accepts it (text types only), with a cache lifetime."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = pathlib.Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or not wants_gzip or path.suffix not in COMPRESSIBLE:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()

        return io.BytesIO(body)


def serve(site: pathlib.Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


# ---------------------------------------------------------------------------------------------- browsers


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        sys.exit("audit_site: expected Debian's chromium on PATH (apt-get install chromium); found none")
    return path


MOVED_PAGES = ROOT / "docs" / "hooks" / "moved_pages.json"
_REFRESH = re.compile(r'<meta\s+http-equiv="refresh"', re.I)


def moved_folders(path: pathlib.Path = MOVED_PAGES) -> set[str]:
    """The old addresses of renamed tutorials (``tutorials/<old>/``), where the build writes a redirect page."""
    if not path.is_file():
        return set()
    return {f"tutorials/{old}/" for old in json.loads(path.read_text(encoding="utf-8")).get("moved", {})}


def site_pages(site: pathlib.Path, moved: set[str] | None = None) -> list[str]:
    """Every page of the site, as paths relative to its root ('' is the home page).

    The redirect pages of old addresses (``docs/hooks/moved_pages.json``, tiny meta-refresh pages) are left out:
    they have nothing to audit, and would cost two Lighthouse runs per preset each.
    """
    moved = moved_folders() if moved is None else moved
    pages = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        if rel.startswith(("assets", "search")) or rel == "404" or rel + "/" in moved:
            continue
        if index.stat().st_size < 4000 and _REFRESH.search(index.read_text(encoding="utf-8", errors="replace")):
            continue  # any other redirect page
        pages.append("" if rel == "." else rel + "/")
    return pages


def settle(page) -> None:
    """Wait for what changes the page after load: plotly figures drawn, MathJax typeset."""
    page.wait_for_load_state("networkidle")
    # Figures are drawn when scrolled near (docs/javascripts/plotly-on-demand.js): axe must see them all.
    page.evaluate("() => window.readerPlotly && window.readerPlotly.drawAll()")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.plotly-graph-div')].every(d => d.querySelector('svg.main-svg'))",
        timeout=TIMEOUT_MS)
    if page.evaluate("() => !!document.querySelector('script[data-mathjax]')"):  # MathJax on demand (mathjax.js)
        page.evaluate("() => window.readerLoadMathJax()")
        page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=TIMEOUT_MS)
        page.evaluate("() => MathJax.startup.promise")


# Material's palette toggle sets this attribute; its colour transitions are switched off first, so that axe
# measures the scheme's colours, not a frame of the fade between the two.
SET_SCHEME = """s => {
  if (!document.getElementById('audit-no-transitions')) {
    const style = document.createElement('style');
    style.id = 'audit-no-transitions';
    style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
    document.head.appendChild(style);
  }
  document.body.setAttribute('data-md-color-scheme', s);
}"""


def set_scheme(page, scheme: str) -> None:
    page.evaluate(SET_SCHEME, scheme)
    page.wait_for_timeout(50)


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [{"target": n["target"], "summary": n.get("failureSummary", "")} for n in v["nodes"]]}
            for v in result["violations"]]


def axe_and_weight(base: str, pages: list[str]) -> dict:
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(),
                                    args=["--headless", "--no-sandbox", "--disable-background-networking"])
        started = time.monotonic()
        for number, path in enumerate(pages, start=1):
            print(f"[{number}/{len(pages)}] axe and bytes {path or '(home)'} "
                  f"({time_left(number - 1, len(pages), time.monotonic() - started, guess=8)})",
                  file=sys.stderr, flush=True)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            # No internet here: answer the header's GitHub widget (stars, forks) instead of waiting for it.
            context.route("https://api.github.com/**", lambda route: route.fulfill(status=200, body="{}",
                                                                                  content_type="application/json"))
            page = context.new_page()
            sizes, requests = [], []
            page.on("requestfinished", lambda request: requests.append(request))
            page.goto(base + path, wait_until="load", timeout=TIMEOUT_MS)
            settle(page)
            for request in requests:
                if request.url.startswith(base):
                    info = request.sizes()
                    sizes.append(info["responseBodySize"] + info["responseHeadersSize"])
            entry = {"bytes": sum(sizes), "requests": len(sizes), "axe": {}}
            for scheme in SCHEMES:
                set_scheme(page, scheme)
                entry["axe"][scheme] = run_axe(page)
            results[path] = entry
            context.close()
        browser.close()
    return results


def ensure_lighthouse() -> None:
    if LIGHTHOUSE.is_file():
        return
    LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy(AUDIT_NPM / name, LIGHTHOUSE_DIR / name)
    print("installing lighthouse from npm (npm ci, pinned by scripts/audit/package-lock.json) ...", file=sys.stderr)
    subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=LIGHTHOUSE_DIR, check=True)


PRESETS = ("mobile", "desktop")


def run_lighthouse(url: str, preset: str = "mobile", keep: pathlib.Path | None = None) -> dict:
    """One Lighthouse run with its default (simulated) throttling; ``preset`` is ``mobile`` or ``desktop``.

    ``keep``: also copy Lighthouse's JSON report to this file (its long tasks, LCP phases, render-blocking
    requests: the evidence behind a score).
    """
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp) / "report.json"
        command = ["node", str(LIGHTHOUSE), url, *(["--preset=desktop"] if preset == "desktop" else []),
                   "--output=json", f"--output-path={out}", "--quiet",
                   f"--only-categories={','.join(CATEGORIES)}",
                   "--chrome-flags=--headless=new --no-sandbox --disable-background-networking"]
        env = dict(os.environ, CHROME_PATH=chromium())
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        if result.returncode != 0 or not out.is_file():
            return {"error": result.stderr.strip()[-500:]}
        if keep is not None:
            keep.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(out, keep)
        report = json.loads(out.read_text())
    scores = {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}
    audits = report.get("audits", {})
    for key in ("largest-contentful-paint", "total-blocking-time"):
        scores[key] = audits.get(key, {}).get("numericValue")
    return scores


def lowest(runs: list[dict]) -> dict:
    """The lower score of each category over several runs (an error if every run failed).

    Examples
    --------
    >>> lowest([{"performance": 91, "seo": 100}, {"performance": 84, "seo": 100}, {"error": "timeout"}])
    {'performance': 84, 'seo': 100, 'runs': 2}
    """
    good = [r for r in runs if "error" not in r]
    if not good:
        return runs[-1]
    keys = [k for k in good[0] if isinstance(good[0][k], (int, float))]
    return {**{k: min(r[k] for r in good if r.get(k) is not None) for k in keys}, "runs": len(good)}


SECONDS_PER_LIGHTHOUSE_RUN = 35  # a first guess at the time left: 32-46 s a run on the shared 2-core machine


def time_left(done: int, total: int, elapsed: float, guess: float = SECONDS_PER_LIGHTHOUSE_RUN) -> str:
    """The time left after ``done`` of ``total`` steps took ``elapsed`` seconds (``guess`` a step before the first).

    Examples
    --------
    >>> time_left(0, 124, 0.0)
    'about 72 min left'
    >>> time_left(30, 120, 900.0), time_left(119, 120, 3600.0), time_left(120, 120, 3600.0)
    ('about 45 min left', 'about 30 s left', 'done')
    """
    if done >= total:
        return "done"
    seconds = (total - done) * (elapsed / done if done else guess)
    return f"about {seconds / 60:.0f} min left" if seconds >= 90 else f"about {seconds:.0f} s left"


def load_average() -> str:
    try:
        return " / ".join(f"{v:.1f}" for v in os.getloadavg()) + f" (1/5/15 min, {os.cpu_count()} cores)"
    except OSError:
        return "unknown"


# ---------------------------------------------------------------------------------------------- alt text

_IMG = re.compile(r"<img\b[^>]*>")
_ALT = re.compile(r"""\salt=(?P<q>["'])(?P<v>.*?)(?P=q)""", re.S)  # nbconvert may quote an alt holding " with '


def site_images(site: pathlib.Path) -> list[tuple[str, str | None]]:
    """Every ``<img>`` of the built site's pages, as (page, alt text or None), in page order."""
    found = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("assets/", "search/")):
            continue
        for img in _IMG.findall(path.read_text(encoding="utf-8")):
            alt = _ALT.search(img)
            found.append((rel.removesuffix("index.html") or "(home)", html.unescape(alt.group("v")) if alt else None))
    return found


def alt_sample(site: pathlib.Path, n: int, seed: int) -> str:
    """``n`` alt texts of ``site`` chosen at random with ``seed``, numbered, each with its page and length."""
    images = site_images(site)
    if not images:
        sys.exit(f"audit_site: expected images in the built site {site}; found none (run `mkdocs build`)")
    chosen = sorted(random.Random(seed).sample(range(len(images)), min(n, len(images))))
    lines = [f"{len(chosen)} of {len(images)} images of {site}, chosen at random (seed {seed}):"]
    for number, index in enumerate(chosen, 1):
        page, alt = images[index]
        lines.append(f"{number}. [{page}] ({len(alt or '')} characters) {alt if alt is not None else '(no alt)'}")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------------- table


def _impacts(violations: list[dict]) -> str:
    counts = {impact: 0 for impact in IMPACTS}
    for v in violations:
        counts[v["impact"] or "minor"] += len(v["nodes"])
    return "/".join(str(counts[i]) for i in IMPACTS)


def table(results: dict, markdown: bool) -> str:
    header = ["page", "mobile perf", "desktop perf", "a11y", "best pr.", "SEO", "axe light c/s/m/m",
              "axe dark c/s/m/m", "KB", "requests"]
    rows = []
    for path, entry in results.items():
        lh = entry.get("lighthouse") or {}
        mobile, desktop = lh.get("mobile") or {}, lh.get("desktop") or {}
        other = mobile if mobile and "error" not in mobile else desktop

        def score(run, key):
            return "err" if "error" in run else str(run.get(key, ""))

        rows.append([path or "(home)", score(mobile, "performance"), score(desktop, "performance"),
                     *(score(other, c) for c in CATEGORIES[1:]),
                     _impacts(entry["axe"]["default"]), _impacts(entry["axe"]["slate"]),
                     f"{entry['bytes'] / 1000:,.0f}", str(entry["requests"])])
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    fmt = "  ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths))
    return "\n".join([fmt.format(*header), *(fmt.format(*row) for row in rows)])


MAINTAINERS = ROOT / "docs" / "maintainers" / "index.md"
TABLE_START, TABLE_END = "<!-- audit-table -->", "<!-- /audit-table -->"


def write_maintainers(text: str, path: pathlib.Path = MAINTAINERS) -> None:
    """Replace what stands between the audit-table markers of the Maintainers page with ``text``."""
    page = path.read_text(encoding="utf-8")
    start, end = page.find(TABLE_START), page.find(TABLE_END)
    if start == -1 or end < start:
        sys.exit(f"audit_site: expected {TABLE_START} ... {TABLE_END} in {path} (section 'Speed and access audit'); "
                 "found none: add them where the table goes.")
    path.write_text(page[:start + len(TABLE_START)] + "\n\n" + text.strip() + "\n\n" + page[end:], encoding="utf-8")


def summary(results: dict) -> str:
    serious = sum(len(v["nodes"]) for e in results.values() for s in SCHEMES for v in e["axe"][s]
                  if v["impact"] in ("critical", "serious"))
    rules = sorted({v["id"] for e in results.values() for s in SCHEMES for v in e["axe"][s]
                    if v["impact"] in ("critical", "serious")})
    heaviest = max(results.items(), key=lambda item: item[1]["bytes"])
    lines = [f"{len(results)} pages; axe critical+serious nodes (light and dark): {serious}"
             + (f" ({', '.join(rules)})" if rules else ""),
             f"heaviest page: {heaviest[0] or '(home)'} {heaviest[1]['bytes'] / 1e6:.2f} MB over the wire"]
    for preset in PRESETS:
        scored = {p: e["lighthouse"][preset] for p, e in results.items()
                  if (e.get("lighthouse") or {}).get(preset) and "error" not in e["lighthouse"][preset]}
        if scored:
            lows = {c: min(s[c] for s in scored.values()) for c in CATEGORIES}
            lines.append(f"Lighthouse {preset}, minimum over {len(scored)} pages: "
                         + ", ".join(f"{c} {v}" for c, v in lows.items()))
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=pathlib.Path, default=ROOT / "site")
    parser.add_argument("--pages", nargs="*", help="only these pages (paths relative to the site root)")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--markdown", action="store_true", help="print the table in Markdown")
    parser.add_argument("--json", type=pathlib.Path, help="also write every violation to this file")
    parser.add_argument("--presets", nargs="+", choices=PRESETS, default=list(PRESETS))
    parser.add_argument("--runs", type=int, default=2, help="Lighthouse runs per page and preset; the lower score counts")
    parser.add_argument("--write-maintainers", action="store_true",
                        help="write the Markdown table into docs/maintainers/index.md (Speed and access audit)")
    parser.add_argument("--reports", type=pathlib.Path, metavar="DIR",
                        help="keep each Lighthouse JSON report in DIR (<page>-<preset>-<run>.json)")
    parser.add_argument("--alt-sample", type=int, metavar="N", help="only print N alt texts chosen at random")
    parser.add_argument("--seed", type=int, default=28, help="seed of --alt-sample's choice")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        sys.exit(f"audit_site: expected a built site in {args.site}; run `mkdocs build` first")
    if args.alt_sample:
        print(alt_sample(args.site, args.alt_sample, args.seed))
        return 0
    if not AXE.is_file():
        sys.exit(f"audit_site: expected axe-core at {AXE}; run `bash scripts/setup.sh` (step 'axe-core')")
    pages = site_pages(args.site)
    if args.pages:
        wanted = [p.strip("/") + "/" if p.strip("/") else "" for p in args.pages]
        unknown = sorted(set(wanted) - set(pages))
        if unknown:
            sys.exit(f"audit_site: no such page(s) in {args.site}: {unknown}")
        pages = wanted
    server, base = serve(args.site)
    load_before = load_average()
    print(f"audit_site: {len(pages)} pages (redirect pages of old addresses left out); axe first", file=sys.stderr,
          flush=True)
    try:
        results = axe_and_weight(base, pages)
        if not args.no_lighthouse:
            ensure_lighthouse()
            total, done, started = args.runs * len(pages) * len(args.presets), 0, time.monotonic()
            print(f"audit_site: {total} Lighthouse runs ({len(pages)} pages x {len(args.presets)} presets x "
                  f"{args.runs} runs), {time_left(0, total, 0.0)} at first guess", file=sys.stderr, flush=True)
            for run in range(args.runs):  # run 1 on every page, then run 2: a burst of load hits one run of a page
                for path in pages:
                    for preset in args.presets:
                        keep = None if args.reports is None else \
                            args.reports / f"{(path.strip('/') or 'home').replace('/', '_')}-{preset}-{run + 1}.json"
                        measured = run_lighthouse(base + path, preset, keep)
                        done += 1
                        results[path].setdefault("lighthouse runs", {}).setdefault(preset, []).append(measured)
                        print(f"[{done}/{total}] lighthouse run {run + 1} {preset} {path or '(home)'}: {measured} "
                              f"(load {load_average()}; {time_left(done, total, time.monotonic() - started)})",
                              file=sys.stderr, flush=True)
            for path in pages:
                results[path]["lighthouse"] = {preset: lowest(runs)
                                               for preset, runs in results[path]["lighthouse runs"].items()}
    finally:
        server.shutdown()
    rendered = table(results, args.markdown or args.write_maintainers)
    notes = (f"Load average before: {load_before}; after: {load_average()}. Lighthouse runs per page and preset: "
             f"{0 if args.no_lighthouse else args.runs} (the lower score shown).")
    print(rendered)
    print()
    print(summary(results))
    print(notes)
    if args.write_maintainers:
        write_maintainers(rendered + "\n\n" + notes + "\n\n" + summary(results).replace("\n", "; ") + ".")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
