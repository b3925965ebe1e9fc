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
# # Calibration, imbalance and uncertainty
#
# Four tools the earlier pages only named. **Calibration, applied**: `CalibratedClassifierCV` corrects the
# probabilities of the random forest and of the SGD 5-detector, temperature scaling those of a Keras network,
# and calibrated probabilities give the cost-optimal threshold without a search. **A genuinely imbalanced
# task**: 5s at 1% of the images, where ROC AUC and average precision part ways. **Uncertainty**: how far a
# test accuracy can be trusted, and whether two models really differ. **Ranking metrics for ten classes**:
# one-vs-rest ROC AUC and per-class precision/recall curves for a Fashion-MNIST network.

# %% [markdown]
# <div class="admonition note">
# <p class="admonition-title">scikit-learn 1.8 or later</p>
# <p><code>FrozenEstimator</code> is new in scikit-learn 1.6 and <code>confusion_matrix_at_thresholds</code> in
# 1.8. The next cell stops with that sentence on an older version.</p>
# </div>

# %%
import sklearn

if tuple(int(part) for part in sklearn.__version__.split(".")[:2]) < (1, 8):
    raise SystemExit(f"This page needs scikit-learn 1.8 or later; this runtime has {sklearn.__version__}. "
                     "Run %pip install -U 'scikit-learn>=1.8', restart the runtime and run the page again.")
print("scikit-learn", sklearn.__version__)

# %% [markdown]
# ## Calibration, applied
#
# A probability is *calibrated* when it means what it says: of the images given 20%, about 20% are 5s.
# [The random-forest page](../05_random_forest_detector/) found the forest's probabilities too modest, and an
# SGD classifier has no probabilities at all, only a score. Calibration learns a monotone map from the model's
# output to a probability, on images the model did not train on. So we split the first 30,000 training images
# three ways (a subset, to keep the page fast): 10,000 to fit the models, 10,000 to fit the calibration, and
# 10,000 to validate choices; the test set is kept for the end.

# %%
import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import SGDClassifier

from mnist_tutorials import fetch_mnist

mnist = fetch_mnist()
X, y = mnist.data / 255, mnist.target
X_fit, X_cal, X_val, X_test = X[:10000], X[10000:20000], X[20000:30000], X[60000:]
y_fit, y_cal, y_val, y_test_5 = (y[:10000] == "5", y[10000:20000] == "5", y[20000:30000] == "5",
                                 y[60000:] == "5")
forest = RandomForestClassifier(random_state=42, n_jobs=2).fit(X_fit, y_fit)
sgd = SGDClassifier(average=True, random_state=42).fit(X_fit, y_fit)

# %% [markdown]
# `CalibratedClassifierCV` with a `FrozenEstimator` (new in 1.6) leaves the fitted model as it is and fits
# only the map, on the calibration images. `method="sigmoid"` (Platt scaling) fits a logistic curve to the
# model's output; `method="isotonic"` fits any increasing step function, more flexible and hungrier for data.
# SGD's hinge loss gives no probability, so its "uncalibrated" version is the score squashed by the logistic
# function, `expit(score)`: a probability in form only.

# %%
from scipy.special import expit
from sklearn.calibration import CalibratedClassifierCV
from sklearn.frozen import FrozenEstimator

models = {"forest": forest, "SGD": sgd}
probas = {"forest": forest.predict_proba(X_test)[:, 1], "SGD": expit(sgd.decision_function(X_test))}
calibrated = {}
for name, model in models.items():
    for method in ("sigmoid", "isotonic"):
        calibrated[f"{name}, {method}"] = CalibratedClassifierCV(FrozenEstimator(model), method=method).fit(
            X_cal, y_cal)
        probas[f"{name}, {method}"] = calibrated[f"{name}, {method}"].predict_proba(X_test)[:, 1]

# %% [markdown]
# Reliability diagrams, before and after, with the histogram of the predicted probabilities under each (on a
# log scale: most images get a probability near 0):

# %%
import matplotlib.pyplot as plt
from sklearn.calibration import CalibrationDisplay

