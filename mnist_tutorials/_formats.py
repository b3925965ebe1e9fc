"""The file formats the datasets come in: IDX (the original files) and Kaggle's Fashion-MNIST CSV.

Only parsing and writing bytes lives here: no paths to caches, no hashes, no downloads (those are
:mod:`mnist_tutorials._sources`), no Bunch (that is :mod:`mnist_tutorials.datasets`). This module imports
nothing from the package, so the data layer's imports flow one way: ``datasets -> _sources -> _formats``.

- An IDX file is a big-endian header (magic number, then one uint32 per dimension) followed by the raw
  uint8 values. Images are ``idx3`` (count, 28, 28); labels are ``idx1`` (count,).
- A Kaggle Fashion-MNIST CSV has the header ``label, pixel1 … pixel784`` (:data:`FEATURE_NAMES` are the pixel
  columns) and one image per row.
"""

from __future__ import annotations

import csv
import os
import struct

import numpy as np

FEATURE_NAMES = [f"pixel{i}" for i in range(1, 785)]
"""The 784 pixel columns, as OpenML and Kaggle name them: ``pixel1`` … ``pixel784``."""

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


_MAX_CELL_BYTES = 8  # "255", a pair of quotes, a separator and a space or two: a legitimate cell is never longer
_MAX_HEADER_BYTES = 1 << 16


def check_n_rows(value, name: str = "n_rows") -> None:
    """Raise unless ``value`` is None or a whole number of rows >= 1 (bool, float and str are refused).

    Examples
    --------
    >>> check_n_rows(4.0, "n_train")
    Traceback (most recent call last):
    ...
    TypeError: n_train must be a whole number of rows (int) or None, found float 4.0.
    """
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number of rows (int) or None, found {type(value).__name__} {value!r}.")
    if value < 1:
        raise ValueError(f"{name} must be at least 1 (the number of data rows the file must have), found {value}. "
                         "Pass None to accept any number of rows.")


def check_csv_path(value, name: str = "path") -> None:
    """Raise unless ``value`` is a non-empty ``str`` or path-like (the name of the parameter in the message)."""
    if not isinstance(value, (str, os.PathLike)):
        raise TypeError(f"{name} must be the path of a CSV file (str or pathlib.Path), found {type(value).__name__} "
                        f"{value!r}.")
    if not os.fspath(value).strip():
        raise ValueError(f"{name} is an empty string; pass the path of a Kaggle Fashion-MNIST CSV file.")


def _header(path) -> list | None:
    """The first record of the file (at most 64 KiB are read; a BOM is dropped), or None if the file is empty."""
    with open(path, "rb") as fh:
        line = fh.readline(_MAX_HEADER_BYTES)
    if not line:
        return None
    return next(csv.reader([line.decode("utf-8-sig").rstrip("\r\n")]), [])


def _first_ragged_line(path, width: int, records: int | None = None) -> tuple[int, int] | None:
    """``(line, values)`` of the first data record (of the first ``records``) without ``width`` values, or None.

    Quoted fields count as one value, CRLF line ends and a BOM are read like pandas reads them, blank lines are
    skipped like pandas skips them.
    """
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh)
        try:
            next(reader, None)
            seen = 0
            for fields in reader:
                if not fields:
                    continue
                if len(fields) != width:
                    return reader.line_num, len(fields)
                seen += 1
                if records is not None and seen >= records:
                    break
        except csv.Error:  # a field longer than the csv module's limit: no Kaggle cell is
            return reader.line_num, -1
    return None


def _ragged_error(path, found, width: int) -> ValueError:
    line, count = found
    if count < 0:
        return ValueError(f"{path}: line {line:,} has a value far too long to be a pixel. The file is damaged or not "
                          "Kaggle's Fashion-MNIST CSV.")
    why = ("one value too many: a separator at the end of the line, or an index column, would shift every column by "
           "one" if count == width + 1 else "the line is cut short or has extra values")
    return ValueError(
        f"{path}: line {line:,} has {count:,} values, but the header has {width} (label, pixel1 … pixel784): "
        f"{why}. It was not read. The file is damaged or not Kaggle's Fashion-MNIST CSV."
    )


