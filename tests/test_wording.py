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


def test_one_of_names_the_last_and_the_first():
    from mnist_tutorials.wording import one_of

    assert [one_of(k, 12, "epoch") for k in (12, 1, 7)] == ["the last epoch (12)", "the first epoch", "epoch 7 of 12"]
    assert one_of(1, 1, "run") == "the only run"
    with pytest.raises(ValueError, match="1 <= k <= n"):
        one_of(0, 3, "epoch")


def test_scores_compared_says_both_when_they_print_the_same():
    from mnist_tutorials.wording import scores_compared

    assert scores_compared(0.94004, 0.93996, "A", "B") == "A and B both score 0.940"
    assert scores_compared(0.951, 0.940, "A", "B") == "A scores 0.951 against 0.940 for B"
    assert scores_compared(0.9404, 0.9396, "A", "B", fmt=".4f") == "A scores 0.9404 against 0.9396 for B"
