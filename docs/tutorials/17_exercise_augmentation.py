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
# # Exercise: data augmentation by shifting
#
# A digit moved by one pixel is still the same digit, but to a model that compares images pixel by pixel it is a
# different image. This exercise, the second of Géron's chapter 3, grows the training set with shifted copies
# of every image and measures what a k-nearest-neighbours classifier gains from them. The worked solution
# follows the task and stays hidden until you open it: try it yourself first.

# %% [markdown]
# ## The task
#
# 1. Write a function that shifts a 28×28 MNIST image by one pixel in any direction (left, right, up or down),
#    filling the uncovered border with white (zero). `scipy.ndimage.shift` can do the work.
# 2. For every image of a training set, add four shifted copies, one per direction. The training set grows
#    five-fold.
# 3. Train the best model of the [previous exercise](../16_exercise_knn_97/),
#    `KNeighborsClassifier(n_neighbors=4, weights="distance")`, on the original and on the augmented training
#    set, and compare their accuracies on the test set.
#
# **Mind the budget.** KNN prediction time grows with the size of the training set: after augmentation every
# test image is compared with five times as many images. On a laptop, the full augmented training set takes
# minutes; it is fine to work on a subset of the training images, as long as both models use the same one.

# %% tags=["remove_input"]
from mnist_tutorials.plotting.questions import flag_question

flag_question("AUG.1")

# %% [markdown] tags=["solution"]
# First the data, and one image to practise on.

# %% tags=["solution"]
from mnist_tutorials import fetch_mnist

mnist = fetch_mnist()
X, y = mnist.data, mnist.target
X_train, X_test, y_train, y_test = X[:60000], X[60000:], y[:60000], y[60000:]

# %% [markdown] tags=["solution"]
# `scipy.ndimage.shift` moves an image by `[rows, columns]`; `cval=0` fills the uncovered border with zeros.
# Shifts by whole pixels need no interpolation (`order=0`).

# %% tags=["solution"]
from scipy.ndimage import shift


def shift_digit(image, dx, dy):
    """Shift a flattened 28×28 image dx pixels right and dy pixels down."""
    return shift(image.reshape(28, 28), [dy, dx], cval=0, mode="constant", order=0).reshape(-1)


from mnist_tutorials.plotting import plot_gallery

image = X_train[1000]
plot_gallery([image, shift_digit(image, -1, 0), shift_digit(image, 1, 0), shift_digit(image, 0, -1),
              shift_digit(image, 0, 1)],
             ["original", "left", "right", "up", "down"], n_cols=5);

# %% [markdown] tags=["solution"]
# The shifts are hard to see by eye, which is the point: the label does not change. For the whole training set
# a Python loop over every image works but is slow; `augment_with_shifts` from the package does the same thing on all
# images at once with array slicing, and returns the originals followed by one shifted block per direction. We
# check that it agrees with our function on a few images.

# %% tags=["solution"]
import numpy as np

from mnist_tutorials.augment import FOUR_SHIFTS, augment_with_shifts

n_train = 10_000
X_train_aug, y_train_aug = augment_with_shifts(X_train[:n_train], y_train[:n_train], shifts=FOUR_SHIFTS)
print(FOUR_SHIFTS, X_train_aug.shape)

agrees = all(np.array_equal(X_train_aug[k * n_train + i], shift_digit(X_train[i], dx, dy))
             for k, (dx, dy) in enumerate(FOUR_SHIFTS, start=1) for i in [0, 1, 2])
print("the package agrees with shift_digit on images 0, 1 and 2, in every direction:", agrees)

# %% tags=["solution", "remove_input"]
assert agrees

# %% [markdown] tags=["fill", "solution"]
# **The budget.** We use the first {n_train:,} training images, {len(X_train_aug):,} after augmentation, and the full
# test set of {len(X_test):,}. Both models together then compare {len(X_test) * (n_train + len(X_train_aug)):,} pairs
# of images, as many as a single KNN trained on {n_train + len(X_train_aug):,} images. The same experiment on the full
# training set would compare {len(X_train) * (1 + len(FOUR_SHIFTS) + 1) / (n_train * (1 + len(FOUR_SHIFTS) + 1)):.0f}
# times as many. Expect the gain on a subset to be larger than on the full set: the fewer training images, the more a
# shifted copy adds.

# %% [markdown] tags=["solution"]
# Now the two models. Same hyperparameters, same test set; only the training set differs.

# %% tags=["solution"]
from sklearn.neighbors import KNeighborsClassifier

from sklearn.metrics import accuracy_score

knn_clf = KNeighborsClassifier(n_neighbors=4, weights="distance")
knn_clf.fit(X_train[:n_train], y_train[:n_train])
y_pred_original = knn_clf.predict(X_test)
accuracy_original = accuracy_score(y_test, y_pred_original)

knn_clf_aug = KNeighborsClassifier(n_neighbors=4, weights="distance")
knn_clf_aug.fit(X_train_aug, y_train_aug)
y_pred_augmented = knn_clf_aug.predict(X_test)
accuracy_augmented = accuracy_score(y_test, y_pred_augmented)
print(f"original:  {accuracy_original:.4f}\naugmented: {accuracy_augmented:.4f}")

