"""No hangs, no orphans, no spurious failures: broken builds of a copy of the tiny site (tests/tinysite).

Each test copies the tiny site built once per session (the ``tinysite`` fixture of ``tests/conftest.py``), its
execution cache included, so that only what the test breaks executes again:

* a cell that never returns fails the build after its timeout, and the error names the tutorial, the line of the
  cell and the timeout (derived from the tutorial's recorded time);
* SIGTERM or SIGINT to ``mkdocs build`` or ``mkdocs serve`` while a cell hangs leaves no process of the build
  running: no worker, no kernel;
* a malformed cache file of any kind (truncated JSON, a list where an object belongs, a string where a number
  belongs, a page without cells) is a logged miss, and ``mkdocs build --strict`` passes;
* deleting ``.cache`` while serving: the tutorials execute again and their pages reload, no banner left behind.
"""

from __future__ import annotations

import json
import pathlib
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request

import pytest
from file_module import load_file_module, require
from tinysite_build import FAILING, HOOKS, command, environment

require("mkdocs", "nbconvert", "nbclient", "jupytext")  # builds the tiny site

HANGING = """\
# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # It hangs

# %%
ready = True

# %%
import time

while True:
    time.sleep(0.2)
"""
HANGING_SRC = "tiny/03_hangs.py"
HANGING_LINE = HANGING.splitlines().index("import time")  # the `# %%` line before it, counted from 1


@pytest.fixture
def warm(tinysite, tmp_path) -> pathlib.Path:
    """A copy of the built tiny site, its caches included (keys hash contents, not paths), without its site."""
    project = tmp_path / "tinysite"
    shutil.copytree(tinysite[0], project, ignore=shutil.ignore_patterns("site"))
    return project


def _add_hanging_tutorial(project: pathlib.Path) -> None:
    (project / "docs" / HANGING_SRC).write_text(HANGING, encoding="utf-8")


def _build(project: pathlib.Path, timeout: float = 240, **settings: str) -> subprocess.CompletedProcess:
    return subprocess.run(command(project), cwd=project, env=environment(**settings), capture_output=True,
                          text=True, timeout=timeout)


def _entries(project: pathlib.Path) -> dict[str, pathlib.Path]:
    """The execution-cache entries of the two tutorials, by tutorial."""
    found = {}
    for path in (project / ".cache" / "notebooks").glob("*.json"):
        text = path.read_text(encoding="utf-8")
        found["tiny/01_digit.py" if "brightest pixel" in text else "tiny/02_math.py"] = path
    assert len(found) == 2, found
    return found


def _executed_pages_are_published(project: pathlib.Path) -> None:
    digit = (project / "site" / "tiny" / "01_digit" / "index.html").read_text(encoding="utf-8")
    math = (project / "site" / "tiny" / "02_math" / "index.html").read_text(encoding="utf-8")
    assert "brightest pixel: 255" in digit and "Their mean is <strong>3.0</strong>" in math
    assert "Being executed" not in digit + math


# ------------------------------------------------------------------------------------------- the cell timeout


def test_a_cell_past_its_timeout_fails_the_build_naming_the_tutorial_the_line_and_the_timeout(warm):
    _add_hanging_tutorial(warm)
    timings_path = warm / ".cache" / "notebooks" / "timings.data"
    timings = json.loads(timings_path.read_text(encoding="utf-8"))
    timings[HANGING_SRC] = {"seconds": 0.5, "cpu_seconds": 0.4, "executed_at": "2026-12-07 00:00:00"}
    timings_path.write_text(json.dumps(timings), encoding="utf-8")
    start = time.monotonic()
    result = _build(warm, MNIST_TUTORIALS_CELL_TIMEOUT_FLOOR="2")
    assert result.returncode != 0
    # 10 × the recorded 0.5 s: the timeout comes from the recorded time, not from the floor of 2 s.
    assert (f"{HANGING_SRC}: the cell at line {HANGING_LINE} of docs/{HANGING_SRC} ran longer than its timeout "
            "of 5 s (10 × the tutorial's last recorded time of 0.5 s, at least 2 s)") in result.stderr, \
        result.stderr[-3000:]
    assert time.monotonic() - start < 120


def test_the_cell_timeout_examples_and_the_line_finder_examples_run():
    import doctest

    for name in ("execution_cache", "_notebook_worker"):
        module = load_file_module(HOOKS / f"{name}.py", f"hook_{name}_doctest")
        result = doctest.testmod(module)
        assert result.attempted >= 1 and result.failed == 0, name


def test_a_wrong_timeout_floor_stops_the_build_at_once(warm):
    result = _build(warm, MNIST_TUTORIALS_CELL_TIMEOUT_FLOOR="soon")
    assert result.returncode != 0
    assert "MNIST_TUTORIALS_CELL_TIMEOUT_FLOOR must be a positive number of seconds, found 'soon'" in result.stderr


# ----------------------------------------------------------------------------------------- signals, orphans