def read_kaggle_csv(path, *, n_rows=None):
    """Read one Kaggle Fashion-MNIST CSV (``label, pixel1 … pixel784``) into ``(X, y)``, checking every cell.

    Every line must have exactly as many values as the header (785): a line with one more would otherwise be
    read with its first value as an index, every column shifted by one. Quoted numbers, CRLF line ends and a
    UTF-8 byte-order mark are accepted, as Excel and Windows write them.

    Parameters
    ----------
    path : str or path-like
    n_rows : int, default=None
        The number of data rows the file must have (60,000 for ``fashion-mnist_train.csv``, 10,000 for
        ``fashion-mnist_test.csv``); None accepts any number above zero. When given, a file larger than such a
        CSV can be is refused before it is read.

    Returns
    -------
    X : ndarray of uint8, shape (n, 784)
    y : ndarray of int64, shape (n,)

    Raises
    ------
    ValueError
        If the file is empty or not a CSV, the header is not ``label, pixel1 … pixel784``, a line has more or
        fewer values than the header, it has no data row or not ``n_rows`` of them, or a cell is blank, not a
        whole number, a pixel outside 0…255 or a label outside 0…9. The message names the file, the line and
        the column.
    TypeError
        If ``path`` is not a path or ``n_rows`` not an int (or None).

    Examples
    --------
    >>> from mnist_tutorials.datasets import read_kaggle_csv
    >>> X, y = read_kaggle_csv("fashion-mnist_test.csv", n_rows=10000)  # doctest: +SKIP
    """
    import pandas as pd

    check_csv_path(path, "path")
    check_n_rows(n_rows, "n_rows")
    expected = ["label", *FEATURE_NAMES]
    width = len(expected)
    size = os.stat(path).st_size
    if n_rows is not None and size > (n_rows + 1) * width * _MAX_CELL_BYTES:
        raise ValueError(f"{path} has {size:,} bytes, more than a CSV of {n_rows:,} rows of {width} values can have "
                         f"({(n_rows + 1) * width * _MAX_CELL_BYTES:,}). It was not read: it is not the file you "
                         "meant.")
    try:
        header = _header(path)
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not a Kaggle Fashion-MNIST CSV file ({type(exc).__name__}: {exc})") from exc
    if header is None:
        raise ValueError(f"{path}: not a Kaggle Fashion-MNIST CSV file (EmptyDataError: the file is empty, not even "
                         "a header).")
    if header != expected:
        found = header[:3] + (["…"] if len(header) > 3 else [])
        raise ValueError(
            f"{path}: expected the Kaggle Fashion-MNIST columns label, pixel1 … pixel784 "
            f"({width} columns), found {len(header)} columns starting {found}."
        )
    try:  # header=None: a line with one value too many must not turn its first value into an index
        frame = pd.read_csv(path, header=None, skiprows=1, encoding="utf-8-sig",
                            nrows=None if n_rows is None else n_rows + 1)
    except pd.errors.EmptyDataError:
        frame = pd.DataFrame(columns=range(width))
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        ragged = _first_ragged_line(path, width)
        if ragged:
            raise _ragged_error(path, ragged, width) from exc
        raise ValueError(f"{path}: not a Kaggle Fashion-MNIST CSV file ({type(exc).__name__}: {exc})") from exc
    if frame.shape[1] != width:
        raise _ragged_error(path, _first_ragged_line(path, width) or (2, frame.shape[1]), width)
    if len(frame) == 0 or (n_rows is not None and len(frame) != n_rows):
        wanted = f"{n_rows:,}" if n_rows is not None else "at least one"
        found = f"more than {n_rows:,}" if n_rows is not None and len(frame) > n_rows else f"{len(frame):,}"
        raise ValueError(f"{path}: expected {wanted} data rows below the header, found {found}. "
                         "The file is truncated or not the one you meant; download it again.")
    values = frame.apply(pd.to_numeric, errors="coerce").to_numpy(np.float64)
    bad = np.isnan(values) | (values != np.floor(values))
    bad[:, 0] |= (values[:, 0] < 0) | (values[:, 0] > 9)
    bad[:, 1:] |= (values[:, 1:] < 0) | (values[:, 1:] > 255)
    if bad.any():
        row, col = (int(i) for i in np.argwhere(bad)[0])
        ragged = _first_ragged_line(path, width, records=row + 1)  # a short line reads as blank cells at its end
        if ragged:
            raise _ragged_error(path, ragged, width)
        cell = frame.iat[row, col]
        what = "a blank cell" if isinstance(cell, float) and np.isnan(cell) else f"{cell!r}"
        allowed = "a whole number 0…9" if col == 0 else "a whole number 0…255"
        raise ValueError(
            f"{path}: data row {row + 1:,} (line {row + 2:,} of the file), column {expected[col]!r}: found "
            f"{what}, expected {allowed}. The file is damaged or not Kaggle's Fashion-MNIST CSV."
        )
    return values[:, 1:].astype(np.uint8), values[:, 0].astype(np.int64)
