"""Tests of the plotly figures (mnist_tutorials.plotting.interactive): the threshold explorer on synthetic
scores, the label pie."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from sklearn.metrics import confusion_matrix, precision_score, recall_score

from mnist_tutorials.plotting import label_pie, threshold_explorer


@pytest.fixture(scope="module")
def scored():
    rng = np.random.default_rng(42)
    y_true = rng.random(3000) < 0.1
    y_scores = rng.normal(size=3000) * 5000 + 8000 * y_true - 3000
    return y_true, y_scores


@pytest.fixture(scope="module")
def explorer(scored):
    thresholds = np.arange(-10000, 10001, 1250.0)
    return threshold_explorer(*scored, thresholds=thresholds, positive_label="5"), thresholds


def test_returns_plotly_figure_with_one_update_step_per_threshold(explorer):
    fig, thresholds = explorer
    assert isinstance(fig, go.Figure)
    steps = fig.layout.sliders[0].steps
    assert len(steps) == thresholds.size
    assert not fig.frames  # nothing for a renderer to auto-play
    assert all(s.method == "update" and list(s.args[2]) == [2, 3, 4] for s in steps)
    assert [s.label for s in steps] == [f"{t:,.0f}" for t in thresholds]


def test_every_step_carries_sklearn_values(scored, explorer):
    y_true, y_scores = scored
    fig, thresholds = explorer
    for threshold, step in zip(thresholds, fig.layout.sliders[0].steps):
        data, layout, traces = step.args
        y_pred = y_scores >= threshold
        cm = confusion_matrix(y_true, y_pred)
        assert data["x"][0] == data["x"][1] == [threshold, threshold]
        assert np.asarray(data["z"][2]).tolist() == cm.tolist()
        assert data["z"][:2] == data["text"][:2] == [None, None]
        p, r = precision_score(y_true, y_pred, zero_division=np.nan), recall_score(y_true, y_pred)
        np.testing.assert_allclose(data["y"][1], [p, r])
        assert layout["title.text"] == f"Threshold {threshold:,.0f}: precision {p:.1%}, recall {r:.1%}"
        tn, fp, fn, tp = cm.ravel()
        assert data["text"][2][1][1] == f"TP<br>{tp:,}" and data["text"][2][0][1] == f"FP<br>{fp:,}"
        # The heatmap keeps its categorical axes (a null would reset them).
        assert data["x"][2] == list(fig.data[4].x) and data["y"][2] == list(fig.data[4].y)


def test_starts_at_threshold_zero(scored, explorer):
    y_true, y_scores = scored
    fig, thresholds = explorer
    active = fig.layout.sliders[0].active
    assert thresholds[active] == 0
    p = precision_score(y_true, y_scores >= 0)
    assert fig.layout.title.text.startswith(f"Threshold 0: precision {p:.1%}")
    initial = fig.layout.sliders[0].steps[active].args[0]
    assert np.asarray(fig.data[4].z).tolist() == np.asarray(initial["z"][2]).tolist()
    assert fig.layout.title.text == fig.layout.sliders[0].steps[active].args[1]["title.text"]


def test_matrix_labels_name_the_positive_class(explorer):
    fig, _ = explorer
    assert list(fig.data[4].x) == list(fig.data[4].y) == ["not 5", "5"]
    assert fig.layout.xaxis2.title.text == "predicted" and fig.layout.yaxis2.title.text == "actual"


def test_default_thresholds_and_downsampled_curves(scored):
    fig = threshold_explorer(*scored, n_thresholds=60, n_curve_points=200)
    assert len(fig.layout.sliders[0].steps) == 60
    assert len(fig.data[0].x) == len(fig.data[1].x) == 200
    labels = [s.label for s in fig.layout.sliders[0].steps]
    assert len(set(labels)) == 60


def test_html_stays_small(scored):
    fig = threshold_explorer(*scored, n_thresholds=100)
    html = pio.to_html(fig, include_plotlyjs=False, full_html=False)
    assert len(html.encode()) < 300_000


def test_precision_undefined_when_nothing_is_positive():
    fig = threshold_explorer([True, False, True], [0.5, 0.1, 0.9], thresholds=[0.0, 5.0])
    assert "undefined" in fig.layout.sliders[0].steps[1].args[1]["title.text"]


@pytest.mark.parametrize("thresholds", [[1.0], [2.0, 1.0], [[0.0, 1.0]]])
def test_rejects_bad_thresholds(scored, thresholds):
    with pytest.raises(ValueError, match="strictly increasing"):
        threshold_explorer(*scored, thresholds=thresholds)


def test_label_pie_counts_classes():
    from mnist_tutorials import CLASS_NAMES  # Fashion-MNIST's: T-shirt/top … Ankle boot

    fig = label_pie(np.array([0, 1, 1, 9, 9, 9]), CLASS_NAMES)
    assert list(fig.data[0].labels) == ["T-shirt/top (0)", "Trouser (1)", "Ankle boot (9)"]
    assert list(fig.data[0].values) == [1, 2, 3]
