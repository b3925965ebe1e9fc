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
# # A second 5-detector: random forest against SGD
#
# The 5-detector of the earlier tutorials is a linear model trained with stochastic gradient descent. Here we
# train a very different model on the same question, a `RandomForestClassifier`, and compare the two the way
# Géron's chapter 3 does: precision/recall curves drawn on the same axes, F1 scores and ROC AUCs. A random
# forest estimates *probabilities* rather than raw scores, so we also check whether those probabilities can be
# taken at face value: of the images the forest gives a 50–60% chance of being a 5, how many really are?

# %% [markdown]
# ## The data and the SGD baseline
#
# We load MNIST with its usual split and build the binary target, as in
# [the 5-detector tutorial](../02_five_detector/).

# %%
from mnist_tutorials import fetch_mnist

mnist = fetch_mnist()
X, y = mnist.data, mnist.target
X_train, X_test, y_train, y_test = X[:60000], X[60000:], y[:60000], y[60000:]
y_train_5 = y_train == "5"
len(X_train), int(y_train_5.sum())

# %% [markdown]
# The SGD classifier has a `decision_function`: a score per image, positive when it votes "5". We get one
# clean score per training image with 3-fold `cross_val_predict`, so every score comes from a model that did
# not see that image. The model is `five_detector` from [the 5-detector](../02_five_detector/) page.

# %%
from sklearn.model_selection import cross_val_predict

from mnist_tutorials.saved import five_detector

sgd_clf = five_detector()
y_scores_sgd = cross_val_predict(sgd_clf, X_train, y_train_5, cv=3, method="decision_function")
y_scores_sgd[:5]

# %% [markdown]
# These scores have no natural scale: they are signed distances to the model's hyperplane, in units that
# depend on the pixel values. Only their order and their sign matter.

# %% [markdown]
# ## A random forest
#
# A random forest is an ensemble of decision trees, each trained on a bootstrap sample of the images (as many
# images as the training set, drawn at random *with replacement*, so some appear twice and others not at all) and
# splitting on random subsets of pixels. It has no `decision_function`. Instead `predict_proba` returns, for
# each image, the estimated probability of each class: the average over the trees of the share of training
# images of that class in the leaf the image falls into. We ask `cross_val_predict` for these probabilities.
#
# `n_jobs=2` grows the trees on two CPU cores. It only changes the speed: with `random_state=42` the forest
# is the same with one core or sixteen.

# %%
from sklearn.ensemble import RandomForestClassifier

forest_clf = RandomForestClassifier(random_state=42, n_jobs=2)
y_probas_forest = cross_val_predict(forest_clf, X_train, y_train_5, cv=3, method="predict_proba")
y_probas_forest[:2]

# %% [markdown] tags=["fill"]
# Each row holds two probabilities that add up to 1: *not a 5* (column 0, ordered like `forest_clf.classes_`, `False`
# first) and *a 5* (column 1). The forest thinks the first image is a 5 with probability {y_probas_forest[0, 1]:.0%}
# (it is a '{y_train[0]}'), and the second with probability {y_probas_forest[1, 1]:.0%} (a '{y_train[1]}'). Column 1
# plays the role of the score: we keep it as `y_scores_forest`.

# %%
y_scores_forest = y_probas_forest[:, 1]

# %% [markdown]
# ## Can we trust the probabilities?
#
# A probability is *calibrated* when it means what it says: among the images given about 55%, about 55% should
# be 5s. Let us count, over the images the forest gives between 50% and 60%.

# %% tags=["remove_input"]
from mnist_tutorials.plotting.questions import predict_then_reveal

predict_then_reveal("FOREST.calibration")

# %%
import numpy as np

idx_50_to_60 = (y_scores_forest > 0.50) & (y_scores_forest < 0.60)
print(f"{idx_50_to_60.sum()} images get 50-60%; {y_train_5[idx_50_to_60].mean():.1%} of them are 5s")

