# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # The precision/recall trade-off
#
# A classifier does not output "5" or "not 5" directly: it computes a **score** and compares it with a
# **threshold**. Moving the threshold trades precision for recall. This page looks at the scores of the
# 5-detector, draws precision and recall against the threshold, picks the threshold that reaches a target
# precision, compares the precision/recall curve with the ROC curve, and ends with an interactive explorer:
# drag the threshold over the real digits and watch them change cells, price the mistakes, and make 5s rare.
# (Keyboard: [jump to the explorer](#explore-the-trade-off).)

# %% [markdown]
# ## The 5-detector again
#
# Same data, same target and same model as in [the 5-detector](../02_five_detector/): that page wrote the model as
# the function `five_detector`, which the package keeps in `mnist_tutorials.saved`.

# %%
from mnist_tutorials import fetch_mnist
from mnist_tutorials.saved import five_detector

mnist = fetch_mnist()
X, y = mnist.data, mnist.target
X_train, X_test, y_train, y_test = X[:60000], X[60000:], y[:60000], y[60000:]
y_train_5 = y_train == "5"

sgd_clf = five_detector()
sgd_clf.fit(X_train, y_train_5)

# %% [markdown]
# ## Scores and the threshold
#
# `decision_function` returns the score behind each prediction: the weighted sum of the pixels plus a bias.
# `predict` answers `True` when that score is above **0**. Here are the scores of the first 12 images.

# %%
import numpy as np
import pandas as pd

first_scores = sgd_clf.decision_function(X[:12])
pd.DataFrame({
    "label": y[:12],
    "score": first_scores.round(1),
    "predict": sgd_clf.predict(X[:12]),
    "score > 0": first_scores > 0,
})

# %% tags=["remove_input"]
positive = np.flatnonzero(first_scores > 0)

# %% [markdown] tags=["fill"]
# Only images {' and '.join((str(i) for i in positive))} score above zero, and they are exactly the two 5s (scores
# {first_scores[positive[0]]:,.0f} and {first_scores[positive[1]]:,.0f}). The `predict` row matches the `score > 0`
# row: scikit-learn's threshold for a linear classifier is zero.

# %% tags=["remove_input"]
from mnist_tutorials.plotting.questions import predict_then_reveal

predict_then_reveal("TRADEOFF.recall")

# %% [markdown]
# Raising the threshold makes the detector pickier. With a threshold of 3,000:

# %%
threshold = 3000
first_scores >= threshold

# %% [markdown] tags=["fill"]
# Image 0, a 5 scoring only {first_scores[0]:,.0f}, is now called *not a 5*: a new false negative. Image 11
# ({first_scores[11]:,.0f}) clears the bar and is still detected. A higher threshold can only remove positive
# predictions, so recall can only go down; precision usually goes up, because the weakest, most doubtful positives go
# first.

# %% [markdown]
# ## Cross-validated scores
#
# To study all thresholds at once we need a score for every training image, each computed by a model that
# did not see that image. `cross_val_predict` does this with `method="decision_function"`. This is the slow
# step of the page (three fits on 40,000 images), so we compute it once and reuse `y_scores` everywhere below.

# %%
from sklearn.model_selection import cross_val_predict

y_scores = cross_val_predict(sgd_clf, X_train, y_train_5, cv=3, method="decision_function")
y_scores[:5]

# %% [markdown]
# Thresholding these scores at zero reproduces the predictions of the previous page, so we get the same
# precision and recall:

# %%
from sklearn.metrics import f1_score, precision_score, recall_score

y_train_pred = y_scores >= 0
print("precision:", precision_score(y_train_5, y_train_pred))
print("recall:   ", recall_score(y_train_5, y_train_pred))
print("F1:       ", f1_score(y_train_5, y_train_pred))

# %% [markdown]
# ## Precision and recall against the threshold
#
# `precision_recall_curve` evaluates every distinct score as a threshold and returns the precision and recall
# at each. `plot_precision_recall_vs_threshold` draws both curves.

