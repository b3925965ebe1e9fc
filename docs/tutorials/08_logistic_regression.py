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
#   mnist_tutorials:
#     version_notes:
#       scikit-learn:
#         since: "1.4"
#         effect: "that release changed what LogisticRegression's tol means, so the scaled model takes
#           hundreds of iterations instead of tens, and the iteration counts and conclusions differ
#           from the page's."
# ---

# %% [markdown]
# # Logistic regression
#
# Logistic regression is a linear model that outputs probabilities. This page builds it up from the
# sigmoid function, trains it on all ten MNIST digits, checks whether its probabilities can be taken at
# their word, and then measures it: the confusion matrix, and precision, recall and F1 per class, each
# computed by hand and checked against scikit-learn, and what weighting the classes changes. The next page,
# [Logistic regression: better features](../09_logistic_regression_features/), keeps the model and improves what
# it sees.

# %% [markdown]
# ## 1. The sigmoid
#
# A logistic regression computes a weighted sum of the features, plus a bias, a score $z$ that can be any real
# number, $z = w_1 x_1 + \dots + w_n x_n + b = \mathbf{w} \cdot \mathbf{x} + b$. The **sigmoid** (or logistic)
# function squashes it into the interval $(0, 1)$:
#
# $$\sigma(z) = \frac{1}{1+e^{-z}}$$
#
# and $\hat{y} = \sigma(z)$ is read as the probability that $\mathbf{x}$ belongs to the positive class. The model
# predicts class 1 when $\hat{y} \geq 0.5$ and class 0 otherwise.

# %%
import numpy as np

from mnist_tutorials.logistic import sigmoid

z = np.array([-10.0, -2.0, -1.0, 0.0, 1.0, 2.0, 10.0])
np.round(sigmoid(z), 4)

# %% [markdown]
# Large negative scores give probabilities near 0, large positive scores give probabilities near 1, and
# $z = 0$ sits exactly on $0.5$. `sigmoid` is the formula above, written so that `np.exp` never
# overflows for very negative $z$.

# %%
from mnist_tutorials.plotting import plot_sigmoid

plot_sigmoid();

# %% [markdown]
# Why can we read $\sigma(z)$ as a probability?
#
# - It lies strictly between 0 and 1 and grows with $z$: a higher score never means a lower probability.
# - It is symmetric, $\sigma(-z) = 1 - \sigma(z)$: the probability of class 0 is the sigmoid of the negated
#   score, so the two classes are treated alike.
# - Inverting it gives $z = \log\frac{\hat{y}}{1-\hat{y}}$, the *log-odds*. A logistic regression is a linear
#   model of the log-odds, and training minimises the log loss, which rewards probabilities that match how often
#   each class really occurs: the outputs are *meant* as probabilities. Whether they are **calibrated** on new data
#   (of the images given 0.9, are 90% right?) is not guaranteed: the penalty on the weights, a model too simple for
#   the data and the difference between training and test images all bend them. Section 2 measures it.
#
# The dashed line is the usual threshold, 0.5. It corresponds to $z = 0$, the dotted vertical line: the
# decision boundary of a logistic regression is the hyperplane $\mathbf{w} \cdot \mathbf{x} + b = 0$.

# %% [markdown]
# ### A simulated logistic regression
#
# Before any training, the forward pass by hand with made-up parameters: 100 samples with 3 features, three random
# weights and a random bias.

# %%
rng = np.random.default_rng(42)
n_samples, n_features = 100, 3
weights = rng.standard_normal(n_features)
bias = rng.standard_normal()
X_sim = rng.standard_normal((n_samples, n_features))

Z = X_sim @ weights + bias
y_hat = sigmoid(Z)
print("X:", X_sim.shape, " weights:", weights.shape, " Z:", Z.shape, " y_hat:", y_hat.shape)

# %% [markdown]
# `X_sim @ weights` gives one dot product per row, so `Z` holds 100 scores, one per sample, all shifted by the
# scalar `bias`; the sigmoid turns each into a probability.

# %%
plot_sigmoid(Z, y_hat);

