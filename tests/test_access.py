"""Reader access without a browser: figures' text alternatives, the site's figure HTML, readable colours,
deferred plotly calls and the trace types the vendored plotly bundle can draw."""

from __future__ import annotations

import io
import pathlib

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from file_module import load_file_module  # noqa: E402
from mnist_tutorials.plotting import accessible as _site  # noqa: E402
from mnist_tutorials.plotting import (alt_text, plot_class_balance, plot_confusion_heatmap, plot_digits,  # noqa: E402
                                      set_alt_text, threshold_explorer)

ROOT = pathlib.Path(__file__).resolve().parents[1]


@pytest.fixture
def assets():
    return load_file_module(ROOT / "docs" / "hooks" / "assets.py", "hook_assets_access")


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=20)
    return buffer.getvalue()


def test_plot_functions_describe_what_they_show():
    balance = plot_class_balance(np.array(["1", "0", "1", "1"]))
    # The takeaway first (issue 28), then what is drawn.
    assert alt_text(balance) == ("2 classes; the most frequent is 1 (3 images), the least frequent 0 (1). "
                                 "Bar chart. y axis: images.")
    heatmap = plot_confusion_heatmap([[50, 10], [5, 35]], labels=["sick", "healthy"])
    assert alt_text(heatmap).startswith("Confusion matrix, 2 classes: 85.0% of 100 on the diagonal. Errors: true "
                                        "sick predicted healthy: 10; true healthy predicted sick: 5.")
    digits = plot_digits(np.zeros((12, 784)), n_cols=5)
    assert alt_text(digits).startswith("Dark pixels cover 0% to 0% of each of 12 images (0% on average), drawn 5 "
                                       "per row in 3 rows.")
    plt.close("all")


def test_a_page_overrides_the_description_and_empty_text_is_refused():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [1, 0], label="recall")
    ax.legend()
    assert alt_text(fig) == "Line chart. legend: recall."
    set_alt_text(fig, "Recall falls from 1 to 0")
    assert alt_text(fig) == "Recall falls from 1 to 0."
    with pytest.raises(ValueError, match="must not be empty"):
        set_alt_text(fig, "  ")
    with pytest.raises(ValueError, match="needs text="):
        set_alt_text(fig)
    plt.close(fig)


def test_site_img_carries_escaped_alt_and_the_png_size():
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.set_title('"quoted" <b>title</b>')
    html = _site.figure_img_html(fig, _png(fig))
    assert html.startswith('<img alt="Panel titled &#x27;&quot;quoted&quot; title&#x27;." width="60" height="40"')
    assert "No description" not in html
    plt.close(fig)


def test_plotly_figure_gets_a_description_and_one_table_row_per_slider_stop():
    rng = np.random.default_rng(0)
    y = rng.random(200) < 0.3
    fig = threshold_explorer(y, rng.normal(size=200) + 2 * y, thresholds=np.linspace(-1, 2, 4), positive_label="5")
    html = _site.plotly_figure_html(fig.to_plotly_json(), "<div class='plotly-graph-div'></div>")
    description = html.split('class="reader-sr-only">')[1].split("</figcaption>")[0]
    assert description.startswith("Interactive chart: Threshold")
    assert "A slider sets the threshold from -1 to 2 in 4 steps" in description
    assert html.count("<tr><td>") == 4 and "<details" in html
    for step in fig.layout.sliders[0].steps:
        assert f"<td>{step.label}</td>" in html


def test_readable_colours_reach_aa_on_every_background(assets):
    for rgb in [(0, 215, 255), (0, 175, 0), (0, 135, 255), (255, 255, 0), (0, 0, 0), (255, 255, 255)]:
        light = assets.readable(rgb, assets.LIGHT_BACKGROUNDS, (0, 0, 0))
        dark = assets.readable(rgb, assets.DARK_BACKGROUNDS, (255, 255, 255))
        for colour, backgrounds in ((light, assets.LIGHT_BACKGROUNDS), (dark, assets.DARK_BACKGROUNDS)):
            value = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
            assert min(assets.contrast(value, bg) for bg in backgrounds) >= 4.5, (rgb, colour)
    html = assets._readable_ansi('<span style="color: rgb(0,215,255); font-weight: bold">Dense</span>')
    assert html == '<span style="--reader-ansi-light: #00788f; --reader-ansi-dark: #00d7ff; font-weight: bold">Dense</span>'
    rich = '<span style="color: #00af00; text-decoration-color: #00af00">512</span>'  # Keras's summary, via rich
    assert assets._readable_ansi(rich) == '<span style="--reader-ansi-light: #008000; --reader-ansi-dark: #0db30d">512</span>'


