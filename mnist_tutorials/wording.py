"""Words for numbers in generated sentences: "none of the four runs", "all twelve", "both".

The tutorials write their prose from their results. A template such as ``f"{k} of the {n} runs"`` reads
"0 of the 4 runs" or "4 of the 4 runs"; :func:`how_many` picks the words a person would write instead.
"""

from __future__ import annotations

import numbers

__all__ = ["how_many", "number_word", "one_of", "scores_compared"]

_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def _check_integers(function: str, **values) -> None:
    for name, value in values.items():
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise ValueError(f"{function} expects an integer {name}, found {value!r}.")


def number_word(n: int) -> str:
    """A count as prose writes it: a word up to twelve, digits (with thousands separators) above.

    Parameters
    ----------
    n : int
        A non-negative count.

    Returns
    -------
    str

    Examples
    --------
    >>> number_word(4), number_word(12), number_word(13), number_word(60000)
    ('four', 'twelve', '13', '60,000')
    """
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 0:
        raise ValueError(f"number_word expects a non-negative integer, found {n!r}.")
    n = int(n)
    return _WORDS[n] if n < len(_WORDS) else f"{n:,}"


def how_many(k: int, n: int, noun: str) -> str:
    """``k`` out of ``n`` things, in words: "none of the four runs", "both runs", "all twelve runs".

    Parameters
    ----------
    k : int
        How many have the property, ``0 <= k <= n``.
    n : int
        How many there are.
    noun : str
        The plural noun, e.g. ``"runs"``.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If ``k`` or ``n`` is not an integer, or ``k`` is outside ``0 … n``.

    Examples
    --------
    >>> how_many(0, 4, "runs")
    'none of the four runs'
    >>> how_many(3, 4, "runs")
    'three of the four runs'
    >>> how_many(4, 4, "runs"), how_many(2, 2, "runs")
    ('all four runs', 'both runs')
    >>> how_many(12, 60000, "images")
    'twelve of the 60,000 images'
    """
    _check_integers("how_many", k=k, n=n)
    if not 0 <= k <= n:
        raise ValueError(f"how_many expects 0 <= k <= n, found k={k} and n={n}.")
    if k == 0:
        return f"none of the {number_word(n)} {noun}"
    if k == n:
        return f"both {noun}" if n == 2 else f"all {number_word(n)} {noun}"
    return f"{number_word(k)} of the {number_word(n)} {noun}"


def one_of(k: int, n: int, noun: str) -> str:
    """Item ``k`` of ``n``, in words: "the last epoch (12)", "the first epoch", "epoch 7 of 12".

    Parameters
    ----------
    k : int
        The position, ``1 <= k <= n``.
    n : int
        How many there are.
    noun : str
        The singular noun, e.g. ``"epoch"``.

    Returns
    -------
    str

    Examples
    --------
    >>> one_of(12, 12, "epoch"), one_of(1, 12, "epoch"), one_of(7, 12, "epoch")
    ('the last epoch (12)', 'the first epoch', 'epoch 7 of 12')
    """
    _check_integers("one_of", k=k, n=n)
    if not 1 <= k <= n:
        raise ValueError(f"one_of expects 1 <= k <= n, found k={k} and n={n}.")
    if n == 1:
        return f"the only {noun}"
    if k == n:
        return f"the last {noun} ({k})"
    if k == 1:
        return f"the first {noun}"
    return f"{noun} {k} of {n}"


def scores_compared(a: float, b: float, name_a: str, name_b: str, fmt: str = ".3f") -> str:
    """Two scores side by side, saying "both score" when they print the same.

    Parameters
    ----------
    a, b : float
        The scores of ``name_a`` and ``name_b``.
    name_a, name_b : str
        What scored them, e.g. ``"the chain"``.
    fmt : str, default=".3f"
        How the scores are printed; equality is judged on the printed values.

    Returns
    -------
    str

    Examples
    --------
    >>> scores_compared(0.9401, 0.9398, "the chain", "the independent model")
    'the chain and the independent model both score 0.940'
    >>> scores_compared(0.951, 0.940, "the chain", "the independent model")
    'the chain scores 0.951 against 0.940 for the independent model'
    """
    shown_a, shown_b = format(a, fmt), format(b, fmt)
    if shown_a == shown_b:
        return f"{name_a} and {name_b} both score {shown_a}"
    return f"{name_a} scores {shown_a} against {shown_b} for {name_b}"
