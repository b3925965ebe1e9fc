"""Smoke and behaviour tests of mnist_tutorials.plotting.curves (with ax=None and with a given ax)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from sklearn.metrics import precision_recall_curve, roc_auc_score, roc_curve  # noqa: E402

from mnist_tutorials._alt import alt_text  # noqa: E402
from mnist_tutorials.keras_lab import history_frame  # noqa: E402
from mnist_tutorials.plotting import (  # noqa: E402
    plot_history,
    plot_pr_curve,
    plot_precision_recall_vs_threshold,
    plot_roc_curve,
)


@pytest.fixture(scope="module")
def scored():
    rng = np.random.default_rng(42)
    y_true = rng.random(400) < 0.15
    y_scores = rng.normal(size=400) * 1000 + 1500 * y_true
    return y_true, y_scores


def _calls(y_true, y_scores):
    precisions, recalls, thresholds = precision_recall_curve(y_true, y_scores)
    fpr, tpr, _ = roc_curve(y_true, y_scores)
    auc = roc_auc_score(y_true, y_scores)
    return {
        "pr_vs_threshold": lambda ax: plot_precision_recall_vs_threshold(
            precisions, recalls, thresholds, ax=ax, threshold=500.0, xlim=(-3000, 3000)),
        "pr_curve": lambda ax: plot_pr_curve(precisions, recalls, ax=ax, point=(0.5, 0.8)),
        "roc_curve": lambda ax: plot_roc_curve(fpr, tpr, ax=ax, auc=auc, point=(0.1, 0.6)),
    }


@pytest.mark.parametrize("name", ["pr_vs_threshold", "pr_curve", "roc_curve"])
def test_plot_without_ax_returns_new_figure(scored, name):
    n_before = len(plt.get_fignums())
    fig = _calls(*scored)[name](None)
    assert isinstance(fig, Figure)
    assert len(plt.get_fignums()) == n_before + 1
    assert len(fig.axes) == 1 and fig.axes[0].lines


@pytest.mark.parametrize("name", ["pr_vs_threshold", "pr_curve", "roc_curve"])
def test_plot_with_ax_draws_there(scored, name):
    fig, (left, right) = plt.subplots(1, 2)
    returned = _calls(*scored)[name](right)
    assert returned is fig
    assert right.lines and not left.lines


def test_precision_recall_vs_threshold_plots_the_given_curves(scored):
    y_true, y_scores = scored
    precisions, recalls, thresholds = precision_recall_curve(y_true, y_scores)
    fig = plot_precision_recall_vs_threshold(precisions, recalls, thresholds)
    precision_line, recall_line = fig.axes[0].lines[:2]
    np.testing.assert_array_equal(precision_line.get_xdata(), thresholds)
    np.testing.assert_array_equal(precision_line.get_ydata(), precisions[:-1])
    np.testing.assert_array_equal(recall_line.get_ydata(), recalls[:-1])
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["Precision", "Recall"]


def test_precision_recall_vs_threshold_marks_threshold(scored):
    y_true, y_scores = scored
    precisions, recalls, thresholds = precision_recall_curve(y_true, y_scores)
    fig = plot_precision_recall_vs_threshold(precisions, recalls, thresholds, threshold=0.0, xlim=(-1, 1))
    ax = fig.axes[0]
    assert ax.get_xlim() == (-1, 1)
    assert "Threshold 0" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_precision_recall_vs_threshold_rejects_wrong_lengths():
    with pytest.raises(ValueError, match="len\\(thresholds\\) \\+ 1 = 4"):
        plot_precision_recall_vs_threshold([1, 0.5], [0.1, 0.2], [0.0, 1.0, 2.0])


def test_pr_curve_axes_and_mismatch():
    fig = plot_pr_curve([0.5, 1.0], [1.0, 0.0])
    assert (fig.axes[0].get_xlabel(), fig.axes[0].get_ylabel()) == ("Recall", "Precision")
    with pytest.raises(ValueError, match="same length"):
        plot_pr_curve([0.5, 1.0], [1.0])


def test_roc_curve_legend_reports_auc_and_has_diagonal(scored):
    y_true, y_scores = scored
    fpr, tpr, _ = roc_curve(y_true, y_scores)
    auc = roc_auc_score(y_true, y_scores)
    fig = plot_roc_curve(fpr, tpr, auc=auc)
    texts = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert texts[0] == f"ROC curve (AUC = {auc:.3f})"
    diagonal = fig.axes[0].lines[1]
    assert list(diagonal.get_xdata()) == [0, 1] == list(diagonal.get_ydata())
    with pytest.raises(ValueError, match="same length"):
        plot_roc_curve([0, 1], [1])


def test_plot_history_marks_best_epoch_and_checks_metrics():
    h = {"loss": [0.6, 0.4, 0.3], "val_loss": [0.5, 0.45, 0.46], "accuracy": [0.8, 0.85, 0.9],
         "val_accuracy": [0.82, 0.84, 0.84]}
    fig = plot_history(history_frame(h), best_epoch=2)
    assert len(fig.axes) == 2
    assert fig.axes[0].lines[1].get_ydata().tolist() == [0.5, 0.45, 0.46]
    with pytest.raises(ValueError, match="val_accuracy"):
        plot_history({"loss": [1.0], "val_loss": [1.0], "accuracy": [0.5]})
    plt.close("all")


@pytest.mark.parametrize("threshold, shown", [(0.5, "0.5"), (0.25, "0.25"), (3000.0, "3,000"), (-1234.4, "-1,234")])
def test_threshold_label_keeps_the_digits_of_a_probability(threshold, shown):
    # A probability threshold of 0.5 once read "Threshold 0" in the legend and the alt text (teaching review N2).
    y_true = np.array([0, 0, 1, 1, 0, 1])
    y_scores = np.array([0.1, 0.4, 0.35, 0.8, 0.6, 0.9]) * (10_000 if abs(threshold) >= 100 else 1)
    precisions, recalls, thresholds = precision_recall_curve(y_true, y_scores)
    fig = plot_precision_recall_vs_threshold(precisions, recalls, thresholds, threshold=threshold)
    assert f"Threshold {shown}" in [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert f"At the marked threshold {shown}, precision is" in alt_text(fig)
