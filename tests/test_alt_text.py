"""Issue 28, alt text that says what a figure shows: the takeaway first, at most about 250 characters, unique on its
page; a confusion matrix's alt gives its counts; a longer description follows the image in a linked element.

The unit tests run in the default ``pytest``; the ``build`` tests read every page of the built ``site/``.
"""

from __future__ import annotations

import html
import io
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from mnist_tutorials.plotting import accessible as _site  # noqa: E402
from mnist_tutorials._alt import MAX_ALT, alt_text, set_alt_text, short_alt  # noqa: E402

_IMG = re.compile(r"<img\b[^>]*>")
_ALT = re.compile(r"""\salt=(?P<q>["'])(?P<v>.*?)(?P=q)""", re.S)  # nbconvert may quote an alt holding " with '


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=20)
    return buffer.getvalue()


def test_a_long_description_is_cut_at_a_sentence_and_linked_in_full():
    fig, axes = plt.subplots(3, 10)  # like page 07's 30 panels: 1,379 characters of alt before issue 28
    for i, ax in enumerate(axes.flat):  # images and bar charts, as there: each panel is described
        ax.bar([0, 1], [i, 1]) if i % 2 else ax.imshow(np.zeros((2, 2)))
        ax.set_title(f"Panel number {i}")
        ax.set_xlabel("class")
    full = alt_text(fig)
    assert len(full) > 2 * MAX_ALT
    tag = _site.figure_img_html(fig, _png(fig))
    alt = html.unescape(_ALT.search(tag).group("v"))
    assert len(alt) <= MAX_ALT and alt.endswith("Full description below the image.")
    described = re.search(r'aria-describedby="([^"]+)"', tag).group(1)
    assert f'<p id="{described}">{html.escape(full)}</p>' in tag and "<details" in tag


def test_the_takeaway_comes_first():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    ax.set_xlabel("recall")
    set_alt_text(fig, takeaway="Precision falls as recall rises.")
    assert alt_text(fig).startswith("Precision falls as recall rises. Line chart.")


def test_a_repeated_alt_on_one_page_is_told_apart():
    seen: dict = {}
    alts = []
    for _ in range(3):
        fig, ax = plt.subplots()
        ax.imshow(np.zeros((4, 4)))
        alts.append(html.unescape(_ALT.search(_site.figure_img_html(fig, _png(fig), seen=seen)).group("v")))
    assert len(set(alts)) == 3, alts
    assert alts[1].endswith("Figure 2 of this page.") and alts[2].endswith("Figure 3 of this page.")


def test_short_alt_keeps_a_short_text_and_cuts_an_unbroken_one():
    assert short_alt("Short.") == ("Short.", False)
    alt, cut = short_alt("word " * 200)
    assert cut and len(alt) <= MAX_ALT and "…" in alt


# ------------------------------------------------------------------------------------------ on the built site


def _images(site_dir):
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        if rel.startswith(("assets/", "search/")):
            continue
        text = path.read_text(encoding="utf-8")
        for match in _IMG.finditer(text):
            alt = _ALT.search(match.group(0))
            yield rel, text, match, html.unescape(alt.group("v")) if alt else None


#: How an alt text that only lists what is drawn begins (the generated structure of a chart, no takeaway).
STRUCTURAL = re.compile(r"^(?:Figure: [^.]*\.\s*)?(?:(?:Line|Bar|Pie) chart|Scatter plot|Chart|Panel\b|\d+ panels"
                        r"|Image \(|Image titled|A grid of|Interactive chart|Empty figure)", re.I)


def test_the_structural_pattern_tells_a_listing_from_a_takeaway():
    assert STRUCTURAL.match("Line chart. x axis: z. y axis: p.")
    assert STRUCTURAL.match("2 panels. Panel 1: Confusion matrix of the error shares.")
    assert STRUCTURAL.match("Image (28 by 28 pixels) titled 'X_train[0]: Ankle boot'.")
    assert STRUCTURAL.match("A grid of 12 images, titled original, deskewed.")
    assert not STRUCTURAL.match("p rises from 0 to 1 as z goes from -6 to 6. Line chart.")
    assert not STRUCTURAL.match("Confusion matrix, 2 classes: 95.7% of 60,000 on the diagonal.")


