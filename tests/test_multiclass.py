"""Tests of mnist_tutorials.multiclass on small synthetic labels and scores."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from sklearn.metrics import ConfusionMatrixDisplay, confusion_matrix  # noqa: E402
from sklearn.svm import SVC  # noqa: E402

from mnist_tutorials.multiclass import hide_confusion_cells, misclassified, top_confusions  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def blobs():
    """Three overlapping Gaussian classes labelled '0', '1', '2' and an SVC fitted on them."""
    rng = np.random.default_rng(42)
    centers = np.array([[0, 0], [2, 0], [1, 2]])
    y = np.repeat(np.array(["0", "1", "2"]), 40)
    X = centers[y.astype(int)] + rng.normal(scale=0.9, size=(120, 2))
    clf = SVC(random_state=42).fit(X, y)
    return X, y, clf


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


def test_top_confusions_ranks_off_diagonal_cells(blobs):
    X, y, clf = blobs
    cm = confusion_matrix(y, clf.predict(X))
    top = top_confusions(cm, clf.classes_, n=3)
    off = cm[~np.eye(3, dtype=bool)]
    assert top["value"].tolist() == sorted(off, reverse=True)[:3]
    for _, row in top.iterrows():
        assert row["label"] != row["predicted"]
        assert cm[int(row["label"]), int(row["predicted"])] == row["value"]


def test_top_confusions_ignores_the_diagonal():
    top = top_confusions([[100, 1], [2, 100]], ["x", "y"], n=5)
    assert top.values.tolist() == [["y", "x", 2], ["x", "y", 1]]


def test_top_confusions_validates_shapes():
    with pytest.raises(ValueError, match="square"):
        top_confusions(np.zeros((2, 3)), ["a", "b"])
    with pytest.raises(ValueError, match="name the 2 classes"):
        top_confusions(np.zeros((2, 2)), ["a", "b", "c"])


def test_hide_confusion_cells_replaces_only_chosen_text(blobs):
    X, y, clf = blobs
    disp = ConfusionMatrixDisplay.from_predictions(y, clf.predict(X), normalize="true", values_format=".0%")
    before = [[t.get_text() for t in row] for row in disp.text_]
    fig = hide_confusion_cells(disp, [(0, 0)])
    assert fig is disp.figure_
    assert disp.text_[0, 0].get_text() == "?"
    assert all(disp.text_[i, j].get_text() == before[i][j] for i in range(3) for j in range(3) if (i, j) != (0, 0))
    # The cell's colour is covered too, so the colour bar cannot give the value away.
    assert any(p.get_xy() == (-0.5, -0.5) for p in disp.ax_.patches)


def test_hide_confusion_cells_checks_cells_and_values(blobs):
    X, y, clf = blobs
    disp = ConfusionMatrixDisplay.from_predictions(y, clf.predict(X))
    with pytest.raises(ValueError, match="outside the 3x3"):
        hide_confusion_cells(disp, [(3, 0)])
    bare = ConfusionMatrixDisplay.from_predictions(y, clf.predict(X), include_values=False)
    with pytest.raises(ValueError, match="include_values=True"):
        hide_confusion_cells(bare, [(0, 0)])