fig, axes = plt.subplots(2, 2, figsize=(11, 7), height_ratios=[2, 1], sharex=True)
for column, name in enumerate(models):
    for label in (name, f"{name}, sigmoid", f"{name}, isotonic"):
        CalibrationDisplay.from_predictions(y_test_5, probas[label], n_bins=10, name=label, ax=axes[0, column])
        axes[1, column].hist(probas[label], bins=20, range=(0, 1), histtype="step", label=label)
    axes[1, column].set(yscale="log", xlabel="Predicted probability of a 5", ylabel="Images")
    axes[0, column].set(xlabel="", title=name)
fig.tight_layout()

# %% tags=["remove_input"]
from sklearn.calibration import calibration_curve

gap = {k: np.abs(np.subtract(*calibration_curve(y_test_5, p, n_bins=10))).max() for k, p in probas.items()}
middle = np.mean((probas["forest, sigmoid"] > 0.1) & (probas["forest, sigmoid"] < 0.9))
assert gap["forest"] > max(gap["forest, sigmoid"], gap["forest, isotonic"]) and middle < 0.05

# %% [markdown]
# The raw forest's curve strays far from the diagonal, above it in the middle: under-confident, as [the
# random-forest page](../05_random_forest_detector/) found. The calibrated curves stay closer to it. They
# zig-zag because the middle bins hold few images: fewer than 5% of the test images get a calibrated
# probability between 0.1 and 0.9 (the histograms have a log scale).
#
# Two numbers summarise a probability forecast. The **Brier score** is the mean squared difference between the
# probability and the outcome (1 for a 5, 0 otherwise); the **log loss** is the mean of −log of the
# probability given to what happened. Both are 0 for perfect, confident predictions, both reward calibration,
# and the log loss punishes a confident mistake without limit.

# %%
import pandas as pd
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score

scores = pd.DataFrame({label: {"Brier score": brier_score_loss(y_test_5, p), "log loss": log_loss(y_test_5, p),
                               "ROC AUC": roc_auc_score(y_test_5, p)} for label, p in probas.items()}).T
scores.round(4)

# %% tags=["remove_input"]
both = ["Brier score", "log loss"]
calibrated_forest = scores.loc[["forest, sigmoid", "forest, isotonic"], both].to_numpy()
assert (calibrated_forest < scores.loc["forest", both].to_numpy()).all()
assert (scores.loc[["SGD, sigmoid", "SGD, isotonic"], "log loss"] < scores.loc["SGD", "log loss"]).all()
assert abs(scores.loc["forest, sigmoid", "ROC AUC"] - scores.loc["forest", "ROC AUC"]) < 1e-9 != abs(
    scores.loc["forest, isotonic", "ROC AUC"] - scores.loc["forest", "ROC AUC"])

# %% [markdown]
# Both calibrations lower the forest's Brier score and log loss, and SGD's log loss. The ROC AUC of the sigmoid
# versions does not move: a sigmoid is increasing, so it keeps the ranking; calibration changes what the
# numbers *mean*, not which images come first. (Isotonic calibration merges close scores into one step, which
# creates ties and moves the AUC a little.) These are test numbers, reported once; to *choose* between sigmoid
# and isotonic, compare them on validation data.
#
# ### The cost-optimal threshold
#
# [Choosing a threshold](../04_choosing_thresholds/) searched for the threshold with the lowest cost when a
# false alarm costs $c_{FP} = 1$ and a missed 5 costs $c_{FN} = 4$. With a calibrated probability $p$ no
# search is needed. Flagging an image costs $c_{FP}$ with probability $1 - p$; not flagging it costs $c_{FN}$
# with probability $p$. Flagging is cheaper when $(1 - p)\,c_{FP} < p\,c_{FN}$, that is when
#
# $$p > \frac{c_{FP}}{c_{FP} + c_{FN}} = \frac{1}{1 + 4} = 0.2 .$$
#
# The formula holds only if $p$ is a calibrated probability. We check it on the validation images: for each
# version of SGD's probabilities, the threshold with the lowest cost, found by sweeping them all, against the
# cost at 0.2.

