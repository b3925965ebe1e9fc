"""The statements of docs/concepts/metrics.md, checked against scikit-learn on synthetic data (fast)."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import (accuracy_score, average_precision_score, f1_score, precision_recall_curve,
                             precision_score, recall_score, roc_auc_score)


@pytest.fixture
def scored():
    rng = np.random.default_rng(0)
    y_true = rng.random(400) < 0.2
    y_scores = rng.normal(size=400) + 1.5 * y_true
    y_scores[:20] = np.round(y_scores[:20])  # some ties
    return y_true, y_scores


def test_predict_is_score_strictly_above_zero():
    clf = SGDClassifier(random_state=0).fit([[0.0], [1.0], [2.0], [3.0]], [False, False, True, True])
    clf.coef_[:] = 0.0
    clf.intercept_[:] = 0.0  # every score is exactly 0
    assert (clf.decision_function([[5.0], [-5.0]]) == 0).all()
    assert not clf.predict([[5.0], [-5.0]]).any()  # a score of 0 is *not* positive: "> 0", not ">= 0"


def test_precision_recall_curve_counts_scores_at_the_threshold_as_positive(scored):
    y_true, y_scores = scored
    precisions, recalls, thresholds = precision_recall_curve(y_true, y_scores)
    for p, r, t in zip(precisions[:-1], recalls[:-1], thresholds):
        assert p == pytest.approx(precision_score(y_true, y_scores >= t))
        assert r == pytest.approx(recall_score(y_true, y_scores >= t))


def test_micro_averages_equal_accuracy_in_multiclass():
    rng = np.random.default_rng(1)
    y_true, y_pred = rng.integers(0, 10, 500), rng.integers(0, 10, 500)
    y_pred[:300] = y_true[:300]
    accuracy = accuracy_score(y_true, y_pred)
    for metric in (precision_score, recall_score, f1_score):
        assert metric(y_true, y_pred, average="micro") == pytest.approx(accuracy)
    support = np.bincount(y_true, minlength=10)
    per_class = f1_score(y_true, y_pred, average=None)
    assert f1_score(y_true, y_pred, average="macro") == pytest.approx(per_class.mean())
    assert f1_score(y_true, y_pred, average="weighted") == pytest.approx(np.average(per_class, weights=support))


def test_roc_auc_is_the_probability_a_positive_outranks_a_negative(scored):
    y_true, y_scores = scored
    pos, neg = y_scores[y_true], y_scores[~y_true]
    pairwise = ((pos[:, None] > neg[None, :]).mean() + 0.5 * (pos[:, None] == neg[None, :]).mean())
    assert roc_auc_score(y_true, y_scores) == pytest.approx(pairwise)


def test_roc_auc_ignores_class_proportions_average_precision_does_not(scored):
    y_true, y_scores = scored
    # Three copies of every negative: the same ranking problem with a rarer positive class.
    y_more = np.concatenate([y_true, np.zeros(2 * (~y_true).sum(), bool)])
    s_more = np.concatenate([y_scores, np.tile(y_scores[~y_true], 2)])
    assert roc_auc_score(y_more, s_more) == pytest.approx(roc_auc_score(y_true, y_scores))
    assert average_precision_score(y_more, s_more) < average_precision_score(y_true, y_scores) - 0.05


def test_average_precision_formula(scored):
    y_true, y_scores = scored
    precisions, recalls, _ = precision_recall_curve(y_true, y_scores)
    # recalls decrease along the arrays: sum of (R_n - R_{n-1}) P_n over increasing recall
    ap = -np.sum(np.diff(recalls) * precisions[:-1])
    assert average_precision_score(y_true, y_scores) == pytest.approx(ap)


def test_uninformative_scores_get_an_average_precision_near_the_positive_share():
    rng = np.random.default_rng(2)
    y_true = rng.random(20000) < 0.1
    assert average_precision_score(y_true, rng.random(20000)) == pytest.approx(y_true.mean(), abs=0.01)
    assert roc_auc_score(y_true, rng.random(20000)) == pytest.approx(0.5, abs=0.02)


# ------------------------------------------------ thresholds, costs, calibration, imbalance, uncertainty, OvR


def test_fixed_threshold_classifier_counts_a_score_equal_to_the_threshold_as_positive():
    from sklearn.frozen import FrozenEstimator
    from sklearn.model_selection import FixedThresholdClassifier

    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    clf = SGDClassifier(random_state=0).fit(X, [False, False, True, True])
    scores = clf.decision_function(X)
    fixed = FixedThresholdClassifier(FrozenEstimator(clf), threshold=scores[2]).fit(X, [False, False, True, True])
    assert fixed.predict(X)[2] and not (scores[2] > scores[2])  # ">=" keeps the tie, ">" would drop it


def test_tuned_threshold_classifier_thresholds_with_greater_or_equal():
    from sklearn.metrics._scorer import _threshold_scores_to_class_labels

    labels = _threshold_scores_to_class_labels(np.array([0.2, 0.5, 0.7]), 0.5, np.array([False, True]), None)
    assert labels.tolist() == [False, True, True]


def test_sweep_orders_and_counts(scored):
    from sklearn.metrics import confusion_matrix, confusion_matrix_at_thresholds, metric_at_thresholds

    y_true, y_scores = scored
    tns, fps, fns, tps, thresholds = confusion_matrix_at_thresholds(y_true, y_scores)
    assert (np.diff(thresholds) < 0).all()  # decreasing
    assert (np.diff(precision_recall_curve(y_true, y_scores)[2]) > 0).all()  # increasing
    for i in (0, len(thresholds) // 2, len(thresholds) - 1):
        assert confusion_matrix(y_true, y_scores >= thresholds[i]).ravel().tolist() == [tns[i], fps[i], fns[i], tps[i]]
    values, same = metric_at_thresholds(y_true, y_scores, f1_score)
    np.testing.assert_array_equal(same, thresholds)
    np.testing.assert_allclose(values, 2 * tps / (2 * tps + fps + fns))


def test_cost_optimal_threshold_on_calibrated_probabilities():
    rng = np.random.default_rng(3)
    p = rng.random(200_000)
    y_true = rng.random(200_000) < p  # p is calibrated by construction
    cost_fp, cost_fn = 1, 4
    grid = np.linspace(0.01, 0.99, 99)
    costs = [cost_fp * np.sum(~y_true & (p >= t)) + cost_fn * np.sum(y_true & (p < t)) for t in grid]
    assert grid[int(np.argmin(costs))] == pytest.approx(cost_fp / (cost_fp + cost_fn), abs=0.03)


def test_brier_score_is_the_mean_squared_difference_and_sigmoid_keeps_the_ranking(scored):
    from scipy.special import expit
    from sklearn.metrics import brier_score_loss

    y_true, y_scores = scored
    p = expit(y_scores)
    assert brier_score_loss(y_true, p) == pytest.approx(np.mean((p - y_true) ** 2))
    assert roc_auc_score(y_true, expit(3 * y_scores - 1)) == pytest.approx(roc_auc_score(y_true, y_scores))


def test_balanced_accuracy_and_mcc_definitions(scored):
    from sklearn.metrics import balanced_accuracy_score, confusion_matrix, matthews_corrcoef

    y_true, y_scores = scored
    y_pred = y_scores > 0.5
    tn, fp, fn, tp = confusion_matrix(y_true, y_pred).ravel().astype(float)
    assert balanced_accuracy_score(y_true, y_pred) == pytest.approx((tp / (tp + fn) + tn / (tn + fp)) / 2)
    mcc = (tp * tn - fp * fn) / np.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    assert matthews_corrcoef(y_true, y_pred) == pytest.approx(mcc)
    assert balanced_accuracy_score(y_true, np.zeros_like(y_true)) == 0.5
    assert matthews_corrcoef(y_true, np.zeros_like(y_true)) == 0.0


def test_balanced_class_weight_formula():
    from sklearn.utils.class_weight import compute_class_weight

    y = np.array([0] * 99 + [1])
    weights = compute_class_weight("balanced", classes=np.array([0, 1]), y=y)
    np.testing.assert_allclose(weights, len(y) / (2 * np.bincount(y)))


def test_det_curve_plots_the_miss_rate_against_the_false_positive_rate(scored):
    from sklearn.metrics import det_curve, roc_curve

    y_true, y_scores = scored
    fpr, fnr, thresholds = det_curve(y_true, y_scores)
    roc_fpr, roc_tpr, roc_thresholds = roc_curve(y_true, y_scores, drop_intermediate=False)
    for f, n, t in zip(fpr, fnr, thresholds):
        i = np.flatnonzero(roc_thresholds == t)[0]
        assert f == pytest.approx(roc_fpr[i]) and n == pytest.approx(1 - roc_tpr[i])


def test_reweighting_negatives_leaves_roc_auc_unchanged_but_not_average_precision(scored):
    y_true, y_scores = scored
    weights = np.where(y_true, 0.1, 1.0)
    assert roc_auc_score(y_true, y_scores, sample_weight=weights) == pytest.approx(roc_auc_score(y_true, y_scores))
    assert average_precision_score(y_true, y_scores, sample_weight=weights) < average_precision_score(y_true, y_scores)


def test_wilson_interval_formula():
    from scipy.stats import binomtest

    k, n, z = 9700, 10000, 1.959963984540054
    ci = binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    p = k / n
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z / (1 + z**2 / n) * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    assert (ci.low, ci.high) == pytest.approx((centre - half, centre + half))
    edge = binomtest(n, n).proportion_ci(method="wilson")
    assert edge.high <= 1 and edge.low < 1


def test_mcnemar_uses_only_the_discordant_instances():
    from scipy.stats import binomtest

    from mnist_tutorials.evaluation import mcnemar_test

    rng = np.random.default_rng(4)
    y_true = rng.integers(0, 2, 1000)
    a, b = y_true.copy(), y_true.copy()
    a[:30], b[30:40] = 1 - a[:30], 1 - b[30:40]  # A wrong on 30 images, B wrong on 10 others
    result = mcnemar_test(y_true, a, b)
    assert (result.only_a_right, result.only_b_right) == (10, 30)
    assert result.pvalue == pytest.approx(binomtest(10, 40).pvalue)
    both_wrong = b.copy()
    both_wrong[:30] = a[:30]  # making B also wrong where A is wrong changes only the discordant counts
    assert mcnemar_test(y_true, a, both_wrong)[:2] == (10, 0)


def test_one_vs_rest_averages_of_roc_auc_and_average_precision():
    from sklearn.preprocessing import label_binarize

    rng = np.random.default_rng(5)
    y_true = rng.choice(3, size=600, p=[0.6, 0.3, 0.1])
    proba = rng.dirichlet([1, 1, 1], 600)
    proba[np.arange(600), y_true] += 0.5
    proba /= proba.sum(axis=1, keepdims=True)
    per_class = [roc_auc_score(y_true == k, proba[:, k]) for k in range(3)]
    support = np.bincount(y_true)
    assert roc_auc_score(y_true, proba, multi_class="ovr", average="macro") == pytest.approx(np.mean(per_class))
    assert roc_auc_score(y_true, proba, multi_class="ovr", average="weighted") == pytest.approx(
        np.average(per_class, weights=support))
    Y = label_binarize(y_true, classes=range(3))
    assert roc_auc_score(y_true, proba, multi_class="ovr", average="micro") == pytest.approx(
        roc_auc_score(Y.ravel(), proba.ravel()))
    assert average_precision_score(Y, proba, average="micro") == pytest.approx(
        average_precision_score(Y.ravel(), proba.ravel()))