# %%
from sklearn.metrics import precision_recall_curve

precisions, recalls, thresholds = precision_recall_curve(y_train_5, y_scores)
print(len(thresholds), "thresholds from", thresholds.min().round(), "to", thresholds.max().round())

# %%
from mnist_tutorials.plotting import plot_precision_recall_vs_threshold

plot_precision_recall_vs_threshold(precisions, recalls, thresholds, xlim=(-50000, 50000));

# %% [markdown]
# Reading the plot from left to right:
#
# - **Recall** falls smoothly from 1 to 0: every step to the right drops the 5s whose score is below the new
#   threshold, and it never comes back up.
# - **Precision** rises, but not smoothly. At high thresholds only a handful of images are predicted positive,
#   so a single false positive entering or leaving the set makes precision jump. Precision can even *fall*
#   when the threshold rises, whenever the image that drops out was a true positive.
#
# ## The precision/recall curve
#
# Dropping the threshold axis and plotting precision directly against recall shows the trade-off itself.

# %%
from mnist_tutorials.plotting import plot_pr_curve

plot_pr_curve(precisions, recalls);

# %% [markdown]
# scikit-learn draws the same curve itself: `PrecisionRecallDisplay.from_predictions` takes the labels and the
# scores (`from_estimator` takes a fitted model and the data instead). The package's `plot_pr_curve` adds the
# marked threshold used below.

# %%
from sklearn.metrics import PrecisionRecallDisplay

PrecisionRecallDisplay.from_predictions(y_train_5, y_scores, name="SGD 5-detector");

# %% [markdown]
# Precision stays high while recall climbs to moderate values, then collapses: the last 5s can only be caught
# by accepting a flood of false positives. A better model pushes the whole curve towards the top-right corner.
#
# ## Choosing a threshold for a target precision
#
# Suppose a false alarm is expensive and we want at least **90% precision**. The thresholds returned by
# `precision_recall_curve` are sorted increasingly, so the first one whose precision reaches 0.90 is the lowest
# such threshold, the one that keeps the most recall.

# %%
idx_for_90_precision = (precisions >= 0.90).argmax()
threshold_for_90_precision = thresholds[idx_for_90_precision]
threshold_for_90_precision

# %% [markdown]
# The package wraps the same search, with a clear error when the target cannot be reached:

# %%
from mnist_tutorials.binary import threshold_for_precision

threshold_for_precision(y_train_5, y_scores, 0.90)

# %% [markdown]
# Predicting with the new threshold is a comparison, no retraining needed:

# %%
y_train_pred_90 = y_scores >= threshold_for_90_precision
precision_90 = precision_score(y_train_5, y_train_pred_90)
recall_90 = recall_score(y_train_5, y_train_pred_90)
print(f"precision {precision_90:.4f}, recall {recall_90:.4f}")

# %% tags=["remove_input"]
from mnist_tutorials.plotting.questions import check_answer

assert recall_90 < 0.5  # "misses more than half of the 5s"
check_answer("TRADEOFF.recall", recall_90 < recall_score(y_train_5, y_train_pred));  # a check: its returned answer text is not shown

# %% [markdown] tags=["fill"]
# Moving the threshold from 0 to {threshold_for_90_precision:,.0f} raises precision from
# {precision_score(y_train_5, y_train_pred):.1%} to **{precision_90:.1%}**, and recall drops from
# {recall_score(y_train_5, y_train_pred):.1%} to **{recall_90:.1%}**: the detector now misses more than half of the
# 5s. A high-precision classifier is easy to get by raising the threshold; the question to ask
# is always *at what recall?*

# %% [markdown]
# Both views of the same choice, side by side (each plot function draws on the axes it is given):

# %%
import matplotlib.pyplot as plt
from mnist_tutorials.plotting import plot_pr_curve, plot_precision_recall_vs_threshold