# %% tags=["remove_input"]
from mnist_tutorials.plotting.questions import check_answer

share_50_to_60 = y_train_5[idx_50_to_60].mean()
check_answer("FOREST.calibration", share_50_to_60 > 0.6);  # "far more than the 50–60% the forest announced"

# %% [markdown] tags=["fill"]
# {idx_50_to_60.sum():,} training images get a probability between 50% and 60%, and **{share_50_to_60:.1%}** of them
# are 5s, far more than the 50–60% the forest announced. Its probabilities are too modest in this range: an image the
# forest calls a coin toss is in fact most likely a 5.

# %% [markdown]
# One range is an anecdote. A *calibration curve* (or reliability diagram) does the same count for ten
# ranges of probability at once. A perfectly calibrated model lies on the diagonal; points above it mean the
# model under-estimates the probability of a 5, points below mean it over-estimates it.

# %%
import matplotlib.pyplot as plt
from sklearn.calibration import CalibrationDisplay

fig, ax = plt.subplots(figsize=(5, 5))
calibration = CalibrationDisplay.from_predictions(
    y_train_5, y_scores_forest, n_bins=10, name="Random forest", ax=ax
)
ax.set_xlabel("Predicted probability of a 5")
ax.set_ylabel("Fraction of 5s");

# %% tags=["remove_input"]
prob_true, prob_pred = calibration.prob_true, calibration.prob_pred
low, high = (prob_pred > 0.05) & (prob_pred < 0.2), prob_pred > 0.3
assert (prob_true[low] < prob_pred[low]).all() and (prob_true[high] > prob_pred[high]).all()

# %% [markdown] tags=["fill"]
# The curve is S-shaped. Near the bottom it runs below the diagonal: of the images given about
# {prob_pred[low][0]:.0%}, only {prob_true[low][0]:.0%} are 5s. From about 30% on it runs above: of the images given
# about {prob_pred[high][1]:.0%}, {prob_true[high][1]:.0%} are 5s. The forest's probabilities are pulled towards the
# middle, it is *under-confident*. Random forests are known for this shape: a probability near 0 or 1 needs almost
# every tree to agree, and the bootstrap samples and random pixel subsets make that rare (scikit-learn's user guide on
# probability calibration gives this explanation, after Niculescu-Mizil and Caruana, 2005). If calibrated
# probabilities matter (to combine them with costs, say), `sklearn.calibration.CalibratedClassifierCV` can learn a
# correction. For ranking images, which is all the curves below need, the miscalibration does no harm.

# %% [markdown]
# ## Precision/recall curves on the same axes
#
# `precision_recall_curve` accepts any score that ranks the images, so the forest's probabilities and the SGD
# scores go through the same function. We draw both curves on one pair of axes, each with a dot at the
# model's default operating point: score 0 for SGD (what `predict` uses) and probability 0.5 for the forest.

# %% tags=["remove_input"]
from mnist_tutorials.plotting.questions import predict_then_reveal

predict_then_reveal("FOREST.f1")

# %%
from sklearn.metrics import precision_recall_curve, precision_score, recall_score

from mnist_tutorials.plotting import plot_pr_curve

precisions_sgd, recalls_sgd, thresholds_sgd = precision_recall_curve(y_train_5, y_scores_sgd)
precisions_forest, recalls_forest, thresholds_forest = precision_recall_curve(y_train_5, y_scores_forest)

y_train_pred_sgd = y_scores_sgd > 0
y_train_pred_forest = y_scores_forest >= 0.5

fig, ax = plt.subplots(figsize=(6, 6))
plot_pr_curve(precisions_sgd, recalls_sgd, ax=ax, label="SGD",
              point=(recall_score(y_train_5, y_train_pred_sgd), precision_score(y_train_5, y_train_pred_sgd)))
plot_pr_curve(precisions_forest, recalls_forest, ax=ax, label="Random forest",
              point=(recall_score(y_train_5, y_train_pred_forest),
                     precision_score(y_train_5, y_train_pred_forest)));

