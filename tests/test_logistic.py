"""Tests of mnist_tutorials.logistic and its figures, on small synthetic data (fast, offline)."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from sklearn.datasets import make_classification  # noqa: E402
from sklearn.metrics import confusion_matrix  # noqa: E402

from mnist_tutorials.logistic import sigmoid, simulate_logistic_regression  # noqa: E402
from mnist_tutorials.metrics import metrics_table  # noqa: E402
from mnist_tutorials.plotting import (  # noqa: E402
    plot_class_metrics,
    plot_confusion_heatmap,
    plot_explained_variance,
    plot_pixel_distributions,
    plot_sigmoid,
)


# --- sigmoid -----------------------------------------------------------------------------------

def test_sigmoid_known_values():
    assert sigmoid(0.0) == 0.5
    assert isinstance(sigmoid(0.0), float)
    assert sigmoid(np.log(3.0)) == pytest.approx(0.75)
    np.testing.assert_allclose(sigmoid(np.array([-2.0, 2.0])), 1 / (1 + np.exp([2.0, -2.0])))


def test_sigmoid_symmetry_monotone_and_shape():
    z = np.linspace(-30, 30, 600).reshape(3, -1)
    s = sigmoid(z)
    assert s.shape == z.shape
    np.testing.assert_allclose(s + sigmoid(-z), 1.0, atol=1e-15)
    assert (np.diff(s.ravel()) >= 0).all()
    assert ((s >= 0) & (s <= 1)).all()


def test_sigmoid_does_not_overflow():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a RuntimeWarning from np.exp overflow would fail here
        out = sigmoid([-1e4, -745.0, 0.0, 745.0, 1e4])
    assert out.tolist()[0] == 0.0 and out.tolist()[-1] == 1.0
    assert np.isfinite(out).all()


# --- simulate_logistic_regression ---------------------------------------------------------------

def test_simulation_shapes_and_forward_pass():
    sim = simulate_logistic_regression(100, 3, random_state=42)
    assert sim.X.shape == (100, 3)
    assert sim.weights.shape == (3,)
    assert isinstance(sim.bias, float)
    np.testing.assert_allclose(sim.z, sim.X @ sim.weights + sim.bias)
    np.testing.assert_allclose(sim.y_hat, sigmoid(sim.z))
    np.testing.assert_array_equal(sim.y_pred, (sim.y_hat >= 0.5).astype(int))
    # Above the threshold exactly when z >= 0 (sigmoid(0) = 0.5).
    np.testing.assert_array_equal(sim.y_pred, (sim.z >= 0).astype(int))


def test_simulation_is_reproducible_and_seed_dependent():
    a = simulate_logistic_regression(50, 4, random_state=42)
    b = simulate_logistic_regression(50, 4, random_state=42)
    c = simulate_logistic_regression(50, 4, random_state=43)
    np.testing.assert_array_equal(a.X, b.X)
    np.testing.assert_array_equal(a.weights, b.weights)
    assert a.bias == b.bias
    assert not np.array_equal(a.X, c.X)


def test_simulation_threshold():
    sim = simulate_logistic_regression(200, 3, threshold=0.8, random_state=0)
    np.testing.assert_array_equal(sim.y_pred, (sim.y_hat >= 0.8).astype(int))
    assert sim.threshold == 0.8


@pytest.mark.parametrize("kwargs", [dict(n_samples=0), dict(n_features=-1), dict(n_samples=2.5),
                                    dict(threshold=1.0), dict(threshold=0.0)])
def test_simulation_rejects_bad_arguments(kwargs):
    with pytest.raises(ValueError, match="simulate_logistic_regression"):
        simulate_logistic_regression(**kwargs)


# --- figures -----------------------------------------------------------------------------------

def test_plot_sigmoid_with_and_without_points():
    fig = plot_sigmoid()
    assert isinstance(fig, matplotlib.figure.Figure)
    sim = simulate_logistic_regression(100, 3, random_state=42)
    fig = plot_sigmoid(sim.z, sim.y_hat)
    ax = fig.axes[0]
    assert len(ax.collections) == 2  # class 0 and class 1 points
    assert sum(len(c.get_offsets()) for c in ax.collections) == 100
    with pytest.raises(ValueError, match="same length"):
        plot_sigmoid([0.0, 1.0], [0.5])
    with pytest.raises(ValueError, match="without z"):
        plot_sigmoid(y_hat=[0.5])


def test_plot_sigmoid_draws_on_given_axes():
    fig, axes = plt.subplots(1, 2)
    assert plot_sigmoid(ax=axes[1]) is fig
    assert axes[1].lines and not axes[0].lines


@pytest.mark.parametrize("normalize", [None, "true", "pred"])
def test_plot_confusion_heatmap(normalize):
    cm = np.array([[50, 10, 0], [5, 35, 2], [1, 0, 40]])
    fig = plot_confusion_heatmap(cm, labels=["a", "b", "c"], normalize=normalize)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert len(texts) == 9
    assert texts[0] == ("50" if normalize is None else ("83%" if normalize == "true" else "89%"))


def test_plot_confusion_heatmap_errors():
    with pytest.raises(ValueError, match="one per class"):
        plot_confusion_heatmap([[1, 0], [0, 1]], labels=["a"])
    with pytest.raises(ValueError, match="normalize"):
        plot_confusion_heatmap([[1, 0], [0, 1]], normalize="all")


def test_plot_explained_variance():
    fig = plot_explained_variance([0.4, 0.2, 0.1])
    ax = fig.axes[0]
    assert len(ax.patches) == 3
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [0.4, 0.6, 0.7])
    with pytest.raises(ValueError, match="explained_variance_ratio_"):
        plot_explained_variance([0.8, 0.8])


def test_plot_class_metrics(pixel_data):
    rng = np.random.default_rng(0)
    y_true = rng.integers(0, 4, 300)
    y_pred = np.where(rng.random(300) < 0.8, y_true, rng.integers(0, 4, 300))
    table = metrics_table(confusion_matrix(y_true, y_pred))
    fig = plot_class_metrics(table)
    assert len(fig.axes[0].patches) == 4 * 3  # 4 classes x 3 scores, averages drawn as a line
    with pytest.raises(KeyError, match="not in the table"):
        plot_class_metrics(pd.DataFrame({"precision": [1.0]}))


def test_plot_pixel_distributions():
    X = np.arange(40.0).reshape(4, 10)
    fig = plot_pixel_distributions({"raw": X, "scaled": X / 40})
    assert len(fig.axes) == 2
    fig, ax = plt.subplots()
    assert plot_pixel_distributions({"raw": X, "scaled": X / 40}, ax=ax) is fig
    with pytest.raises(ValueError, match="empty"):
        plot_pixel_distributions({})


def test_search_table_one_row_per_candidate_and_unfitted_error():
    from sklearn.model_selection import GridSearchCV, StratifiedShuffleSplit

    from mnist_tutorials.logistic import search_table

    X, y = make_classification(300, n_features=6, n_informative=4, random_state=0)
    from mnist_tutorials.saved import pca_poly_logreg

    search = GridSearchCV(pca_poly_logreg().set_params(pca__n_components=3, logreg__max_iter=2000),
                          {"logreg__C": [0.01, 1.0], "pca__n_components": [2, 3]},
                          cv=StratifiedShuffleSplit(n_splits=1, test_size=0.25, random_state=0))
    with pytest.raises(ValueError, match="Call search.fit"):
        search_table(search)
    table = search_table(search.fit(X, y))
    assert table.index.names == ["C", "n_components"]
    assert len(table) == 4
    assert table["rank"].min() == 1
    best = table[table["rank"] == 1].index[0]
    assert best == (search.best_params_["logreg__C"], search.best_params_["pca__n_components"])
    assert table["validation score"].max() == pytest.approx(search.best_score_)