def _structural_figures():
    """Figures whose alt text was structure only before (site of 4fd9f76): a line chart without a known takeaway,
    a histogram, a calibration chart of confidence, one titled image, a grid of titled images, and two panels
    whose first is a confusion matrix of the errors."""
    x = np.linspace(-6, 6, 61)
    fig, ax = plt.subplots()
    ax.plot(x, 1 / (1 + np.exp(-x)), label="sigma(z)")
    ax.axhline(0.5, label="threshold = 0.5")
    ax.set_xlabel("z")
    ax.set_ylabel("probability of class 1")
    ax.legend()
    yield fig, "sigma(z) rises from 0.00247 to 0.998 as z goes from -6 to 6. Line chart."
    fig, ax = plt.subplots()
    t = np.linspace(-1, 1, 41)
    ax.plot(t, 0.9 - 0.3 * t ** 2, label="mean F1 over 5 folds")
    ax.set_xlabel("Threshold")
    yield fig, "mean F1 over 5 folds peaks at 0.9 at Threshold 0. Line chart."
    fig, ax = plt.subplots()
    ax.hist(np.r_[np.zeros(50), np.arange(1, 256)], bins=np.arange(0, 257, 64), log=True)
    ax.set_xlabel("pixel value")
    yield fig, "The tallest bar is at pixel value 0 to 64 (113); the bars cover pixel value 0 to 256. Bar chart."
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1], label="Perfectly calibrated")
    ax.plot([0.4, 0.6, 0.8, 0.95], [0.35, 0.5, 0.8, 0.97], label="MLP (predicted class)")
    ax.set_xlabel("Confidence (probability of the predicted class)")
    ax.set_ylabel("Share of right predictions")
    ax.legend()
    yield fig, "Largest gap from the diagonal (perfect calibration): MLP (predicted class) 0.10 at predicted 0.60."
    fig, ax = plt.subplots()
    ax.imshow(np.zeros((28, 28)))
    ax.set_title("X_train[0]: Ankle boot")
    yield fig, "X_train[0]: Ankle boot. An image of 28 by 28 pixels."
    fig, axes = plt.subplots(2, 3)
    for i, ax in enumerate(axes.flat):
        ax.imshow(np.zeros((28, 28)))
        ax.set_title(f"slant {i / 10:+.2f}")
    yield fig, "6 images: slant +0.00, slant +0.10, slant +0.20, slant +0.30, slant +0.40, slant +0.50."
    fig, (left, right) = plt.subplots(1, 2)
    errors = np.array([[0.0, 30.0], [10.0, 0.0]])
    left.imshow(errors)
    left.set_xlabel("Predicted label")
    left.set_ylabel("True label")
    right.plot([0, 1], [0, 1])
    yield fig, ("Confusion matrix of the errors only, 2 classes, 40 in all. Errors: true 0 predicted 1: 30; true 1 "
                "predicted 0: 10. Rows: true label; columns: predicted label. 2 panels.")


def test_a_figure_without_a_known_takeaway_still_leads_with_what_it_shows():
    """Issue 28: every alt begins with what the figure shows; before, these seven began "Line chart", "Bar chart",
    "Image (28 by 28 pixels)", "A grid of" or "2 panels. Panel 1"."""
    for fig, expected in _structural_figures():
        alt = alt_text(fig)
        assert alt.startswith(expected), (alt, expected)
        assert not STRUCTURAL.match(alt), alt
        plt.close(fig)


