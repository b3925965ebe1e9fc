"""Tests of mnist_tutorials.deskew on synthetic strokes (fast, offline)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import ndimage

from mnist_tutorials.deskew import deskew, make_deskewer, slant
from mnist_tutorials.saved import deskewed, pca_poly_logreg


def _stroke(slope: float, shape=(28, 28), col0: float = 14.0) -> np.ndarray:
    """A 2-pixel-wide line from row 4 to row 23 that moves `slope` columns right per row down."""
    img = np.zeros(shape)
    for row in range(4, 24):
        col = int(round(col0 + slope * (row - 13.5)))
        img[row, col:col + 2] = 200.0
    return img.ravel()


@pytest.mark.parametrize("slope", [-0.5, -0.2, 0.0, 0.3, 0.5])
def test_slant_measures_the_drift_per_row(slope):
    assert slant(_stroke(slope)[None, :])[0] == pytest.approx(slope, abs=0.03)


@pytest.mark.parametrize("slope", [-0.5, 0.3, 0.5])
def test_deskew_makes_a_slanted_stroke_upright_and_centred(slope):
    straight = deskew(_stroke(slope, col0=10.0)[None, :])
    assert abs(slant(straight)[0]) < 0.05
    img = straight.reshape(28, 28)
    rows, cols = np.indices(img.shape)
    assert (img * rows).sum() / img.sum() == pytest.approx(13.5, abs=0.1)
    assert (img * cols).sum() / img.sum() == pytest.approx(13.5, abs=0.1)
    # Ink is preserved up to interpolation at the edges of the stroke.
    assert img.sum() == pytest.approx(_stroke(slope).sum(), rel=0.02)


def test_deskew_matches_scipy_affine_transform():
    rng = np.random.default_rng(0)
    X = np.vstack([_stroke(s, col0=c) for s, c in [(0.4, 12.0), (-0.3, 16.0)]] + [rng.random((1, 784)) * 255])
    ours = deskew(X)
    for flat, expected in zip(X, ours):
        img = flat.reshape(28, 28)
        rows, cols = np.indices(img.shape)
        r_bar, c_bar = (img * rows).sum() / img.sum(), (img * cols).sum() / img.sum()
        alpha = (img * (rows - r_bar) * (cols - c_bar)).sum() / (img * (rows - r_bar) ** 2).sum()
        matrix = np.array([[1.0, 0.0], [alpha, 1.0]])
        offset = np.array([r_bar, c_bar]) - matrix @ np.array([13.5, 13.5])
        reference = ndimage.affine_transform(img, matrix, offset=offset, order=1, mode="grid-constant", cval=0.0)
        np.testing.assert_allclose(expected.reshape(28, 28), reference, atol=1e-9)


def test_blank_images_and_block_boundaries():
    X = np.vstack([_stroke(0.4)] * 150 + [np.zeros(784)] * 60)  # more rows than one internal block
    out = deskew(X)
    assert out.shape == X.shape
    np.testing.assert_array_equal(out[150:], 0.0)
    np.testing.assert_allclose(out[:150], np.repeat(out[:1], 150, axis=0))


def test_non_square_images():
    img = np.zeros((10, 6))
    img[2:8, 2] = 1.0
    out = deskew(img.reshape(1, -1), image_shape=(10, 6))
    assert out.shape == (1, 60)
    assert slant(out, image_shape=(10, 6))[0] == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize(
    ("X", "match"),
    [(np.zeros(784), "2-D array of flat images"), (np.zeros((2, 783)), "784 pixels")],
)
def test_errors_say_what_was_expected(X, match):
    with pytest.raises(ValueError, match=match):
        deskew(X)
    with pytest.raises(ValueError, match=match):
        slant(X)


def test_deskewer_in_a_pipeline():
    transformer = make_deskewer()
    X = np.vstack([_stroke(0.5), _stroke(-0.4)])
    np.testing.assert_array_equal(transformer.fit_transform(X), deskew(X))
    plain = pca_poly_logreg()
    pipe = deskewed(plain)  # the logistic-regression page's deskewed pipeline
    assert [name for name, _ in pipe.steps] == ["deskew", "scaler", "pca", "poly", "poly_scaler", "logreg"]
    assert [name for name, _ in plain.steps][0] == "scaler", "deskewed copies the pipeline, leaves it as it was"
    np.testing.assert_array_equal(pipe.named_steps["deskew"].fit_transform(X), deskew(X))