fig, (ax_threshold, ax_pr) = plt.subplots(1, 2, figsize=(12, 4.5), width_ratios=[1.6, 1])
plot_precision_recall_vs_threshold(
    precisions, recalls, thresholds, ax=ax_threshold,
    threshold=threshold_for_90_precision, xlim=(-50000, 50000),
)
plot_pr_curve(precisions, recalls, ax=ax_pr, point=(recall_90, precision_90));

# %% [markdown]
# ## The ROC curve
#
# The **receiver operating characteristic** curve plots the true positive rate (recall) against the **false
# positive rate**, the share of non-5s wrongly flagged: $FPR = FP / (FP + TN)$. `roc_curve` sweeps the
# thresholds like `precision_recall_curve`, and `roc_auc_score` measures the area under the curve: 1 for a
# perfect ranking of the scores, 0.5 for random guessing.

# %%
from sklearn.metrics import roc_auc_score, roc_curve

fpr, tpr, roc_thresholds = roc_curve(y_train_5, y_scores)
roc_auc = roc_auc_score(y_train_5, y_scores)
roc_auc

# %% [markdown]
# We mark the 90%-precision threshold on the ROC curve too. `roc_curve` sorts its thresholds decreasingly, so
# the first one at or below ours is the matching point.

# %%
from mnist_tutorials.plotting import plot_roc_curve

idx_for_threshold_90 = (roc_thresholds <= threshold_for_90_precision).argmax()
fpr_90, tpr_90 = fpr[idx_for_threshold_90], tpr[idx_for_threshold_90]
plot_roc_curve(fpr, tpr, auc=roc_auc, point=(fpr_90, tpr_90), label="SGD 5-detector");

# %% [markdown] tags=["fill"]
# An AUC of **{roc_auc:.3f}** looks close to perfect, and at our threshold the false positive rate is only
# {fpr_90:.1%}. That is the ROC curve's blind spot on rare positives: the false positive rate divides the false alarms
# by all {(~y_train_5).sum():,} negatives, so {np.count_nonzero(y_train_pred_90 & ~y_train_5):,} false alarms barely
# register, while precision weighs them against the {np.count_nonzero(y_train_pred_90 & y_train_5):,} true detections.
# Prefer the PR curve when the positive class is rare (here {y_train_5.mean():.1%}) or when false positives matter more
# than false negatives; the ROC curve is fine for balanced problems.

# %% [markdown]
# scikit-learn's own `RocCurveDisplay` draws the same curve from the labels and the scores (`from_estimator`
# takes a fitted model and the data), here with the chance diagonal:

# %%
from sklearn.metrics import RocCurveDisplay

RocCurveDisplay.from_predictions(y_train_5, y_scores, name="SGD 5-detector", plot_chance_level=True);

# %% [markdown]
# ## Explore the trade-off
#
# The explorer below was computed once from `y_scores`; it needs no Python. The top chart holds the scores of the
# training images: the non-5s above the line, the 5s below. Drag the threshold (or focus the chart and
# press the arrow keys; Page Up and Page Down take big steps), and watch the confusion matrix: the false positive
# and false negative cells show the actual images that sit there, the closest calls first, and an image that
# crosses the threshold turns up, outlined, in its new cell. Click an image to see it large with its score.

# %%
import numpy as np
from mnist_tutorials.plotting.threshold_widget import threshold_widget

explorer_thresholds = np.arange(-50000, 50001, 1250)
explorer = threshold_widget(y_train_5, y_scores, X_train, thresholds=explorer_thresholds, hide=[3000],
                            positive_label="5",
                            title=f"The SGD 5-detector: cross-validated scores of the {len(X_train):,} training images")
explorer

# %% tags=["remove_input"]
(stops,), ((band_low, band_high),) = explorer.stops.values(), explorer.hidden["model"]
assert 3000 not in stops and not ((stops > band_low) & (stops < band_high)).any() and 0 in stops