# %%
from sklearn.metrics import confusion_matrix_at_thresholds

cost_fp, cost_fn = 1, 4
sgd_val = {"SGD": expit(sgd.decision_function(X_val))}
sgd_val |= {label: calibrated[label].predict_proba(X_val)[:, 1] for label in ("SGD, sigmoid", "SGD, isotonic")}
sweep = {}
for label, p in sgd_val.items():
    tns, fps, fns, tps, thresholds = confusion_matrix_at_thresholds(y_val, p)
    cost = cost_fp * fps + cost_fn * fns
    sweep[label] = {"best threshold": thresholds[cost.argmin()], "lowest cost": cost.min(),
                    "cost at 0.2": cost_fp * np.sum(~y_val & (p >= 0.2)) + cost_fn * np.sum(y_val & (p < 0.2))}
pd.DataFrame(sweep).T.round(3)

# %% tags=["remove_input"]
raw, platt = pd.DataFrame(sweep).T.loc["SGD"], pd.DataFrame(sweep).T.loc["SGD, sigmoid"]
assert abs(raw["best threshold"] - 0.2) > 0.1 and abs(platt["best threshold"] - 0.2) < 0.05
assert raw["cost at 0.2"] > 1.05 * raw["lowest cost"] and platt["cost at 0.2"] < 1.05 * platt["lowest cost"]

# %% [markdown]
# On the squashed score the cheapest threshold is far from 0.2, and 0.2 costs more than 5% above the minimum.
# After sigmoid calibration the cheapest threshold is within 0.05 of 0.2, and 0.2 costs less than 5% above the
# minimum. **On calibrated probabilities the cost-optimal threshold is c_FP / (c_FP + c_FN); on anything else
# it has to be searched for.**
#
# ### Temperature scaling for a Keras network
#
# A network's softmax has its own correction. **Temperature scaling** divides the logits (the inputs of the
# softmax) by one number $T$, fitted on validation data to minimise the log loss: $T > 1$ softens
# overconfident probabilities, and since all logits shrink alike the predicted class never changes. We train a
# small MLP on the first 20,000 Fashion-MNIST training images, holding the last 10,000 training images out for
# validation. (For scikit-learn classifiers, `CalibratedClassifierCV(method="temperature")`, new in 1.8, does
# the same.)

# %% tags=["remove_input"]
from mnist_tutorials.keras_lab import silence_tensorflow_logs

silence_tensorflow_logs();

# %%
import keras

from mnist_tutorials import fetch_fashion_mnist

fashion = fetch_fashion_mnist()
F, f = (fashion.data / 255).astype("float32"), fashion.target
F_train, F_val, F_test = F[:20000], F[50000:60000], F[60000:]
f_train, f_val, f_test = f[:20000], f[50000:60000], f[60000:]
keras.utils.set_random_seed(42)
mlp = keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(256, activation="relu"),
                        keras.layers.Dense(10, activation="softmax")])
mlp.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
mlp.fit(F_train, f_train, epochs=20, batch_size=128, verbose=0);

# %% [markdown]
# The logits are the logarithms of the softmax output (up to a constant per image, which the softmax ignores).
# `minimize_scalar` finds the temperature; it is fitted on the validation images and judged on the test images.

# %%
from scipy.optimize import minimize_scalar
from scipy.special import softmax

val_logits = np.log(mlp.predict(F_val, verbose=0))
test_logits = np.log(mlp.predict(F_test, verbose=0))
fit_T = minimize_scalar(lambda T: log_loss(f_val, softmax(val_logits / T, axis=1), labels=range(10)),
                        bounds=(0.1, 10), method="bounded")
T = fit_T.x
mlp_proba, mlp_proba_T = softmax(test_logits, axis=1), softmax(test_logits / T, axis=1)
print(f"T = {T:.3f}; test log loss {log_loss(f_test, mlp_proba):.4f} -> {log_loss(f_test, mlp_proba_T):.4f}")
print(f"mean confidence {mlp_proba.max(axis=1).mean():.4f} -> {mlp_proba_T.max(axis=1).mean():.4f}, "
      f"accuracy {np.mean(mlp_proba.argmax(axis=1) == f_test):.4f}")

