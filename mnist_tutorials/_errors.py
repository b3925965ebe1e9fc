"""The data layer's errors, and how to fix each: the hint that fits the cause, and the one message naming every source.

A hint is chosen by what actually failed, looking through the wrappers (``SourceError(...) from exc``) to the
error underneath: a file where a folder should be, a folder where a file should be, permissions, a read-only file
system, a full disk, files that are not the original ones, no network. Only errors and messages live here; it
imports nothing from the package but :mod:`mnist_tutorials._bounded` and :mod:`mnist_tutorials._formats`
(for their error types), and :mod:`mnist_tutorials._sources` raises what it defines.
"""

from __future__ import annotations

import errno
import gzip
import pathlib
import zlib

from ._bounded import WrongSizeError
from ._formats import IdxFormatError


class SourceError(Exception):
    """One source could not provide the files; the message says why."""


class HashMismatchError(SourceError):
    """A file's sha256 is not the pinned one."""


class BadFileError(SourceError):
    """A file the user has is not readable as what its name says (a truncated .gz, ...)."""


class MovedAside(SourceError):
    """A cached file failed verification and was renamed to NAME.corrupt."""


class DataUnavailableError(OSError):
    """No source could provide the dataset. The message names every source tried and the fixes."""


class CacheWriteError(OSError):
    """The data could not be saved in the cache (asked for by ``fetch-data``); the message is one line with the fix."""


# Errors that say a file was found but is not the original one.
BAD_CONTENT = (ValueError, HashMismatchError, BadFileError, EOFError, zlib.error, gzip.BadGzipFile, WrongSizeError)

ENV_HINT = "data_home= (--data-home on the command line) or MNIST_TUTORIALS_DATA"
_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def causes(exc: BaseException) -> list[BaseException]:
    """``exc`` and the errors it was raised from (``__cause__``), outermost first."""
    chain = []
    while exc is not None and exc not in chain:
        chain.append(exc)
        exc = exc.__cause__
    return chain


def is_local(exc: BaseException) -> bool:
    """Whether ``exc`` is a problem of this machine's folders (not of the network or of a file's content)."""
    return isinstance(exc, (PermissionError, NotADirectoryError, IsADirectoryError, FileExistsError)) or (
        isinstance(exc, OSError) and exc.errno in ({errno.EROFS} | _DISK_FULL))


def _blocking_file(path: pathlib.Path) -> pathlib.Path | None:
    """The first of ``path`` and its parents that exists but is not a folder (a file in the way), or None."""
    for candidate in (path, *path.parents):
        try:
            if candidate.exists() and not candidate.is_dir():
                return candidate
        except OSError:
            return None
    return None


def storage_hint(exc: OSError, folder: pathlib.Path, *, need_bytes: int | None = None) -> str:
    """The fix for an ``OSError`` met while writing into (or creating) the cache folder ``folder``, by cause.

    Examples
    --------
    >>> import errno
    >>> hint = storage_hint(OSError(errno.ENOSPC, "No space left on device"), pathlib.Path("/c"), need_bytes=55_000_000)
    >>> hint.startswith("the disk that holds /c is full"), "free at least 55.0 MB" in hint
    (True, True)
    """
    folder = pathlib.Path(folder)
    named = getattr(exc, "filename2", None) or getattr(exc, "filename", None)  # os.replace: the target is filename2
    where = pathlib.Path(named) if named else folder
    if isinstance(exc, (NotADirectoryError, FileExistsError)):
        blocker = _blocking_file(folder) or where
        return (f"{blocker} is a file, where the cache needs a folder: pass a folder as {ENV_HINT}, or move that "
                "file away")
    if isinstance(exc, IsADirectoryError):
        return (f"{where} is a folder, where the cache needs a file: move that folder away (it was left as it "
                "is), then run again")
    if exc.errno == errno.EROFS:
        return f"{folder} is on a read-only file system: point {ENV_HINT} at a folder you can write to"
    if exc.errno in _DISK_FULL:
        need = (f": free at least {need_bytes / 1e6:,.1f} MB ({need_bytes:,} bytes) there" if need_bytes
                else ": free some space there")
        return (f"the disk that holds {folder} is full (or your quota is used up){need}, or point {ENV_HINT} at "
                "a folder on another disk")
    if isinstance(exc, PermissionError):
        return (f"you may not write in {folder}: fix its permissions (`ls -ld {folder}`), or point {ENV_HINT} at a "
                "folder of your own")
    return f"check that {folder} is a folder you can write to, or point {ENV_HINT} at another one"


def describe(failure) -> str:
    """One failure as one line: a string as it is, a ``SourceError`` by its message, anything else with its type."""
    if isinstance(failure, (str, SourceError, IdxFormatError, WrongSizeError)):
        return str(failure)
    return f"{type(failure).__name__}: {failure}"


def moved_aside_note(moved: list) -> str:
    """A paragraph listing the moved-aside ``(path, size)`` files, or ""."""
    if not moved:
        return ""
    listed = "; ".join(f"{path} ({size:,} bytes)" for path, size in moved)
    return (f"Moved aside earlier, because they failed verification (kept, never deleted): {listed}. "
            "Remove them with `python -m mnist_tutorials fetch-data --clean` (it asks first) once you no longer "
            "need them.")


def unavailable_message(spec, home, folder, failures, download_if_missing, moved=(), need_bytes=None) -> str:
    """The message of ``DataUnavailableError``: each source tried and why it failed, then the fixes that fit."""
    tried = "\n".join(f"  {i}. {label}: {describe(exc)}" for i, (label, exc) in enumerate(failures, 1))
    errors = [cause for _, exc in failures if isinstance(exc, BaseException) for cause in causes(exc)]
    fixes = []
    if any(isinstance(exc, NotADirectoryError) for exc in errors):
        fixes.append(f"{home} (or a folder in its path) is a file, not a folder: pass a folder as {ENV_HINT}, or "
                     "move that file away")
    if any(isinstance(exc, PermissionError) for exc in errors):
        fixes.append(f"you may not read or write {folder}: fix its permissions (`ls -l {folder}`), or point "
                     f"{ENV_HINT} at a folder of your own")
    for exc in errors:
        if is_local(exc) and not isinstance(exc, (NotADirectoryError, PermissionError)):
            hint = storage_hint(exc, folder, need_bytes=need_bytes)
            if hint not in fixes:
                fixes.append(hint)
    if any(isinstance(exc, BAD_CONTENT) for exc in errors):
        fixes.append("some files were found but are not the original ones (see above): replace them with "
                     "complete, original copies")
    if not download_if_missing:
        fixes.append("allow downloads: download_if_missing=True (the default) tries OpenML and the registry mirror")
    else:
        openml = [cause for label, exc in failures if label == "OpenML" and isinstance(exc, BaseException)
                  for cause in causes(exc)]
        if not any(is_local(exc) for exc in openml):  # OpenML failed for a folder's sake: the network is fine
            fixes.append("connect to the internet so OpenML can be reached, then run again")
        fixes.append(f"install the registry mirror: {spec.mirror.description}, "
                     "then run `python -m mnist_tutorials fetch-data`")
    fixes.append(f"put the four IDX files (raw or .gz) in {folder}")
    fixes.append("point MNIST_TUTORIALS_DATA (or data_home=) at a folder that already holds them")
    note = moved_aside_note(list(moved))
    return (f"Could not get {spec.title}. Sources tried, in order:\n{tried}\n"
            "How to fix it, any one of:\n" + "\n".join(f"  - {fix};" for fix in fixes)
            + (f"\n{note}" if note else ""))
