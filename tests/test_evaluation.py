"""mnist_tutorials.evaluation: McNemar's exact test on synthetic predictions."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import binomtest

from mnist_tutorials.evaluation import McNemarResult, mcnemar_test


def test_counts_the_discordant_images_in_each_direction():
    y_true = np.array(["a", "b", "c", "a", "b", "c"])
    a = np.array(["a", "b", "c", "a", "x", "x"])  # wrong on 4, 5
    b = np.array(["a", "x", "c", "x", "b", "x"])  # wrong on 1, 3, 5
    result = mcnemar_test(y_true, a, b)
    assert isinstance(result, McNemarResult)
    assert (result.only_a_right, result.only_b_right) == (2, 1)  # image 5: both wrong, not counted
    assert result.pvalue == pytest.approx(binomtest(2, 3, 0.5).pvalue)


def test_is_symmetric_in_the_two_classifiers():
    rng = np.random.default_rng(0)
    y_true = rng.integers(0, 10, 500)
    a = np.where(rng.random(500) < 0.9, y_true, (y_true + 1) % 10)
    b = np.where(rng.random(500) < 0.8, y_true, (y_true + 2) % 10)
    ab, ba = mcnemar_test(y_true, a, b), mcnemar_test(y_true, b, a)
    assert (ab.only_a_right, ab.only_b_right) == (ba.only_b_right, ba.only_a_right)
    assert ab.pvalue == pytest.approx(ba.pvalue)
    assert ab.only_a_right > ab.only_b_right and ab.pvalue < 0.001  # A is clearly better


def test_identical_predictions_give_a_p_value_of_one():
    y_true = np.array([0, 1, 1, 0])
    assert mcnemar_test(y_true, y_true, y_true) == (0, 0, 1.0)
    assert mcnemar_test(y_true, 1 - y_true, 1 - y_true) == (0, 0, 1.0)


def test_a_lopsided_split_is_significant_and_a_balanced_one_is_not():
    y_true = np.zeros(100, dtype=int)
    a, b = y_true.copy(), y_true.copy()
    b[:12] = 1  # B wrong on 12 images where A is right
    assert mcnemar_test(y_true, a, b).pvalue == pytest.approx(2 * 0.5**12)
    b2 = y_true.copy()
    a2 = y_true.copy()
    a2[:6], b2[6:12] = 1, 1
    assert mcnemar_test(y_true, a2, b2).pvalue == pytest.approx(1.0)


def test_lengths_must_match():
    with pytest.raises(ValueError, match="lengths 3, 3 and 2"):
        mcnemar_test([0, 1, 1], [0, 1, 1], [0, 1])
