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
"""

from __future__ import annotations

import json
import os
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, NamedTuple

from . import _flag_tasks as _tasks
from ._answers import KDF, KDF_ITERATIONS, KINDS, hash_answer, normalize_answer

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

@dataclass(frozen=True)
class AlsoAccepted:
    """A further answer a flag accepts, besides the one its computation gives today, and where it comes from.

    Parameters
    ----------
    source : str
        Where this answer comes from, e.g. ``"ML 105 handout, computed with scikit-learn 1.7.2"``.
    compute : callable
        ``compute(data_home)`` returns that answer (unrounded, as ``Flag.compute``).
    why : str
        One sentence, in Markdown, on why it differs from today's answer; shown on the flags page (never a number).

    Examples
    --------
    >>> from mnist_tutorials.flags import get_flag
    >>> [extra.source for extra in get_flag("ML105.2").also_accepted]
    ['ML 105 handout, computed with scikit-learn 1.7.2']
    """

    source: str
    compute: Callable[[object], float]
    why: str


@dataclass(frozen=True)
class Flag:
    """One flag: its question, where it comes from, how to compare answers and how to compute it.

    Parameters
    ----------
    label : str
        Short identifier such as ``"ML105.1"``; letters, digits and dots only. It is part of the
        hash salt, so two flags with the same answer have different hashes.
    title : str
        A few words shown as the flag's heading.
    question : str
        The question, in Markdown, as shown on the flags page and by ``python -m mnist_tutorials flags``.
    tutorial : str
        The tutorial the flag belongs to, as a path relative to ``docs/`` (``"tutorials/03_….py"``).
    kind : {"fraction", "integer", "number"}
        How answers are read; see [`normalize_answer`][mnist_tutorials.flags.normalize_answer].
    decimals : int
        Decimals of the canonical answer (``0`` for integers). For a fraction, ``3`` means
        ``0.375`` / ``37.5%``.
    compute : callable
        ``compute(data_home)`` returns the answer (a float or int) from the package's data;
        ``data_home`` is passed on to ``fetch_mnist`` (None: the default cache).
    cost : str
        Rough cost of ``compute`` on a laptop, shown before a slow computation starts.
    also_accepted : tuple of AlsoAccepted, default=()
        Further answers that count as right: for a flag that asks a course's computation, the answer that
        course's (older) scikit-learn gives, when today's gives another.
    """

    label: str
    title: str
    question: str
    tutorial: str
    kind: str
    decimals: int
    compute: Callable[[object], float]
    cost: str
    also_accepted: tuple[AlsoAccepted, ...] = ()

    def __post_init__(self):
        if not re.fullmatch(r"[A-Za-z0-9.]+", self.label):
            raise ValueError(f"Flag label {self.label!r}: use letters, digits and dots only.")
        if self.kind not in KINDS:
            raise ValueError(f"Flag {self.label}: kind must be one of {KINDS}, got {self.kind!r}.")
        if not isinstance(self.decimals, int) or self.decimals < 0:
            raise ValueError(f"Flag {self.label}: decimals must be an int >= 0, got {self.decimals!r}.")
        if self.kind == "integer" and self.decimals != 0:
            raise ValueError(f"Flag {self.label}: an integer flag has decimals=0, got {self.decimals}.")


class FlagSummary(NamedTuple):
    """What [`list_flags`][mnist_tutorials.flags.list_flags] returns for one flag."""

    label: str
    question: str
    tutorial: str


# --------------------------------------------------------------------------------------------
# The registry
# --------------------------------------------------------------------------------------------

FLAGS: dict[str, Flag] = {
    flag.label: flag
    for flag in (
        Flag(
            label="DATA.1",
            title="Ones in the test set",
            question="The tutorial counts the images of each digit in the training set. How many images "
                     "of the digit **1** are in the MNIST **test** set (the last 10,000 rows of "
                     "`fetch_mnist()`)?",
            tutorial="tutorials/01_meet_the_data.py",
            kind="integer",
            decimals=0,
            compute=_tasks.ones_in_test_set,
            cost="a few seconds to load MNIST",
        ),
        Flag(
            label="BINARY.1",
            title="Threes that fool the 5-detector",
            question="Take the tutorial's cross-validated predictions, `y_train_pred = "
                     "cross_val_predict(SGDClassifier(random_state=42), X_train, y_train_5, cv=3)`. "
                     "How many images of the digit **3** in the training set does the 5-detector "
                     "call a 5?",
            tutorial="tutorials/02_five_detector.py",
            kind="integer",
            decimals=0,
            compute=_tasks.threes_called_five,
            cost="about 30-60 s: three SGDClassifier fits on 40,000 images, shared with ML105.1",
        ),
        Flag(
            label="ML105.1",
            title="Precision for threshold 3000",
            question="Cross-validate the 5-detector's decision scores "
                     "(`cross_val_predict(SGDClassifier(random_state=42), X_train, y_train_5, cv=3, "
                     "method=\"decision_function\")`) and classify with `y_scores >= 3000` instead of 0. "
                     "What is the **precision**? Give it to 3 decimals (or as a percentage to 0.1 %).",
            tutorial="tutorials/03_precision_recall_tradeoff.py",
            kind="fraction",
            decimals=3,
            compute=_tasks.precision_at_3000,
            cost="about 30-60 s: three SGDClassifier fits on 40,000 images",
        ),
        Flag(
            label="ML105.2",
            title="Correct percentage for 0s",
            question="As in the ML 105 handout: scale the first 2,000 training images with "
                     "`X_train_scaled = StandardScaler().fit_transform(X_train[:2000].astype(\"float64\"))`, "
                     "get cross-validated predictions with `y_train_pred = cross_val_predict("
                     "SGDClassifier(random_state=42), X_train_scaled, y_train[:2000], cv=3)` and plot the "
                     "confusion matrix normalized by row (`ConfusionMatrixDisplay.from_predictions("
                     "y_train[:2000], y_train_pred, normalize=\"true\", values_format=\".0%\")`). What "
                     "percentage of the **0**s is classified correctly? Give a whole percentage.",
            tutorial="tutorials/04_multiclass.py",
            kind="fraction",
            decimals=2,
            compute=_tasks.scaled_sgd_zero_recall,
            cost="about 5 s",
            also_accepted=(
                AlsoAccepted(
                    source=_tasks.course_answers()["ML105.2"]["source"],
                    compute=_tasks.course_answer("ML105.2"),
                    why="scikit-learn 1.8 changed when `SGDClassifier` stops training: between epochs it now "
                        "compares the regularized objective (loss plus penalty) where 1.7 and earlier compared "
                        "the loss alone, so the ten one-versus-rest fits stop after other numbers of epochs.",
                ),
            ),
        ),
        Flag(
            label="LOGREG.1",
            title="Twenty components",
            question="The tutorial's PCA pipeline, `make_pca_logreg(n_components=30, scaler=\"minmax\", "
                     "tol=1e-3)`, is fitted on the 80/20 split `train_test_split(X, y, test_size=0.2, "
                     "random_state=42)` of all 70,000 images. Keep only **20** components instead: what "
                     "is the pipeline's accuracy on the test set? Give a whole percentage.",
            tutorial="tutorials/05_logistic_regression_features.py",
            kind="fraction",
            decimals=2,
            compute=_tasks.pca20_logreg_accuracy,
            cost="about 10-20 s: PCA and a logistic regression on 56,000 images",
        ),
        Flag(
            label="FASHION.1",
            title="How much ink in a pair of trousers?",
            question="The tutorial prints the mean pixel value of all 60,000 Fashion-MNIST training "
                     "images. What is the mean pixel value of the **Trouser** training images alone "
                     "(label 1: every pixel of every Trouser image in the first 60,000 rows)? "
                     "Give it to 1 decimal, on the 0-255 scale.",
            tutorial="tutorials/06_fashion_eda.py",
            kind="number",
            decimals=1,
            compute=_tasks.trouser_mean_pixel,
            cost="a few seconds to load Fashion-MNIST",
        ),
        Flag(
            label="KNN97.1",
            title="A grid search on a small budget",
            question="Run the exercise's grid search, `GridSearchCV(KNeighborsClassifier(), "
                     "[{\"weights\": [\"uniform\", \"distance\"], \"n_neighbors\": [3, 4, 5, 6]}], cv=3)`, "
                     "on the **first 2,000** training images only. What is the best mean validation accuracy "
                     "(`best_score_`)? Give it to 3 decimals (or as a percentage to 0.1 %).",
            tutorial="tutorials/11_exercise_knn_97.py",
            kind="fraction",
            decimals=3,
            compute=_tasks.knn_grid_best_score_2000,
            cost="a few seconds: 24 KNN fits on 2,000 images",
        ),
        Flag(
            label="AUG.1",
            title="Shifted copies, smaller scale",
            question="Augment the **first 5,000** training images with their four one-pixel shifts (left, "
                     "right, up, down; 25,000 images in all, originals included), train a default "
                     "`KNeighborsClassifier()` on them, and score it on the **first 2,000** test images. "
                     "What is its accuracy? Give it to 3 decimals (or as a percentage to 0.1 %).",
            tutorial="tutorials/12_exercise_augmentation.py",
            kind="fraction",
            decimals=3,
            compute=_tasks.augmented_knn_accuracy,
            cost="a few seconds: one KNN prediction of 2,000 images against 25,000",
        ),
    )
}
"""Every flag, by label, in the order of the tutorials."""


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

# (cache key, label) -> (salt, iterations, hashes of the accepted answers). Never an answer itself.
_MEMORY_CACHE: dict[tuple[str, str], tuple[str, int, tuple[str, ...]]] = {}


def _disk_cache_path(data_home, key: str) -> Path:
    from .datasets import get_data_home

    return get_data_home(data_home) / "flags" / f"{key}.json"


def _read_disk_cache(path: Path) -> dict:
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
    if content.get("kdf") != KDF or content.get("iterations") != KDF_ITERATIONS:
        return {}
    def readable(entry) -> bool:
        return (isinstance(entry, list) and bool(entry)
                and all(isinstance(h, str) and re.fullmatch(r"[0-9a-f]{64}", h) for h in entry))

    if not isinstance(hashes, dict) or not all(readable(entry) for entry in hashes.values()):
        return {}
    return content


def _expected_hashes(flag: Flag, data_home, log: Callable[[str], None]) -> tuple[str, int, tuple[str, ...]]:
    key = cache_key()
    if (key, flag.label) in _MEMORY_CACHE:
        return _MEMORY_CACHE[key, flag.label]
    path = _disk_cache_path(data_home, key)
    content = _read_disk_cache(path)
    salt = content.get("salt") or secrets.token_hex(16)
    stored = content.get("flags", {}).get(flag.label)
    if not isinstance(stored, list):
        stored = [hash_answer(flag.label, normalized, salt, KDF_ITERATIONS)
                  for normalized in _expected_normalized(flag, data_home, log)]
        _tasks.release()
        content = {"salt": salt, "kdf": KDF, "iterations": KDF_ITERATIONS,
                   "flags": {**content.get("flags", {}), flag.label: stored}}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(content, indent=1, sort_keys=True), encoding="utf-8")
            os.replace(tmp, path)
            log(f"Saved a salted hash of the answer (not the answer) in {path}.")
        except OSError as exc:  # read-only cache folder: keep the hash in memory only
            log(f"Could not write {path} ({exc}); the hash is kept in memory for this session.")
    _MEMORY_CACHE[key, flag.label] = (salt, KDF_ITERATIONS, tuple(stored))
    return salt, KDF_ITERATIONS, tuple(stored)


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
