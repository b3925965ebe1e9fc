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
# task**: 5s at 1 % of the images, where ROC AUC and average precision part ways. **Uncertainty**: how far a
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
# A probability is *calibrated* when it means what it says: of the images given 20 %, about 20 % are 5s.
# [The random-forest page](../08_random_forest_detector/) found the forest's probabilities too modest, and an
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

# %% [markdown]
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
from IPython.display import Markdown, display

from mnist_tutorials.plotting import set_alt_text

both = ["Brier score", "log loss"]
assert (scores.loc[["forest, sigmoid", "forest, isotonic"], both].to_numpy() < scores.loc["forest", both].to_numpy()).all()
assert (scores.loc[["SGD, sigmoid", "SGD, isotonic"], "log loss"] < scores.loc["SGD", "log loss"]).all()
assert abs(scores.loc["forest, sigmoid", "ROC AUC"] - scores.loc["forest", "ROC AUC"]) < 1e-9  # ranking unchanged
assert scores.loc["forest, isotonic", "ROC AUC"] != scores.loc["forest", "ROC AUC"]  # "moves the AUC a little"
set_alt_text(fig, takeaway=(
    "Left, the forest: its raw curve is S-shaped around the diagonal, the calibrated ones follow it. Right, SGD: "
    "the squashed score is far from the diagonal, the calibrated ones follow it. The histograms show most "
    "probabilities near 0."))
display(Markdown(
    f"Calibration lowers the forest's log loss from {scores.loc['forest', 'log loss']:.4f} to "
    f"{scores.loc['forest, sigmoid', 'log loss']:.4f} (sigmoid) and {scores.loc['forest, isotonic', 'log loss']:.4f} "
    f"(isotonic), and SGD's from {scores.loc['SGD', 'log loss']:.4f} to {scores.loc['SGD, sigmoid', 'log loss']:.4f} "
    f"and {scores.loc['SGD, isotonic', 'log loss']:.4f}. The ROC AUC of the sigmoid versions does not move "
    f"({scores.loc['forest', 'ROC AUC']:.4f} for the forest): a sigmoid is increasing, so it keeps the ranking, "
    "and calibration changes what the numbers *mean*, not which images come first. (Isotonic calibration can "
    "merge close scores into one step, which creates ties and moves the AUC a little.) These are test numbers, "
    "reported once; to *choose* between sigmoid and isotonic, compare them on validation data."
))

# %% [markdown]
# ### The cost-optimal threshold
#
# [Choosing a threshold](../13_choosing_thresholds/) searched for the threshold with the lowest cost when a
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
sweep_df = pd.DataFrame(sweep).T
raw, platt = sweep_df.loc["SGD"], sweep_df.loc["SGD, sigmoid"]
assert abs(raw["best threshold"] - 0.2) > 0.1 and abs(platt["best threshold"] - 0.2) < 0.05
assert raw["cost at 0.2"] > 1.05 * raw["lowest cost"] and platt["cost at 0.2"] < 1.05 * platt["lowest cost"]
display(Markdown(
    f"On the squashed score the cheapest threshold is {raw['best threshold']:.3f}, far from 0.2, and using 0.2 "
    f"costs {raw['cost at 0.2']:.0f} instead of {raw['lowest cost']:.0f} on these {len(y_val):,} images. After "
    f"sigmoid calibration the cheapest threshold is {platt['best threshold']:.3f}, and 0.2 costs "
    f"{platt['cost at 0.2']:.0f} against a minimum of {platt['lowest cost']:.0f}: within "
    f"{platt['cost at 0.2'] / platt['lowest cost'] - 1:.0%}. **On calibrated probabilities the cost-optimal "
    "threshold is c_FP / (c_FP + c_FN); on anything else it has to be searched for.**"
))

# %% [markdown]
# ### Temperature scaling for a Keras network
#
# A network's softmax has its own correction. **Temperature scaling** divides the logits (the inputs of the
# softmax) by one number $T$, fitted on validation data to minimise the log loss: $T > 1$ softens
# overconfident probabilities, and since all logits shrink alike the predicted class never changes. We train a
# small MLP on the first 20,000 Fashion-MNIST training images, holding the last 10,000 training images out for
# validation. (For scikit-learn classifiers, `CalibratedClassifierCV(method="temperature")`, new in 1.8, does
# the same.)

# %%
import keras

from mnist_tutorials import fetch_fashion_mnist

fashion = fetch_fashion_mnist()
F, f = (fashion.data / 255).astype("float32"), fashion.target
F_train, f_train, F_val, f_val, F_test, f_test = F[:20000], f[:20000], F[50000:60000], f[50000:60000], F[60000:], f[60000:]
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
assert T > 1 and mlp_proba.max(axis=1).mean() > mlp_accuracy  # "overconfident"
assert log_loss(f_test, mlp_proba_T) < log_loss(f_test, mlp_proba)
assert (mlp_proba_T.argmax(axis=1) == mlp_proba.argmax(axis=1)).all()
display(Markdown(
    f"The network was overconfident: a mean confidence of {mlp_proba.max(axis=1).mean():.1%} for an accuracy of "
    f"{mlp_accuracy:.1%}. The fitted temperature, {T:.2f}, brings the mean confidence to "
    f"{mlp_proba_T.max(axis=1).mean():.1%} and the test log loss from {log_loss(f_test, mlp_proba):.3f} to "
    f"{log_loss(f_test, mlp_proba_T):.3f}, without changing a single predicted class."
))
