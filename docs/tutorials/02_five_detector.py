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
# # The 5-detector
#
# Our first classifier answers a single yes/no question: *is this image a 5?* We train a linear model with
# stochastic gradient descent, measure it with cross-validation, and find that its accuracy of over 95% is
# less impressive once we see that a "model" that never says yes also scores over 90%. The confusion matrix
# shows what accuracy hides, and
# precision, recall and F1 turn it into numbers that do not flatter a classifier on rare positives.

# %% [markdown]
# ## A binary target
#
# We load MNIST and keep the original split: the first 60,000 images for training, the last 10,000 for testing.

# %%
from mnist_tutorials import fetch_mnist

mnist = fetch_mnist()
X, y = mnist.data, mnist.target
X_train, X_test, y_train, y_test = X[:60000], X[60000:], y[:60000], y[60000:]
len(X_train), len(X_test)

# %% [markdown]
# The labels are strings, so the binary target compares with `'5'`. `y_train_5` is `True` for every 5 and
# `False` for every other digit; that is all a binary classifier needs.

# %%
import numpy as np

y_train_5 = y_train == "5"  # True for all 5s, False for all other digits
y_test_5 = y_test == "5"
print("training set:", np.count_nonzero(y_train_5), "fives,", np.count_nonzero(~y_train_5), "others")
print("test set:    ", np.count_nonzero(y_test_5), "fives,", np.count_nonzero(~y_test_5), "others")

# %% [markdown] tags=["fill"]
# Only **{y_train_5.mean():.1%}** of the training images are 5s ({y_test_5.mean():.1%} of the test images). Both sets
# are dominated by the negative class, and that imbalance is the theme of this page.

# %% [markdown]
# ## Training a linear classifier
#
# `SGDClassifier` fits a linear model: it multiplies each of the 784 pixels by a weight, adds them up, and
# calls the image a 5 when the sum is positive. Training chooses the weights, one example at a time, by
# stochastic gradient descent. `random_state=42` fixes the shuffling, so every run gives the same model.
#
# We write the model as a small function, `five_detector`, because the next pages and the flags page use this very
# model again: the package keeps a copy of the function in `mnist_tutorials.saved`.

# %% tags=["save"]
from sklearn.linear_model import SGDClassifier


def five_detector():
    """The 5-detector: a linear classifier trained by SGD, seeded so that every run trains the same model."""
    return SGDClassifier(random_state=42)

# %%
sgd_clf = five_detector()
sgd_clf.fit(X_train, y_train_5)

# %% [markdown]
# Let us ask the trained model about the first three images of the data set.

# %%
for i in range(3):
    print(f"image {i} (a '{y[i]}'): is it a 5?", sgd_clf.predict(X[i : i + 1])[0])

# %% tags=["remove_input"]
first_predictions = sgd_clf.predict(X[:3])
assert (first_predictions == (y[:3] == "5")).all()

# %% [markdown] tags=["fill"]
# Training took {sgd_clf.n_iter_} passes over the data (epochs). All three answers are right: image 0 is a '{y[0]}'
# and the model says yes; images 1 and 2 are a '{y[1]}' and a '{y[2]}', and it says no.

# %%
from mnist_tutorials.plotting import plot_gallery

plot_gallery(
    X[:3],
    [f"label '{y[i]}' → {'5' if p else 'not 5'}" for i, p in enumerate(sgd_clf.predict(X[:3]))],
    n_cols=3,
);

# %% [markdown]
# ## Accuracy with cross-validation
#
# Three right answers prove little. **Cross-validation** splits the training set into *k* folds (here 3),
# trains on *k − 1* of them and scores the fold it did not see, *k* times. Each image is scored by a model that
# never trained on it, and the test set stays untouched for the very end.

# %%
from sklearn.model_selection import cross_val_score

sgd_accuracy = cross_val_score(sgd_clf, X_train, y_train_5, cv=3, scoring="accuracy")
sgd_accuracy