# %% [markdown] tags=["fill"]
# Every sample lands on the curve, since ŷ is just σ(z). With these weights (`{np.round(weights, 2).tolist()}`, bias
# `{bias:.2f}`), **{int((y_hat >= 0.5).sum())}** of the 100 samples get ŷ ≥ 0.5 and would be predicted as class 1, the
# other {int((y_hat < 0.5).sum())} as class 0. The scores span z ∈ [{Z.min():.1f}, {Z.max():.1f}]; points near z = 0
# get probabilities near 0.5, the ones the model is least sure about. Training is the search for the weights and bias
# that put the class-1 samples on the right of the boundary and the class-0 samples on the left.

# %% [markdown]
# ## 2. Logistic regression on MNIST
#
# With ten digits there are ten scores per image, one weight vector per class. scikit-learn's
# `LogisticRegression` replaces the sigmoid by its multi-class generalisation, the *softmax*
# $\hat{y}_k = e^{z_k} / \sum_j e^{z_j}$: ten probabilities that sum to 1; the prediction is the most probable
# class. We hold out a random 20% of the 70,000 images as the test set (`train_test_split`, `random_state=42`):
# other pages use the original 60,000 / 10,000 split; this one keeps its source's split, so the numbers compare.

# %%
from sklearn.model_selection import train_test_split

from mnist_tutorials import fetch_mnist

mnist = fetch_mnist()
X, y = mnist.data, mnist.target
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)
X_train.shape, X_test.shape

# %% [markdown]
# ### The convergence warning
#
# `LogisticRegression` finds its weights with an iterative optimiser (L-BFGS by default). It stops when the
# gradient of the loss is small enough (the tolerance `tol`) or when it has used up `max_iter` iterations, and
# then raises a `ConvergenceWarning`. On raw pixels (0 to 255) that happens; we trigger it on purpose, with a
# budget of 50 iterations, and catch it instead of letting it scroll by.

# %%
import warnings

from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression

raw_clf = LogisticRegression(max_iter=50, tol=1e-3)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always", ConvergenceWarning)
    raw_clf.fit(X_train, y_train)
for warning in caught:
    print(f"{warning.category.__name__}: {warning.message}")
print(f"\niterations: {raw_clf.n_iter_[0]}, test accuracy: {raw_clf.score(X_test, y_test):.4f}")

# %% tags=["remove_input"]
assert any(issubclass(w.category, ConvergenceWarning) for w in caught)
assert raw_clf.n_iter_[0] == 50

# %% [markdown]
# The optimiser hit the iteration limit before the gradient was small enough. The model still predicts (and
# not badly), but its weights are not the minimum of the loss. The warning names two remedies:
#
# - **more iterations**: the source of this page used `max_iter=2000` on raw pixels and still got this warning
#   (every L-BFGS iteration is at least one pass over the 56,000 × 784 training matrix);
# - **scaling the data**: with pixels in $[0, 1]$ the loss surface is far better conditioned and the optimiser
#   needs far fewer steps.
#
# We take the second, with the scaler and the model in a `Pipeline`, so that the scaler is fitted on the
# training set only and applied identically to whatever we predict on. A function builds it, to be reused below.

# %% tags=["save"]
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MinMaxScaler

def scaled_logreg(scaler=None, class_weight=None):
    """A scaler (`MinMaxScaler` unless another is given), then a logistic regression, in one pipeline."""
    return make_pipeline(MinMaxScaler() if scaler is None else scaler,
                         LogisticRegression(max_iter=1000, tol=1e-3, class_weight=class_weight, random_state=42))

# %%
clf = scaled_logreg()
clf.fit(X_train, y_train)
print(f"converged after {clf[-1].n_iter_[0]} iterations")