# %% tags=["solution", "remove_input"]
error_original, error_augmented = 1 - accuracy_original, 1 - accuracy_augmented

# %% [markdown] tags=["fill", "solution"]
# Trained on {n_train:,} images, the classifier is right on **{accuracy_original:.2%}** of the test set; trained on
# the same images plus their shifted copies, **{accuracy_augmented:.2%}**. That is a gain of
# {100 * (accuracy_augmented - accuracy_original):.2f} percentage points of accuracy, or
# {1 - error_augmented / error_original:.0%} fewer errors ({round(error_original * len(X_test))} misclassified test
# images become {round(error_augmented * len(X_test))}), without a single new handwritten digit.

# %% [markdown] tags=["solution"]
# Géron's solution runs the same experiment on the full training set, 300,000 images after augmentation. Its
# accuracies, quoted from his notebook for the chapter
# ([handson-ml3's `03_classification.ipynb`](https://github.com/ageron/handson-ml3/blob/main/03_classification.ipynb)):

# %% tags=["solution"]
geron_original, geron_augmented = 0.9714, 0.9763  # quoted: printed by Géron's notebook (full training set)
print(f"Géron:     {geron_original:.4f} before, {geron_augmented:.4f} after augmentation")
print(f"this page: {accuracy_original:.4f} before, {accuracy_augmented:.4f} after augmentation")

# %% [markdown] tags=["fill", "solution"]
# Géron's gain is {100 * (geron_augmented - geron_original):.2f} percentage points,
# {1 - (1 - geron_augmented) / (1 - geron_original):.0%} fewer errors. We trained on {n_train / len(X_train):.0%} of
# the training set to keep the cost down, as explained above. As expected, both of our accuracies are lower, since KNN
# has fewer neighbours to choose from, and our gain is larger: with fewer original images, each shifted copy adds
# more.

# %% tags=["solution", "remove_input"]
assert accuracy_augmented > accuracy_original
assert accuracy_augmented < geron_augmented and accuracy_original < geron_original
assert accuracy_augmented - accuracy_original > geron_augmented - geron_original

# %% [markdown] tags=["solution"]
# Which test images did augmentation fix? Here are the first ten that the original model got wrong and the
# augmented one gets right, with both predictions.

# %% tags=["solution"]
fixed = np.flatnonzero((y_pred_original != y_test) & (y_pred_augmented == y_test))[:10]
plot_gallery(X_test[fixed], [f"'{y_test[i]}': {y_pred_original[i]} → {y_pred_augmented[i]}" for i in fixed],
             n_cols=5);

# %% [markdown] tags=["solution"]
# Several are written off-centre, slanted or with unusual proportions: their nearest neighbours in the original
# set were other digits that happened to put ink on the same pixels. Did a shifted copy of a correctly labelled
# digit come closer? `kneighbors` finds the nearest training image of each, before and after augmentation.

# %% tags=["solution"]
import pandas as pd

distance_before, nearest_before = knn_clf.kneighbors(X_test[fixed], n_neighbors=1)
distance_after, nearest_after = knn_clf_aug.kneighbors(X_test[fixed], n_neighbors=1)
nearest = pd.DataFrame({
    "true label": y_test[fixed],
    "nearest before": y_train[nearest_before[:, 0]],
    "nearest after": y_train_aug[nearest_after[:, 0]],
    "after: a shifted copy?": nearest_after[:, 0] >= n_train,  # rows after the first n_train are shifted copies
    "distance before": distance_before[:, 0],
    "distance after": distance_after[:, 0],
}, index=fixed)
nearest.round(0)

# %% tags=["solution", "remove_input"]
shifted_right = nearest["after: a shifted copy?"] & (nearest["nearest after"] == nearest["true label"])
closer = 1 - (nearest["distance after"] / nearest["distance before"]).median()
assert shifted_right.sum() > len(fixed) / 2

# %% [markdown] tags=["fill", "solution"]
# For {shifted_right.sum()} of these {len(fixed)} images the nearest training image is now a shifted copy with the
# right label, {closer:.0%} closer than the nearest image before (median over the {len(fixed)}; it cannot be farther,
# since the originals are still in the set). A shift of one pixel was enough to line up the strokes.

# %% [markdown]
# ## Going further
#
# - Try `shifts` of two pixels, or the eight directions including diagonals: `augment_with_shifts(X, y,
#   shifts=[(-1, -1), (-1, 0), …])`.
# - Small rotations, or the elastic distortions of Simard, Steinkraus and Platt (2003), are other ways to make
#   new training digits from old ones.
# - The linear model of the [error-analysis tutorial](../07_sgd_error_analysis/) was thrown off by 3s shifted
#   by a pixel or two. Train it on the augmented set: are the shifted 3s still taken for 5s?
#
# **Next:** check your answers to this and the other exercises on the [flags page](../../exercises/flags/).