def _processes() -> dict[int, tuple[int, str, str, str]]:
    """Every process: pid -> (parent pid, state, start time, command line), from /proc."""
    found = {}
    for entry in pathlib.Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        found[int(entry.name)] = (int(fields[1]), fields[0], fields[19], cmdline)
    return found


def _descendants(pid: int) -> dict[int, tuple[int, str, str, str]]:
    processes = _processes()
    tree, frontier = {}, [pid]
    while frontier:
        parent = frontier.pop()
        for child, info in processes.items():
            if info[0] == parent and child not in tree:
                tree[child] = info
                frontier.append(child)
    return tree


def _alive(pid: int, started: str) -> bool:
    """Whether the process ``pid`` that started at ``started`` still runs (a zombie has ended)."""
    info = _processes().get(pid)
    return info is not None and info[2] == started and info[1] != "Z"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.skipif(not pathlib.Path("/proc/self/stat").is_file(), reason="reads the process tree from /proc")
@pytest.mark.parametrize("mkdocs, signum", [("build", signal.SIGTERM), ("serve", signal.SIGTERM),
                                            ("build", signal.SIGINT)],
                         ids=["build-SIGTERM", "serve-SIGTERM", "build-SIGINT"])
def test_a_signal_to_mkdocs_while_a_cell_hangs_leaves_no_process_running(warm, mkdocs, signum):
    _add_hanging_tutorial(warm)
    arguments = ["serve", "-a", f"127.0.0.1:{_free_port()}"] if mkdocs == "serve" else []
    log_path = warm.parent / "mkdocs.log"  # a file, not a pipe: a full pipe would stop MkDocs itself
    with log_path.open("w") as log_file:
        process = subprocess.Popen(command(warm, *arguments), cwd=warm, env=environment(),
                                   stdout=subprocess.DEVNULL, stderr=log_file)
    tree = {}
    try:
        deadline = time.monotonic() + 180
        while not any("ipykernel" in info[3] for info in tree.values()):
            assert process.poll() is None, f"mkdocs {mkdocs} ended before the kernel started: {log_path.read_text()}"
            assert time.monotonic() < deadline, "no kernel started within 180 s"
            time.sleep(0.5)
            tree = _descendants(process.pid)
        time.sleep(1)  # the hanging cell runs
        tree = _descendants(process.pid)
        process.send_signal(signum)
        process.wait(timeout=60)
        log = log_path.read_text()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(_alive(pid, info[2]) for pid, info in tree.items()):
            time.sleep(0.5)
        survivors = {pid: info[3] for pid, info in tree.items() if _alive(pid, info[2])}
    finally:
        if process.poll() is None:
            process.kill()
        for pid, info in tree.items():  # never leave a hanging kernel behind, whatever the outcome
            if _alive(pid, info[2]):
                subprocess.run(["kill", "-9", str(pid)], check=False)
    kinds = {"worker" if "_notebook_worker" in cmd or "execution_cache" in cmd else "kernel" if "ipykernel" in cmd
             else "other" for cmd in (info[3] for info in tree.values())}
    assert {"worker", "kernel"} <= kinds, tree
    assert survivors == {}, f"still running {signal.Signals(signum).name} + 15 s after: {survivors}\n{log[-2000:]}"


# ------------------------------------------------------------------------------ malformed cache files: misses


def _truncated_entry_list_timings_and_an_empty_page(project, entries, timings):
    entries["tiny/01_digit.py"].write_text(entries["tiny/01_digit.py"].read_text(encoding="utf-8")[:100])
    timings.write_text("[1, 2]", encoding="utf-8")
    entries["tiny/02_math.py"].write_text(json.dumps({"content": "", "toc_tokens": [], "title": None}))
    return [f"Cache entry {entries['tiny/01_digit.py']} is unusable (not readable JSON",
            f"Cache entry {timings} is unusable (expected an object of tutorials, found list)",
            f"Cache entry {entries['tiny/02_math.py']} is unusable (its page has no notebook cell"]


def _string_seconds_and_list_entries(project, entries, timings):
    content = json.loads(timings.read_text(encoding="utf-8"))
    content["tiny/01_digit.py"]["seconds"] = "9"  # 01 stays cached: its time is shown, not re-recorded
    content["tiny/02_math.py"] = [1, 2]
    timings.write_text(json.dumps(content), encoding="utf-8")
    entries["tiny/02_math.py"].write_text("[1, 2]", encoding="utf-8")
    return [f"{timings}: seconds of tiny/01_digit.py is '9', expected int or float; ignored",
            f"{timings}: the entry of tiny/02_math.py is a list, not an object; ignored",
            f"Cache entry {entries['tiny/02_math.py']} is unusable (expected a str under 'content', found list)"]


@pytest.mark.parametrize("damage", [_truncated_entry_list_timings_and_an_empty_page, _string_seconds_and_list_entries],
                         ids=["truncated-entry-list-timings-empty-page", "string-seconds-list-entries"])