# %% [markdown] tags=["fill"]
# **{sgd_accuracy[0]:.1%}**, **{sgd_accuracy[1]:.1%}** and **{sgd_accuracy[2]:.1%}** of the images are classified
# correctly on the three folds. That sounds excellent, until we compare it with a model that knows nothing at all.

# %% [markdown]
# What does `cross_val_score` do? With `cv=3` and a classifier, it cuts the training set into three folds with
# `StratifiedKFold` (each fold keeps the share of 5s; the images stay in their order, unshuffled). For each fold it
# trains a fresh copy of the model, made by `clone`: the same settings, none of the training. Written out, as in
# Géron's chapter 3:

# %%
from sklearn.base import clone
from sklearn.model_selection import StratifiedKFold

skfolds = StratifiedKFold(n_splits=3)  # what cv=3 means for a classifier
fold_accuracy = []
for train_index, test_index in skfolds.split(X_train, y_train_5):
    clone_clf = clone(sgd_clf)  # the same settings, untrained
    clone_clf.fit(X_train[train_index], y_train_5[train_index])
    y_pred = clone_clf.predict(X_train[test_index])
    fold_accuracy.append(np.mean(y_pred == y_train_5[test_index]))
np.array(fold_accuracy)

# %% tags=["remove_input"]
assert np.array_equal(fold_accuracy, sgd_accuracy)

# %% [markdown]
# The same three accuracies: `cross_val_score` is this loop, with the bookkeeping done for us.

# %% [markdown]
# ## Why accuracy misleads: a "never 5" baseline
#
# `DummyClassifier` ignores the pixels. With its default strategy it predicts the most frequent class of the
# training data, here `False`, for every image: a detector that never detects anything.

# %%
from sklearn.dummy import DummyClassifier

never_5_clf = DummyClassifier()
never_5_clf.fit(X_train, y_train_5)
print("predicts any 5?", never_5_clf.predict(X_train).any())
never_5_accuracy = cross_val_score(never_5_clf, X_train, y_train_5, cv=3, scoring="accuracy")
never_5_accuracy

# %% tags=["remove_input"]
assert not never_5_clf.predict(X_train).any()
assert never_5_accuracy.min() > 0.90  # the introduction's "also scores over 90%"

# %% [markdown] tags=["fill"]
# The do-nothing baseline is right **{never_5_accuracy.mean():.1%}** of the time on average, because
# {1 - y_train_5.mean():.1%} of the images are not 5s. The SGD model averages {sgd_accuracy.mean():.1%}: it is wrong
# on {1 - sgd_accuracy.mean():.1%} of the images where the baseline is wrong on {1 - never_5_accuracy.mean():.1%}. On
# a skewed data set accuracy mostly measures the imbalance; we need to count *which* mistakes the model makes.

# %% [markdown]
# ## The confusion matrix
#
# `cross_val_predict` runs the same 3-fold cross-validation, but instead of a score per fold it returns the
# prediction for every training image, each made by the model that did not see that image. We compute these
# "clean" predictions once and reuse them for the rest of the page.

# %%
from sklearn.model_selection import cross_val_predict

y_train_pred = cross_val_predict(sgd_clf, X_train, y_train_5, cv=3)

# %% [markdown]
# `confusion_matrix` counts the four combinations of actual and predicted class. Rows are the actual classes and
# columns the predicted classes, negative (`False`) first.

# %%
from sklearn.metrics import confusion_matrix

cm = confusion_matrix(y_train_5, y_train_pred)
cm

# %% tags=["remove_input"]
(tn, fp), (fn, tp) = cm

# %% [markdown] tags=["fill"]
# - **First row, the non-5s.** {tn:,} were correctly rejected (*true negatives*); {fp:,} were wrongly called 5s
#   (*false positives*).
# - **Second row, the 5s.** {fn:,} were missed (*false negatives*); {tp:,} were correctly detected (*true positives*).
#
# A perfect classifier would have non-zero counts only on the diagonal. This one misses {fn / (fn + tp):.1%} of the
# 5s, a fact that its {sgd_accuracy.mean():.1%} accuracy kept quiet.