# %% [markdown]
# The choices made here:
#
# - **Solver.** `lbfgs`, the default, suits a dense *multinomial* problem of this size (one model for all ten
#   classes, with a softmax). `newton-cholesky` would build a Hessian (the matrix of the loss's second
#   derivatives) with $(10 \times 785)^2$ entries; `sag` / `saga` shine on larger, sparser data; `liblinear` fits
#   one binary problem at a time, and scikit-learn 1.8 and later refuse it for ten classes.
# - **Tolerance.** scikit-learn divides the loss by the number of samples, so `tol` bounds the gradient of the
#   *average* log loss. `tol=1e-3` stops much earlier than the default `1e-4`: slightly less exact weights, for a
#   page that runs in minutes.
# - **Pipeline.** `make_pipeline` names each step after its class, in lower case: `clf[-1]` (or
#   `clf.named_steps["logisticregression"]`) is the fitted `LogisticRegression`.
#
# Is `liblinear` really refused for ten classes? Let us ask the installed scikit-learn:

# %%
import sklearn

try:
    LogisticRegression(solver="liblinear").fit([[0.0], [1.0], [2.0]], [0, 1, 2])
    liblinear_refuses = False
    print(f"scikit-learn {sklearn.__version__}: liblinear trains the three classes one-versus-rest")
except ValueError as error:
    liblinear_refuses = True
    print(f"scikit-learn {sklearn.__version__}: ValueError: {error}")

# %%
from sklearn.metrics import accuracy_score

y_pred = clf.predict(X_test)
accuracy = accuracy_score(y_test, y_pred)
print(f"Accuracy: {accuracy:.2%}")

# %% [markdown] tags=["fill"]
# The scaled model classifies **{accuracy:.2%}** of the {len(y_test):,} test images correctly, against
# {raw_clf.score(X_test, y_test):.2%} for the unfinished fit on raw pixels: {int((y_pred != y_test).sum()):,}
# mistakes, some of which we look at below.

# %% tags=["remove_input"]
assert clf[-1].n_iter_[0] < raw_clf.max_iter  # scaled data converges within the budget raw pixels exhaust
# The text above names the scikit-learn releases in which liblinear refuses ten classes: check on this version.
assert liblinear_refuses == (tuple(int(v) for v in sklearn.__version__.split(".")[:2]) >= (1, 8)), sklearn.__version__

# %% [markdown]
# ### Are its probabilities calibrated?
#
# `predict` picks the class with the highest probability, and that probability is the model's confidence. If
# the probabilities are calibrated, the images it is 90% sure about are right 90% of the time. We sort the test
# images by confidence into ten equal groups and compare each group's mean confidence with the share it gets
# right (`calibration_curve`). The mean absolute gap over the groups (equal groups, so a plain mean) is the
# *expected calibration error* (ECE). The test **log loss** is the mean of $-\log$ of the probability given to
# the true class.

# %%
import pandas as pd
from sklearn.calibration import calibration_curve
from sklearn.metrics import log_loss

proba = clf.predict_proba(X_test)
confidence = proba.max(axis=1)
correct = clf.classes_[proba.argmax(axis=1)] == y_test
share_correct, mean_confidence = calibration_curve(correct, confidence, n_bins=10, strategy="quantile")
ece = np.abs(mean_confidence - share_correct).mean()
print(f"test log loss: {log_loss(y_test, proba, labels=clf.classes_):.4f}, ECE: {ece:.4f}")
pd.DataFrame({"mean confidence": mean_confidence, "share correct": share_correct}).round(3).T

# %% tags=["remove_input"]
assert (correct == (y_pred == y_test)).all()  # predict is the most probable class
gaps = mean_confidence - share_correct
worst_group = int(np.abs(gaps).argmax())
assert confidence.mean() < correct.mean()  # "under-confident"
assert ece < 0.02  # "close to calibrated here"

# %% [markdown] tags=["fill"]
# On average the model is {confidence.mean():.1%} confident and {correct.mean():.1%} right: **under-confident** by
# {100 * (correct.mean() - confidence.mean()):.1f} percentage points. The largest gap is in the group
# {mean_confidence[worst_group]:.1%} confident and {share_correct[worst_group]:.1%} right. In {int((gaps > 0).sum())}
# of the ten groups the confidence is above the share correct; the ECE is {100 * ece:.1f} percentage points. Close
# to calibrated, not exactly, and nothing promised it: calibration is measured on data the model did not train on.
# The [Keras page](../11_fashion_keras/) and the [random-forest detector](../05_random_forest_detector/) ask the same
# question of other models.

