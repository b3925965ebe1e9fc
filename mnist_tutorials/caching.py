"""How this package's caches are keyed and written, for builds and tools that cache what it computes.

The package keys its own caches (the flag answers, :func:`mnist_tutorials.flags.cache_key`) with
:func:`cache_key`, and writes every cache file and data file with :func:`write_atomically`. The site's build (its
executed notebooks, build-time figures and flag answers, ``docs/hooks/``) uses the same three functions from
here, so its entries follow the same rule and never leave half-written files. The definitions live in the
package's private modules ``_cachekey`` and ``_cachefiles``; this module is their public face, and the only
one that code outside the package should import.

* :func:`cache_key`: a key from the files an entry is computed from, the package modules they import (read from
  the code, transitively), the pinned data checksums, the library versions (:data:`LIBRARIES` and any given) and
  options.
* :func:`write_atomically`: a write that a reader sees whole or not at all.
* :func:`remove_partial_files`: removes what writers that died left in a folder.

Examples
--------
>>> import tempfile, pathlib
>>> from mnist_tutorials.caching import cache_key, write_atomically
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> key = cache_key("my-cache", modules=["mnist_tutorials.metrics"])
>>> write_atomically(folder / f"{key}.json", "{}")
>>> [path.name == f"{key}.json" for path in folder.iterdir()], len(key)
([True], 24)
"""

from __future__ import annotations

from ._cachefiles import remove_partial_files, write_atomically
from ._cachekey import LIBRARIES, cache_key

__all__ = ["LIBRARIES", "cache_key", "remove_partial_files", "write_atomically"]