# %% tags=["remove_input"]
mlp_accuracy = np.mean(mlp_proba.argmax(axis=1) == f_test)
confidence, confidence_T = mlp_proba.max(axis=1).mean(), mlp_proba_T.max(axis=1).mean()
assert T > 1 and confidence > mlp_accuracy and confidence_T < confidence
assert log_loss(f_test, mlp_proba_T) < log_loss(f_test, mlp_proba)
assert (mlp_proba_T.argmax(axis=1) == mlp_proba.argmax(axis=1)).all()

# %% [markdown]
# The network was overconfident: its mean confidence was above its accuracy. The fitted temperature is above 1;
# it lowers the mean confidence towards the accuracy and lowers the test log loss, without changing a single
# predicted class.
#
# ## A genuinely imbalanced task
#
# 5s are 9% of MNIST, hardly rare. To see what real imbalance does, we keep every other digit of the first
# 30,000 training images and only as many 5s as make **1%** of the result.

# %%
X_pool, y_pool_5 = X[:30000], y[:30000] == "5"
fives, others = np.flatnonzero(y_pool_5), np.flatnonzero(~y_pool_5)
keep = np.sort(np.concatenate([others, fives[:round(len(others) / 99)]]))
X_imb, y_imb = X_pool[keep], y_pool_5[keep]
print(f"{len(y_imb):,} training images, {y_imb.sum()} of them 5s ({y_imb.mean():.2%})")

# %% [markdown]
# The test set must look like the task too. Throwing away nine test 5s in ten would leave too few of them to
# measure anything precisely, so we keep them all and **reweight** them instead: each test 5 counts as a
# fraction of an image, so that the 5s weigh 1% of the test set. Every metric below takes these weights
# through its `sample_weight` argument.

# %%
w_test = np.where(y_test_5, (~y_test_5).sum() / 99 / y_test_5.sum(), 1.0)
print(f"each of the {y_test_5.sum()} test 5s weighs {w_test[y_test_5][0]:.3f}: "
      f"{w_test[y_test_5].sum() / w_test.sum():.2%} of the total weight")

# %% [markdown]
# ### ROC AUC against average precision
#
# The same linear model, trained once at the natural share of 5s (`sgd`, from the calibration section) and once
# on the imbalanced set, each scored on the test set as it is (9% of 5s) and reweighted (1%):

# %%
from sklearn.metrics import average_precision_score

sgd_imb = SGDClassifier(average=True, random_state=42).fit(X_imb, y_imb)
ranking = {}
for name, model in {"trained at 9%": sgd, "trained at 1%": sgd_imb}.items():
    s = model.decision_function(X_test)
    ranking[name] = {"ROC AUC, test 9%": roc_auc_score(y_test_5, s),
                     "ROC AUC, test 1%": roc_auc_score(y_test_5, s, sample_weight=w_test),
                     "AP, test 9%": average_precision_score(y_test_5, s),
                     "AP, test 1%": average_precision_score(y_test_5, s, sample_weight=w_test)}
pd.DataFrame(ranking).T.round(4)

# %% tags=["remove_input"]
rk = pd.DataFrame(ranking).T
assert (rk["ROC AUC, test 9%"] - rk["ROC AUC, test 1%"]).abs().max() < 1e-9
assert (rk["AP, test 9%"] - rk["AP, test 1%"]).min() > 0.1

# %% [markdown]
# Reweighting the test set to 1% of 5s leaves both ROC AUCs exactly where they were, while average precision
# falls by more than 0.1 for both models. The true and false positive rates are shares *within* each class, so
# the ROC curve cannot see how many images each class has; precision compares false alarms with true
# detections, and with 99 other digits per 5 the same false positive rate buries the detections. **When
# positives are rare, report average precision: ROC AUC describes the ranking, not the alarms you will have to
# sift.**
#
# ### `class_weight="balanced"` or a moved threshold?
#
# Trained on 1% of 5s, the model's default threshold flags few images. Two common fixes:
# `class_weight="balanced"` makes each 5 weigh as much as 99 other digits in the training loss, and
# `TunedThresholdClassifierCV` keeps the model and moves the threshold, chosen by cross-validation (F1 here).

