"""Shared fixtures: tiny synthetic datasets with their own pinned hashes, and the built site on 127.0.0.1."""

from __future__ import annotations

import dataclasses
import functools
import http.server
import pathlib
import shutil
import signal
import sys
import threading

import numpy as np
import pytest
from file_module import is_missing, missing_reason

from mnist_tutorials import _sources

ROOT = pathlib.Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
N_TRAIN, N_TEST = 12, 4


@dataclasses.dataclass
class TinyDataset:
    """A synthetic dataset registered in place of the real one."""

    name: str
    images: np.ndarray  # uint8 (N_TRAIN + N_TEST, 784)
    labels: np.ndarray  # uint8 (N_TRAIN + N_TEST,)
    files: dict  # IDX file name -> bytes
    spec: _sources.DatasetSpec


def _make_tiny(name: str, seed: int) -> TinyDataset:
    rng = np.random.default_rng(seed)
    images = rng.integers(0, 256, size=(N_TRAIN + N_TEST, 784), dtype=np.uint8)
    labels = (np.arange(N_TRAIN + N_TEST) % 10).astype(np.uint8)
    files = _sources._split_to_idx(dataclasses.replace(_sources.REGISTRY[name], n_train=N_TRAIN), images, labels)
    spec = dataclasses.replace(
        _sources.REGISTRY[name],
        n_train=N_TRAIN,
        n_test=N_TEST,
        sha256={fname: _sources.sha256_of(data) for fname, data in files.items()},
    )
    return TinyDataset(name, images, labels, files, spec)



def pytest_configure(config):
    # Tests press Ctrl-C on child processes (SIGINT to the CLI, to mkdocs build and serve). A shell that starts a job
    # in the background without job control (`cmd &` in a script, `nohup cmd &`) makes it ignore SIGINT, and every
    # child inherits that, so Python in the child never raises KeyboardInterrupt. Give the children a terminal's
    # default: with a handler here, exec resets SIGINT to its default in each child.
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def pytest_runtest_setup(item):
    """``@pytest.mark.requires("tensorflow")``: skip, naming the extra to install, where that module is missing."""
    for mark in item.iter_markers("requires"):
        for module in mark.args:
            if is_missing(module):
                pytest.skip(missing_reason(module))


@pytest.fixture(autouse=True)
def _close_figures():
    """Close the figures a test left open (pyplot keeps every one alive); nothing to do if it never used pyplot."""
    yield
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")


@pytest.fixture
def tiny_mnist(monkeypatch, tmp_path) -> TinyDataset:
    """Register a 16-image synthetic MNIST (12 train, 4 test); no source works until a test enables one."""
    tiny = _make_tiny("mnist", seed=0)
    monkeypatch.setitem(_sources.REGISTRY, "mnist", tiny.spec)
    _isolate_sources(monkeypatch, tmp_path)
    return tiny


@pytest.fixture
def tiny_fashion(monkeypatch, tmp_path) -> TinyDataset:
    """Register a 16-image synthetic Fashion-MNIST; no source works until a test enables one."""
    tiny = _make_tiny("fashion-mnist", seed=1)
    monkeypatch.setitem(_sources.REGISTRY, "fashion-mnist", tiny.spec)
    _isolate_sources(monkeypatch, tmp_path)
    return tiny


@pytest.fixture
def debian_fashion(tiny_fashion, monkeypatch, tmp_path) -> pathlib.Path:
    """The tiny Fashion-MNIST as an installed ``dataset-fashion-mnist`` (gz files, their hashes registered)."""
    import gzip

    debian = tmp_path / "debian"
    debian.mkdir()
    mirror = {}
    for name, data in tiny_fashion.files.items():
        packed = gzip.compress(data, mtime=0)
        (debian / f"{name}.gz").write_bytes(packed)
        mirror[f"{name}.gz"] = _sources.sha256_of(packed)
    monkeypatch.setattr(_sources, "DEBIAN_DIR", debian)
    monkeypatch.setitem(_sources.REGISTRY, "fashion-mnist", dataclasses.replace(tiny_fashion.spec, mirror_sha256=mirror))
    return debian


