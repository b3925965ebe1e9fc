"""Tests of mnist_tutorials.plotting.confusion beyond the smoke test in test_plotting.py."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from mnist_tutorials.plotting import plot_confusion_pair  # noqa: E402


def test_confusion_pair_counts_each_cell():
    y_true = np.array(["3"] * 6 + ["5"] * 4 + ["8"] * 3)
    y_pred = np.array(["3", "3", "3", "5", "5", "8", "5", "5", "5", "3", "3", "5", "8"])
    X = np.arange(13)[:, None] * np.ones((1, 784))
    fig = plot_confusion_pair(X, y_true, y_pred, "3", "5", n_images=4)
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == [
        "true 3, predicted 3\n(3 images)",
        "true 3, predicted 5\n(2 images)",
        "true 5, predicted 3\n(1 images)",
        "true 5, predicted 5\n(3 images)",
    ]
    # The "true 3, predicted 5" cell shows images 3 and 4, in order, padded to a 2×2 mosaic.
    mosaic = fig.axes[1].images[0].get_array()
    assert mosaic.shape == (56, 56)
    assert mosaic[0, 0] == 3 and mosaic[0, 28] == 4 and mosaic[28:, :].max() == 0


def test_confusion_pair_empty_cell_and_own_axes():
    fig, axes = plt.subplots(2, 2)
    X = np.zeros((2, 784))
    out = plot_confusion_pair(X, ["3", "5"], ["3", "5"], "3", "5", axes=axes)
    assert out is fig
    assert "(0 images)" in axes[0, 1].get_title() and not axes[0, 1].images


def test_confusion_pair_errors():
    with pytest.raises(ValueError, match="one entry per image"):
        plot_confusion_pair(np.zeros((3, 784)), ["3", "5"], ["3", "5"], "3", "5")
    with pytest.raises(ValueError, match="4 axes"):
        _, axes = plt.subplots(1, 2)
        plot_confusion_pair(np.zeros((2, 784)), ["3", "5"], ["3", "5"], "3", "5", axes=axes)