# %%
from sklearn.model_selection import StratifiedKFold, TunedThresholdClassifierCV

cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=42)
sgd_balanced = SGDClassifier(average=True, class_weight="balanced", random_state=42).fit(X_imb, y_imb)
sgd_moved = TunedThresholdClassifierCV(SGDClassifier(average=True, random_state=42), scoring="f1",
                                       thresholds=np.linspace(-6, 2, 161), cv=cv).fit(X_imb, y_imb)
print(f"threshold chosen by CV: {sgd_moved.best_threshold_:.2f}")

# %% [markdown]
# Precision, recall and F1 depend on the share of 5s; two summaries of the confusion matrix correct for it.
# **Balanced accuracy** is the mean of the recalls of the two classes (0.5 for a model that always says the same
# thing). The **Matthews correlation coefficient** (MCC) is the correlation between prediction and truth,
# from −1 to 1, and is high only if all four cells of the confusion matrix are good.

# %%
from sklearn.metrics import balanced_accuracy_score, f1_score, matthews_corrcoef, precision_score, recall_score

rules = {"threshold 0": sgd_imb, 'class_weight="balanced"': sgd_balanced, "threshold moved by CV": sgd_moved}
metrics = {"precision": precision_score, "recall": recall_score, "F1": f1_score,
           "balanced accuracy": balanced_accuracy_score, "MCC": matthews_corrcoef}
imbalanced = pd.DataFrame({rule: {name: metric(y_test_5, model.predict(X_test), sample_weight=w_test)
                                  for name, metric in metrics.items()} for rule, model in rules.items()}).T
imbalanced["ROC AUC"] = [roc_auc_score(y_test_5, m.decision_function(X_test), sample_weight=w_test)
                         for m in (sgd_imb, sgd_balanced, sgd_moved.estimator_)]
imbalanced.round(3)

# %% tags=["remove_input"]
im, bal, moved = imbalanced, 'class_weight="balanced"', "threshold moved by CV"
assert im.loc["threshold 0", "recall"] < 0.5 and im.loc[bal, "recall"] == im["recall"].max()
assert im.loc[bal, "precision"] == im["precision"].min()
assert im.loc[bal, "balanced accuracy"] == im["balanced accuracy"].max()
assert im.loc[moved, "MCC"] == im["MCC"].max() and im.loc[moved, "F1"] == im["F1"].max()

# %% [markdown]
# At threshold 0 the model finds fewer than half of the 5s. `class_weight="balanced"` finds the most, with the
# lowest precision: it aims at *balanced* classes, and its balanced accuracy is indeed the best, but at 1% of
# 5s that means many false alarms per 5 found. Moving the threshold by cross-validated F1 gives the best F1 and
# the best MCC. The ROC AUCs are close: reweighting the classes mostly moves the threshold, which a threshold
# search does directly, towards the metric you care about.
#
# ### ROC and DET curves
#
# A **DET curve** (detection error trade-off) plots the two error rates against each other, the false
# negative rate against the false positive rate, on normal-deviate axes that stretch the region near zero
# where good models live; the ROC curve squeezes it into a corner. Both ignore the share of 5s.

# %%
from sklearn.metrics import DetCurveDisplay, RocCurveDisplay, roc_curve

fig, (ax_roc, ax_det) = plt.subplots(1, 2, figsize=(11, 4.5))
miss_at_1 = {}
for name, model in {"threshold 0 / moved": sgd_imb, 'class_weight="balanced"': sgd_balanced}.items():
    s = model.decision_function(X_test)
    RocCurveDisplay.from_predictions(y_test_5, s, sample_weight=w_test, name=name, ax=ax_roc)
    DetCurveDisplay.from_predictions(y_test_5, s, sample_weight=w_test, name=name, ax=ax_det)
    fpr, tpr, _ = roc_curve(y_test_5, s, sample_weight=w_test)
    miss_at_1[name] = 1 - np.interp(0.01, fpr, tpr)
