"""Flag exercises: questions with one numeric answer, checked against salted hashes.

A *flag* is the single number a tutorial asks the reader to find, such as the precision of the
5-detector at threshold 3000 (flag ``ML105.1``). Each flag declares

- its **kind**: ``"fraction"`` (a proportion: ``0.375``, ``.375`` and ``37.5%`` are the same answer),
  ``"integer"`` (a count: ``12345`` or ``12,345``) or ``"number"`` (any decimal number), and
- its **precision**: how many decimals of the fraction (or number) count. Answers are rounded half
  up to that precision before they are compared, so ``0.3752`` and ``37.5%`` both match ``0.375``.

Answers never ship in plain text. :func:`normalize_answer` maps what a reader types to a canonical
string, and :func:`hash_answer` turns it into ``sha256(f"{salt}:{label}:{normalized}")``. The site
build (``docs/hooks/flags.py``) computes every answer with :func:`compute_answer` and publishes only
these hashes; ``docs/javascripts/flags.js`` applies the same normalization in the browser.

Outside the site, :func:`check_flag` runs a flag's computation from this package (so it works in
Colab after ``%pip install mnist-tutorials``) and compares normalized answers. It keeps only a
salted hash of the expected answer, in memory and on disk.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import secrets
import sys
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, NamedTuple

import numpy as np

__all__ = [
    "KINDS",
    "Flag",
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

#: The kinds of answer a flag can have.
KINDS = ("fraction", "integer", "number")

# Whitespace stripped around an answer and allowed before "%". Spelled out (not "\s") so that
# Python and JavaScript strip exactly the same characters.
_WS = " \t\n\r\f\v\u00a0\u202f"
# [0-9], not \d: Python's \d also matches other scripts' digits, JavaScript's does not.
_NUMBER_RE = re.compile(r"([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)[" + _WS + r"]*(%?)")
_GROUPED_INT_RE = re.compile(r"[+]?[0-9]{1,3}(?:,[0-9]{3})+")


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
        How answers are read; see :func:`normalize_answer`.
    decimals : int
        Decimals of the canonical answer (``0`` for integers). For a fraction, ``3`` means
        ``0.375`` / ``37.5%``.
    compute : callable
        No-argument function returning the answer (a float or int) from the package's data.
    cost : str
        Rough cost of ``compute`` on a laptop, shown before a slow computation starts.
    """

    label: str
    title: str
    question: str
    tutorial: str
    kind: str
    decimals: int
    compute: Callable[[], float]
    cost: str

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
    """What :func:`list_flags` returns for one flag."""

    label: str
    question: str
    tutorial: str


# --------------------------------------------------------------------------------------------
# Normalization and hashing (mirrored line by line in docs/javascripts/flags.js)
# --------------------------------------------------------------------------------------------


def _answer_to_text(answer) -> str:
    """Turn what the user passed (str, int, float, NumPy scalar) into the text to parse."""
    if isinstance(answer, (bool, np.bool_)):
        raise ValueError(f"expected a number, got the boolean {answer!r}.")
    if isinstance(answer, str):
        return answer
    if isinstance(answer, (int, np.integer)):
        return str(int(answer))
    if isinstance(answer, (float, np.floating)):
        value = float(answer)
        if not np.isfinite(value):
            raise ValueError(f"expected a finite number, got {value!r}.")
        # repr gives the shortest string that round-trips; expand any exponent (1e-05 -> 0.00001).
        text = np.format_float_positional(value, unique=True, trim="-")
        return text
    raise ValueError(
        f"expected a number or a string such as '0.375' or '37.5%', got {type(answer).__name__} {answer!r}."
    )


def _round_scaled(digits: int, scale: int, decimals: int) -> int:
    """Round ``digits * 10**-scale`` half up (away from zero) to ``decimals`` places.

    Returns the rounded value times ``10**decimals``, as an exact integer (no floating point).
    """
    if scale <= decimals:
        return digits * 10 ** (decimals - scale)
    unit = 10 ** (scale - decimals)
    quotient, remainder = divmod(digits, unit)
    if 2 * remainder >= unit:
        quotient += 1
    return quotient


