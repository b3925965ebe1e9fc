"""Headline numbers of the two evaluation tutorials, reproduced on the real MNIST data.

``04_choosing_thresholds`` (thresholds by cross-validation) and ``15_calibration_imbalance_uncertainty``
(calibration, costs, an imbalanced 5-detector, confidence intervals and McNemar's test) compute these on every
build; the tests pin them, so a change in scikit-learn, the data or the package that moves them fails here,
not silently in the pages' prose. Values checked with scikit-learn 1.9.1. The Keras parts of page 15 (the
temperature, the Fashion MLP's ranking metrics) are not pinned: TensorFlow's results depend on the CPU.

Run with ``pytest -m reference tests/test_reference_evaluation.py`` after ``python -m mnist_tutorials
fetch-data``. Cost: about 30 CPU seconds (linear models on 20,000-image subsets and one random forest on
10,000 images).
"""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.reference


@pytest.fixture(scope="module")
def mnist_scaled():
    from mnist_tutorials import fetch_mnist

    mnist = fetch_mnist()
    return mnist.data / 255, mnist.target


# ---------------------------------------------------------------- 13: choosing a threshold by cross-validation


@pytest.fixture(scope="module")
def page13(mnist_scaled):
    from sklearn.linear_model import SGDClassifier
    from sklearn.model_selection import StratifiedKFold, cross_validate

    X, y = mnist_scaled
    X_train, y_train_5 = X[:20000], y[:20000] == "5"
    sgd_clf = SGDClassifier(average=True, random_state=42)
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=42)
    cv_results = cross_validate(sgd_clf, X_train, y_train_5, cv=cv, scoring="f1",
                                return_estimator=True, return_indices=True)
    y_scores = np.empty(len(y_train_5))
    for model, held_out in zip(cv_results["estimator"], cv_results["indices"]["test"]):
        y_scores[held_out] = model.decision_function(X_train[held_out])
    return X_train, y_train_5, sgd_clf, cv, cv_results, y_scores


def test_fold_scores_and_best_thresholds(page13):
    from sklearn.metrics import confusion_matrix_at_thresholds

    _, y_train_5, _, _, cv_results, y_scores = page13
    np.testing.assert_allclose(cv_results["test_score"], [0.8504, 0.8348, 0.8658, 0.8819, 0.8418], atol=5e-5)
    best = []
    for held_out in cv_results["indices"]["test"]:
        tns, fps, fns, tps, thresholds = confusion_matrix_at_thresholds(y_train_5[held_out], y_scores[held_out])
        best.append(thresholds[np.argmax(2 * tps / (2 * tps + fps + fns))])
    np.testing.assert_allclose(best, [-1.046, -1.226, -0.459, -0.105, -1.154], atol=5e-4)


def test_hand_made_90_percent_precision_threshold_and_its_tie(page13):
    from sklearn.metrics import precision_recall_curve, precision_score, recall_score

    _, y_train_5, _, _, _, y_scores = page13
    precisions, _, thresholds = precision_recall_curve(y_train_5, y_scores)
    threshold_90 = thresholds[(precisions[:-1] >= 0.90).argmax()]
    assert threshold_90 == pytest.approx(-0.3609, abs=5e-4)
    assert np.flatnonzero(y_scores == threshold_90).tolist() == [5542]  # the tie the page shows: a '3'
    assert precision_score(y_train_5, y_scores >= threshold_90) == pytest.approx(0.9003, abs=5e-5)
    assert recall_score(y_train_5, y_scores >= threshold_90) == pytest.approx(0.8192, abs=5e-5)


def test_tuned_thresholds(page13):
    from sklearn.model_selection import TunedThresholdClassifierCV

    X_train, y_train_5, sgd_clf, cv, _, _ = page13
    tuned_f1 = TunedThresholdClassifierCV(sgd_clf, scoring="f1", thresholds=np.linspace(-5, 3, 161), cv=cv)
    tuned_f1.fit(X_train, y_train_5)
    assert tuned_f1.best_threshold_ == pytest.approx(-0.50, abs=1e-9)
    assert tuned_f1.best_score_ == pytest.approx(0.8586, abs=5e-5)


# ---------------------------------------------------------------- 14: calibration, imbalance, uncertainty