# %% [markdown]
# The same matrix as a picture, with readable labels:

# %%
from sklearn.metrics import ConfusionMatrixDisplay

ConfusionMatrixDisplay.from_predictions(
    y_train_5, y_train_pred, display_labels=["not 5", "5"], values_format=","
);

# %% tags=["remove_input"]
from mnist_tutorials.plotting.questions import flag_question

flag_question("BINARY.1")

# %% [markdown]
# ## Precision, recall and F1 by hand
#
# Two ratios summarise the matrix from the point of view of the positive class:
#
# $$\text{precision} = \frac{TP}{TP + FP} \qquad\qquad \text{recall} = \frac{TP}{TP + FN}$$
#
# **Precision** answers *when the model says 5, how often is it right?* On its own it is easy to game: a model
# that says 5 only for the single most obvious image has perfect precision and is useless. **Recall** (also
# called sensitivity or true positive rate) answers *what share of the 5s does the model find?* The two pull
# against each other, so we report both, or their harmonic mean, the **F1 score**:
#
# $$F_1 = \frac{2}{\frac{1}{\text{precision}} + \frac{1}{\text{recall}}}
#       = 2\,\frac{\text{precision}\times\text{recall}}{\text{precision}+\text{recall}}$$
#
# The harmonic mean is dragged down by the smaller of the two, so F1 is high only when both are.

# %%
tn, fp, fn, tp = cm.ravel()

precision = tp / (tp + fp)
recall = tp / (tp + fn)
f1 = 2 * precision * recall / (precision + recall)
print(f"precision = {tp} / ({tp} + {fp}) = {precision:.4f}")
print(f"recall    = {tp} / ({tp} + {fn}) = {recall:.4f}")
print(f"F1        = 2 × {precision:.4f} × {recall:.4f} / ({precision:.4f} + {recall:.4f}) = {f1:.4f}")

# %% [markdown]
# ## The same numbers with scikit-learn
#
# `sklearn.metrics` computes each ratio directly from the labels and predictions.

# %%
from sklearn.metrics import f1_score, precision_score, recall_score

sk_precision = precision_score(y_train_5, y_train_pred)
sk_recall = recall_score(y_train_5, y_train_pred)
sk_f1 = f1_score(y_train_5, y_train_pred)
print("precision:", sk_precision)
print("recall:   ", sk_recall)
print("F1:       ", sk_f1)
print("same as by hand?", np.allclose([precision, recall, f1], [sk_precision, sk_recall, sk_f1]))

# %% tags=["remove_input"]
from mnist_tutorials.binary import scores_from_confusion

assert np.allclose([precision, recall, f1], [sk_precision, sk_recall, sk_f1])
assert np.allclose(list(scores_from_confusion(cm).values()), [sk_precision, sk_recall, sk_f1])
assert never_5_accuracy.mean() > 0.9  # "over 90%" below
assert sgd_accuracy.min() > 0.95  # "over 95%" in the introduction

# %% [markdown] tags=["fill"]
# The hand computation and scikit-learn agree. When the detector claims a 5 it is right **{sk_precision:.1%}** of the
# time, but it finds only **{sk_recall:.1%}** of the 5s; F1 is **{sk_f1:.1%}**. Compare that with the
# {sgd_accuracy.mean():.1%} accuracy we started from. The never-5 baseline, for the record, has a recall of 0 and an
# undefined precision (it never predicts a 5), which is exactly the failure its accuracy of over 90% concealed.

# %% [markdown]
# ## What next
#
# Precision and recall are not fixed properties of the model: they depend on the **threshold** the model uses
# to turn its score into a yes or a no. The [next tutorial](../03_precision_recall_tradeoff/) moves that
# threshold, draws the precision/recall and ROC curves, and lets you explore the trade-off with a slider.
# [The metrics in one page](../../concepts/metrics/) collects the definitions of this page and the next ones.
