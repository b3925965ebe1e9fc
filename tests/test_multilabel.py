"""Tests of mnist_tutorials.multilabel on small synthetic data."""

from __future__ import annotations

import numpy as np
import pytest

from mnist_tutorials.multilabel import add_noise, describe_labels


def test_add_noise_is_reproducible_bounded_and_clipped():
    X = np.tile(np.array([0.0, 100.0, 200.0, 255.0]), (500, 1))
    noisy = add_noise(X, random_state=42)
    np.testing.assert_array_equal(noisy, add_noise(X, random_state=42))
    assert not np.array_equal(noisy, add_noise(X, random_state=43))
    assert noisy.shape == X.shape and noisy.dtype == np.float64
    noise = noisy - X
    assert noise[:, :2].min() >= 0 and noise[:, :2].max() <= 99
    assert noise[:, :2].max() >= 90  # the full range 0 … 99 is drawn
    assert noisy.max() == 255.0  # 200 + noise and 255 + noise are clipped


def test_add_noise_without_clip_matches_integer_noise():
    X = np.full((50, 3), 250.0)
    noisy = add_noise(X, high=10, clip=False, random_state=0)
    noise = noisy - X
    assert noisy.max() > 255
    np.testing.assert_array_equal(noise, np.round(noise))
    assert set(np.unique(noise)) <= set(range(10))


@pytest.mark.parametrize("high", [0, -1, 2.5, True])
def test_add_noise_rejects_bad_high(high):
    with pytest.raises(ValueError, match="positive integer"):
        add_noise(np.zeros((1, 3)), high=high)


def test_describe_labels():
    Y = np.array([[1, 0, 1], [0, 0, 0], [1, 1, 1]])
    assert describe_labels(Y, ["a", "b", "c"]) == ["a, c", "neither", "a, b, c"]
    assert describe_labels(Y[1:2], ["a", "b", "c"], none="—") == ["—"]


def test_describe_labels_errors():
    with pytest.raises(ValueError, match="2-D"):
        describe_labels([True, False], ["large", "odd"])
    with pytest.raises(ValueError, match="name the 2 columns"):
        describe_labels([[True, False]], ["large"])