def _isolate_sources(monkeypatch, tmp_path):
    """No network, no subprocess, no real mirror: every remote source fails unless a test patches it.

    Work folders go to a temp dir of the test's own, so leftover cleaning never sees the machine's /tmp.
    """
    import tempfile

    import sklearn.datasets

    def offline_openml(*args, **kwargs):
        raise OSError("network disabled in tests")

    def no_subprocess(*args, **kwargs):
        raise AssertionError(f"tests must not run subprocesses: {args}")

    monkeypatch.setattr(sklearn.datasets, "fetch_openml", offline_openml)
    monkeypatch.setattr(_sources.subprocess, "run", no_subprocess)
    monkeypatch.setattr(_sources, "DEBIAN_DIR", tmp_path / "no-debian-package")
    monkeypatch.setattr(_sources.shutil, "which", lambda name: None)
    monkeypatch.delenv("MNIST_TUTORIALS_DATA", raising=False)
    (tmp_path / "tmp").mkdir(exist_ok=True)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="session")
def tinysite(tmp_path_factory):
    """The tiny site (tests/tinysite) built once per session: (project folder, build log, wall seconds).

    Its tutorials are executed (the execution cache starts empty); it stands alone (``tests/tinysite_build.py``).
    """
    import subprocess
    import time

    import tinysite_build

    project = tinysite_build.prepare(tmp_path_factory.mktemp("tinysite"))
    start = time.perf_counter()
    result = subprocess.run(tinysite_build.command(project), cwd=project, env=tinysite_build.environment(),
                            capture_output=True, text=True, timeout=300)
    seconds = time.perf_counter() - start
    assert result.returncode == 0, result.stderr[-6000:]
    return project, result.stderr, seconds


@pytest.fixture(scope="session")
def site_dir() -> pathlib.Path:
    """The built site (``mkdocs build`` first); tests that need it are marked ``build`` or ``browser``."""
    if not (SITE / "index.html").is_file():
        pytest.fail(f"expected a built site in {SITE}; run `mkdocs build --strict` first (scripts/test.sh does)")
    return SITE


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_server(site_dir):
    """Serve the built site on 127.0.0.1 (a free port); yields the base URL ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (``playwright install`` cannot download browsers here)."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("expected Debian's chromium on PATH (apt-get install chromium); found none")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=executable,
            args=["--headless", "--no-sandbox", "--disable-background-networking"],
        )
        yield browser
        browser.close()


# The only hosts a page of the site may load anything from: the test server. Any other request (a CDN, Google
# Fonts, api.github.com) is blocked and fails the test, because the README promises readers that the site
# sends them to no other host.
ALLOWED_HOSTS = {"127.0.0.1", "localhost"}


def _foreign(url: str) -> bool:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.scheme not in ("data", "blob", "about", "file") and parts.hostname not in ALLOWED_HOSTS


@pytest.fixture
def page(browser, request):
    """A fresh browser page; console errors are collected in ``page.console_errors``.

    Requests to a host outside ``ALLOWED_HOSTS`` are blocked and listed in ``page.foreign_requests``; the test
    fails if there is any. A screenshot is saved to ``test-artifacts/<test name>.png`` after the test (not
    committed).
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    foreign: list[str] = []
    context.on("request", lambda req: foreign.append(req.url) if _foreign(req.url) else None)
    context.route(lambda url: _foreign(url), lambda route: route.abort("blockedbyclient"))
    pg = context.new_page()
    pg.console_errors = []
    pg.foreign_requests = foreign
    pg.on("console", lambda msg: pg.console_errors.append(msg.text) if msg.type == "error" else None)
    pg.on("pageerror", lambda exc: pg.console_errors.append(str(exc)))
    yield pg
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    try:
        pg.screenshot(path=str(artifacts / f"{request.node.name}.png"), full_page=False)
    finally:
        context.close()
    assert not foreign, f"requests to hosts other than {sorted(ALLOWED_HOSTS)}: {foreign[:10]}"


@pytest.fixture(scope="module")
def pixel_data():
    """A 4-class problem on 0…255 "pixels", 600 samples of 64 features, split 80/20 (480 + 120), stratified.

    Shared by the tests of the saved pipelines (test_saved.py) and of ``mnist_tutorials.logistic``.
    """
    import numpy as np
    from sklearn.datasets import make_classification
    from sklearn.model_selection import train_test_split

    X, y = make_classification(n_samples=600, n_features=64, n_informative=20, n_classes=4,
                               n_clusters_per_class=1, random_state=42)
    X = np.clip(np.round((X - X.min()) / (X.max() - X.min()) * 255), 0, 255)
    return train_test_split(X, y, test_size=0.2, random_state=42, stratify=y)
