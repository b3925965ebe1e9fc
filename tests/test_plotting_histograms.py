"""Tests of mnist_tutorials.plotting.histograms beyond the smoke test in test_plotting.py."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from mnist_tutorials.plotting import plot_pixel_histogram  # noqa: E402


def test_plot_pixel_histogram_counts_every_pixel():
    X = np.array([[0, 0, 3, 255], [0, 3, 3, 7]])
    fig = plot_pixel_histogram(X, log=False)
    heights = [bar.get_height() for bar in fig.axes[0].patches[:256]]
    assert heights[0] == 3 and heights[3] == 3 and heights[7] == 1 and heights[255] == 1
    assert sum(heights) == X.size
    with pytest.raises(ValueError, match="raw pixels"):
        plot_pixel_histogram(X / 255)
    plt.close("all")
