"""Tests of mnist_tutorials.binary on small synthetic scores, checked against scikit-learn."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import (
    confusion_matrix,
    f1_score,
    precision_recall_curve,
    precision_score,
    recall_score,
)

from mnist_tutorials.binary import (
    scores_from_confusion,
    threshold_for_precision,
    threshold_sweep,
)


@pytest.fixture
def scored():
    """600 labels (about 10% positive) and overlapping integer-valued scores, with ties."""
    rng = np.random.default_rng(42)
    y_true = rng.random(600) < 0.1
    y_scores = np.round(rng.normal(size=600) * 3 + 4 * y_true)
    return y_true, y_scores


@pytest.mark.parametrize("bad", [["5", "0"], [0, 2]])
@pytest.mark.parametrize("function", [threshold_sweep, threshold_for_precision])
def test_non_binary_labels_are_rejected_with_the_fix(function, bad):
    with pytest.raises(ValueError, match="y_train_5 = \\(y_train == '5'\\)"):
        function(bad, [0.5, -0.5], [0.0] if function is threshold_sweep else 0.5)


def test_zero_one_labels_count_like_booleans(scored):
    y_true, y_scores = scored
    as_int = threshold_sweep(y_true.astype(int), y_scores, [0.0, 1.0])
    as_bool = threshold_sweep(y_true, y_scores, [0.0, 1.0])
    for field in ("tn", "fp", "fn", "tp", "precision", "recall"):
        np.testing.assert_array_equal(getattr(as_int, field), getattr(as_bool, field))


def test_scores_from_confusion_match_sklearn(scored):
    y_true, y_scores = scored
    y_pred = y_scores >= 2
    by_hand = scores_from_confusion(confusion_matrix(y_true, y_pred))
    assert by_hand["precision"] == pytest.approx(precision_score(y_true, y_pred))
    assert by_hand["recall"] == pytest.approx(recall_score(y_true, y_pred))
    assert by_hand["f1"] == pytest.approx(f1_score(y_true, y_pred))


def test_scores_from_confusion_hand_computed_values():
    # tp=3530, fp=687, fn=1891: the 5-detector's published matrix.
    s = scores_from_confusion([[53892, 687], [1891, 3530]])
    assert s["precision"] == pytest.approx(3530 / 4217)
    assert s["recall"] == pytest.approx(3530 / 5421)
    p, r = 3530 / 4217, 3530 / 5421
    assert s["f1"] == pytest.approx(2 * p * r / (p + r))


def test_scores_from_confusion_no_positive_predictions():
    # Precision is 0/0, so nan. F1 = 2 tp / (2 tp + fp + fn) = 0 / 5 is defined, and sklearn agrees.
    s = scores_from_confusion([[10, 0], [5, 0]])
    assert np.isnan(s["precision"]) and s["recall"] == 0.0 and s["f1"] == 0.0
    y_true, y_pred = [0] * 10 + [1] * 5, [0] * 15
    assert s["f1"] == f1_score(y_true, y_pred, zero_division=0.0)


def test_scores_from_confusion_rejects_multiclass():
    with pytest.raises(ValueError, match="2x2 binary confusion matrix"):
        scores_from_confusion(np.eye(3))


def test_threshold_sweep_matches_sklearn_at_every_threshold(scored):
    y_true, y_scores = scored
    thresholds = np.array([-20.0, -3.0, 0.0, 0.5, 1.0, 4.0, 7.0])
    sweep = threshold_sweep(y_true, y_scores, thresholds)
    for i, t in enumerate(thresholds):
        y_pred = y_scores >= t
        (tn, fp), (fn, tp) = confusion_matrix(y_true, y_pred, labels=[False, True])
        assert (sweep.tn[i], sweep.fp[i], sweep.fn[i], sweep.tp[i]) == (tn, fp, fn, tp)
        assert sweep.precision[i] == pytest.approx(precision_score(y_true, y_pred))
        assert sweep.recall[i] == pytest.approx(recall_score(y_true, y_pred))


def test_threshold_sweep_agrees_with_precision_recall_curve(scored):
    y_true, y_scores = scored
    precisions, recalls, thresholds = precision_recall_curve(y_true, y_scores)
    sweep = threshold_sweep(y_true, y_scores, thresholds)
    np.testing.assert_allclose(sweep.precision, precisions[:-1])
    np.testing.assert_allclose(sweep.recall, recalls[:-1])


def test_threshold_sweep_above_every_score_has_nan_precision(scored):
    y_true, y_scores = scored
    sweep = threshold_sweep(y_true, y_scores, [y_scores.max() + 1])
    assert np.isnan(sweep.precision[0]) and sweep.recall[0] == 0 and sweep.tp[0] == sweep.fp[0] == 0


def test_threshold_sweep_rejects_misaligned_scores():
    with pytest.raises(ValueError, match=r"expected shape \(3,\), found \(2,\)"):
        threshold_sweep([True, False, True], [0.1, 0.2], [0.0])


def test_raising_the_threshold_trades_recall_for_precision(scored):
    y_true, y_scores = scored
    sweep = threshold_sweep(y_true, y_scores, [-2, 4])
    (p_low, p_high), (r_low, r_high) = sweep.precision, sweep.recall
    assert r_high < r_low and p_high > p_low


@pytest.mark.parametrize("target", [0.3, 0.5, 0.75, 0.9])
def test_threshold_for_precision_is_geron_argmax(scored, target):
    y_true, y_scores = scored
    precisions, _, thresholds = precision_recall_curve(y_true, y_scores)
    expected = thresholds[(precisions[:-1] >= target).argmax()]
    threshold = threshold_for_precision(y_true, y_scores, target)
    assert threshold == expected
    assert precision_score(y_true, y_scores >= threshold) >= target
    # One step lower (the next smaller distinct score) misses the target.
    lower = np.unique(y_scores)[np.unique(y_scores) < threshold]
    if lower.size:
        assert precision_score(y_true, y_scores >= lower[-1]) < target


def test_threshold_for_precision_unreachable_target_says_best():
    with pytest.raises(ValueError, match="best is 0.5000"):
        threshold_for_precision([1, 0, 1, 0], [1.0, 2.0, 3.0, 4.0], 0.9)


@pytest.mark.parametrize("target", [0, 1.5, 90])
def test_threshold_for_precision_rejects_out_of_range_target(target):
    with pytest.raises(ValueError, match="must be in \\(0, 1\\]"):
        threshold_for_precision([1, 0], [1.0, 0.0], target)
