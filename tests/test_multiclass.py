"""Tests of mnist_tutorials.multiclass on small synthetic labels and scores."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from sklearn.metrics import ConfusionMatrixDisplay, confusion_matrix  # noqa: E402

from mnist_tutorials.multiclass import hide_confusion_cells, top_confusions  # noqa: E402
from test_mistakes import blobs  # noqa: E402, F401  (the fixture: three overlapping classes and an SVC)


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
