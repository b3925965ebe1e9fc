"""Tests of mnist_tutorials.plotting.predictions beyond the smoke test in test_plotting.py."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from test_mistakes import NAMES, proba  # noqa: E402, F401  (proba: the fixture, 300 rows of class probabilities)

from mnist_tutorials.plotting import plot_image_with_probabilities, plot_prediction_grid  # noqa: E402


def test_plot_image_with_probabilities_colours_the_predicted_bar():
    p = np.full(10, 0.02)
    p[7] = 0.82
    fig = plot_image_with_probabilities(np.zeros(784), p, 5, NAMES)
    ax_image, ax_bars = fig.axes
    colors = [matplotlib.colors.to_hex(bar.get_facecolor()) for bar in ax_bars.patches]
    assert colors[7] == matplotlib.colors.to_hex("tab:red")  # predicted Sneaker, wrong
    assert colors[5] == matplotlib.colors.to_hex("tab:blue")  # the true class, Sandal
    assert [bar.get_height() for bar in ax_bars.patches] == pytest.approx(p)
    assert "Sneaker 82%" in ax_image.get_title() and "Sandal" in ax_image.get_title()
    fig_right = plot_image_with_probabilities(np.zeros(784), p, 7, NAMES)
    assert matplotlib.colors.to_hex(fig_right.axes[1].patches[7].get_facecolor()) == matplotlib.colors.to_hex(
        "tab:blue")
    plt.close("all")


def test_plot_image_with_probabilities_draws_on_given_axes_and_checks_length():
    fig, axes = plt.subplots(1, 2)
    assert plot_image_with_probabilities(np.zeros((28, 28)), np.ones(10) / 10, 0, NAMES, axes=axes) is fig
    with pytest.raises(ValueError, match="one probability per class"):
        plot_image_with_probabilities(np.zeros(784), np.ones(9) / 9, 0, NAMES)
    plt.close("all")


def test_plot_prediction_grid_layout(proba):
    fig = plot_prediction_grid(np.zeros((7, 784)), proba[:7], np.arange(7), NAMES, n_rows=2, n_cols=4)
    assert len(fig.axes) == 16
    drawn = [ax for ax in fig.axes if ax.patches or ax.images]
    assert len(drawn) == 14  # 7 pairs, the last pair left blank
    plt.close("all")