ax_roc.set_title("ROC"), ax_det.set_title("DET")
print({name: f"misses {miss:.1%} of the 5s at a false positive rate of 1%" for name, miss in miss_at_1.items()})

# %% tags=["remove_input"]
assert miss_at_1['threshold 0 / moved'] < miss_at_1['class_weight="balanced"']
assert im.loc[bal, "ROC AUC"] > im.loc["threshold 0", "ROC AUC"]

# %% [markdown]
# On the ROC plot the two curves crowd into the top-left corner. The DET plot separates them, and they cross:
# at a false positive rate of 1% the plain model misses fewer 5s (printed above). With 99 other digits per 5,
# a false positive rate of 1% already means about one false alarm per 5, so that low-error corner is where
# this task is decided, and there the plain model is better, although its ROC AUC is the lower one: an area
# averages over false positive rates nobody would operate at.
#
# ## Uncertainty
#
# Every number on these pages was measured on a sample of images, and another sample would give another number.
#
# ### The spread between folds
#
# [The 5-detector](../02_five_detector/), [the SGD error analysis](../07_sgd_error_analysis/) and [the KNN
# exercise](../16_exercise_knn_97/) print one score per cross-validation fold. Here are the five folds' average
# precisions of the model trained at 1%, each fold holding a fifth of its 5s:

# %%
from sklearn.model_selection import cross_val_score

fold_ap = cross_val_score(SGDClassifier(average=True, random_state=42), X_imb, y_imb, cv=cv,
                          scoring="average_precision")
print(fold_ap.round(3), f"mean {fold_ap.mean():.3f}, standard deviation {fold_ap.std(ddof=1):.3f}")

# %% tags=["remove_input"]
assert np.ptp(fold_ap) > 0.05

# %% [markdown]
# The five folds disagree by more than 0.05. That spread is the first thing to look at before comparing two
# models: a difference smaller than it is not worth a conclusion. It is not a standard error, though: the five
# models share most of their training images, so their scores are correlated, and no unbiased estimator of the
# variance of a k-fold mean exists (Bengio and Grandvalet, *No unbiased estimator of the variance of k-fold
# cross-validation*, JMLR 2004). Read it as a rough scale, and keep the formal statements for the test set.
#
# ### A confidence interval for a test accuracy
#
# On the test set the model is fixed and each test image is an independent draw, right or wrong: the number of
# right answers is a binomial count. So the interval for an accuracy is the **binomial** one, exact in its
# assumptions and with no resampling; the **Wilson** interval behaves well even near 100%, where the textbook
# "± 1.96 standard errors" can overshoot 1. (A metric that is not a share of independent right answers, such as
# F1 or average precision, needs the bootstrap instead: resample the test images with replacement and recompute.)

# %%
from scipy.stats import binomtest

right = {"5-detector, forest": forest.predict(X_test) == y_test_5,
         "5-detector, SGD": sgd.predict(X_test) == y_test_5,
         "Fashion MLP": mlp_proba.argmax(axis=1) == f_test}
intervals = {name: binomtest(int(r.sum()), len(r)).proportion_ci(confidence_level=0.95, method="wilson")
             for name, r in right.items()}
pd.DataFrame({name: {"accuracy": right[name].mean(), "95% low": ci.low, "95% high": ci.high}
              for name, ci in intervals.items()}).T.round(4)

# %% tags=["remove_input"]
half_widths = np.array([(ci.high - ci.low) / 2 for ci in intervals.values()])
assert (0.001 < half_widths).all() and (half_widths < 0.01).all()