@pytest.fixture(scope="module")
def page14_models(mnist_scaled):
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import SGDClassifier

    X, y = mnist_scaled
    forest = RandomForestClassifier(random_state=42, n_jobs=2).fit(X[:10000], y[:10000] == "5")
    sgd = SGDClassifier(average=True, random_state=42).fit(X[:10000], y[:10000] == "5")
    return forest, sgd


def test_calibration_log_losses(mnist_scaled, page14_models):
    from scipy.special import expit
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.frozen import FrozenEstimator
    from sklearn.metrics import log_loss

    X, y = mnist_scaled
    forest, sgd = page14_models
    X_cal, y_cal, X_test, y_test_5 = X[10000:20000], y[10000:20000] == "5", X[60000:], y[60000:] == "5"
    losses = {"forest": log_loss(y_test_5, forest.predict_proba(X_test)[:, 1]),
              "SGD": log_loss(y_test_5, expit(sgd.decision_function(X_test)))}
    for name, model in {"forest": forest, "SGD": sgd}.items():
        for method in ("sigmoid", "isotonic"):
            calibrated = CalibratedClassifierCV(FrozenEstimator(model), method=method).fit(X_cal, y_cal)
            losses[f"{name}, {method}"] = log_loss(y_test_5, calibrated.predict_proba(X_test)[:, 1])
    expected = {"forest": 0.0712, "SGD": 0.1590, "forest, sigmoid": 0.0371, "forest, isotonic": 0.0414,
                "SGD, sigmoid": 0.0948, "SGD, isotonic": 0.1025}
    assert losses == pytest.approx(expected, abs=5e-5)


def test_wilson_intervals_and_mcnemar_forest_against_sgd(mnist_scaled, page14_models):
    from scipy.stats import binomtest

    from mnist_tutorials.evaluation import mcnemar_test

    X, y = mnist_scaled
    forest, sgd = page14_models
    X_test, y_test_5 = X[60000:], y[60000:] == "5"
    forest_right, sgd_right = forest.predict(X_test) == y_test_5, sgd.predict(X_test) == y_test_5
    assert (forest_right.sum(), sgd_right.sum()) == (9780, 9740)
    ci = binomtest(int(forest_right.sum()), len(forest_right)).proportion_ci(method="wilson")
    assert (ci.low, ci.high) == pytest.approx((0.9749, 0.9807), abs=5e-5)
    result = mcnemar_test(y_test_5, forest.predict(X_test), sgd.predict(X_test))
    assert result[:2] == (116, 76)
    assert result.pvalue == pytest.approx(0.004755, abs=5e-6)


def test_imbalanced_five_detector(mnist_scaled):
    from sklearn.linear_model import SGDClassifier
    from sklearn.metrics import average_precision_score, precision_score, recall_score, roc_auc_score

    X, y = mnist_scaled
    X_pool, y_pool_5 = X[:30000], y[:30000] == "5"
    fives, others = np.flatnonzero(y_pool_5), np.flatnonzero(~y_pool_5)
    keep = np.sort(np.concatenate([others, fives[:round(len(others) / 99)]]))
    X_imb, y_imb = X_pool[keep], y_pool_5[keep]
    assert (len(y_imb), int(y_imb.sum())) == (27567, 276)
    X_test, y_test_5 = X[60000:], y[60000:] == "5"
    w_test = np.where(y_test_5, (~y_test_5).sum() / 99 / y_test_5.sum(), 1.0)
    sgd_imb = SGDClassifier(average=True, random_state=42).fit(X_imb, y_imb)
    s = sgd_imb.decision_function(X_test)
    assert roc_auc_score(y_test_5, s, sample_weight=w_test) == pytest.approx(roc_auc_score(y_test_5, s), abs=1e-12)
    assert roc_auc_score(y_test_5, s) == pytest.approx(0.9566, abs=5e-5)
    assert average_precision_score(y_test_5, s) == pytest.approx(0.892, abs=5e-4)
    assert average_precision_score(y_test_5, s, sample_weight=w_test) == pytest.approx(0.767, abs=5e-4)
    balanced = SGDClassifier(average=True, class_weight="balanced", random_state=42).fit(X_imb, y_imb)
    y_pred = balanced.predict(X_test)
    assert precision_score(y_test_5, y_pred, sample_weight=w_test) == pytest.approx(0.128, abs=5e-4)
    assert recall_score(y_test_5, y_pred, sample_weight=w_test) == pytest.approx(0.911, abs=5e-4)