# %% [markdown] tags=["fill"]
# The threshold moves in steps of {stops[1] - stops[0]:,.0f}, from {stops[0]:,.0f} to {stops[-1]:,.0f}, and starts at
# the default threshold 0. It skips the grey band from {band_low:,.0f} to {band_high:,.0f}, where the exercise below
# asks you to compute a value: the explorer has no threshold there and carries no image that scores inside it. Compute
# exact values from `y_scores`, as in the exercise.

# %% [markdown]
# ### What a mistake costs

# %% tags=["remove_input"]
from mnist_tutorials.plotting.questions import predict_then_reveal

predict_then_reveal("TRADEOFF.cost")

# %% [markdown]
#
# Under the matrix, the cost control asks how much worse a missed 5 is than a false alarm. Suppose the
# detector screens forms for a 5 and a human checks every flagged form: a false alarm costs one check, a missed 5
# costs much more. With "a missed 5 costs as much as *k* false alarms", every threshold has an expected cost
# per 1,000 images, $1000 \cdot (FP + k \cdot FN) / n$; the explorer marks the cheapest of its thresholds and
# moves there on request. Slide *k*: the cheapest threshold moves left (flag more) as misses get dearer.
#
# The same decision in code. scikit-learn's `TunedThresholdClassifierCV` fits a classifier and picks the
# threshold that scores best, with any scorer, on data the fit did not see; `make_scorer` turns the cost into a
# scorer (`greater_is_better=False`: lower is better). With `cv=0.2` it holds out a fifth of the training images,
# fits the SGD model once on the rest and tunes the threshold on the held-out part; `refit=False` keeps that very
# model, so the threshold ships with the scores it was tuned on.

# %%
from sklearn.metrics import confusion_matrix, make_scorer
from sklearn.model_selection import TunedThresholdClassifierCV

def cost_per_1000(y_true, y_pred, missed_5_cost=5):
    tn, fp, fn, tp = confusion_matrix(y_true, y_pred, labels=[False, True]).ravel()
    return 1000 * (fp + missed_5_cost * fn) / len(y_true)

cost_scorer = make_scorer(cost_per_1000, greater_is_better=False, missed_5_cost=5)
tuned_clf = TunedThresholdClassifierCV(five_detector(), scoring=cost_scorer,
                                       response_method="decision_function", thresholds=explorer_thresholds,
                                       cv=0.2, refit=False, random_state=42)
tuned_clf.fit(X_train, y_train_5)
print(f"best threshold {tuned_clf.best_threshold_:,.0f}, cost {-tuned_clf.best_score_:.1f} per 1,000 images")

# %% [markdown]
# `FixedThresholdClassifier` ships a chosen threshold: it wraps a model and predicts with `score >= threshold`.
# `FrozenEstimator` keeps the tuned model as it is (its `fit` does nothing), and the test set, unused until now,
# reports the cost once:

# %%
from sklearn.frozen import FrozenEstimator
from sklearn.model_selection import FixedThresholdClassifier

shipped_clf = FixedThresholdClassifier(FrozenEstimator(tuned_clf.estimator_), threshold=tuned_clf.best_threshold_,
                                       response_method="decision_function")
shipped_clf.fit(X_train, y_train_5)
y_test_5 = y_test == "5"
print(f"test cost {cost_per_1000(y_test_5, shipped_clf.predict(X_test)):.1f} per 1,000 images; "
      f"at the default threshold 0: {cost_per_1000(y_test_5, tuned_clf.estimator_.predict(X_test)):.1f}")

# %% tags=["remove_input"]
explorer_costs = np.array([cost_per_1000(y_train_5, y_scores >= t) for t in stops])
cheapest_stop = stops[explorer_costs.argmin()]
assert tuned_clf.best_threshold_ != cheapest_stop  # "another number"
check_answer("TRADEOFF.cost", cheapest_stop < 0);  # a check: its returned answer text is not shown

