"""``threshold_widget``: what the self-contained threshold explorer carries, offline on synthetic scores.

The counts at every stop must be scikit-learn's; the hidden window (an exercise's answer) must leave no stop, no
image and no table row inside it; the images carried must include every closest call the widget shows; the size
limit must hold. The browser side is in tests/test_browser_threshold_widget.py.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from sklearn.metrics import confusion_matrix

from mnist_tutorials.plotting.threshold_widget import ThresholdWidget, threshold_widget

STOPS = np.arange(-10000, 10001, 1250.0)


@pytest.fixture(scope="module")
def scored():
    rng = np.random.default_rng(3)
    n = 4000
    y_true = rng.random(n) < 0.1
    y_scores = np.round(rng.normal(size=n) * 4000 + 6000 * y_true - 2000)
    y_scores[:3] = [0.0, 1250.0, -1250.0]  # scores exactly on a stop count as positive (score >= threshold)
    images = rng.integers(0, 256, size=(n, 784))
    return y_true, y_scores, images


def payload(widget: ThresholdWidget) -> dict:
    block = re.search(r'<script type="application/json" class="mtw-data">(.*?)</script>', widget.html, re.S)
    return json.loads(block.group(1).replace("<\\/", "</"))


def test_counts_are_scikit_learns_at_every_stop(scored):
    y_true, y_scores, images = scored
    widget = threshold_widget(y_true, y_scores, images, thresholds=STOPS, positive_label="5")
    (name,) = widget.models
    data = payload(widget)
    assert data["n"] == len(y_true) and data["n_pos"] == y_true.sum()
    for t, (tp, fp, fn, tn), shown in zip(widget.stops[name], widget.counts[name], data["models"][0]["counts"]):
        expected = confusion_matrix(y_true, y_scores >= t, labels=[False, True])
        assert [[tn, fp], [fn, tp]] == expected.tolist(), t
        assert shown == [tp, fp, fn, tn]


def test_the_hidden_window_carries_nothing_inside(scored):
    y_true, y_scores, images = scored
    widget = threshold_widget(y_true, y_scores, images, thresholds=STOPS, hide=[3000], positive_label="5")
    (name,) = widget.models
    ((lo, hi),) = widget.hidden[name]
    assert (lo, hi) == (3000 - 2 * 1250, 3000 + 2 * 1250)  # as threshold_explorer's default
    stops = widget.stops[name]
    assert not ((stops > lo) & (stops < hi)).any() and 0 in stops and 6250 in stops
    model = payload(widget)["models"][0]
    scores = np.array([e[1] for e in model["images"]])
    assert scores.size and not ((scores > lo) & (scores < hi)).any()
    assert ((y_scores > lo) & (y_scores < hi)).sum() > 100, "the window must hold images for the test to mean much"
    table = re.findall(r'<tr><th scope="row">([-\d,]+)</th>', widget.html)
    assert table and all(not lo < float(t.replace(",", "")) < hi for t in table)
    assert model["hidden"] == [[lo, hi]]


@pytest.mark.parametrize("hide", [None, [3000]])
def test_every_closest_call_shown_is_carried(scored, hide):
    """At each stop the widget shows the `cap` negatives at or above it and the `cap` positives below it that are
    nearest to it (outside the hidden window); all of them must be in the payload."""
    y_true, y_scores, images = scored
    widget = threshold_widget(y_true, y_scores, images, thresholds=STOPS, hide=hide, max_images=5)
    (name,) = widget.models
    model, cap = payload(widget)["models"][0], widget.max_images
    carried = {(round(e[1], 6), e[2]) for e in model["images"]}
    usable = np.ones(len(y_scores), bool)
    for lo, hi in widget.hidden[name]:
        usable &= ~((y_scores > lo) & (y_scores < hi))
    for t in widget.stops[name]:
        fp = np.sort(y_scores[~y_true & usable & (y_scores >= t)])[:cap]
        fn = np.sort(y_scores[y_true & usable & (y_scores < t)])[::-1][:cap]
        assert {(round(v, 6), 0) for v in fp} <= carried, t
        assert {(round(v, 6), 1) for v in fn} <= carried, t


def test_size_limit_lowers_the_images_per_cell(scored):
    y_true, y_scores, images = scored
    full = threshold_widget(y_true, y_scores, images, thresholds=STOPS, max_images=12)
    small = threshold_widget(y_true, y_scores, images, thresholds=STOPS, max_images=12, max_bytes=60_000)
    assert full.max_images == 12 and small.max_images < 12
    assert len(small.html.encode()) <= 60_000 < len(full.html.encode())
    with pytest.raises(ValueError, match="max_bytes"):
        threshold_widget(y_true, y_scores, images, thresholds=STOPS, max_bytes=5_000)


def test_two_models_share_one_sprite(scored):
    y_true, y_scores, images = scored
    other = -y_scores[::-1].copy()
    widget = threshold_widget(y_true, {"A": y_scores, "B": other}, images,
                              thresholds={"A": STOPS, "B": STOPS / 2}, score_format={"A": ",.0f", "B": ".1f"})
    assert widget.models == ["A", "B"]
    data = payload(widget)
    assert [m["name"] for m in data["models"]] == ["A", "B"]
    slots = {e[0] for m in data["models"] for e in m["images"]}
    assert slots == set(range(len(data["ids"]))) == set(range(widget.n_images))
    for (tp, fp, fn, tn), t in zip(widget.counts["B"], widget.stops["B"]):
        assert confusion_matrix(y_true, other >= t, labels=[False, True]).tolist() == [[tn, fp], [fn, tp]]
    assert data["models"][1]["labels"][0] == f"{STOPS[0] / 2:.1f}"


def test_without_javascript_a_table_of_precision_and_recall(scored):
    y_true, y_scores, images = scored
    widget = threshold_widget(y_true, y_scores, images, thresholds=STOPS, positive_label="5")
    rows = re.findall(r'<tr><th scope="row">([-\d,]+)</th><td>([\d,]+)</td><td>([\d.]+)%</td><td>([\d.]+)%</td></tr>',
                      widget.html)
    assert len(rows) >= 5
    for threshold, flagged, precision, recall in rows:
        pred = y_scores >= float(threshold.replace(",", ""))
        assert int(flagged.replace(",", "")) == pred.sum()
        assert float(precision) == pytest.approx(100 * (pred & y_true).sum() / pred.sum(), abs=0.05)
        assert float(recall) == pytest.approx(100 * (pred & y_true).sum() / y_true.sum(), abs=0.05)
    assert widget._repr_html_() is widget.html and "ThresholdWidget" in repr(widget)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"y_true": np.arange(10) % 3}, "binary"),
    ({"y_true": np.zeros(10, bool)}, "both classes"),
    ({"y_scores": np.r_[np.nan, np.zeros(9)]}, "finite"),
    ({"images": np.zeros((9, 784))}, "one row per sample"),
    ({"cost_ratio": 1000}, "cost_ratio"),
    ({"hide": [0.0], "hide_width": 100}, "stop"),
])
def test_bad_inputs_say_what_is_wrong(kwargs, message):
    args = {"y_true": np.arange(10) % 2 == 0, "y_scores": np.linspace(-1, 1, 10), "images": np.zeros((10, 784))}
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        threshold_widget(args.pop("y_true"), args.pop("y_scores"), args.pop("images"),
                         thresholds=[-0.5, 0.0, 0.5] if "hide" in kwargs else None, **args)


def test_a_logit_axis_for_probabilities(scored):
    y_true, _, images = scored
    rng = np.random.default_rng(5)
    proba = np.clip(1 / (1 + np.exp(-(rng.normal(size=len(y_true)) * 3 + 6 * y_true - 3))), 1e-7, 1 - 1e-7)
    stops = [0.001, 0.01, 0.05, 0.1, 0.3, 0.5, 0.7, 0.9, 0.95, 0.99, 0.999]
    widget = threshold_widget(y_true, proba, images, thresholds=stops, x_scale="logit", score_format=".3f",
                              initial_threshold=0.5)
    model = payload(widget)["models"][0]
    assert model["scale"] == "logit" and model["stops"][model["initial"]] == 0.5
    assert [t[0] for t in model["ticks"]] == [0.001, 0.01, 0.1, 0.5, 0.9, 0.99, 0.999]
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        threshold_widget(y_true, proba, images, thresholds=[0.0, 0.5, 1.0], x_scale="logit")