def _format_scaled(value: int, negative: bool, decimals: int) -> str:
    """Format ``value * 10**-decimals`` with exactly ``decimals`` decimals; no ``-0``."""
    text = str(value).rjust(decimals + 1, "0")
    body = text if decimals == 0 else f"{text[:-decimals]}.{text[-decimals:]}"
    return f"-{body}" if negative and value != 0 else body


def normalize_answer(answer, kind: str, decimals: int = 0) -> str:
    """Map an answer to the canonical string that is hashed and compared.

    The same rules run in the browser (``docs/javascripts/flags.js``); the tests check that both
    agree on a table of inputs.

    - Spaces around the answer are ignored, and so are spaces before ``%``.
    - ``"fraction"``: ``0.375``, ``.375``, ``37.5%`` and ``37.5`` are the same answer. A number
      followed by ``%``, or a bare number above 1, is read as a percentage. The result must lie
      between 0 and 1 (0 % and 100 %). Canonical form: ``"0.375"`` (``decimals`` places).
    - ``"integer"``: ``12345``, ``12,345`` or ``12345.0``. Canonical form: ``"12345"``.
    - ``"number"``: a signed decimal number, no ``%``. Canonical form: ``decimals`` places.

    Rounding is half up on the decimal digits as typed (no binary floating point), so ``0.3755``
    becomes ``0.376`` in Python and in JavaScript alike.

    Parameters
    ----------
    answer : str, int or float
        What the reader typed or computed. Floats are written out with their shortest round-trip
        representation first (``0.1`` is ``"0.1"``, not ``0.1000000000000000055…``).
    kind : {"fraction", "integer", "number"}
        How to read the answer.
    decimals : int, default=0
        Places kept in the canonical form; must be 0 for ``"integer"``.

    Returns
    -------
    str
        The canonical answer.

    Raises
    ------
    ValueError
        If the answer cannot be read as a number of that kind (the message says why), or if
        ``kind`` / ``decimals`` are invalid.

    Examples
    --------
    >>> from mnist_tutorials.flags import normalize_answer
    >>> [normalize_answer(a, "fraction", 3) for a in ["0.375", " .375 ", "37.5%", "37.5 %", 0.3752]]
    ['0.375', '0.375', '0.375', '0.375', '0.375']
    >>> normalize_answer("98%", "fraction", 2), normalize_answer("98", "fraction", 2)
    ('0.98', '0.98')
    >>> normalize_answer("12,345", "integer")
    '12345'
    """
    if kind not in KINDS:
        raise ValueError(f"normalize_answer: kind must be one of {KINDS}, got {kind!r}.")
    if isinstance(decimals, bool) or not isinstance(decimals, (int, np.integer)) or decimals < 0:
        raise ValueError(f"normalize_answer: decimals must be an int >= 0, got {decimals!r}.")
    decimals = int(decimals)
    text = _answer_to_text(answer).strip(_WS)
    if kind == "integer" and _GROUPED_INT_RE.fullmatch(text):
        text = text.replace(",", "")
    match = _NUMBER_RE.fullmatch(text)
    if match is None:
        raise ValueError(
            f"could not read {text!r} as a number: type digits with a dot for decimals, "
            f"e.g. 0.375, .375 or 37.5%."
        )
    sign, number, percent = match.groups()
    int_part, _, frac_part = number.partition(".")
    digits = int((int_part or "0") + frac_part)
    scale = len(frac_part)
    negative = sign == "-" and digits != 0

    if kind == "fraction":
        if negative:
            raise ValueError(f"a fraction lies between 0 and 1, got the negative number {text!r}.")
        if percent or digits > 10**scale:  # "37.5%" or a bare "37.5" (> 1): a percentage
            scale += 2
        value = _round_scaled(digits, scale, decimals)
        if value > 10**decimals:
            raise ValueError(f"a fraction lies between 0 and 1 (0% to 100%), got {text!r}.")
        return _format_scaled(value, False, decimals)

    if percent:
        raise ValueError(f"this flag asks for a {kind}, not a percentage: remove the % from {text!r}.")
    if kind == "integer":
        if frac_part.strip("0"):
            raise ValueError(f"this flag asks for a whole number, got {text!r}.")
        return _format_scaled(digits // 10**scale, negative, 0)
    return _format_scaled(_round_scaled(digits, scale, decimals), negative, decimals)


def hash_answer(label: str, normalized: str, salt: str) -> str:
    """Salted SHA-256 of a normalized answer: ``sha256(f"{salt}:{label}:{normalized}")`` in hex.

    Parameters
    ----------
    label : str
        The flag's label, e.g. ``"ML105.1"``.
    normalized : str
        Output of :func:`normalize_answer`.
    salt : str
        Site or cache salt (hex string).

    Returns
    -------
    str
        64 lowercase hex digits; ``crypto.subtle.digest("SHA-256", …)`` gives the same in a browser.

    Examples
    --------
    >>> from mnist_tutorials.flags import hash_answer
    >>> hash_answer("ML105.1", "0.500", "00")[:16]
    '4628ec725fa5591d'
    """
    return hashlib.sha256(f"{salt}:{label}:{normalized}".encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------------------------
# The computations behind the flags (sklearn with fixed seeds; never Keras training)
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _mnist_split():
    """MNIST as ``X_train, X_test, y_train, y_test`` (first 60,000 rows train), loaded once."""
    from .datasets import fetch_mnist

    mnist = fetch_mnist()
    X, y = mnist.data, mnist.target
    return X[:60000], X[60000:], y[:60000], y[60000:]


@lru_cache(maxsize=1)
def _five_detector_scores() -> np.ndarray:
    """Cross-validated decision scores of the 5-detector on the training set (the slow part)."""
    from sklearn.linear_model import SGDClassifier
    from sklearn.model_selection import cross_val_predict

    X_train, _, y_train, _ = _mnist_split()
    y_train_5 = y_train == "5"
    return cross_val_predict(SGDClassifier(random_state=42), X_train, y_train_5, cv=3,
                             method="decision_function")


def _test_ones() -> int:
    _, _, _, y_test = _mnist_split()
    return int(np.count_nonzero(y_test == "1"))


def _threes_called_five() -> int:
    # SGDClassifier.predict is decision_function > 0, so these are the predictions of
    # cross_val_predict(sgd_clf, X_train, y_train_5, cv=3) (same folds, same fits).
    _, _, y_train, _ = _mnist_split()
    y_train_pred = _five_detector_scores() > 0
    return int(np.count_nonzero(y_train_pred & (y_train == "3")))


def _precision_at_3000() -> float:
    from sklearn.metrics import precision_score

    _, _, y_train, _ = _mnist_split()
    y_train_5 = y_train == "5"
    y_scores = _five_detector_scores()
    return float(precision_score(y_train_5, y_scores >= 3000))


def _scaled_sgd_zero_recall() -> float:
    from sklearn.linear_model import SGDClassifier
    from sklearn.metrics import confusion_matrix
    from sklearn.model_selection import cross_val_predict
    from sklearn.preprocessing import StandardScaler

    X_train, _, y_train, _ = _mnist_split()
    X_train_scaled = StandardScaler().fit_transform(X_train[:2000].astype("float64"))
    y_train_pred = cross_val_predict(SGDClassifier(random_state=42), X_train_scaled,
                                     y_train[:2000], cv=3)
    labels = np.unique(y_train[:2000])
    cm = confusion_matrix(y_train[:2000], y_train_pred, labels=labels, normalize="true")
    return float(cm[list(labels).index("0"), list(labels).index("0")])


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
            compute=_test_ones,
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
            compute=_threes_called_five,
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
            compute=_precision_at_3000,
            cost="about 30-60 s: three SGDClassifier fits on 40,000 images",
        ),
        Flag(
            label="ML105.2",
            title="Correct percentage for 0's",
            question="Standardize the first 2,000 training images (`StandardScaler`), cross-validate "
                     "`SGDClassifier(random_state=42)` on them with `cv=3`, and plot the confusion matrix "
                     "normalized by row (`normalize=\"true\"`, `values_format=\".0%\"`). What percentage "
                     "of the **0**s is classified correctly? Give a whole percentage.",
            tutorial="tutorials/04_multiclass.py",
            kind="fraction",
            decimals=2,
            compute=_scaled_sgd_zero_recall,
            cost="about 5 s",
        ),
    )
}


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
    """Return the :class:`Flag` called ``label`` (case and spaces ignored: ``"ml 105.1"`` works).

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


def compute_answer(label: str):
    """Run the computation behind a flag and return the raw answer (this spoils the exercise).

    The computations are the ones the tutorials show, with ``random_state=42``: the answers
    are deterministic for a given data set, scikit-learn and NumPy.

    Parameters
    ----------
    label : str
        A flag label; see :func:`list_flags`.

    Returns
    -------
    float or int
        The unrounded answer (a fraction for ``kind="fraction"``, never a percentage).

    Examples
    --------
    >>> from mnist_tutorials.flags import compute_answer
    >>> compute_answer("ML105.2")  # doctest: +SKIP
    """
    return get_flag(label).compute()


# --------------------------------------------------------------------------------------------
# Hashes and their cache key
# --------------------------------------------------------------------------------------------


def cache_key() -> str:
    """Hash of everything a flag's answer depends on: package sources, data checksums, versions.

    It folds in the bytes of every ``.py`` file of the ``mnist_tutorials`` package, the pinned
    sha256 of each data file (``mnist_tutorials._sources.REGISTRY``) and the Python, NumPy and
    scikit-learn versions. Caches of flag hashes (the site build's ``.cache/flags/`` and
    :func:`check_flag`'s ``<data_home>/flags/``) are keyed by it, so any of those changes forces a
    recomputation.

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
    import sklearn

    from . import _sources

    digest = hashlib.sha256(b"mnist-tutorials flags v1\n")
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    checksums = {name: dict(sorted(spec.sha256.items())) for name, spec in sorted(_sources.REGISTRY.items())}
    versions = {"python": platform.python_version(), "numpy": np.__version__, "sklearn": sklearn.__version__}
    digest.update(json.dumps({"data": checksums, "versions": versions}, sort_keys=True).encode())
    return digest.hexdigest()[:24]


def _expected_normalized(flag: Flag, log: Callable[[str], None]) -> str:
    log(f"Computing the answer to {flag.label} from the data ({flag.cost}) ...")
    start = time.perf_counter()
    normalized = normalize_answer(flag.compute(), flag.kind, flag.decimals)
    log(f"{flag.label}: done in {time.perf_counter() - start:.1f} s.")
    return normalized


def compute_flag_hashes(salt: str, labels=None, *, log: Callable[[str], None] = print) -> dict:
    """Compute flags' answers and return only their salted hashes (what the site publishes).

    Cost: every flag's computation runs, about a minute in all on a laptop (ML105.1 dominates);
    MNIST and Fashion-MNIST are loaded (and downloaded on first use).

    Parameters
    ----------
    salt : str
        Salt for :func:`hash_answer`.
    labels : iterable of str, default=None
        Which flags; None means all of them.
    log : callable, default=print
        Receives one progress line per step.

    Returns
    -------
    dict
        ``{label: {"kind": …, "decimals": …, "sha256": …}}``, in registry order.

    Examples
    --------
    >>> from mnist_tutorials.flags import compute_flag_hashes
    >>> hashes = compute_flag_hashes("00", ["DATA.1"], log=lambda line: None)  # doctest: +SKIP
    >>> sorted(hashes["DATA.1"])  # doctest: +SKIP
    ['decimals', 'kind', 'sha256']
    """
    flags = list(FLAGS.values()) if labels is None else [get_flag(label) for label in labels]
    try:
        return {
            flag.label: {
                "kind": flag.kind,
                "decimals": flag.decimals,
                "sha256": hash_answer(flag.label, _expected_normalized(flag, log), salt),
            }
            for flag in flags
        }
    finally:
        _release_data()


def _release_data() -> None:
    """Drop the arrays the computations keep (hundreds of MB) once the hashes are known."""
    _mnist_split.cache_clear()
    _five_detector_scores.cache_clear()


# --------------------------------------------------------------------------------------------
# Checking an answer from Python (Colab) or the command line
# --------------------------------------------------------------------------------------------

# (cache key, label) -> (salt, sha256 of the expected answer). Never the answer itself.
_MEMORY_CACHE: dict[tuple[str, str], tuple[str, str]] = {}


def _disk_cache_path(data_home, key: str) -> Path:
    from .datasets import get_data_home

    return get_data_home(data_home) / "flags" / f"{key}.json"


def _read_disk_cache(path: Path) -> dict:
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(content, dict) or not isinstance(content.get("salt"), str):
        return {}
    if not isinstance(content.get("flags"), dict):
        return {}
    return content


def _expected_hash(flag: Flag, data_home, log: Callable[[str], None]) -> tuple[str, str]:
    key = cache_key()
    if (key, flag.label) in _MEMORY_CACHE:
        return _MEMORY_CACHE[key, flag.label]
    path = _disk_cache_path(data_home, key)
    content = _read_disk_cache(path)
    salt = content.get("salt") or secrets.token_hex(16)
    stored = content.get("flags", {}).get(flag.label)
    if not isinstance(stored, str):
        stored = hash_answer(flag.label, _expected_normalized(flag, log), salt)
        _release_data()
        content = {"salt": salt, "flags": {**content.get("flags", {}), flag.label: stored}}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(content, indent=1, sort_keys=True), encoding="utf-8")
            os.replace(tmp, path)
            log(f"Saved a salted hash of the answer (not the answer) in {path}.")
        except OSError as exc:  # read-only cache folder: keep the hash in memory only
            log(f"Could not write {path} ({exc}); the hash is kept in memory for this session.")
    _MEMORY_CACHE[key, flag.label] = (salt, stored)
    return salt, stored


