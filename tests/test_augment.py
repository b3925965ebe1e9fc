"""Tests of mnist_tutorials.augment on small synthetic images."""

from __future__ import annotations

import numpy as np
import pytest

from mnist_tutorials.augment import FOUR_SHIFTS, augment_with_shifts, shift_image


def _image_with_pixel(row, col, side=28):
    image = np.zeros(side * side)
    image[row * side + col] = 255.0
    return image


@pytest.mark.parametrize("dx, dy", [(1, 0), (-1, 0), (0, 1), (0, -1), (2, -3)])
def test_shift_moves_a_pixel(dx, dy):
    shifted = shift_image(_image_with_pixel(10, 12), dx, dy).reshape(28, 28)
    assert shifted[10 + dy, 12 + dx] == 255.0
    assert np.count_nonzero(shifted) == 1


def test_shift_matches_scipy_ndimage():
    ndimage = pytest.importorskip("scipy.ndimage")
    rng = np.random.default_rng(0)
    image = rng.integers(0, 256, 784).astype(float)
    for dx, dy in FOUR_SHIFTS + ((3, 2),):
        expected = ndimage.shift(image.reshape(28, 28), [dy, dx], cval=0, mode="constant", order=0)
        np.testing.assert_array_equal(shift_image(image, dx, dy).reshape(28, 28), expected)


def test_shift_loses_ink_at_the_edge_and_fills_zeros():
    image = _image_with_pixel(0, 27)
    assert not shift_image(image, 1, 0).any()
    full = np.full(784, 7.0)
    shifted = shift_image(full, 0, 1).reshape(28, 28)
    assert (shifted[0] == 0).all() and (shifted[1:] == 7).all()
    assert not shift_image(full, 28, 0).any()


def test_shift_batch_keeps_shape_and_dtype():
    X = np.arange(3 * 16, dtype=np.uint8).reshape(3, 16)
    shifted = shift_image(X, -1, 0, side=4)
    assert shifted.shape == X.shape and shifted.dtype == np.uint8
    for i in range(3):
        np.testing.assert_array_equal(shifted[i], shift_image(X[i], -1, 0, side=4))


def test_shift_rejects_bad_input():
    with pytest.raises(ValueError, match="784 pixels"):
        shift_image(np.zeros(100), 1, 0)
    with pytest.raises(ValueError, match="whole number"):
        shift_image(np.zeros(784), 0.5, 0)
    with pytest.raises(ValueError, match="shape"):
        shift_image(np.zeros((2, 2, 784)), 1, 0)


def test_augment_with_shifts_order_and_labels():
    rng = np.random.default_rng(1)
    X = rng.integers(0, 256, (5, 784)).astype(float)
    y = np.array(list("01234"))
    X_aug, y_aug = augment_with_shifts(X, y)
    assert X_aug.shape == (25, 784) and y_aug.shape == (25,)
    np.testing.assert_array_equal(X_aug[:5], X)
    for k, (dx, dy) in enumerate(FOUR_SHIFTS, start=1):
        np.testing.assert_array_equal(X_aug[5 * k : 5 * (k + 1)], shift_image(X, dx, dy))
    assert y_aug.tolist() == list("01234") * 5


def test_augment_with_custom_shifts_and_errors():
    X, y = np.ones((2, 9)), np.array([0, 1])
    X_aug, y_aug = augment_with_shifts(X, y, shifts=[(1, 1)], side=3)
    assert X_aug.shape == (4, 9) and y_aug.tolist() == [0, 1, 0, 1]
    with pytest.raises(ValueError, match="one label per image"):
        augment_with_shifts(X, np.array([0]), side=3)
    with pytest.raises(ValueError, match="pair"):
        augment_with_shifts(X, y, shifts=[1], side=3)
    with pytest.raises(ValueError, match="2-D"):
        augment_with_shifts(np.ones(9), np.array([0]), side=3)


@pytest.mark.reference
def test_exercise_flags_on_real_data():
    """The answers behind flags KNN97.1 and AUG.1 (pinned: a change means the flags page changed)."""
    from mnist_tutorials.flags import compute_answer, get_flag, normalize_answer

    expected = {"KNN97.1": "0.893", "AUG.1": "0.923"}
    for label, answer in expected.items():
        flag = get_flag(label)
        assert normalize_answer(compute_answer(label), flag.kind, flag.decimals) == answer
