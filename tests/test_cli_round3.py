"""``python -m mnist_tutorials``, third round (issue 23): the CLI reports what happened.

``fetch-data`` fails, with one line naming the cause and the fix, when nothing could be cached; Ctrl-C is one
line and exit 130; ``info`` and ``fetch-data --clean`` deal with moved-aside files (deleting them only after a
yes); ``check-flag`` says where it downloads before it does. Each test names the row of the issue's table.
"""

from __future__ import annotations

import errno
import gzip
import io
import os
import pathlib
import signal
import subprocess
import sys

import pytest

from mnist_tutorials import _cachefiles, _sources
from mnist_tutorials.__main__ import main

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _put_user_files(folder, tiny):
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in tiny.files.items():
        (folder / f"{name}.gz").write_bytes(gzip.compress(data))


def _error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("error:")]


# ------------------------------------------------------------------------ row 1: no silent success


def test_row1_fetch_data_into_a_file_fails_with_one_line(tiny_mnist, tmp_path, capsys):
    _put_user_files(tmp_path, tiny_mnist)  # the data itself is at hand: only the cache is impossible
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert main(["fetch-data", "--dataset", "mnist", "--data-home", str(blocker)]) == 1
    captured = capsys.readouterr()
    assert "ready in" not in captured.out
    errors = _error_lines(captured.err)
    assert len(errors) == 1, captured.err
    assert f"{blocker} is a file, where the cache needs a folder" in errors[0] and "--data-home" in errors[0]
    assert blocker.read_text() == "not a folder"


@pytest.mark.parametrize(
    ("error", "hint"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "you may not write in"),
        (OSError(errno.EROFS, "Read-only file system"), "read-only file system"),
    ],
    ids=["EACCES", "EROFS"],
)
def test_row1_fetch_data_into_a_read_only_folder_fails_before_downloading(tiny_mnist, tmp_path, capsys, monkeypatch,
                                                                          error, hint):
    import sklearn.datasets

    home = tmp_path / "read-only"
    home.mkdir()
    real_open = os.open

    def open_(path, flags, *args, **kwargs):  # the tests run as root, for whom chmod changes nothing
        if pathlib.Path(path).is_relative_to(home) and flags & os.O_CREAT:
            raise type(error)(error.errno, error.strerror, str(path))
        return real_open(path, flags, *args, **kwargs)

    downloads = []
    monkeypatch.setattr(_cachefiles.os, "open", open_)
    monkeypatch.setattr(sklearn.datasets, "fetch_openml", lambda **kw: downloads.append(kw))
    assert main(["fetch-data", "--dataset", "mnist", "--data-home", str(home)]) == 1
    errors = _error_lines(capsys.readouterr().err)
    assert len(errors) == 1 and hint in errors[0] and str(home / "mnist") in errors[0]
    assert downloads == []  # it said so before downloading 53 MB it could not keep


def test_row1_disk_full_while_writing_is_one_line_and_exit_1(tiny_mnist, tmp_path, capsys, monkeypatch):
    _put_user_files(tmp_path, tiny_mnist)
    real_fdopen = os.fdopen

    class Full(io.RawIOBase):
        def __init__(self, fd):
            self.handle = real_fdopen(fd, "wb")

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        def close(self):
            self.handle.close()
            super().close()

    monkeypatch.setattr(_cachefiles.os, "fdopen", lambda fd, mode: Full(fd))
    assert main(["fetch-data", "--dataset", "mnist", "--data-home", str(tmp_path / "home")]) == 1
    errors = _error_lines(capsys.readouterr().err)
    assert len(errors) == 1 and "is full" in errors[0] and "free at least" in errors[0]
    assert [p.name for p in (tmp_path / "home" / "mnist").iterdir()] == []  # no half file left