def check_flag(label: str, answer, *, data_home=None) -> bool:
    """Check an answer to a flag, print a message and return whether it is right.

    This works without the site, e.g. in Colab: the expected answer is computed by running the
    flag's computation from this package (see :func:`list_flags` for the questions). That is
    **slow the first time**: loading MNIST (downloaded on first use), then the flag's own cost,
    up to about a minute for ``ML105.1`` (three ``SGDClassifier`` fits on 40,000 images). Progress
    is printed. Afterwards only a salted SHA-256 hash of the normalized expected answer is kept,
    in memory and in ``<data_home>/flags/<cache_key>.json``, so later checks take milliseconds.
    The key (:func:`cache_key`) changes with the package sources, data checksums and library
    versions.

    The answer is normalized as on the site (:func:`normalize_answer`): for a fraction ``0.375``,
    ``".375"``, ``"37.5%"`` and ``" 37.5 % "`` are the same answer, rounded to the flag's precision.

    Parameters
    ----------
    label : str
        The flag, e.g. ``"ML105.1"`` (case and spaces ignored).
    answer : str, int or float
        Your answer.
    data_home : str or path-like, default=None
        Data and cache folder, as for :func:`mnist_tutorials.fetch_mnist`.

    Returns
    -------
    bool
        True if the normalized answer matches. An unreadable answer prints why and returns False.

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
    salt, expected = _expected_hash(flag, data_home, print)
    shown = answer if isinstance(answer, str) else repr(answer)
    if secrets.compare_digest(hash_answer(flag.label, normalized, salt), expected):
        print(f"{flag.label}: {shown.strip()} is correct. Well done!")
        return True
    print(f"{flag.label}: {shown.strip()} (read as {normalized}) is not the answer. Try again.")
    return False
