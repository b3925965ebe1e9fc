"""Time one flag check (PBKDF2-HMAC-SHA256 with the site's iteration count) in Python, node and Chromium.

Usage::

    python scripts/bench_flags_kdf.py [--iterations N] [--repeat 5]

Prints one table: the median seconds per check in each runtime that is installed, and what trying every
3-decimal fraction (1,001 answers) of one flag would cost at that speed. The goal (issue 15) is about
0.2-0.5 s per check on a laptop; the count lives in ``mnist_tutorials._answers.KDF_ITERATIONS``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mnist_tutorials._answers import KDF_ITERATIONS  # noqa: E402

_JS = """
async (iterations, repeat) => {
  const enc = new TextEncoder(), times = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    const key = await crypto.subtle.importKey("raw", enc.encode("0.891"), "PBKDF2", false, ["deriveBits"]);
    await crypto.subtle.deriveBits({name: "PBKDF2", hash: "SHA-256", salt: enc.encode("00112233:ML105.1"),
                                    iterations}, key, 256);
    times.push((performance.now() - start) / 1000);
  }
  return times;
}
"""


def python_times(iterations: int, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        hashlib.pbkdf2_hmac("sha256", b"0.891", b"00112233:ML105.1", iterations)
        times.append(time.perf_counter() - start)
    return times


def node_times(iterations: int, repeat: int) -> list[float] | None:
    node = shutil.which("node")
    if node is None:
        return None
    script = f"({_JS})({iterations}, {repeat}).then(t => process.stdout.write(JSON.stringify(t)));"
    done = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=600, check=True)
    return json.loads(done.stdout)


def chromium_times(iterations: int, repeat: int) -> list[float] | None:
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if executable is None:
        return None
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=["--headless", "--no-sandbox"])
        page = browser.new_page()
        # crypto.subtle exists only in secure contexts, such as http://localhost: answer it without a server.
        page.route("http://localhost/**", lambda route: route.fulfill(body="<!doctype html><title>kdf</title>",
                                                                      content_type="text/html"))
        page.goto("http://localhost/")
        times = page.evaluate(f"({_JS})({iterations}, {repeat})")
        browser.close()
    return times


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=KDF_ITERATIONS)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    rows = []
    for name, measure in (("Python hashlib", python_times), ("node Web Crypto", node_times),
                          ("Chromium Web Crypto", chromium_times)):
        times = measure(args.iterations, args.repeat)
        if times is None:
            rows.append((name, "not installed", ""))
            continue
        median = statistics.median(times)
        rows.append((name, f"{median:.3f}", f"{1001 * median / 60:.1f}"))
    print(f"PBKDF2-HMAC-SHA256, {args.iterations:,} iterations, median of {args.repeat}")
    print(f"{'runtime':<22}{'s per check':>14}{'min for 1,001 guesses':>24}")
    for name, per_check, all_guesses in rows:
        print(f"{name:<22}{per_check:>14}{all_guesses:>24}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
