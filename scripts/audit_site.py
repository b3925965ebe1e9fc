"""Audit the built site for readers: axe-core on every page (light and dark), Lighthouse on the tutorial pages.

Usage::

    mkdocs build --strict                      # or MNIST_TUTORIALS_EXECUTE=0 mkdocs build for layout work
    python scripts/audit_site.py [--site site] [--markdown] [--no-lighthouse] [--pages tutorials/02 ...]

The site is served on 127.0.0.1 with gzip, as GitHub Pages serves it, and opened in Debian's Chromium
(``shutil.which("chromium")``). What it needs from npm is installed pinned and checked: axe-core by
``scripts/setup.sh`` (``vendor/axe-core``), Lighthouse by this script, on first use, with ``npm ci`` from
``scripts/audit/package-lock.json`` into the git-ignored ``vendor/audit``. (Lighthouse's ``@paulirish/trace_engine``
asks for ``third-party-web@latest``; ``package.json`` overrides it with the locked version, or ``npm ci`` refuses the
lock each time a new ``third-party-web`` is published.) It prints one table, one row per page:

* the four Lighthouse scores (performance with the desktop preset and ``--throttling-method=provided``, i.e.
  the unthrottled local network: what the page itself costs, not a simulated phone on 4G);
* axe's violations by impact (critical / serious / moderate / minor), in the light and the dark scheme,
  counted as nodes;
* what the page loads on its first view: bytes over the wire (gzip) and requests.

Targets (issue 16): Lighthouse accessibility >= 98, performance >= 90, best practices >= 95, SEO 100; no critical
or serious axe violation; at most 1.5 MB per page. ``--json FILE`` also writes every violation, with its nodes.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import threading

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


def site_pages(site: pathlib.Path) -> list[str]:
    """Every page of the site, as paths relative to its root ('' is the home page)."""
    pages = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        if rel.startswith(("assets", "search")) or rel == "404":
            continue
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
    if page.evaluate("() => !!document.querySelector('script[src*=\"mathjax/tex-mml-chtml\"]')"):
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
        for path in pages:
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


def run_lighthouse(url: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp) / "report.json"
        command = ["node", str(LIGHTHOUSE), url, "--preset=desktop", "--throttling-method=provided",
                   "--output=json", f"--output-path={out}", "--quiet",
                   f"--only-categories={','.join(CATEGORIES)}",
                   "--chrome-flags=--headless=new --no-sandbox --disable-background-networking"]
        env = dict(os.environ, CHROME_PATH=chromium())
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        if result.returncode != 0 or not out.is_file():
            return {"error": result.stderr.strip()[-500:]}
        report = json.loads(out.read_text())
    return {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}


# ------------------------------------------------------------------------------------------------- table


def _impacts(violations: list[dict]) -> str:
    counts = {impact: 0 for impact in IMPACTS}
    for v in violations:
        counts[v["impact"] or "minor"] += len(v["nodes"])
    return "/".join(str(counts[i]) for i in IMPACTS)


def table(results: dict, markdown: bool) -> str:
    header = ["page", "perf", "a11y", "best pr.", "SEO", "axe light c/s/m/m", "axe dark c/s/m/m", "KB", "requests"]
    rows = []
    for path, entry in results.items():
        lh = entry.get("lighthouse") or {}
        scores = ["err" if "error" in lh else str(lh.get(c, "")) for c in CATEGORIES]
        rows.append([path or "(home)", *scores, _impacts(entry["axe"]["default"]), _impacts(entry["axe"]["slate"]),
                     f"{entry['bytes'] / 1000:,.0f}", str(entry["requests"])])
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    fmt = "  ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths))
    return "\n".join([fmt.format(*header), *(fmt.format(*row) for row in rows)])


def summary(results: dict) -> str:
    serious = sum(len(v["nodes"]) for e in results.values() for s in SCHEMES for v in e["axe"][s]
                  if v["impact"] in ("critical", "serious"))
    rules = sorted({v["id"] for e in results.values() for s in SCHEMES for v in e["axe"][s]
                    if v["impact"] in ("critical", "serious")})
    heaviest = max(results.items(), key=lambda item: item[1]["bytes"])
    lines = [f"{len(results)} pages; axe critical+serious nodes (light and dark): {serious}"
             + (f" ({', '.join(rules)})" if rules else ""),
             f"heaviest page: {heaviest[0] or '(home)'} {heaviest[1]['bytes'] / 1e6:.2f} MB over the wire"]
    scored = {p: e["lighthouse"] for p, e in results.items() if e.get("lighthouse") and "error" not in e["lighthouse"]}
    if scored:
        lows = {c: min(s[c] for s in scored.values()) for c in CATEGORIES}
        lines.append("Lighthouse minimum over " + f"{len(scored)} pages: " + ", ".join(f"{c} {v}" for c, v in lows.items()))
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=pathlib.Path, default=ROOT / "site")
    parser.add_argument("--pages", nargs="*", help="only these pages (paths relative to the site root)")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--markdown", action="store_true", help="print the table in Markdown")
    parser.add_argument("--json", type=pathlib.Path, help="also write every violation to this file")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        sys.exit(f"audit_site: expected a built site in {args.site}; run `mkdocs build` first")
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
    try:
        results = axe_and_weight(base, pages)
        if not args.no_lighthouse:
            ensure_lighthouse()
            for path in pages:
                if path.startswith("tutorials/"):
                    results[path]["lighthouse"] = run_lighthouse(base + path)
                    print(f"lighthouse {path}: {results[path]['lighthouse']}", file=sys.stderr)
    finally:
        server.shutdown()
    print(table(results, args.markdown))
    print()
    print(summary(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