# %% [markdown]
# ### What the model gets wrong

# %%
from mnist_tutorials.plotting import plot_gallery

wrong = np.flatnonzero(y_pred != y_test)
first = wrong[:16]
plot_gallery(X_test[first], [f"true {t}, pred {p}" for t, p in zip(y_test[first], y_pred[first])],
             n_cols=8);

# %% [markdown]
# `np.flatnonzero(y_pred != y_test)` lists the positions of the wrong predictions; the gallery shows the first
# sixteen. A few would fool a person too. Most are perfectly readable, and show the limit of a linear model: it
# adds up evidence pixel by pixel, and a slightly shifted, slanted or thicker stroke moves the ink onto pixels
# that vote for another class.

# %% [markdown]
# ## 3. The confusion matrix
#
# A confusion matrix counts, for every true class, how often each class was predicted. For a yes/no problem it is
# a 2 × 2 table:
#
# |                     | predicted positive   | predicted negative   |
# |---------------------|----------------------|----------------------|
# | **actual positive** | true positive (TP)   | false negative (FN)  |
# | **actual negative** | false positive (FP)  | true negative (TN)   |
#
# Take a medical test on 100 people, 60 of whom are sick. It flags 50 of the sick (TP) and misses 10 (FN); among
# the 40 healthy it raises 5 false alarms (FP) and clears 35 (TN). Rows are the actual classes and columns the
# predicted ones, as in scikit-learn's `confusion_matrix`, but this table puts the positive class first, as many
# textbooks do. scikit-learn orders the classes by sorted label instead:

# %%
cm_sick = np.array([[50, 10],
                    [5, 35]])
pd.DataFrame(cm_sick, index=["actual sick", "actual healthy"], columns=["predicted sick", "predicted healthy"])

# %%
from sklearn.metrics import confusion_matrix

is_sick = np.array([1] * 60 + [0] * 40)  # 1 = sick, 0 = healthy
flagged = np.array([1] * 50 + [0] * 10 + [1] * 5 + [0] * 35)
print(confusion_matrix(is_sick, flagged))
print(confusion_matrix(is_sick, flagged, labels=[1, 0]))

# %% [markdown]
# With 0/1 labels (or False/True) the negative class sorts first, so scikit-learn's layout is
# `[[TN, FP], [FN, TP]]`: the layout of [the 5-detector](../02_five_detector/) and of
# [the metrics in one page](../../concepts/metrics/). `labels=[1, 0]` reorders it into the table above.

# %%
from mnist_tutorials.metrics import confusion_counts

confusion_counts(cm_sick).rename(index={0: "sick as positive", 1: "healthy as positive"})

# %% [markdown] tags=["fill"]
# `confusion_counts` reads TP, FN, FP and TN off the matrix for each class in turn. Every cell of the table is one
# kind of outcome: the test is right for {cm_sick.trace()} of {cm_sick.sum()} people (accuracy
# {cm_sick.trace() / cm_sick.sum():.0%}). Of the {cm_sick[:, 0].sum()} people it flags, {cm_sick[0, 0]} are sick
# (precision {cm_sick[0, 0]}/{cm_sick[:, 0].sum()} = {cm_sick[0, 0] / cm_sick[:, 0].sum():.1%}), and it finds
# {cm_sick[0, 0]} of the {cm_sick[0].sum()} sick (recall {cm_sick[0, 0]}/{cm_sick[0].sum()} =
# {cm_sick[0, 0] / cm_sick[0].sum():.1%}). The second row shows that
# "positive" is a choice: call *healthy* the positive class and the TP and TN, FP and FN swap places. With ten
# classes, each digit in turn plays the positive class against the nine others.

# %% [markdown]
# ### The 10 × 10 matrix

# %%
from mnist_tutorials.plotting import plot_confusion_heatmap

cm = confusion_matrix(y_test, y_pred)
plot_confusion_heatmap(cm, labels=clf.classes_);

# %% [markdown]
# Row $i$ holds the test images of digit $i$, column $j$ the images predicted as $j$. The diagonal holds the
# correct predictions (each digit's true positives). Along a row: where a digit's images went (its false
# negatives); down a column: which digits were mistaken for it (its false positives).

