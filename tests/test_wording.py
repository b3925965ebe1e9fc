"""mnist_tutorials.wording: counts in the words a person would write."""

from __future__ import annotations

import numpy as np
import pytest

from mnist_tutorials.wording import how_many, number_word


@pytest.mark.parametrize("k, n, expected", [
    (0, 4, "none of the four runs"),
    (1, 4, "one of the four runs"),
    (4, 4, "all four runs"),
    (2, 2, "both runs"),
    (12, 12, "all twelve runs"),
    (13, 20, "13 of the 20 runs"),
    (np.int64(3), np.int64(7), "three of the seven runs"),
])
def test_how_many_picks_the_words(k, n, expected):
    assert how_many(k, n, "runs") == expected


@pytest.mark.parametrize("k, n", [(5, 4), (-1, 4), (1.0, 4), (True, 4), (1, "4")])
def test_how_many_rejects_what_is_not_a_count(k, n):
    with pytest.raises(ValueError, match="how_many expects"):
        how_many(k, n, "runs")


def test_number_word_switches_to_digits_above_twelve():
    assert [number_word(n) for n in (0, 12, 13, 1234)] == ["zero", "twelve", "13", "1,234"]
    with pytest.raises(ValueError, match="non-negative integer"):
        number_word(-1)