def test_a_complete_read_only_cache_is_still_fine(tiny_mnist, tmp_path, capsys, monkeypatch):
    folder = tmp_path / "home" / "mnist"
    folder.mkdir(parents=True)
    for name, data in tiny_mnist.files.items():
        (folder / name).write_bytes(data)

    def no_writing(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(_cachefiles.os, "open", no_writing)
    assert main(["fetch-data", "--dataset", "mnist", "--data-home", str(tmp_path / "home")]) == 0
    assert "MNIST: ready in" in capsys.readouterr().out


# ------------------------------------------------------------------------ row 7: moved-aside files


def _cache_with_moved_aside(tiny, home):
    folder = home / "mnist"
    folder.mkdir(parents=True)
    for name, data in tiny.files.items():
        (folder / name).write_bytes(data)
    (folder / "train-images-idx3-ubyte.corrupt").write_bytes(b"a" * 1000)
    (folder / "train-images-idx3-ubyte.corrupt.1").write_bytes(b"b" * 500)
    (folder / "notes.txt").write_text("mine")  # the user's: never touched
    (folder / "my.corrupt").write_text("mine too")
    return folder


def test_row7_info_lists_moved_aside_files_and_their_sizes(tiny_mnist, tmp_path, capsys):
    folder = _cache_with_moved_aside(tiny_mnist, tmp_path / "home")
    assert main(["info", "--data-home", str(tmp_path / "home")]) == 0
    out = capsys.readouterr().out
    assert "MNIST: 4/4 files cached and verified" in out
    assert "moved aside: train-images-idx3-ubyte.corrupt: 1,000 bytes" in out
    assert "moved aside: train-images-idx3-ubyte.corrupt.1: 500 bytes" in out
    assert "fetch-data --clean" in out and "my.corrupt" not in out
    assert len(list(folder.iterdir())) == 8


@pytest.mark.parametrize("answer", ["n\n", "\n", ""], ids=["no", "enter", "eof"])
def test_row7_clean_deletes_nothing_without_a_yes(tiny_mnist, tmp_path, capsys, monkeypatch, answer):
    folder = _cache_with_moved_aside(tiny_mnist, tmp_path / "home")
    before = sorted(p.name for p in folder.iterdir())
    monkeypatch.setattr(sys, "stdin", io.StringIO(answer))
    assert main(["fetch-data", "--dataset", "mnist", "--clean", "--data-home", str(tmp_path / "home")]) == 0
    out = capsys.readouterr().out
    assert "Delete these 2 file(s)" in out and "Nothing deleted" in out
    assert sorted(p.name for p in folder.iterdir()) == before


@pytest.mark.parametrize(("argv", "stdin"), [(["--clean"], "y\n"), (["--clean", "--yes"], "")], ids=["asked", "yes"])
def test_row7_clean_deletes_the_moved_aside_files_and_nothing_else(tiny_mnist, tmp_path, capsys, monkeypatch, argv,
                                                                   stdin):
    folder = _cache_with_moved_aside(tiny_mnist, tmp_path / "home")
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    assert main(["fetch-data", "--dataset", "mnist", *argv, "--data-home", str(tmp_path / "home")]) == 0
    out = capsys.readouterr().out
    assert f"deleted {folder / 'train-images-idx3-ubyte.corrupt'}" in out
    assert sorted(p.name for p in folder.iterdir()) == sorted([*_sources.FILES, "notes.txt", "my.corrupt"])
    assert (folder / "notes.txt").read_text() == "mine"


# ------------------------------------------------------------------------ row 8: Ctrl-C


def test_row8_ctrl_c_is_one_line_and_exit_130(tiny_mnist, tmp_path, capsys, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(_sources, "from_openml", interrupted)
    try:
        status = main(["fetch-data", "--dataset", "mnist", "--data-home", str(tmp_path / "home")])
    except KeyboardInterrupt:  # caught here, or pytest would take it for the tester's own Ctrl-C and stop
        pytest.fail("Ctrl-C escaped main() as a KeyboardInterrupt: the user gets a traceback")
    assert status == 130
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines()[-1].startswith("python -m mnist_tutorials fetch-data: interrupted")


_SLOW_FETCH = """
import sys, time
from mnist_tutorials import _sources
from mnist_tutorials.__main__ import main

def slow_openml(spec, home, progress):
    print("downloading", flush=True)
    time.sleep(60)

_sources.from_openml = slow_openml
sys.exit(main(["fetch-data", "--dataset", "mnist", "--data-home", sys.argv[1]]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT as a terminal sends it")
def test_row8_sigint_in_a_real_process_exits_130_without_a_traceback(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp_path)}
    child = subprocess.Popen([sys.executable, "-c", _SLOW_FETCH, str(tmp_path / "home")], env=env, cwd=tmp_path,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "downloading"
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert err.strip().splitlines()[-1].startswith("python -m mnist_tutorials fetch-data: interrupted")
    assert not [p for p in tmp_path.rglob("*") if p.is_file() and p.name.endswith(".part")]


# ------------------------------------------------------------------------ row 12: check-flag says where it downloads


def test_row12_check_flag_names_the_folder_before_downloading(tiny_mnist, tmp_path, capsys, monkeypatch):
    import sklearn.datasets

    from mnist_tutorials import _flag_cache

    monkeypatch.setattr(_flag_cache, "MEMORY", {})  # no answer remembered from another test: it must compute
    said_before = []

    def fetch_openml(**kwargs):  # records what had been said when the download began
        said_before.append(capsys.readouterr().err)
        raise OSError("network disabled in tests")

    monkeypatch.setattr(sklearn.datasets, "fetch_openml", fetch_openml)
    new = tmp_path / "new-folder"
    assert main(["check-flag", "DATA.1", "1", "--data-home", str(new)]) == 3
    assert len(said_before) == 1
    assert f"downloading it (12.6 kB) into {new / 'mnist'}" in said_before[0]