# %% tags=["remove_input"]
from mnist_tutorials.multiclass import top_confusions

top = top_confusions(cm, clf.classes_, n=3)
pairs = ", ".join(f"{r.label} read as {r.predicted} ({r.value} times)" for r in top.itertuples())
diag = np.diag(cm)

# %% [markdown] tags=["fill"]
# The largest off-diagonal cells are: {pairs}. The digit with the most correct predictions is
# {clf.classes_[diag.argmax()]} ({diag.max():,}), partly because it also has the most test images
# ({cm.sum(axis=1)[diag.argmax()]:,}); raw counts depend on class sizes, which is why we turn them into rates below.

# %% [markdown]
# The correct predictions are the diagonal, so accuracy is the trace divided by the total:

# %%
accuracy_from_cm = cm.trace() / cm.sum()
print(f"trace / sum:    {accuracy_from_cm:.6f}")
print(f"accuracy_score: {accuracy_score(y_test, y_pred):.6f}")
print("the same:      ", np.isclose(accuracy_from_cm, accuracy_score(y_test, y_pred)))

# %% [markdown]
# ## 4. Precision, recall and F1 per class
#
# For class $i$, with TP, FP and FN read off the matrix as above:
#
# $$\text{precision}_i = \frac{TP_i}{TP_i + FP_i} \qquad
#   \text{recall}_i = \frac{TP_i}{TP_i + FN_i} \qquad
#   F_{1,i} = 2\,\frac{\text{precision}_i \cdot \text{recall}_i}{\text{precision}_i + \text{recall}_i}$$
#
# Precision asks "when the model says 3, how often is it a 3?"; recall asks "of all the 3s, how many did it
# find?". F1, their harmonic mean, is high only when both are. scikit-learn's `precision_score` defaults to
# `average="binary"`, which only makes sense for two classes. On ten classes it refuses:

# %%
from sklearn.metrics import precision_score

try:
    precision_score(y_test, y_pred)
except ValueError as error:
    print("ValueError:", error)

# %% [markdown]
# `average=None` returns one score per class (the order is `clf.classes_`), `"macro"` their plain mean and
# `"weighted"` their mean weighted by class size.

# %%
from sklearn.metrics import f1_score, recall_score

precision = precision_score(y_test, y_pred, average=None)
recall = recall_score(y_test, y_pred, average=None)
f1 = f1_score(y_test, y_pred, average=None)
print("precision:", np.round(precision, 4))
print("recall:   ", np.round(recall, 4))
print("f1:       ", np.round(f1, 4))

# %% [markdown]
# The same numbers by hand: TP is the diagonal, TP + FP a column sum (everything predicted as the class), TP + FN
# a row sum (everything that is the class).

# %%
tp = np.diag(cm)
precision_by_hand = tp / cm.sum(axis=0)
recall_by_hand = tp / cm.sum(axis=1)
f1_by_hand = 2 * precision_by_hand * recall_by_hand / (precision_by_hand + recall_by_hand)

same = [np.allclose(by_hand, computed) for by_hand, computed in
        [(precision_by_hand, precision), (recall_by_hand, recall), (f1_by_hand, f1)]]
print("precision, recall and F1 by hand equal scikit-learn's for all", len(tp), "classes:", same)

# %% [markdown]
# No class has an empty row or column here, so no division by zero can happen. `mnist_tutorials.metrics` has the
# same formulas with a `zero_division` guard like scikit-learn's; its `metrics_table` gathers them, with the
# macro and weighted averages, laid out like `classification_report`:

# %%
from mnist_tutorials.metrics import metrics_table

table = metrics_table(cm, labels=clf.classes_)
table.round(4)

# %%
from mnist_tutorials.plotting import plot_class_metrics

plot_class_metrics(table);

# %% tags=["remove_input"]
per_class = table.iloc[:-2]
worst, best = per_class["f1-score"].idxmin(), per_class["f1-score"].idxmax()
low_precision = per_class["precision"].idxmin()

