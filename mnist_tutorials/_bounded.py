"""Bounded reads: no file is read, and no gzip stream decompressed, past the size it must have.

Every IDX file this package reads has exactly one possible size: the registry's row counts give it
(``_sources.expected_size``), and the file's own header says the same. So the size is checked *before* any data
is read (``os.fstat`` of the open file), at most one byte more than that size is ever read, and a ``.gz`` is
decompressed at most one byte past it. A 2 GiB sparse file named ``train-images-idx3-ubyte`` or a 2 MB gzip bomb
is rejected while holding a few kilobytes, never the whole thing. Only reading lives here: no hashes, no paths to
caches. It imports nothing from the package.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import pathlib
import struct

_CHUNK = 1 << 20
_MAGIC_NDIM = {0x00000801: 1, 0x00000803: 3}


class WrongSizeError(ValueError):
    """A file (or what a ``.gz`` decompresses to) does not have the one size it must have; nothing more was read."""


def _header_note(head: bytes) -> str:
    """What an IDX header announces, for a message ("its header announces shape (60000, 28, 28)"), or ""."""
    if len(head) < 8:
        return ""
    ndim = _MAGIC_NDIM.get(struct.unpack(">I", head[:4])[0])
    if ndim is None or len(head) < 4 + 4 * ndim:
        return " (it is not an IDX file: its first bytes are not an IDX magic number)"
    dims = struct.unpack(">" + "I" * ndim, head[4:4 + 4 * ndim])
    count = 1
    for dim in dims:
        count *= dim
    return f" (its header announces shape {dims}, i.e. {4 + 4 * ndim + count:,} bytes)"


def read_exact(path, size: int, *, what: str) -> bytes:
    """Return the content of ``path``, which must have exactly ``size`` bytes; the size is checked first.

    Parameters
    ----------
    path : str or path-like
    size : int
        The one size the file may have.
    what : str
        What the file should be, for the message (``"MNIST's train-images-idx3-ubyte"``).

    Raises
    ------
    WrongSizeError
        If the file has another size (checked with ``fstat`` before reading; at most ``size + 1`` bytes are read,
        so a file that grows meanwhile is caught too).
    OSError
        If the file cannot be opened or read.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "f"
    >>> _ = path.write_bytes(b"12345")
    >>> read_exact(path, 5, what="a file")
    b'12345'
    """
    with pathlib.Path(path).open("rb") as fh:
        found = os.fstat(fh.fileno()).st_size
        if found != size:
            note = _header_note(fh.read(16))
            raise WrongSizeError(
                f"{path} has {found:,} bytes, but {what} has {size:,} bytes{note}. It was not read; "
                "it is truncated, padded or another file."
            )
        data = fh.read(size + 1)
    if len(data) != size:
        raise WrongSizeError(f"{path} changed size while it was read: expected {size:,} bytes, read {len(data):,}.")
    return data


def gunzip(source, size: int, *, name: str) -> bytes:
    """Decompress gzip data that must expand to exactly ``size`` bytes, never decompressing more than ``size + 1``.

    Parameters
    ----------
    source : bytes or path-like
        The compressed bytes, or a ``.gz`` file (streamed: its compressed size does not matter).
    size : int
        The one size the decompressed data may have.
    name : str
        The file, for the message.

    Raises
    ------
    WrongSizeError
        If the data expands to more (a gzip bomb stops here, after ``size + 1`` bytes) or fewer bytes.
    EOFError, zlib.error, gzip.BadGzipFile
        If the data is not a complete gzip stream.

    Examples
    --------
    >>> gunzip(gzip.compress(b"abc"), 3, name="x.gz")
    b'abc'
    """
    raw = io.BytesIO(source) if isinstance(source, (bytes, bytearray, memoryview)) else open(source, "rb")
    with raw, gzip.GzipFile(fileobj=raw, mode="rb") as packed:
        data = packed.read(size + 1)
    if len(data) > size:
        raise WrongSizeError(
            f"{name} decompresses to more than {size:,} bytes, the size of the file it should hold; decompression "
            "was stopped there. It is not the original file (perhaps a gzip bomb)."
        )
    if len(data) < size:
        raise WrongSizeError(f"{name} decompresses to {len(data):,} bytes, expected {size:,}: it is truncated "
                             "or another file.")
    return data


def sha256_of_file(path, size: int | None = None) -> str | None:
    """``"sha256:<hex>"`` of a file, read in 1 MiB chunks; None if ``size`` is given and the file has another size.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "f"
    >>> _ = path.write_bytes(b"")
    >>> sha256_of_file(path)[:15]
    'sha256:e3b0c442'
    """
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        if size is not None and os.fstat(fh.fileno()).st_size != size:
            return None
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return "sha256:" + digest.hexdigest()
