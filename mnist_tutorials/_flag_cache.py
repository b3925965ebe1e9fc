"""The salted hashes that `mnist_tutorials.flags.check_flag` keeps of the accepted answers (private).

Two caches, both keyed by ``(cache key, label)``, where the cache key is `mnist_tutorials.flags.cache_key`:

- in memory (``MEMORY``), for the rest of the Python session;
- on disk, in ``<data_home>/flags/<cache key>.json``: ``{"salt", "kdf", "iterations", "flags": {label: [hash,
  …]}}``, one file per key, shared by every flag. A file that is not of this format is discarded, never trusted.

Neither ever holds an answer: only PBKDF2 hashes of the normalized answers, salted with a random salt.
"""

from __future__ import annotations

import json
import re
import secrets
from pathlib import Path
from typing import Callable

from ._answers import KDF
from ._cachefiles import write_atomically

MEMORY: dict[tuple[str, str], tuple[str, int, tuple[str, ...]]] = {}
"""(cache key, label) -> (salt, iterations, hashes of the accepted answers). Never an answer itself."""


def disk_path(data_home, key: str) -> Path:
    """``<data_home>/flags/<key>.json``."""
    from .datasets import get_data_home

    return get_data_home(data_home) / "flags" / f"{key}.json"


def read_disk(path: Path, iterations: int) -> dict:
    """The cache file's content if it is complete and of this format, else ``{}`` (start afresh).

    A file with a missing or empty salt, another key-derivation function or iteration count, or an entry
    that is not a non-empty list of hashes (an older format kept one hash per flag) is discarded, never
    trusted: its hashes would not match (or would match the wrong thing).
    """
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(content, dict):
        return {}
    salt, hashes = content.get("salt"), content.get("flags")
    if not isinstance(salt, str) or not re.fullmatch(r"[0-9a-f]{16,}", salt):
        return {}
    if content.get("kdf") != KDF or content.get("iterations") != iterations:
        return {}
    def readable(entry) -> bool:
        return (isinstance(entry, list) and bool(entry)
                and all(isinstance(h, str) and re.fullmatch(r"[0-9a-f]{64}", h) for h in entry))

    if not isinstance(hashes, dict) or not all(readable(entry) for entry in hashes.values()):
        return {}
    return content


def salted_hashes(key: str, label: str, data_home, iterations: int, hash_answers: Callable[[str], list[str]],
                  log: Callable[[str], None]) -> tuple[str, int, tuple[str, ...]]:
    """``(salt, iterations, hashes)`` of flag ``label``: from memory, else from disk, else computed and stored.

    ``hash_answers(salt)`` computes the hashes of the accepted answers with that salt (the slow part, run only
    when neither cache has them). A cache folder that cannot be written keeps the hashes in memory only.
    """
    if (key, label) in MEMORY:
        return MEMORY[key, label]
    path = disk_path(data_home, key)
    content = read_disk(path, iterations)
    salt = content.get("salt") or secrets.token_hex(16)
    stored = content.get("flags", {}).get(label)
    if not isinstance(stored, list):
        stored = hash_answers(salt)
        content = {"salt": salt, "kdf": KDF, "iterations": iterations,
                   "flags": {**content.get("flags", {}), label: stored}}
        try:
            write_atomically(path, json.dumps(content, indent=1, sort_keys=True).encode("utf-8"))
            log(f"Saved a salted hash of the answer (not the answer) in {path}.")
        except OSError as exc:  # read-only cache folder: keep the hash in memory only
            log(f"Could not write {path} ({exc}); the hash is kept in memory for this session.")
    MEMORY[key, label] = (salt, iterations, tuple(stored))
    return MEMORY[key, label]