# %% [markdown]
# The forest's curve lies above and to the right of the SGD curve almost everywhere: at any recall it keeps a
# higher precision. It bends down only close to the top-right corner, where a perfect classifier would sit.

# %% [markdown]
# ## F1 and ROC AUC for both models
#
# Two summaries make the comparison precise. **F1** scores each model at its default threshold. The **ROC
# AUC** (area under the ROC curve) scores the ranking over all thresholds: it is the probability that a
# random 5 gets a higher score than a random non-5. **Average precision** (AP) summarises the PR curve above:
# the precision at each threshold, weighted by how much recall grows there. It is close to the area under that
# curve but not exactly it (scikit-learn does not interpolate; see [the metrics in one page](../../concepts/metrics/)), and
# it is the better summary when positives are rare.

# %%
import pandas as pd
from sklearn.metrics import average_precision_score, f1_score, roc_auc_score

comparison = pd.DataFrame({
    "SGD": [precision_score(y_train_5, y_train_pred_sgd), recall_score(y_train_5, y_train_pred_sgd),
            f1_score(y_train_5, y_train_pred_sgd), roc_auc_score(y_train_5, y_scores_sgd),
            average_precision_score(y_train_5, y_scores_sgd)],
    "Random forest": [precision_score(y_train_5, y_train_pred_forest),
                      recall_score(y_train_5, y_train_pred_forest),
                      f1_score(y_train_5, y_train_pred_forest), roc_auc_score(y_train_5, y_scores_forest),
                      average_precision_score(y_train_5, y_scores_forest)],
}, index=["precision", "recall", "F1", "ROC AUC", "average precision"])
comparison.round(4)

# %% tags=["remove_input"]
assert (comparison["Random forest"] > comparison["SGD"])[["F1", "ROC AUC", "average precision"]].all()
sgd, forest = comparison["SGD"], comparison["Random forest"]
assert forest["precision"] > sgd["precision"] and forest["recall"] > sgd["recall"]  # the question's explanation
check_answer("FOREST.f1", forest["F1"] > sgd["F1"]);  # a check: its returned answer text is not shown

# %% [markdown] tags=["fill"]
# The forest wins on every summary that looks at both kinds of error: F1 **{forest['F1']:.3f}** against
# **{sgd['F1']:.3f}**, ROC AUC **{forest['ROC AUC']:.4f}** against **{sgd['ROC AUC']:.4f}**, and average precision
# {forest['average precision']:.3f} against {sgd['average precision']:.3f}. At their default thresholds the forest
# finds {forest['recall']:.1%} of the 5s with a precision of {forest['precision']:.1%}; SGD finds {sgd['recall']:.1%}
# with a precision of {sgd['precision']:.1%}.
#
# Both ROC AUCs look close to 1, and their difference looks small. In error terms it is not: the area *above* the
# curve, the chance of ranking a random non-5 above a random 5, is {1 - sgd['ROC AUC']:.2%} for SGD and
# {1 - forest['ROC AUC']:.2%} for the forest, {(1 - sgd['ROC AUC']) / (1 - forest['ROC AUC']):.0f} times less.

# %% [markdown]
# Géron's notebook for the chapter
# ([handson-ml3's `03_classification.ipynb`](https://github.com/ageron/handson-ml3/blob/main/03_classification.ipynb))
# prints the same measurements; its numbers, quoted, beside ours:

# %%
import pandas as pd

# Quoted: printed by Géron's notebook for chapter 3 (github.com/ageron/handson-ml3, 03_classification.ipynb).
geron = pd.DataFrame({
    "SGD": [0.8370879772350012, 0.6511713705958311, 0.7325171197343846, 0.9604938554008616],
    "Random forest": [0.9897468089558485, 0.8725327430363402, 0.9274509803921569, 0.9983436731328145],
}, index=["precision", "recall", "F1", "ROC AUC"])
geron_share_50_to_60 = 0.940  # quoted: the share of 5s among the images the forest gives 50-60%
pd.concat({"Géron (quoted)": geron, "this page": comparison.loc[geron.index]}, axis=1).round(4)