def test_the_plotting_functions_state_what_their_figures_show():
    from mnist_tutorials.plotting import plot_confusion_pair, plot_digits, plot_image_with_probabilities
    from mnist_tutorials.plotting import plot_prediction_grid

    rng = np.random.default_rng(0)
    images = np.zeros((4, 784))
    images[:, :392] = 255  # the top half of each image dark: half its pixels
    assert alt_text(plot_digits(images, n_cols=2)).startswith("Dark pixels cover 50% to 50% of each of 4 images")
    y_true = np.array(["3"] * 6 + ["5"] * 4)
    y_pred = np.array(["3"] * 5 + ["5"] + ["3"] * 3 + ["5"])
    alt = alt_text(plot_confusion_pair(rng.integers(0, 256, (10, 784)), y_true, y_pred, "3", "5", n_images=4))
    assert alt.startswith("1 3s read as 5 and 3 5s read as 3, against 5 3s and 1 5s read right"), alt
    p = np.full(3, 0.1)
    p[2] = 0.8
    alt = alt_text(plot_image_with_probabilities(np.zeros(784), p, 0, ["a", "b", "c"]))
    assert alt.startswith("Predicted c with 80% (wrong, the true class is a); next a 10%"), alt
    alt = alt_text(plot_prediction_grid(np.zeros((2, 784)), np.array([p, p]), [2, 1], ["a", "b", "c"],
                                        n_rows=1, n_cols=2))
    assert alt.startswith("1 of 2 predictions right; wrong: b read as c (80%)"), alt
    plt.close("all")


@pytest.mark.build
def test_no_alt_only_lists_what_is_drawn(site_dir):
    """Every figure's alt on the built site begins with what it shows, not with the generated structure."""
    structural = [(rel, alt[:90]) for rel, _, _, alt in _images(site_dir) if alt and STRUCTURAL.match(alt)]
    assert not structural, structural


@pytest.mark.build
def test_every_alt_is_short_and_unique_per_image(site_dir):
    """Unique across the whole site: one alt text on two different images is a defect (before issue 28, one
    confusion-matrix alt stood on 6 images of 3 pages). Figures are files named by their content
    (``fig-<hash>.png``), so the same image shown on two pages may share its alt."""
    too_long, missing = [], []
    images_of_alt: dict = {}
    for rel, _, match, alt in _images(site_dir):
        if alt is None or not alt.strip():
            missing.append((rel, match.group(0)[:80]))
            continue
        if len(alt) > MAX_ALT:
            too_long.append((rel, len(alt), alt[:80]))
        src = re.search(r'\ssrc="([^"]+)"', match.group(0)).group(1)
        image = src.rsplit("/", 1)[-1] if re.search(r"fig-[0-9a-f]{12}\.", src) else f"{rel}:{src}"
        images_of_alt.setdefault(alt, {}).setdefault(image, rel)
    repeated = {alt[:80]: sorted(set(pages.values())) for alt, pages in images_of_alt.items() if len(pages) > 1}
    assert sum(len(p) for p in images_of_alt.values()) > 30, "expected the tutorials' figures in the built site"
    assert not missing, missing[:5]
    assert not too_long, too_long[:5]
    assert not repeated, repeated


