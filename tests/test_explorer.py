"""The clickable confusion matrix: the cell → samples mapping against scikit-learn, and the widget's HTML."""

from __future__ import annotations

import base64
import html.parser
import io
import json
import re

import numpy as np
import pytest
from sklearn.metrics import confusion_matrix

from mnist_tutorials.plotting import ConfusionExplorer, confusion_cells, confusion_explorer


def _random_predictions(seed, n=400, k=6, absent=(4,)):
    """Labels 0 … k-1; the classes in ``absent`` are never predicted, so their columns are empty."""
    rng = np.random.default_rng(seed)
    y_true = rng.integers(0, k, size=n)
    allowed = np.array([c for c in range(k) if c not in absent])
    y_pred = np.where(rng.random(n) < 0.6, y_true, rng.choice(allowed, size=n))
    y_pred = np.where(np.isin(y_pred, absent), allowed[0], y_pred)
    return y_true, y_pred, rng.normal(size=n)


def _check_partition(cells, y_true, y_pred, labels, scores=None):
    """Every kept sample sits in exactly its cell, each cell ordered by decreasing score, ties in data order."""
    seen = []
    for i, row in enumerate(cells):
        for j, positions in enumerate(row):
            assert positions.dtype.kind == "i"
            assert np.all(y_true[positions] == labels[i]) and np.all(y_pred[positions] == labels[j])
            if scores is None:
                assert np.all(np.diff(positions) > 0)
            else:
                key = list(zip(-scores[positions], positions))
                assert key == sorted(key)
            seen.extend(positions.tolist())
    kept = np.flatnonzero(np.isin(y_true, labels) & np.isin(y_pred, labels))
    assert sorted(seen) == kept.tolist()


@pytest.mark.parametrize("seed", range(5))
def test_cells_match_confusion_matrix_on_random_labels(seed):
    y_true, y_pred, scores = _random_predictions(seed)
    cells = confusion_cells(y_true, y_pred, scores=scores)
    cm = confusion_matrix(y_true, y_pred)
    assert [[len(c) for c in row] for row in cells] == cm.tolist()
    assert cm[:, 4].sum() == 0 and cm[4, 4] == 0, "class 4 is never predicted: its column is empty"
    _check_partition(cells, y_true, y_pred, np.arange(6), scores)


def test_without_scores_cells_keep_data_order():
    y_true, y_pred, _ = _random_predictions(7)
    cells = confusion_cells(y_true, y_pred)
    assert [[len(c) for c in row] for row in cells] == confusion_matrix(y_true, y_pred).tolist()
    _check_partition(cells, y_true, y_pred, np.arange(6))


def test_labels_absent_from_the_data_and_left_out():
    y_true, y_pred, scores = _random_predictions(3, k=5, absent=(2,))
    labels = [4, 9, 0, 1, 2]  # 9 never occurs: an empty row and column; 3 is not listed: its samples are dropped
    cells = confusion_cells(y_true, y_pred, labels=labels, scores=scores)
    cm = confusion_matrix(y_true, y_pred, labels=labels)
    assert [[len(c) for c in row] for row in cells] == cm.tolist()
    assert cm[1].sum() == 0 and cm[:, 1].sum() == 0
    assert cm.sum() < len(y_true)
    _check_partition(cells, y_true, y_pred, np.array(labels), scores)


def test_string_labels_and_two_dimensional_scores_use_the_predicted_column():
    rng = np.random.default_rng(0)
    classes = np.array(list("0123456789"), dtype=object)
    y_true = rng.choice(classes, size=300)
    decision = rng.normal(size=(300, 10))
    y_pred = classes[decision.argmax(axis=1)]
    cells = confusion_cells(y_true, y_pred, scores=decision)
    assert [[len(c) for c in row] for row in cells] == confusion_matrix(y_true, y_pred).tolist()
    _check_partition(cells, y_true, y_pred, classes, decision.max(axis=1))


def test_ties_and_nan_scores():
    cells = confusion_cells([1, 1, 1, 1, 1], [1, 1, 1, 1, 1], scores=[0.5, np.nan, 0.9, 0.5, 0.9])
    assert cells[0][0].tolist() == [2, 4, 0, 3, 1]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(y_true=[0, 1], y_pred=[0, 1, 1]), "same length"),
        (dict(y_true=[0, 1], y_pred=[0, 1], labels=[0, 0, 1]), "must not repeat"),
        (dict(y_true=[0, 1], y_pred=[0, 1], labels=[]), "non-empty"),
        (dict(y_true=[0, 1], y_pred=[0, 1], scores=[0.5]), r"shape \(2,\)"),
        (dict(y_true=[0, 1], y_pred=[0, 1], scores=np.zeros((2, 3))), "labels=clf.classes_"),
    ],
)
def test_cells_errors_say_what_is_wrong(kwargs, message):
    with pytest.raises(ValueError, match=message):
        confusion_cells(**kwargs)


# ------------------------------------------------------------------------------------------------ the widget