def _chart(traces) -> str:
    import plotly.graph_objects as go
    import plotly.io as pio

    return pio.to_html(go.Figure(traces), include_plotlyjs=False, full_html=False, div_id="plotly-1-abc")


def test_plotly_calls_are_drawn_on_demand(assets):
    import plotly.graph_objects as go

    html = assets._defer_plotly_calls(_chart([go.Bar(y=[1, 2]), go.Pie(values=[1, 2])]), "page.py")
    assert html.count('readerPlotly("plotly-1-abc", function () {') == 1
    assert "Plotly.newPlot" in html and "DOMContentLoaded" not in html


def test_a_trace_type_missing_from_the_bundle_fails_the_build(assets):
    import plotly.graph_objects as go
    from mkdocs.exceptions import PluginError

    with pytest.raises(PluginError, match=r"\['scatter3d'\]"):
        assets._defer_plotly_calls(_chart([go.Scatter3d(x=[1], y=[1], z=[1])]), "page.py")



def test_every_confusion_matrix_is_described_with_its_counts():
    # Teaching review N7: ConfusionMatrixDisplay's image was described as "Image (10 by 10 pixels)", with no count.
    import matplotlib.pyplot as plt
    from sklearn.metrics import ConfusionMatrixDisplay

    from mnist_tutorials.plotting.accessible import confusion_tables_html

    y_true = np.array([3, 3, 3, 5, 5, 5, 5, 8, 8, 8])
    y_pred = np.array([3, 5, 5, 5, 5, 5, 3, 8, 8, 3])
    disp = ConfusionMatrixDisplay.from_predictions(y_true, y_pred)
    alt = alt_text(disp.figure_)
    assert alt.startswith("Confusion matrix, 3 classes: 60.0% of 10 on the diagonal.")
    assert "Largest errors: true 3 predicted 5: 2; true 5 predicted 3: 1; true 8 predicted 3: 1." in alt
    assert "pixels" not in alt and len(alt) <= 250
    table = confusion_tables_html(disp.figure_)
    assert "<th scope=\"col\">predicted 5</th>" in table
    assert "<tr><td>5</td><td>1</td><td>3</td><td>0</td></tr>" in table  # every count, as text
    shares = ConfusionMatrixDisplay.from_predictions(y_true, y_pred, normalize="true", values_format=".0%")
    assert alt_text(shares.figure_).startswith("Confusion matrix of shares, 3 classes: diagonal 33% to 75%.")
    assert "<td>66.7%</td>" in confusion_tables_html(shares.figure_)
    plt.close("all")


def test_a_hidden_confusion_cell_stays_hidden_in_the_text():
    # Flag ML 105.2 hides one cell of a row-normalized matrix (hide_confusion_cells); its value must not reach the
    # alt text (the diagonal's range) or the table of cells.
    import matplotlib.pyplot as plt
    from sklearn.metrics import ConfusionMatrixDisplay

    from mnist_tutorials.plotting.accessible import confusion_tables_html
    from mnist_tutorials.multiclass import hide_confusion_cells

    y_true = np.array([0, 0, 0, 0, 1, 1, 1, 2, 2, 2])
    y_pred = np.array([0, 0, 0, 1, 1, 1, 2, 2, 2, 2])  # recall of 0: 75%, the "answer"; the others 67% and 100%
    disp = ConfusionMatrixDisplay.from_predictions(y_true, y_pred, normalize="true", values_format=".0%")
    hide_confusion_cells(disp, [(0, 0)])
    alt, table = alt_text(disp.figure_), confusion_tables_html(disp.figure_)
    assert "diagonal 67% to 100% (1 hidden cell left out)" in alt and "75" not in alt
    assert "<td>hidden</td>" in table and "75.0%" not in table
    plt.close("all")