@pytest.mark.build
def test_every_confusion_matrix_alt_gives_its_counts(site_dir):
    """The table of counts after a confusion-matrix image: its largest off-diagonal count is in the image's alt."""
    checked = 0
    for rel, text, match, alt in _images(site_dir):
        after = text[match.end():match.end() + 60_000]
        table = re.match(r'\s*(?:<details class="reader-figure-description">.*?</details>)?\s*'
                         r'<details class="reader-plotly-data"><summary>The counts in the confusion matrix',
                         after, re.S)
        if not table:
            continue
        body = after[table.end():after.index("</table>", table.end())]
        rows = [re.findall(r"<td>([^<]*)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]
        rows = [row for row in rows if row]
        counts = np.array([[int(v.replace(",", "")) for v in row[1:]] for row in rows])
        off = counts.copy()
        np.fill_diagonal(off, -1)
        largest = off.max()
        assert alt.startswith("Confusion matrix") or "Confusion matrix" in alt, (rel, alt)
        if largest > 0:
            assert f"{largest:,}" in alt, (rel, largest, alt)
        checked += 1
    assert checked >= 3, f"expected several confusion matrices with their count tables; found {checked}"


# ------------------------------------------------------------------------ takeaways computed from the chart


def _roc_figure(legend_auc: bool):
    from sklearn.metrics import RocCurveDisplay

    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 400)
    scores = y + rng.normal(0, 0.8, 400)
    if legend_auc:
        return RocCurveDisplay.from_predictions(y, scores, name="SGD").figure_
    fig, ax = plt.subplots()
    x = np.linspace(0, 1, 50)
    ax.plot(x, np.sqrt(x), label="forest")
    ax.plot([0, 1], [0, 1], label="Random classifier")  # two points: a reference, not a curve
    ax.set_xlabel("False positive rate (fall-out)")
    ax.set_ylabel("True positive rate (recall)")
    ax.legend()
    return fig


def test_a_roc_curve_leads_with_its_auc():
    alt = alt_text(_roc_figure(legend_auc=True))
    assert alt.startswith("ROC curve: SGD AUC 0.") and "(0.5 is chance, 1 is perfect)" in alt
    alt = alt_text(_roc_figure(legend_auc=False))  # no AUC in the legend: the area under the line, 2/3
    assert alt.startswith("ROC curve: forest AUC 0.66") and "Random classifier AUC" not in alt
    plt.close("all")


def test_precision_recall_curves_and_the_threshold_chart_give_their_numbers():
    from sklearn.metrics import PrecisionRecallDisplay, precision_recall_curve

    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, 600)
    scores = y + rng.normal(0, 0.7, 600)
    precision, recall, thresholds = precision_recall_curve(y, scores)
    alt = alt_text(PrecisionRecallDisplay.from_predictions(y, scores, name="SGD").figure_)
    at_90 = precision[recall >= 0.9].max()
    assert alt.startswith("Precision SGD") and f"{at_90:.0%} at recall 90%" in alt, alt
    fig, ax = plt.subplots()
    ax.plot(thresholds, precision[:-1], label="Precision")
    ax.plot(thresholds, recall[:-1], label="Recall")
    ax.set_xlabel("Threshold")
    ax.legend()
    alt = alt_text(fig)
    k = np.flatnonzero(precision[:-1] >= recall[:-1])[0]
    assert alt.startswith(f"Recall falls from 100% to {recall[-2]:.0%} as the threshold rises"), alt
    assert f"near threshold {thresholds[k]:.3g}" in alt, alt
    plt.close("all")


def test_a_calibration_curve_gives_its_largest_gap_and_bars_their_extremes():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1], label="Perfectly calibrated")
    ax.plot([0.1, 0.3, 0.5, 0.7, 0.9], [0.05, 0.2, 0.5, 0.85, 0.97], label="forest")
    ax.set_xlabel("Mean predicted probability")
    ax.set_ylabel("Fraction of positives")
    ax.legend()
    assert alt_text(fig).startswith("Largest gap from the diagonal (perfect calibration): forest 0.15 at predicted 0.70")
    fig, ax = plt.subplots()
    ax.bar(["0", "1", "2"], [0.91, 0.98, 0.85], label="recall")
    ax.legend()
    assert alt_text(fig).startswith("Recall: highest 1 (0.98), lowest 2 (0.85). Bar chart.")
    fig, ax = plt.subplots()
    counts, edges, _ = ax.hist(np.random.default_rng(2).normal(size=300), bins=20)  # bins, not categories:
    k = int(np.argmax(counts))  # the tallest bin leads
    assert alt_text(fig).startswith(f"The tallest bar is at x {edges[k]:.3g} to {edges[k + 1]:.3g} ({counts[k]:.0f}); "
                                    f"the bars cover x {edges[0]:.3g} to {edges[-1]:.3g}. Bar chart."), alt_text(fig)
    set_alt_text(fig, takeaway="Scores are centred on 0.")  # a plot_* function's takeaway replaces the computed one
    assert alt_text(fig) == "Scores are centred on 0. Bar chart."
    plt.close("all")


def test_a_few_images_are_described_by_their_titles():
    fig, axes = plt.subplots(1, 3)
    for ax, title in zip(axes, ["label '5' → 5", "label '0' → not 5", "label '4' → not 5"]):
        ax.imshow(np.zeros((28, 28)))
        ax.set_title(title)
    assert alt_text(fig) == "3 images: label '5' → 5; label '0' → not 5; label '4' → not 5."
    plt.close(fig)