# %% [markdown] tags=["fill"]
# With a missed 5 worth 5 false alarms, the explorer's cheapest threshold on the {len(y_scores):,} cross-validated
# scores is {cheapest_stop:,.0f} ({explorer_costs.min():.1f} per 1,000 images): below `predict`'s 0, because a miss
# now costs more than a false alarm. `TunedThresholdClassifierCV` picks {tuned_clf.best_threshold_:,.0f} for its own
# model. The same rule gives another number because SGD's scores have no fixed scale (they are distances to a
# hyperplane, and each fit places its own): a threshold belongs to the model it was tuned for.

# %% [markdown]
# ### When 5s are rare

# %% tags=["remove_input"]
from mnist_tutorials.plotting.questions import predict_then_reveal

predict_then_reveal("TRADEOFF.base_rate")

# %% [markdown]
#
# The explorer starts at MNIST's own share of 5s (it shows it under the base-rate control). A detector in the
# wild may meet far fewer. The base-rate control changes
# the share of 5s from 1% to 50% **by reweighting the counts**: every 5 counts for (new share / old share)
# images and every non-5 for (1 − new share) / (1 − old share), so the totals stay the same while the images and
# their scores stay the same. Watch what moves: recall and the false positive rate are each computed within one
# class, so the ROC curve stays put; precision mixes the two classes, so it and the PR curve sink as 5s get rare,
# and the "always say not-5" baseline climbs towards 100% accuracy. The sentence under the curves is computed
# from the numbers on the screen.
#
# The same reweighting in code, at threshold 0, with 5s at 1%:

# %%
tn, fp, fn, tp = confusion_matrix(y_train_5, y_scores >= 0).ravel()
share, rare = y_train_5.mean(), 0.01

def rates(w5, w_non5):  # w5: what one 5 counts for; w_non5: what one non-5 counts for
    return pd.Series({"recall": tp * w5 / (tp * w5 + fn * w5),
                      "false positive rate": fp * w_non5 / (fp * w_non5 + tn * w_non5),
                      "precision": tp * w5 / (tp * w5 + fp * w_non5)})

base_rates = pd.DataFrame({f"5s at {share:.1%}": rates(1, 1),
                           "5s at 1%": rates(rare / share, (1 - rare) / (1 - share))})
base_rates.round(3)

# %% tags=["remove_input"]
(changed,) = base_rates.index[~np.isclose(base_rates.iloc[:, 0], base_rates.iloc[:, 1])]
check_answer("TRADEOFF.base_rate", changed == "precision");  # a check: its returned answer text is not shown

# %% [markdown] tags=["fill"]
# Recall and the false positive rate do not move; precision drops from {base_rates.iloc[2, 0]:.1%} to
# {base_rates.iloc[2, 1]:.1%}: each 5 now faces about {(1 - rare) / rare:.0f} non-5s instead of
# {(1 - share) / share:.0f}.

# %% [markdown]
# ## Exercise
#
# The cell below thresholds the cross-validated scores at 0 and prints precision, recall and F1.

# %%
y_train_pred = y_scores >= 0
print("precision:", precision_score(y_train_5, y_train_pred))
print("recall:   ", recall_score(y_train_5, y_train_pred))
print("F1:       ", f1_score(y_train_5, y_train_pred))

# %% tags=["remove_input"]
from mnist_tutorials.plotting.questions import flag_question

flag_question("ML105.1")

# %% [markdown]
# To answer it, run this page's code (in its notebook, or in Colab), change the threshold in the cell above from `0`
# to `3000` and run that cell again: the flag is the precision it prints. The explorer above skips the thresholds
# around 3,000 (the grey band), so it cannot give it away.
#
# ## What next
#
# The 90%-precision threshold above was chosen on one set of scores. [Choosing a threshold by
# cross-validation](../04_choosing_thresholds/) measures how far it moves from fold to fold and lets
# scikit-learn tune it. After it, [a second 5-detector](../05_random_forest_detector/) trains a random forest and
# compares the two detectors by their precision/recall and ROC curves. The definitions used here are collected
# in [the metrics in one page](../../concepts/metrics/).