# %% tags=["remove_input"]
# The sentence below says "the same to the fourth decimal".
assert (comparison.loc[geron.index] - geron).abs().max().max() < 5e-5
assert round(share_50_to_60, 3) == geron_share_50_to_60

# %% [markdown] tags=["fill"]
# They are the same to the fourth decimal, and so is the share of 5s among the images given 50–60%
# ({share_50_to_60:.1%} here, {geron_share_50_to_60:.1%} in the notebook): with `random_state=42` both models are
# reproducible, and the number of cores (`n_jobs`) does not change the forest.

# %% tags=["remove_input"]
from mnist_tutorials.plotting.questions import predict_then_reveal

predict_then_reveal("FOREST.balance")

# %% [markdown]
# The ROC curves tell the same story. Both crowd into the top-left corner because both models rank almost every
# 5 above almost every non-5, which is what an AUC close to 1 means. The rarity of the 5s has nothing to do with
# it: the true positive rate is a share of the 5s and the false positive rate a share of the non-5s, so neither
# depends on how many images of each class there are. We check that below the plot.

# %%
from sklearn.metrics import roc_curve

from mnist_tutorials.plotting import plot_roc_curve

fpr_sgd, tpr_sgd, _ = roc_curve(y_train_5, y_scores_sgd)
fpr_forest, tpr_forest, _ = roc_curve(y_train_5, y_scores_forest)

fig, ax = plt.subplots(figsize=(6, 6))
plot_roc_curve(fpr_sgd, tpr_sgd, ax=ax, label="SGD", auc=roc_auc_score(y_train_5, y_scores_sgd))
plot_roc_curve(fpr_forest, tpr_forest, ax=ax, label="Random forest",
               auc=roc_auc_score(y_train_5, y_scores_forest));

# %% [markdown]
# If the ROC curve ignores the class balance, it should not change when we balance the classes. Keep every 5,
# draw as many non-5s at random, and score the same cross-validated scores on that balanced set: half of its
# images are 5s, against one in eleven before.

# %%
rng = np.random.default_rng(42)
fives = np.flatnonzero(y_train_5)
non_fives = rng.choice(np.flatnonzero(~y_train_5), size=len(fives), replace=False)
balanced = np.concatenate([fives, non_fives])

balance_check = pd.DataFrame({
    "all images": [roc_auc_score(y_train_5, y_scores_sgd), roc_auc_score(y_train_5, y_scores_forest),
                   average_precision_score(y_train_5, y_scores_sgd),
                   average_precision_score(y_train_5, y_scores_forest)],
    "balanced": [roc_auc_score(y_train_5[balanced], y_scores_sgd[balanced]),
                 roc_auc_score(y_train_5[balanced], y_scores_forest[balanced]),
                 average_precision_score(y_train_5[balanced], y_scores_sgd[balanced]),
                 average_precision_score(y_train_5[balanced], y_scores_forest[balanced])],
}, index=["ROC AUC, SGD", "ROC AUC, random forest", "average precision, SGD", "average precision, random forest"])
balance_check.round(4)

# %% tags=["remove_input"]
auc_shift = (balance_check["balanced"] - balance_check["all images"]).iloc[:2].abs().max()
ap_gain = (balance_check["balanced"] - balance_check["all images"]).iloc[2:]
assert auc_shift < 0.002 and (ap_gain > 5 * auc_shift).all()
check_answer("FOREST.balance", (ap_gain.abs() > 5 * auc_shift).all());  # a check: its returned answer text is not shown

