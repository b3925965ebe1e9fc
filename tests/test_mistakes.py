"""Tests of mnist_tutorials.mistakes (the tables of a classifier's mistakes) on small synthetic data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.svm import SVC

from mnist_tutorials.mistakes import misclassified, most_confident_mistakes, predictions_table

NAMES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


@pytest.fixture(scope="module")
def blobs():
    """Three overlapping Gaussian classes labelled '0', '1', '2' and an SVC fitted on them."""
    rng = np.random.default_rng(42)
    centers = np.array([[0, 0], [2, 0], [1, 2]])
    y = np.repeat(np.array(["0", "1", "2"]), 40)
    X = centers[y.astype(int)] + rng.normal(scale=0.9, size=(120, 2))
    clf = SVC(random_state=42).fit(X, y)
    return X, y, clf


# --- misclassified (decision scores) -----------------------------------------------------------------


def test_misclassified_lists_exactly_the_errors(blobs):
    X, y, clf = blobs
    y_pred = clf.predict(X)
    table = misclassified(y, y_pred)
    expected = np.flatnonzero(y_pred != y)
    assert expected.size > 0, "the synthetic classes should overlap enough to produce errors"
    assert table.index.tolist() == expected.tolist()
    assert table.index.name == "image"
    assert (table["label"].to_numpy() == y[expected]).all()
    assert (table["predicted"].to_numpy() == y_pred[expected]).all()


def test_misclassified_scores_explain_the_prediction(blobs):
    X, y, clf = blobs
    y_pred, scores = clf.predict(X), clf.decision_function(X)
    table = misclassified(y, y_pred, scores, classes=clf.classes_)
    assert table.columns.tolist() == ["label", "predicted", "top_score", "0", "1", "2"]
    for image, row in table.iterrows():
        # The predicted class is the one with the top score, which is not the label's.
        assert row[row["predicted"]] == row["top_score"] == scores[image].max()
        assert row[row["label"]] < row["top_score"]


def test_misclassified_uses_given_index():
    table = misclassified(["a", "b", "c"], ["a", "c", "b"], index=[100, 101, 102])
    assert table.index.tolist() == [101, 102]


def test_misclassified_no_errors_gives_empty_table():
    assert misclassified(["a", "b"], ["a", "b"]).empty


def test_misclassified_scores_need_classes():
    with pytest.raises(ValueError, match="classes=clf.classes_"):
        misclassified(["a"], ["b"], [[0.0, 1.0]])


def test_misclassified_rejects_misshapen_scores():
    with pytest.raises(ValueError, match=r"\(2, 3\), found \(2, 2\)"):
        misclassified(["a", "b"], ["b", "b"], np.zeros((2, 2)), classes=["a", "b", "c"])


def test_misclassified_rejects_length_mismatch():
    with pytest.raises(ValueError, match="same length"):
        misclassified(["a", "b"], ["a"])


# --- predictions_table and most_confident_mistakes (probabilities) ----------------------------------------


@pytest.fixture
def proba():
    rng = np.random.default_rng(1)
    return rng.dirichlet(np.ones(10) * 0.3, size=300)


def test_predictions_table_shows_each_samples_own_probability(proba):
    y_true = np.random.default_rng(2).integers(0, 10, 300)
    table = predictions_table(y_true, proba, NAMES, n=25)
    assert len(table) == 25 and table.index.is_monotonic_increasing
    rows = table.index.to_numpy()
    np.testing.assert_allclose(table["probability"], proba[rows].max(axis=1))
    np.testing.assert_allclose(table["p_actual"], proba[rows, y_true[rows]])
    assert table["probability"].nunique() > 1  # not one overall "confidence" copied into every row
    right = proba[rows].argmax(axis=1) == y_true[rows]
    assert (table["correct"] == np.where(right, "✔", "✖")).all()
    assert table["actual"].tolist() == [NAMES[k] for k in y_true[rows]]


def test_predictions_table_is_seeded(proba):
    y_true = np.zeros(300, dtype=int)
    a = predictions_table(y_true, proba, n=10, random_state=42)
    b = predictions_table(y_true, proba, n=10, random_state=42)
    c = predictions_table(y_true, proba, n=10, random_state=0)
    pd.testing.assert_frame_equal(a, b)
    assert a.index.tolist() != c.index.tolist()
    assert len(predictions_table(y_true[:4], proba[:4], n=10)) == 4


def test_predictions_table_rejects_mismatched_shapes(proba):
    with pytest.raises(ValueError, match="shape"):
        predictions_table(np.zeros(10), proba)


def test_most_confident_mistakes(proba):
    y_true = np.random.default_rng(3).integers(0, 10, 300)
    mistakes = most_confident_mistakes(y_true, proba, n=8, index=np.arange(300) + 60000)
    assert len(mistakes) == 8
    rows = mistakes.index.to_numpy() - 60000
    y_pred = proba.argmax(axis=1)
    assert (y_pred[rows] != y_true[rows]).all()
    assert mistakes["probability"].is_monotonic_decreasing
    wrong = y_pred != y_true
    assert mistakes["probability"].iloc[0] == proba[wrong].max()
    assert (mistakes["p_actual"] < mistakes["probability"]).all()


def test_most_confident_mistakes_empty_when_all_right(proba):
    assert most_confident_mistakes(proba.argmax(axis=1), proba).empty


def test_the_tables_reject_an_index_of_the_wrong_length(proba):
    y_true = np.zeros(300, dtype=int)
    for table in (predictions_table, most_confident_mistakes):
        with pytest.raises(ValueError, match=r"one entry per label \(300\)"):
            table(y_true, proba, index=np.arange(299))
