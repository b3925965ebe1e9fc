"""Hand-computed metrics from a confusion matrix must equal scikit-learn's (synthetic data, fast)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import (
    accuracy_score,
    classification_report,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
    precision_score,
    recall_score,
)

from mnist_tutorials.metrics import (
    accuracy_from_confusion,
    check_confusion_matrix,
    confusion_counts,
    f1_from_confusion,
    metrics_table,
    precision_from_confusion,
    precision_recall_f1_from_confusion,
    recall_from_confusion,
)


def _noisy_predictions(n_samples=2000, n_classes=10, error_rate=0.2, seed=0):
    """Labels with class imbalance and predictions that are wrong ``error_rate`` of the time."""
    rng = np.random.default_rng(seed)
    p = rng.dirichlet(np.full(n_classes, 2.0))
    y_true = rng.choice(n_classes, size=n_samples, p=p)
    y_pred = y_true.copy()
    wrong = rng.random(n_samples) < error_rate
    y_pred[wrong] = rng.integers(0, n_classes, size=wrong.sum())
    return y_true, y_pred


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("n_classes", [2, 3, 10])
def test_per_class_scores_equal_sklearn(seed, n_classes):
    y_true, y_pred = _noisy_predictions(n_classes=n_classes, seed=seed)
    cm = confusion_matrix(y_true, y_pred, labels=range(n_classes))

    np.testing.assert_allclose(precision_from_confusion(cm),
                               precision_score(y_true, y_pred, average=None, zero_division=0))
    np.testing.assert_allclose(recall_from_confusion(cm),
                               recall_score(y_true, y_pred, average=None, zero_division=0))
    np.testing.assert_allclose(f1_from_confusion(cm),
                               f1_score(y_true, y_pred, average=None, zero_division=0))
    assert accuracy_from_confusion(cm) == pytest.approx(accuracy_score(y_true, y_pred))


def test_bunch_matches_precision_recall_fscore_support():
    y_true, y_pred = _noisy_predictions(seed=7)
    cm = confusion_matrix(y_true, y_pred)
    scores = precision_recall_f1_from_confusion(cm)
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, average=None)
    np.testing.assert_allclose(scores.precision, p)
    np.testing.assert_allclose(scores.recall, r)
    np.testing.assert_allclose(scores.f1, f)
    np.testing.assert_array_equal(scores.support, s)


def test_metrics_table_equals_classification_report():
    y_true, y_pred = _noisy_predictions(seed=3)
    labels = [f"digit {i}" for i in range(10)]
    table = metrics_table(confusion_matrix(y_true, y_pred), labels=labels)
    report = classification_report(y_true, y_pred, target_names=labels, output_dict=True)
    expected = pd.DataFrame({k: v for k, v in report.items() if k != "accuracy"}).T

    assert table.index.tolist() == labels + ["macro avg", "weighted avg"]
    assert table.columns.tolist() == ["precision", "recall", "f1-score", "support"]
    pd.testing.assert_frame_equal(
        table[["precision", "recall", "f1-score"]],
        expected.loc[table.index, ["precision", "recall", "f1-score"]].astype(float),
        check_names=False, check_index_type=False,
    )
    np.testing.assert_array_equal(table["support"].to_numpy(), expected.loc[table.index, "support"])
    assert table["support"].dtype.kind == "i"


def test_worked_two_by_two_example():
    # The medical-test example of the tutorial: 60 sick, 40 healthy.
    cm = np.array([[50, 10], [5, 35]])
    counts = confusion_counts(cm)
    assert counts.loc[0].to_dict() == {"TP": 50, "FN": 10, "FP": 5, "TN": 35}
    # The healthy class seen as "positive" swaps the roles.
    assert counts.loc[1].to_dict() == {"TP": 35, "FN": 5, "FP": 10, "TN": 50}
    assert accuracy_from_confusion(cm) == pytest.approx(0.85)
    assert precision_from_confusion(cm)[0] == pytest.approx(50 / 55)
    assert recall_from_confusion(cm)[0] == pytest.approx(50 / 60)
    p, r = 50 / 55, 50 / 60
    assert f1_from_confusion(cm)[0] == pytest.approx(2 * p * r / (p + r))


def test_confusion_counts_rows_sum_to_total():
    y_true, y_pred = _noisy_predictions(seed=11)
    cm = confusion_matrix(y_true, y_pred)
    counts = confusion_counts(cm)
    assert (counts.sum(axis=1) == cm.sum()).all()
    np.testing.assert_array_equal(counts["TP"] + counts["FN"], cm.sum(axis=1))
    np.testing.assert_array_equal(counts["TP"] + counts["FP"], cm.sum(axis=0))


@pytest.mark.parametrize("zero_division", [0.0, 1.0])
def test_zero_division_matches_sklearn(zero_division):
    # Class 2 is never predicted (empty column) and class 3 never occurs (empty row).
    y_true = np.array([0, 0, 1, 1, 2, 2, 0, 1])
    y_pred = np.array([0, 1, 1, 1, 0, 1, 3, 0])
    labels = [0, 1, 2, 3]
    cm = confusion_matrix(y_true, y_pred, labels=labels)
    kwargs = dict(labels=labels, average=None, zero_division=zero_division)
    np.testing.assert_allclose(precision_from_confusion(cm, zero_division=zero_division),
                               precision_score(y_true, y_pred, **kwargs))
    np.testing.assert_allclose(recall_from_confusion(cm, zero_division=zero_division),
                               recall_score(y_true, y_pred, **kwargs))
    np.testing.assert_allclose(f1_from_confusion(cm, zero_division=zero_division),
                               f1_score(y_true, y_pred, **kwargs))


@pytest.mark.parametrize(
    "bad",
    [np.zeros((2, 3)), np.zeros(4), np.zeros((0, 0)), np.array([[1, -1], [0, 2]]),
     np.array([[1.0, np.nan], [0.0, 2.0]])],
)
def test_invalid_confusion_matrix_raises(bad):
    with pytest.raises(ValueError, match="confusion matrix"):
        check_confusion_matrix(bad)


def test_metrics_table_label_mismatch_and_empty():
    with pytest.raises(ValueError, match="one label per row"):
        metrics_table([[1, 0], [0, 1]], labels=["a"])
    with pytest.raises(ValueError, match="all zeros"):
        metrics_table(np.zeros((2, 2), dtype=int))
    with pytest.raises(ValueError, match="all zeros"):
        accuracy_from_confusion(np.zeros((3, 3), dtype=int))


# --- calibration -------------------------------------------------------------------------------------------


def test_calibration_table_matches_sklearn_calibration_curve():
    from sklearn.calibration import calibration_curve

    from mnist_tutorials.metrics import calibration_table

    rng = np.random.default_rng(0)
    proba = rng.dirichlet(np.ones(10) * 0.5, size=2000)
    y_true = np.array([rng.choice(10, p=p) for p in proba])  # labels drawn from proba: calibrated by design
    table = calibration_table(y_true, proba, n_bins=10)
    correct = proba.argmax(axis=1) == y_true
    prob_true, prob_pred = calibration_curve(correct, proba.max(axis=1), n_bins=10, strategy="uniform")
    np.testing.assert_allclose(table["accuracy"], prob_true)
    np.testing.assert_allclose(table["confidence"], prob_pred)
    assert table["count"].sum() == 2000
    np.testing.assert_allclose(table["gap"], table["confidence"] - table["accuracy"])


def test_expected_calibration_error_small_for_calibrated_large_for_overconfident():
    from mnist_tutorials.metrics import expected_calibration_error

    rng = np.random.default_rng(1)
    proba = rng.dirichlet(np.ones(10) * 0.5, size=5000)
    y_true = np.array([rng.choice(10, p=p) for p in proba])
    calibrated = expected_calibration_error(y_true, proba)
    sharpened = proba ** 4 / (proba ** 4).sum(axis=1, keepdims=True)  # same argmax, surer of it
    overconfident = expected_calibration_error(y_true, sharpened)
    assert calibrated < 0.03 < 0.1 < overconfident


def test_expected_calibration_error_by_hand():
    from mnist_tutorials.metrics import calibration_table, expected_calibration_error

    proba = np.array([[0.95, 0.05], [0.85, 0.15], [0.3, 0.7], [0.2, 0.8]])
    y_true = np.array([0, 1, 1, 1])
    # bins 0.8-1.0 (3 predictions, mean confidence 0.8667, 2 right) and 0.6-0.8 (0.7, right)
    table = calibration_table(y_true, proba, n_bins=5)
    assert table.index.tolist() == ["0.60-0.80", "0.80-1.00"] and table["count"].tolist() == [1, 3]
    expected = (1 * abs(0.7 - 1) + 3 * abs((0.95 + 0.85 + 0.8) / 3 - 2 / 3)) / 4
    assert expected_calibration_error(y_true, proba, n_bins=5) == pytest.approx(expected)


@pytest.mark.parametrize("y_true, proba, n_bins, message", [
    ([0, 1], np.ones((3, 2)) / 2, 10, "shape"),
    (["a", "b"], np.ones((2, 2)) / 2, 10, "integer labels"),
    ([0, 1], np.ones((2, 2)) / 2, 0, "n_bins"),
])
def test_calibration_table_rejects_bad_input(y_true, proba, n_bins, message):
    from mnist_tutorials.metrics import calibration_table

    with pytest.raises(ValueError, match=message):
        calibration_table(y_true, proba, n_bins=n_bins)
