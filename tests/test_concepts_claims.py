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