def test_a_malformed_cache_file_is_a_logged_miss_and_the_strict_build_passes(warm, damage):
    expected = damage(warm, _entries(warm), warm / ".cache" / "notebooks" / "timings.data")
    result = _build(warm)
    assert result.returncode == 0, result.stderr[-4000:]
    for message in expected:
        assert message in result.stderr, (message, result.stderr[-4000:])
    _executed_pages_are_published(warm)
    assert len(_entries(warm)) == 2  # healed
    times = (warm / "site" / "times" / "index.html").read_text(encoding="utf-8")
    assert times.count('<tr><td><a href="../tiny/') == 2  # both rows of the execution-times table


def test_a_malformed_flag_cache_is_logged_before_it_is_computed_again(tmp_path, monkeypatch):
    flags_hook = load_file_module(HOOKS / "flags.py", "flags_hook_robustness")
    from mnist_tutorials import flags

    path = tmp_path / ".cache" / "flags" / f"{flags.cache_key()}.json"
    path.parent.mkdir(parents=True)
    path.write_text("[1, 2]", encoding="utf-8")
    config = type("Config", (), {"config_file_path": str(tmp_path / "mkdocs.yml")})()

    def no_training(*args, **kwargs):  # computing the answers trains on the real data: stop where it would start
        raise RuntimeError("computing the answers")

    messages = []
    monkeypatch.setattr(flags_hook, "_flags_module", lambda config: flags)  # the package as imported
    monkeypatch.setattr(flags, "compute_flag_hashes", no_training)
    monkeypatch.setattr(flags_hook.log, "info", messages.append)
    with pytest.raises(RuntimeError, match="computing the answers"):
        flags_hook.on_pre_build(config)
    assert f"flags: {path} is unusable (malformed, or of another format); its answers are computed again" in messages


# --------------------------------------------------------------------------------- rm -rf .cache while serving


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode()
    except OSError:
        return None


def _wait_for(url: str, predicate, seconds: float, what: str) -> str:
    deadline, page = time.monotonic() + seconds, None
    while time.monotonic() < deadline:
        page = _get(url)
        if page is not None and predicate(page):
            return page
        time.sleep(0.5)
    raise AssertionError(f"{what}: not within {seconds:.0f} s; the page is now:\n{(page or '(none)')[-1500:]}")


def test_deleting_the_cache_while_serving_executes_again_and_reloads_without_a_stale_banner(warm):
    port = _free_port()
    url = f"http://127.0.0.1:{port}/tiny/tiny/01_digit/"  # served under site_url's path, /tiny/
    log_path = warm.parent / "serve.log"  # a file, not a pipe: a full pipe would stop MkDocs itself
    with log_path.open("w") as log_file:
        server = subprocess.Popen(command(warm, "serve", "-a", f"127.0.0.1:{port}"), cwd=warm, env=environment(),
                                  stdout=subprocess.DEVNULL, stderr=log_file)
    try:
        _wait_for(url, lambda page: "brightest pixel: 255" in page, 120, "the cached page served")
        shutil.rmtree(warm / ".cache")  # rm -rf .cache: what must recover is the execution cache
        index = warm / "docs" / "index.md"
        index.write_text(index.read_text(encoding="utf-8") + "\nEdited while serving.\n", encoding="utf-8")
        _wait_for(url, lambda page: "Being executed" in page, 120, "the rebuilt page under its banner")
        page = _wait_for(url, lambda page: "Being executed" not in page, 150, "the banner gone after execution")
        assert "brightest pixel: 255" in page
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
        log = log_path.read_text()
    assert re.search(r"Executed tiny/01_digit\.py in [\d.]+ s", log), log[-3000:]


# ------------------------------------------------------------------------------------------- a failing tutorial


def test_a_failing_tutorial_fails_the_build_naming_the_tutorial_the_error_and_the_fix(warm):
    """``tests/tinysite/failing/03_fails.py`` (its second code cell raises), added to a copy of the tiny site."""
    shutil.copy(FAILING, warm / "docs" / "tiny" / FAILING.name)
    result = _build(warm)
    assert result.returncode == 1, result.stderr[-3000:]
    error = result.stderr
    line = FAILING.read_text(encoding="utf-8").splitlines().index('raise ValueError(f"expected a sorted list, '
                                                                 'found {numbers}")')  # its `# %%`, from 1
    assert ("execution_cache hook: executing these tutorials failed (allow_errors is false)") in error, error[-3000:]
    assert (f"tiny/03_fails.py: the cell at line {line} of docs/tiny/03_fails.py raised ValueError: expected a "
            "sorted list, found [3, 1, 2]") in error, error[-3000:]
    assert "`python scripts/run_tutorial.py docs/tiny/03_fails.py`" in error  # the fix
    assert "tiny/01_digit.py:" not in error and "tiny/02_math.py:" not in error  # only the failing one is named
    assert not (warm / "site" / "tiny" / "03_fails").exists()  # nothing published unexecuted
