"""Read and write the IDX format used by the original MNIST and Fashion-MNIST files.

An IDX file is a big-endian header (magic number, then one uint32 per dimension) followed by the raw
uint8 values. Images are ``idx3`` (count, 28, 28); labels are ``idx1`` (count,).
"""

from __future__ import annotations

import struct

import numpy as np

_MAGIC = {1: 0x00000801, 3: 0x00000803}


class IdxFormatError(ValueError):
    """Raised when bytes are not a complete, well-formed IDX file."""


def parse_idx(buffer: bytes, *, name: str = "<bytes>") -> np.ndarray:
    """Parse IDX bytes into a read-only uint8 array (no copy).

    Parameters
    ----------
    buffer : bytes
        The whole content of an uncompressed IDX file.
    name : str, default="<bytes>"
        Used in error messages.

    Returns
    -------
    numpy.ndarray of uint8
        Shape ``(n,)`` for label files, ``(n, rows * cols)`` for image files.

    Raises
    ------
    IdxFormatError
        If the magic number is unknown or the file is shorter or longer than its header says.

    Examples
    --------
    >>> raw = to_idx_bytes(np.arange(4, dtype=np.uint8))
    >>> parse_idx(raw)
    array([0, 1, 2, 3], dtype=uint8)
    """
    if len(buffer) < 8:
        raise IdxFormatError(
            f"{name}: expected an IDX file of at least 8 bytes, found {len(buffer)} bytes. "
            "The file is truncated; delete it and fetch the data again."
        )
    magic = struct.unpack(">I", buffer[:4])[0]
    ndim = {v: k for k, v in _MAGIC.items()}.get(magic)
    if ndim is None:
        raise IdxFormatError(
            f"{name}: expected IDX magic number 0x00000801 (labels) or 0x00000803 (images), "
            f"found 0x{magic:08x}. Is this a gzip file that was not decompressed, or not an IDX file?"
        )
    header = 4 + 4 * ndim
    dims = struct.unpack(">" + "I" * ndim, buffer[4:header])
    expected = header + int(np.prod(dims))
    if len(buffer) != expected:
        raise IdxFormatError(
            f"{name}: the header announces shape {dims}, i.e. {expected:,} bytes, "
            f"but the file has {len(buffer):,} bytes. The file is truncated or corrupt; "
            "delete it and fetch the data again."
        )
    array = np.frombuffer(buffer, dtype=np.uint8, offset=header)
    return array.reshape(dims[0], -1) if ndim == 3 else array


def to_idx_bytes(array: np.ndarray) -> bytes:
    """Serialise a uint8 array as IDX bytes.

    Parameters
    ----------
    array : array-like of uint8
        Labels of shape ``(n,)`` or images of shape ``(n, 784)`` / ``(n, 28, 28)``.

    Returns
    -------
    bytes
        The content of an uncompressed IDX file, byte-identical to the original distribution for the same data.

    Examples
    --------
    >>> len(to_idx_bytes(np.zeros((2, 784), dtype=np.uint8)))
    1584
    """
    array = np.asarray(array)
    if array.dtype != np.uint8:
        if array.size and (array.min() < 0 or array.max() > 255 or not np.all(array == np.round(array))):
            raise ValueError(f"expected integer values in 0..255, found range {array.min()}..{array.max()}")
        array = array.astype(np.uint8)
    if array.ndim == 1:
        return struct.pack(">II", _MAGIC[1], array.shape[0]) + array.tobytes()
    if array.ndim == 2:
        side = int(round(array.shape[1] ** 0.5))
        if side * side != array.shape[1]:
            raise ValueError(f"expected square images, found {array.shape[1]} pixels per row")
        array = array.reshape(-1, side, side)
    if array.ndim != 3:
        raise ValueError(f"expected a 1-D, 2-D or 3-D array, found shape {array.shape}")
    return struct.pack(">IIII", _MAGIC[3], *array.shape) + np.ascontiguousarray(array).tobytes()