# %% [markdown] tags=["fill"]
# The digits are not equally hard: F1 ranges from {per_class.loc[worst, 'f1-score']:.3f} for **{worst}** to
# {per_class.loc[best, 'f1-score']:.3f} for **{best}**. The lowest precision belongs to {low_precision}
# ({per_class.loc[low_precision, 'precision']:.3f}): many images of other digits end up in its column. The
# macro-averaged F1 is {table.loc['macro avg', 'f1-score']:.4f}.

# %% [markdown]
# ### `class_weight="balanced"`
#
# With `class_weight="balanced"` each sample's loss is weighted by `n_samples / (n_classes * count(class))`, so
# that every class contributes equally to the loss: a remedy for imbalanced classes. How imbalanced is MNIST?

# %%
from sklearn.utils.class_weight import compute_class_weight

classes = np.unique(y_train)
weights_balanced = compute_class_weight("balanced", classes=classes, y=y_train)
pd.Series(weights_balanced, index=classes, name="weight").round(3).to_frame().T

# %% [markdown]
# The scaled pipeline of section 2 with one more argument:

# %%
balanced_clf = scaled_logreg(class_weight="balanced")
balanced_clf.fit(X_train, y_train)
y_pred_balanced = balanced_clf.predict(X_test)
balanced_table = metrics_table(confusion_matrix(y_test, y_pred_balanced), labels=balanced_clf.classes_)
print(f"accuracy: {accuracy_score(y_test, y_pred_balanced):.4f} (unweighted: {accuracy:.4f})")
pd.DataFrame({"recall": table["recall"], "recall, balanced": balanced_table["recall"]}).iloc[:-2].round(4).T

# %% tags=["remove_input"]
recall_change = (balanced_table["recall"] - table["recall"]).iloc[:-2]

# %% [markdown] tags=["fill"]
# The weights range from {weights_balanced.min():.3f} (digit {classes[weights_balanced.argmin()]}, the most frequent)
# to {weights_balanced.max():.3f} (digit {classes[weights_balanced.argmax()]}, the rarest): MNIST is nearly balanced,
# so reweighting changes little. The accuracy moves from {accuracy:.4f} to
# {accuracy_score(y_test, y_pred_balanced):.4f}, and no class's recall moves by more than
# {recall_change.abs().max():.4f}. The remaining differences between digits come from how hard they are to tell apart,
# not from how many examples there are.

# %% [markdown]
# ## Conclusions

# %%
summary = pd.DataFrame({"iterations": [raw_clf.n_iter_[0], clf[-1].n_iter_[0], balanced_clf[-1].n_iter_[0]],
                        "test accuracy": [raw_clf.score(X_test, y_test), accuracy,
                                          accuracy_score(y_test, y_pred_balanced)]},
                       index=["raw pixels, max_iter=50 (not converged)", "MinMaxScaler",
                              "MinMaxScaler, class_weight='balanced'"])
summary.round(4)

# %% [markdown] tags=["fill"]
#
# - **Logistic regression** is a linear score pushed through a sigmoid (a softmax for ten classes). On scaled
#   pixels it classifies {accuracy:.2%} of the test digits correctly.
# - **Scale the inputs.** On raw pixels the optimiser ran out of its {raw_clf.max_iter} iterations; on pixels
#   scaled to [0, 1] it converged in {clf[-1].n_iter_[0]}.
# - **Measure calibration, never assume it.** {confidence.mean():.1%} confident on average for {correct.mean():.1%}
#   right answers, an expected calibration error of {100 * ece:.1f} percentage points on the test set.
# - **Look past accuracy.** The confusion matrix and per-class F1 (from {per_class['f1-score'].min():.3f} to
#   {per_class['f1-score'].max():.3f}) show which digits the model mixes up. MNIST is nearly balanced, so
#   `class_weight="balanced"` barely changes anything.

# %% [markdown]
# ## What next
#
# [Logistic regression: better features](../09_logistic_regression_features/) keeps this model and changes what
# it sees: `StandardScaler` against `MinMaxScaler`, PCA, polynomial features and deskewed digits, each choice
# made on a validation split.