# %% [markdown] tags=["fill"]
# Balancing the classes moves neither ROC AUC by more than {auc_shift:.4f}, while the average precision rises by
# {ap_gain.iloc[0]:.3f} for SGD and {ap_gain.iloc[1]:.3f} for the forest: with fewer non-5s, the same false positive
# *rate* means fewer false positives per 5 found, and precision sees that. This is why the PR curve is the better
# picture when the positive class is rare. On the full training set, a false positive rate of just 1% is
# {0.01 * (~y_train_5).sum():,.0f} non-5s called 5, against {int(y_train_5.sum()):,} real 5s: a point that looks like a
# corner on the ROC curve costs real precision.

# %% [markdown]
# ## Two detectors, one set of images
#
# The explorer below holds both models' cross-validated scores on the same 60,000 training images; the buttons
# switch between them. Drag each threshold (or use the arrow keys on the chart) and look at the false positives
# and false negatives: the images are the same, the mistakes are not. The SGD scores start at 0, the forest's
# probabilities at 0.5. As on [the trade-off page](../03_precision_recall_tradeoff/), the SGD explorer skips the
# band around 3,000, where an exercise asks you to compute the precision.

# %%
from mnist_tutorials.plotting.threshold_widget import threshold_widget

threshold_widget(y_train_5, {"SGD": y_scores_sgd, "Random forest": y_scores_forest}, X_train,
                 thresholds={"SGD": np.arange(-50000, 50001, 1250), "Random forest": np.linspace(0, 1, 41)},
                 hide={"SGD": [3000], "Random forest": None},
                 initial_threshold={"SGD": 0, "Random forest": 0.5},
                 score_format={"SGD": ",.0f", "Random forest": ".3f"}, positive_label="5", max_images=6,
                 title=f"SGD against the random forest: cross-validated scores of the {len(X_train):,} training images")

# %% [markdown]
# At their default thresholds, how many mistakes of each kind does each model make, and how many do they share?

# %%
sgd_wrong, forest_wrong = y_train_pred_sgd != y_train_5, y_train_pred_forest != y_train_5
kinds = {"false alarms": ~y_train_5, "missed 5s": y_train_5}
overlap = pd.DataFrame({
    "SGD": {kind: (sgd_wrong & rows).sum() for kind, rows in kinds.items()},
    "random forest": {kind: (forest_wrong & rows).sum() for kind, rows in kinds.items()},
    "both": {kind: (sgd_wrong & forest_wrong & rows).sum() for kind, rows in kinds.items()},
})
overlap

# %% tags=["remove_input"]
assert (overlap["both"] > overlap["random forest"] / 2).all() and (overlap["both"] < overlap["SGD"] / 2).all()

# %% [markdown] tags=["fill"]
# Most of the forest's mistakes are SGD's too: {overlap.loc['false alarms', 'both']:,} of its
# {overlap.loc['false alarms', 'random forest']:,} false alarms and {overlap.loc['missed 5s', 'both']:,} of its
# {overlap.loc['missed 5s', 'random forest']:,} missed 5s. Most of SGD's are not: of its
# {overlap.loc['false alarms', 'SGD']:,} false alarms and {overlap.loc['missed 5s', 'SGD']:,} misses, the forest gets
# all but those right. The forest fixes most of SGD's errors and adds few of its own.

# %% [markdown]
# ## Why the forest does better
#
# A linear model gives every pixel one fixed weight, so it can only learn "ink here is evidence for a 5, ink
# there is evidence against". Trees ask questions that depend on earlier answers ("is this pixel dark, *and*
# that one light?"), which lets the forest recognise a 5 drawn a little to the left, or in a different style.
# The price is size and speed: the forest stores many trees with thousands of nodes each, where SGD stores one
# weight per pixel and an intercept.
#
# All the numbers on this page come from cross-validation on the training set; the test set stays untouched.
#
# **Next:** [multiclass classification](../06_multiclass/) leaves the 5-detector behind and trains classifiers
# that tell all ten digits apart; [the error-analysis tutorial](../07_sgd_error_analysis/) right after it does the
# same with SGD on the full training set and looks at the images it gets wrong.
