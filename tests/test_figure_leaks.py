"""A plotly figure must not give away an exercise's answer: ``threshold_explorer(..., hide=[t])`` carries no data
near ``t``, and the decoder the built-site leak test uses (tests/plotly_data.py) reads what a reader could.

Offline, on synthetic scores; the same check on the real trade-off page is in tests/test_browser_flags.py.
"""

from __future__ import annotations

import numpy as np
import plotly.io as pio
import pytest
from plotly_data import figures_in_html, interpolate_at, xy_series

from mnist_tutorials.binary import threshold_sweep
from mnist_tutorials.plotting import threshold_explorer

STOPS = np.arange(-10000, 10001, 1250.0)
HIDDEN = 3000.0


@pytest.fixture(scope="module")
def scored():
    rng = np.random.default_rng(7)
    y_true = rng.random(20000) < 0.1
    y_scores = rng.normal(size=20000) * 4000 + 6000 * y_true - 2000
    return y_true, y_scores


def _decoded(fig) -> dict:
    html = pio.to_html(fig, include_plotlyjs=False, full_html=False)
    (figure,) = figures_in_html(html)
    return figure


def test_the_decoder_reads_what_the_page_carries(scored):
    """Without `hide`, the 400 exact curve points pin the precision at any threshold: the leak we guard against."""
    fig = threshold_explorer(*scored, thresholds=STOPS, positive_label="5")
    truth = threshold_sweep(*scored, [HIDDEN]).precision[0]
    names = {name: (x, y) for name, x, y in xy_series(_decoded(fig))}
    x, y = names["trace 0 (Precision)"]
    assert x.size == 400 and abs(interpolate_at(x, y, HIDDEN) - truth) < 0.001
    x, y = names["slider 0, updated trace 1, point 0"]  # the precision marker of each stop
    np.testing.assert_allclose(x, STOPS)
    np.testing.assert_allclose(y, threshold_sweep(*scored, STOPS).precision)


def test_hide_leaves_no_data_near_the_exercise_threshold(scored):
    fig = threshold_explorer(*scored, thresholds=STOPS, positive_label="5", hide=[HIDDEN])
    figure = _decoded(fig)
    lo, hi = HIDDEN - 2 * 1250, HIDDEN + 2 * 1250  # the default: two slider gaps each side
    for name, x, y in xy_series(figure):
        inside = (x > lo) & (x < hi) & np.isfinite(y)
        assert not inside.any(), f"{name} has data at {x[inside]} inside the hidden window ({lo}, {hi})"
    stops = [step.args[0]["x"][0][0] for step in fig.layout.sliders[0].steps]
    assert stops == [t for t in STOPS if not lo < t < hi] and 0.0 in stops
    assert stops[fig.layout.sliders[0].active] == 0.0  # still starts at predict's threshold
    (band,) = fig.layout.shapes
    assert (band.x0, band.x1) == (lo, hi)
    assert any(a.text == "exercise: compute it" for a in fig.layout.annotations)
    # the precision curve has a gap (null), not a segment across the window
    precision = figure["data"][0]
    assert np.isnan(np.asarray(fig.data[0].x, dtype=float)).sum() == 1
    assert precision["name"] == "Precision"


def test_interpolating_across_the_hidden_window_misses(scored):
    fig = threshold_explorer(*scored, thresholds=STOPS, positive_label="5", hide=[HIDDEN])
    truth = threshold_sweep(*scored, [HIDDEN]).precision[0]
    series = {name: (x, y) for name, x, y in xy_series(_decoded(fig))}
    precision_series = [series["trace 0 (Precision)"], series["slider 0, updated trace 1, point 0"]]
    misses = [abs(interpolate_at(x, y, HIDDEN) - truth) for x, y in precision_series]
    assert misses and min(misses) > 0.005, misses


@pytest.mark.parametrize(("kwargs", "message"), [({"hide": [np.nan]}, "finite"), ({"hide": [0.0], "hide_width": 0}, "> 0"),
                                                 ({"hide": [0.0], "hide_width": 1e6}, "leaves 0 slider stop")])
def test_hide_rejects_bad_windows(scored, kwargs, message):
    with pytest.raises(ValueError, match=message):
        threshold_explorer(*scored, thresholds=STOPS, **kwargs)
