"""Flag exercises: questions with one numeric answer, checked against salted, deliberately slow hashes.

A *flag* is the single number a tutorial asks the reader to find, such as the precision of the
5-detector at threshold 3000 (flag ``ML105.1``). Each flag declares

- its **kind**: ``"fraction"`` (a proportion: ``0.375``, ``.375`` and ``37.5%`` are the same answer),
  ``"integer"`` (a count: ``12345`` or ``12,345``) or ``"number"`` (any decimal number), and
- its **precision**: how many decimals of the fraction (or number) count. Answers are rounded half
  up to that precision before they are compared, so ``0.3752`` and ``37.5%`` both match ``0.375``.

Answers never ship in plain text. [`normalize_answer`][mnist_tutorials.flags.normalize_answer] maps
what a reader types to a canonical string, and [`hash_answer`][mnist_tutorials.flags.hash_answer]
turns it into a PBKDF2-HMAC-SHA256 hash salted with ``f"{salt}:{label}"``, with ``KDF_ITERATIONS``
(600,000) iterations, so that each guess costs a few tenths of a second. The site build
(``docs/hooks/flags.py``) computes every answer with
[`compute_answer`][mnist_tutorials.flags.compute_answer] and publishes only these hashes, with each
flag's iteration count; ``docs/javascripts/flags.js`` applies the same normalization and the same
PBKDF2 (Web Crypto) in the browser. This is self-assessment, not a lock: the code that computes the
answers is public.

Outside the site, [`check_flag`][mnist_tutorials.flags.check_flag] runs a flag's computation from
this package (so it works in Colab after ``%pip install mnist-tutorials``) and compares normalized
answers. It keeps only salted hashes of the expected answers, in memory and on disk.

A flag may accept more than one answer (``Flag.also_accepted``): a flag that asks a course's own
computation also accepts the answer that course's scikit-learn gave, when today's gives another
(ML105.2). Each accepted answer gets its own hash, with the same salt and label.

This module is the API; everything it names is importable from here. Behind it, one private module per job:
``_flag_registry.py`` (``FLAGS``: each flag's question, kind, precision and computation; add a flag there),
``_flag_tasks.py`` (the computations), ``_answers.py`` (normalization and hashing, mirrored line by line by
``flags.js``) and ``_flag_cache.py`` (the salted hashes ``check_flag`` keeps, in memory and on disk).
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path
from typing import Callable, NamedTuple

from . import _flag_cache
from . import _flag_tasks as _tasks
from ._answers import KDF, KDF_ITERATIONS, KINDS, hash_answer, normalize_answer
from ._flag_registry import FLAGS, AlsoAccepted, Flag

__all__ = [
    "KDF",
    "KDF_ITERATIONS",
    "KINDS",
    "Flag",
    "AlsoAccepted",
    "FlagSummary",
    "FLAGS",
    "list_flags",
    "get_flag",
    "normalize_answer",
    "hash_answer",
    "compute_answer",
    "cache_key",
    "compute_flag_hashes",
    "check_flag",
]


class FlagSummary(NamedTuple):
    """What [`list_flags`][mnist_tutorials.flags.list_flags] returns for one flag."""

    label: str
    question: str
    tutorial: str


def list_flags() -> list[FlagSummary]:
    """List every flag as ``(label, question, tutorial)``.

    Returns
    -------
    list of FlagSummary
        Named tuples ``(label, question, tutorial)``; ``tutorial`` is the page's source path under
        ``docs/`` (e.g. ``"tutorials/03_precision_recall_tradeoff.py"``).

    Examples
    --------
    >>> from mnist_tutorials.flags import list_flags
    >>> [flag.label for flag in list_flags()][:3]
    ['DATA.1', 'BINARY.1', 'ML105.1']
    """
    return [FlagSummary(flag.label, flag.question, flag.tutorial) for flag in FLAGS.values()]


def get_flag(label: str) -> Flag:
    """Return the [`Flag`][mnist_tutorials.flags.Flag] called ``label``; case and spaces are ignored.

    Parameters
    ----------
    label : str
        A flag label such as ``"ML105.1"``.

    Returns
    -------
    Flag

    Raises
    ------
    KeyError
        If no flag has that label; the message lists the labels that exist.

    Examples
    --------
    >>> from mnist_tutorials.flags import get_flag
    >>> get_flag("ml 105.1").kind
    'fraction'
    """
    key = re.sub(r"\s+", "", str(label)).upper()
    for flag in FLAGS.values():
        if flag.label.upper() == key:
            return flag
    raise KeyError(
        f"No flag called {label!r}. Known flags: {', '.join(FLAGS)}. "
        f"`python -m mnist_tutorials flags` lists them with their questions."
    )


def compute_answer(label: str, *, data_home=None):
    """Run the computation behind a flag and return the raw answer (this spoils the exercise).

    The computations are the ones the tutorials show, with ``random_state=42``: the answers
    are deterministic for a given data set, scikit-learn and NumPy.

    Parameters
    ----------
    label : str
        A flag label; see [`list_flags`][mnist_tutorials.flags.list_flags].
    data_home : str or path-like, default=None
        Data folder, as for `mnist_tutorials.fetch_mnist`.

    Returns
    -------
    float or int
        The unrounded answer (a fraction for ``kind="fraction"``, never a percentage).

    Examples
    --------
    >>> from mnist_tutorials.flags import compute_answer
    >>> compute_answer("ML105.2")  # doctest: +SKIP
    """
    return get_flag(label).compute(data_home)


# --------------------------------------------------------------------------------------------
# Hashes and their cache key
# --------------------------------------------------------------------------------------------


def cache_key() -> str:
    """Hash of everything a flag's answer depends on: package modules, data checksums, versions.

    It is the build caches' one key rule (``mnist_tutorials._cachekey.cache_key``) applied to this
    module: the bytes of ``flags.py`` and of every package module it imports (transitively, read from
    the code) and of ``course_answers.json`` (the answers of ``Flag.also_accepted``), the pinned sha256 of each data file (``mnist_tutorials._sources.REGISTRY``) and the
    versions of Python and the libraries. Caches of flag hashes (the site build's ``.cache/flags/`` and
    [`check_flag`][mnist_tutorials.flags.check_flag]'s ``<data_home>/flags/``) are keyed by it, so
    any of those changes forces a recomputation.

    Returns
    -------
    str
        24 hex digits.

    Examples
    --------
    >>> from mnist_tutorials.flags import cache_key
    >>> len(cache_key())
    24
    """
    from ._cachekey import cache_key as _build_cache_key

    return _build_cache_key("flags", [_tasks.COURSE_ANSWERS_FILE], modules=[__name__],
                            package_dir=Path(__file__).resolve().parent)


def _expected_normalized(flag: Flag, data_home, log: Callable[[str], None]) -> list[str]:
    """Every accepted answer, normalized: today's computation first, then ``flag.also_accepted``, no repeats."""
    log(f"Computing the answer to {flag.label} from the data ({flag.cost}) ...")
    start = time.perf_counter()
    answers = [flag.compute(data_home)] + [extra.compute(data_home) for extra in flag.also_accepted]
    normalized = list(dict.fromkeys(normalize_answer(answer, flag.kind, flag.decimals) for answer in answers))
    log(f"{flag.label}: done in {time.perf_counter() - start:.1f} s.")
    return normalized


def compute_flag_hashes(salt: str, labels=None, *, iterations: int | None = None, data_home=None,
                        log: Callable[[str], None] = print) -> dict:
    """Compute flags' answers and return only their salted hashes (what the site publishes).

    Cost: every flag's computation runs, about a minute in all on a laptop (ML105.1 dominates);
    MNIST and Fashion-MNIST are loaded (and downloaded on first use). Hashing adds a few tenths of a
    second per flag.

    Parameters
    ----------
    salt : str
        Salt for [`hash_answer`][mnist_tutorials.flags.hash_answer]; must not be empty.
    labels : iterable of str, default=None
        Which flags; None means all of them.
    iterations : int, default=None
        PBKDF2 iterations for every flag; None means ``KDF_ITERATIONS``.
    data_home : str or path-like, default=None
        Data folder, as for `mnist_tutorials.fetch_mnist`.
    log : callable, default=print
        Receives one progress line per step.

    Returns
    -------
    dict
        ``{label: {"kind": …, "decimals": …, "iterations": …, "hashes": […]}}``, in registry order:
        one hash per accepted answer (today's first, then ``Flag.also_accepted``'s, repeats dropped), all
        with the same salt and label, so a checker derives one hash and compares it with each.

    Examples
    --------
    >>> from mnist_tutorials.flags import compute_flag_hashes
    >>> hashes = compute_flag_hashes("00", ["DATA.1"], log=lambda line: None)  # doctest: +SKIP
    >>> sorted(hashes["DATA.1"])  # doctest: +SKIP
    ['decimals', 'hashes', 'iterations', 'kind']
    """
    iterations = KDF_ITERATIONS if iterations is None else iterations
    flags = list(FLAGS.values()) if labels is None else [get_flag(label) for label in labels]
    try:
        return {
            flag.label: {
                "kind": flag.kind,
                "decimals": flag.decimals,
                "iterations": iterations,
                "hashes": [hash_answer(flag.label, normalized, salt, iterations)
                           for normalized in _expected_normalized(flag, data_home, log)],
            }
            for flag in flags
        }
    finally:
        _tasks.release()


# --------------------------------------------------------------------------------------------
# Checking an answer from Python (Colab) or the command line
# --------------------------------------------------------------------------------------------


def _expected_hashes(flag: Flag, data_home, log: Callable[[str], None]) -> tuple[str, int, tuple[str, ...]]:
    """Salt, iterations and hashes of ``flag``'s accepted answers, from check_flag's caches (``_flag_cache``)."""
    def hash_answers(salt: str) -> list[str]:
        hashes = [hash_answer(flag.label, normalized, salt, KDF_ITERATIONS)
                  for normalized in _expected_normalized(flag, data_home, log)]
        _tasks.release()
        return hashes

    return _flag_cache.salted_hashes(cache_key(), flag.label, data_home, KDF_ITERATIONS, hash_answers, log)


def check_flag(label: str, answer, *, data_home=None) -> bool:
    """Check an answer to a flag, print a message and return whether it is right.

    This works without the site, e.g. in Colab: the expected answer is computed by running the
    flag's computation from this package (see [`list_flags`][mnist_tutorials.flags.list_flags] for
    the questions). That is **slow the first time**: loading MNIST (downloaded on first use), then
    the flag's own cost, up to about a minute for ``ML105.1`` (three ``SGDClassifier`` fits on
    40,000 images). Progress is printed. Afterwards only salted PBKDF2 hashes of the normalized
    accepted answers (today's and any ``Flag.also_accepted``) are kept, in memory and in ``<data_home>/flags/<cache_key>.json``, so later
    checks take a few tenths of a second (the hash is slow on purpose). The key
    ([`cache_key`][mnist_tutorials.flags.cache_key]) changes with the package sources, data
    checksums and library versions.

    The answer is normalized as on the site
    ([`normalize_answer`][mnist_tutorials.flags.normalize_answer]): for a fraction ``0.375``,
    ``".375"``, ``"37.5%"`` and ``" 37.5 % "`` are the same answer, rounded to the flag's precision.

    Parameters
    ----------
    label : str
        The flag, e.g. ``"ML105.1"`` (case and spaces ignored).
    answer : str, int or float
        Your answer.
    data_home : str or path-like, default=None
        Data and cache folder, as for `mnist_tutorials.fetch_mnist`.

    Returns
    -------
    bool
        True if the normalized answer matches any accepted answer. An unreadable answer prints why and returns False.

    Raises
    ------
    KeyError
        If ``label`` is not a known flag.

    Examples
    --------
    >>> from mnist_tutorials.flags import check_flag
    >>> check_flag("ML105.2", "50%")  # doctest: +SKIP
    Computing the answer to ML105.2 from the data (about 5 s) ...
    ...
    ML105.2: 50% (read as 0.50) is not the answer. Try again.
    False
    """
    flag = get_flag(label)
    try:
        normalized = normalize_answer(answer, flag.kind, flag.decimals)
    except ValueError as exc:
        print(f"{flag.label}: {exc}")
        return False
    salt, iterations, expected = _expected_hashes(flag, data_home, print)
    shown = answer if isinstance(answer, str) else repr(answer)
    digest = hash_answer(flag.label, normalized, salt, iterations)
    matches = [secrets.compare_digest(digest, accepted) for accepted in expected]  # compare with each
    if any(matches):
        print(f"{flag.label}: {shown.strip()} is correct. Well done!")
        if not matches[0]:  # an answer from flag.also_accepted, not today's
            sources = "; ".join(extra.source for extra in flag.also_accepted)
            print(f"(That is the answer of: {sources}. Your scikit-learn gives another one, also accepted.)")
        return True
    print(f"{flag.label}: {shown.strip()} (read as {normalized}) is not the answer. Try again.")
    return False