# %% [markdown]
# Even with 10,000 test images, each accuracy is known only to within a few tenths of a percentage point. **A
# test accuracy is a measurement with an error bar; differences inside it are not findings.**
#
# ### Two models on the same test set: McNemar's test
#
# Comparing two intervals wastes information: both models saw the *same* images, and most images are right for
# both. McNemar's test looks only at the images where exactly one of the two is right. If both models had the
# same error rate, each of those would be a coin toss between them. `mcnemar_test` counts them and returns the
# exact binomial p-value.

# %%
from mnist_tutorials.evaluation import mcnemar_test

forest_vs_sgd = mcnemar_test(y_test_5, forest.predict(X_test), sgd.predict(X_test))
forest_vs_sgd

# %% tags=["remove_input"]
assert forest_vs_sgd.pvalue < 0.01 and forest_vs_sgd.only_a_right > forest_vs_sgd.only_b_right
assert intervals["5-detector, forest"].low < intervals["5-detector, SGD"].high  # "the intervals overlap"

# %% [markdown]
# The forest is right where SGD is wrong on clearly more images than the reverse. If they were equally good, a
# split at least this lopsided would have the probability printed as `pvalue`, below 1%: the forest's lead on
# this 5-detector is very unlikely to be the luck of the test sample, although the two accuracy intervals above
# overlap. (The Fashion MLP against the CNN is tested the same way on [the CNN
# page](../13_fashion_cnn/).)
#
# ## Ranking metrics for ten classes
#
# ROC AUC and average precision are binary. For the ten Fashion-MNIST classes, each class in turn is the
# positive one against the rest (**one-vs-rest**), which gives ten curves and ten areas. They are then averaged:
# **macro** is their plain mean, **weighted** weighs each class by its number of test images, and **micro**
# pools all (image, class) pairs into one big binary problem and draws a single curve.

# %%
auc_ovr = {average: roc_auc_score(f_test, mlp_proba_T, multi_class="ovr", average=average)
           for average in ("macro", "weighted", "micro")}
per_class_ap = pd.Series([average_precision_score(f_test == k, mlp_proba_T[:, k]) for k in range(10)],
                         index=fashion.target_names, name="average precision").sort_values()
print({average: round(auc, 4) for average, auc in auc_ovr.items()})
per_class_ap.round(3)

# %%
from sklearn.metrics import PrecisionRecallDisplay
from sklearn.preprocessing import label_binarize

fig, ax = plt.subplots(figsize=(7, 6))
for k in per_class_ap.index[:4]:
    label = list(fashion.target_names).index(k)
    PrecisionRecallDisplay.from_predictions(f_test == label, mlp_proba_T[:, label], name=k, ax=ax)
PrecisionRecallDisplay.from_predictions(label_binarize(f_test, classes=range(10)).ravel(), mlp_proba_T.ravel(),
                                        name="micro-average, all 10 classes", ax=ax)
ax.set_title("Fashion MLP: the four hardest classes");

# %% tags=["remove_input"]

assert np.isclose(auc_ovr["macro"], auc_ovr["weighted"]) and (np.bincount(f_test) == 1000).all()
assert set(per_class_ap.index[:3]) <= {"T-shirt/top", "Pullover", "Coat", "Shirt"}  # "tops that look alike"

# %% [markdown] tags=["fill"]
# The hardest classes are **{per_class_ap.index[0]}**, **{per_class_ap.index[1]}** and **{per_class_ap.index[2]}**,
# the lowest average precisions in the table above.

# %% [markdown]
# The one-vs-rest ROC AUC is the same macro-averaged and weighted, because every class has exactly 1,000 test
# images. Such high AUCs hide the differences that average precision shows, between tops that look alike at
# 28 × 28 pixels and shoes or trousers that do not. **Averaged ranking metrics summarise; the per-class curves
# say where the model fails.**
#
# ## What next
#
# [The metrics in one page](../../concepts/metrics/) collects every term used here: calibration, the Brier
# score, balanced accuracy, MCC, the DET curve, confidence intervals, McNemar's test and the micro, macro and
# weighted averages of curves. **Next:** two exercises, [a KNN classifier above 97%
# accuracy](../16_exercise_knn_97/) and [data augmentation by shifting](../17_exercise_augmentation/).