class _TableReader(html.parser.HTMLParser):
    """The text of each ``td.mte-cell`` of the static table, as a browser without JavaScript shows it."""

    def __init__(self):
        super().__init__()
        self.cells, self._in_cell = [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "td" and "mte-cell" in attrs.get("class", ""):
            self._in_cell = True
            self.cells.append((int(attrs["data-row"]), int(attrs["data-col"]), ""))

    def handle_endtag(self, tag):
        self._in_cell = self._in_cell and tag != "td"

    def handle_data(self, data):
        if self._in_cell:
            i, j, text = self.cells[-1]
            self.cells[-1] = (i, j, text + data)


def _data(explorer: ConfusionExplorer) -> dict:
    found = re.search(r'<script type="application/json" class="mte-data">(.*?)</script>', explorer.html, re.S)
    return json.loads(found.group(1))


def _synthetic(n=500, k=4, seed=0):
    rng = np.random.default_rng(seed)
    y_true = rng.integers(0, k, size=n)
    y_pred = np.where(rng.random(n) < 0.7, y_true, rng.integers(0, k, size=n))
    images = rng.integers(0, 256, size=(n, 784)).astype(float)
    return y_true, y_pred, images, rng.random(n)


def test_widget_carries_counts_rates_and_the_most_confident_images():
    y_true, y_pred, images, scores = _synthetic()
    index = np.arange(1000, 1000 + len(y_true))
    explorer = confusion_explorer(y_true, y_pred, images, scores=scores, index=index, max_images=7,
                                  score_format=".2f", display_labels=["a", "b", "c", "d"])
    cm = confusion_matrix(y_true, y_pred)
    rates = confusion_matrix(y_true, y_pred, normalize="true")
    cells = confusion_cells(y_true, y_pred, scores=scores)
    data = _data(explorer)
    assert np.array_equal(explorer.confusion_matrix, cm) and data["counts"] == cm.tolist()
    assert data["cap"] == explorer.max_images == 7 and data["scored"]
    assert data["display_labels"] == ["a", "b", "c", "d"]
    for i in range(4):
        for j in range(4):
            shown_ids, shown_scores = data["cells"][i][j]
            assert shown_ids == (index[cells[i][j][:7]]).tolist()
            assert shown_scores == [f"{s:.2f}" for s in scores[cells[i][j][:7]]]
    # Without JavaScript the table shows the counts; the rates are carried for the toggle.
    reader = _TableReader()
    reader.feed(explorer.html)
    assert len(reader.cells) == 16
    for i, j, text in reader.cells:
        assert text == f"{cm[i, j]:,}"
    carried = dict(((int(i), int(j)), r) for i, j, r in re.findall(r'data-row="(\d)" data-col="(\d)" '
                                                                     r'data-count="[\d,]+" data-rate="([^"]+)"',
                                                                     explorer.html))
    assert carried == {(i, j): f"{rates[i, j]:.1%}" for i in range(4) for j in range(4)}
    assert explorer._repr_html_() is explorer.html
    assert "4 classes, 500 samples" in repr(explorer)


def test_sprite_holds_the_shown_images_in_order():
    from PIL import Image

    y_true, y_pred, images, scores = _synthetic(n=120, k=3, seed=1)
    images[:, :392] = 0  # some ink-free pixels, some full ink
    images[:, 392:400] = 255
    explorer = confusion_explorer(y_true, y_pred, images.reshape(-1, 28, 28), scores=scores, max_images=4)
    data = _data(explorer)
    png = base64.b64decode(data["sprite"].split(",", 1)[1])
    sprite = np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=float)
    order = [p for row in confusion_cells(y_true, y_pred, scores=scores) for cell in row for p in cell[:4]]
    columns = data["columns"]
    assert sprite.shape[1] == columns * 28 and sprite.shape[0] == -(-len(order) // columns) * 28
    for k, position in enumerate(order):
        r, c = divmod(k, columns)
        tile = sprite[r * 28:(r + 1) * 28, c * 28:(c + 1) * 28]
        expected = 255 - images[position].reshape(28, 28)  # ink dark on white
        assert np.abs(tile - expected).max() <= 255 / 15 / 2 + 1, f"tile {k} is not image {position}"


def test_max_bytes_lowers_the_images_per_cell():
    y_true, y_pred, images, scores = _synthetic(n=800, k=3, seed=2)
    full = confusion_explorer(y_true, y_pred, images, scores=scores, max_images=40)
    small = confusion_explorer(y_true, y_pred, images, scores=scores, max_images=40, max_bytes=40_000)
    assert full.max_images == 40
    assert 1 <= small.max_images < 40
    assert len(small.html.encode()) <= 40_000 < len(full.html.encode())
    assert _data(small)["cap"] == small.max_images
    with pytest.raises(ValueError, match="Raise max_bytes"):
        confusion_explorer(y_true, y_pred, images, max_bytes=5_000)


def test_widget_edge_cases_and_errors():
    y_true = np.array(["cat", "cat", "dog", "</script>"])
    y_pred = np.array(["cat", "dog", "dog", "cat"])
    images = np.zeros((4, 4, 5))  # not square and blank: no division by zero
    explorer = confusion_explorer(y_true, y_pred, images, labels=["cat", "dog", "</script>", "eel"])
    data = _data(explorer)
    assert data["counts"][3] == [0, 0, 0, 0] and data["shape"] == [4, 5] and not data["scored"]
    assert explorer.html.count("</script>") == 2, "a label must not close the data's <script> element"
    assert "no images of this class" in explorer.html
    assert data["initial"] == [0, 1], "the panel opens on the largest off-diagonal cell"
    with pytest.raises(ValueError, match="display_labels"):
        confusion_explorer(y_true, y_pred, images, display_labels=["a"])
    with pytest.raises(ValueError, match="one row per sample"):
        confusion_explorer(y_true, y_pred, images[:3])
    with pytest.raises(ValueError, match="side \\* side"):
        confusion_explorer(y_true, y_pred, np.zeros((4, 10)))
    with pytest.raises(ValueError, match="index"):
        confusion_explorer(y_true, y_pred, images, index=[1, 2])
