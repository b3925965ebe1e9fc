"""Answer normalization and hashing for the flags; use them from `mnist_tutorials.flags`.

``docs/javascripts/flags.js`` mirrors this module line by line; ``tests/test_flags_js.py`` runs
both on one table of inputs.

Numbers are handled as decimal digit strings with `decimal.Decimal` (exact, no binary floating point and
no limit on their length: Python's ``int()`` refuses strings of more than 4,300 digits, JavaScript's
``BigInt`` does not, and both must give the same answer).
"""

from __future__ import annotations

import decimal
import hashlib
import re

import numpy as np

KINDS = ("fraction", "integer", "number")
"""The kinds of answer a flag can have; see `normalize_answer`."""

KDF = "PBKDF2-SHA256"
"""The key-derivation function that hashes answers: PBKDF2 with HMAC-SHA256 (Web Crypto has it natively)."""

KDF_ITERATIONS = 600_000
"""Default PBKDF2 iterations per answer: about 0.2-0.5 s per check on a laptop (Python or a browser).

Each guess costs the same, so trying every 3-decimal fraction for one flag takes minutes, not
milliseconds. It is still self-assessment: a patient guesser gets there, and the code that computes the
answers is public.
"""

# Whitespace stripped around an answer and allowed before "%". Spelled out (not "\s") so that
# Python and JavaScript strip exactly the same characters.
_WS = " \t\n\r\f\v\u00a0\u202f"
# [0-9], not \d: Python's \d also matches other scripts' digits, JavaScript's does not.
_NUMBER_RE = re.compile(r"([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)[" + _WS + r"]*(%?)")
_GROUPED_INT_RE = re.compile(r"[+]?[0-9]{1,3}(?:,[0-9]{3})+")


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
        return np.format_float_positional(value, unique=True, trim="-")
    raise ValueError(
        f"expected a number or a string such as '0.375' or '37.5%', got {type(answer).__name__} {answer!r}."
    )


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
    shown = _shown(text)
    if kind == "integer" and _GROUPED_INT_RE.fullmatch(text):
        text = text.replace(",", "")
    match = _NUMBER_RE.fullmatch(text)
    if match is None:
        raise ValueError(
            f"could not read {shown} as a number: type digits, with a dot for decimals "
            f"(and % for a percentage)."
        )
    sign, number, percent = match.groups()
    with decimal.localcontext() as context:  # exact: enough digits for whatever was typed
        context.prec = len(number) + decimals + 8
        context.Emax, context.Emin = decimal.MAX_EMAX, decimal.MIN_EMIN
        value = decimal.Decimal(number)
        step = decimal.Decimal(1).scaleb(-decimals)
        if kind == "fraction":
            if sign == "-" and value != 0:
                raise ValueError(f"a fraction lies between 0 and 1, got the negative number {shown}.")
            if percent or value > 1:  # "37.5%" or a bare "37.5" (> 1): a percentage
                value = value.scaleb(-2)
            rounded = value.quantize(step, rounding=decimal.ROUND_HALF_UP)
            if rounded > 1:
                raise ValueError(f"a fraction lies between 0 and 1 (0% to 100%), got {shown}.")
            return format(rounded, "f")
        if percent:
            raise ValueError(f"this flag asks for {_ARTICLE[kind]} {kind}, not a percentage: remove the % from {shown}.")
        if kind == "integer" and value != value.to_integral_value():
            raise ValueError(f"this flag asks for a whole number, got {shown}.")
        rounded = value.quantize(step, rounding=decimal.ROUND_HALF_UP)  # half away from zero, as in JS
        return ("-" if sign == "-" and rounded != 0 else "") + format(rounded, "f")


_ARTICLE = {"integer": "an", "fraction": "a", "number": "a"}
_SHOWN = 40  # characters of an answer that a message repeats


def _shown(text: str) -> str:
    """What a message repeats of a typed answer: all of a short one, the start and the length of a long one."""
    if len(text) <= _SHOWN:
        return repr(text)
    return f"{text[:_SHOWN]!r}… ({len(text):,} characters)"


def hash_answer(label: str, normalized: str, salt: str, iterations: int = KDF_ITERATIONS) -> str:
    """Slow salted hash of a normalized answer: PBKDF2-HMAC-SHA256, 32 bytes, in hex.

    The password is the normalized answer, the salt is ``f"{salt}:{label}"`` (so two flags with the same
    answer have different hashes), UTF-8 encoded. ``crypto.subtle.deriveBits({name: "PBKDF2", hash:
    "SHA-256", salt, iterations}, key, 256)`` gives the same bytes in a browser.

    Parameters
    ----------
    label : str
        The flag's label, e.g. ``"ML105.1"``.
    normalized : str
        Output of [`normalize_answer`][mnist_tutorials.flags.normalize_answer].
    salt : str
        Site or cache salt (hex string); must not be empty.
    iterations : int, default=KDF_ITERATIONS
        PBKDF2 iterations (600,000: a few tenths of a second).

    Returns
    -------
    str
        64 lowercase hex digits.

    Raises
    ------
    ValueError
        If ``salt`` is empty or ``iterations`` is not a positive int.

    Examples
    --------
    >>> from mnist_tutorials.flags import hash_answer
    >>> hash_answer("ML105.1", "0.500", "00", iterations=1000)[:16]
    '4983ba3165ea21d6'
    """
    if not isinstance(salt, str) or not salt:
        raise ValueError(f"hash_answer: the salt must be a non-empty string, got {salt!r}.")
    if isinstance(iterations, bool) or not isinstance(iterations, (int, np.integer)) or iterations < 1:
        raise ValueError(f"hash_answer: iterations must be a positive int, got {iterations!r}.")
    return hashlib.pbkdf2_hmac("sha256", normalized.encode("utf-8"), f"{salt}:{label}".encode("utf-8"),
                               int(iterations)).hex()
