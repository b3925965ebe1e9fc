"""Tests of mnist_tutorials.plotting.images beyond the smoke test in test_plotting.py."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from mnist_tutorials.plotting import plot_annotated_image, plot_class_averages, plot_pixel_weights  # noqa: E402


def test_pixel_weights_symmetric_scale():
    w = np.linspace(-2, 1, 784)
    fig = plot_pixel_weights(w, ["w"], colorbar=False)
    image = fig.axes[0].images[0]
    assert image.get_clim() == (-2.0, 2.0)
    assert len(fig.axes) == 1


def test_pixel_weights_errors():
    with pytest.raises(ValueError, match="784 values"):
        plot_pixel_weights(np.zeros(10))
    with pytest.raises(ValueError, match="one title per image"):
        plot_pixel_weights(np.zeros((2, 784)), ["only one"])
    with pytest.raises(ValueError, match="at least 2 axes"):
        _, ax = plt.subplots()
        plot_pixel_weights(np.zeros((2, 784)), axes=ax)


def test_plot_class_averages_draws_each_class_mean():
    X = np.random.default_rng(0).integers(0, 256, (30, 784))
    y = np.arange(30) % 3
    fig = plot_class_averages(X, y, ["a", "b", "c"])
    np.testing.assert_allclose(fig.axes[1].images[0].get_array(), X[y == 1].mean(axis=0).reshape(28, 28))
    assert [ax.get_title() for ax in fig.axes] == ["a", "b", "c"]
    fig = plot_class_averages(X, y, statistic="std")
    np.testing.assert_allclose(fig.axes[2].images[0].get_array(), X[y == 2].std(axis=0).reshape(28, 28))
    with pytest.raises(ValueError, match="statistic"):
        plot_class_averages(X, y, statistic="median")
    plt.close("all")


def test_plot_annotated_image_writes_every_value():
    image = np.arange(784) % 256
    fig = plot_annotated_image(image)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert len(texts) == 784 and texts[:3] == ["0", "1", "2"] and texts[255] == "255"
    plt.close("all")
