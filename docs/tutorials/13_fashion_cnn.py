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
# # Fashion-MNIST: a small convolutional network
#
# [The Keras classifier](../11_fashion_keras/) trained a multilayer perceptron (MLP) on Fashion-MNIST and chose
# its epochs and batch size on a validation set. This page trains a small **convolutional network** (CNN) on the
# same split, chooses between the two networks on the validation set, scores them on the test set once, and asks
# with McNemar's test whether the CNN's lead is more than the luck of the test sample. It runs on its own: the first cells repeat page 11's data
# preparation and train its MLP once more.

# %% tags=["remove_input", "site_only"]
# TensorFlow's C++ library writes start-up notices to stderr, which Jupyter shows as output. They are harmless;
# this keeps them off the page (site_only: the learner's notebook leaves this cell out).
from mnist_tutorials.keras_lab import silence_tensorflow_logs

silence_tensorflow_logs();

# %% [markdown]
# ## The data and the MLP, as on page 11
#
# The same seed, the same stratified validation tenth, the same scaled pixels:

# %%
import keras
import tensorflow as tf
from sklearn.model_selection import train_test_split

from mnist_tutorials import fetch_fashion_mnist
from mnist_tutorials.keras_lab import scale_pixels

keras.utils.set_random_seed(42)
tf.config.experimental.enable_op_determinism()
fashion = fetch_fashion_mnist()
X, y, class_names = fashion.data, fashion.target, fashion.target_names
X_train_raw, X_val_raw, y_train, y_val = train_test_split(
    X[:60000], y[:60000], test_size=0.1, stratify=y[:60000], random_state=42)
X_train, X_val, X_test = scale_pixels(X_train_raw), scale_pixels(X_val_raw), scale_pixels(X[60000:])
y_test = y[60000:]

# %% [markdown]
# The MLP of page 11 (two hidden layers of 512 and 256 units with batch normalization and 20% dropout), trained
# by the same `train_grid` with one cell of page 11's grid: a budget of 12 epochs and batches of 256. Page 11's
# `build_mlp` is in the package, with every model the pages define:

# %%
from mnist_tutorials.keras_lab import build_mlp, train_grid

grid = train_grid(X_train, y_train, X_val, y_val, epochs=(12,), batch_sizes=(256,),
                  build_fn=build_mlp, learning_rate=1e-3, patience=3)
best, mlp_model = grid.results.iloc[0], grid.best_model
best[["epochs", "batch_size", "epochs_run", "val_loss", "val_accuracy"]]

# %% [markdown]
# ## A small convolutional network
#
# An MLP sees 784 unrelated numbers: shift a shirt by two pixels and, to the MLP, it is a new image. A
# **convolutional network** (CNN) slides small 3×3 filters over the image, so it detects a collar or a
# sleeve edge wherever it is, with the same few weights at every position. Ours stacks two blocks of
# convolution + 2×2 max pooling (32 then 64 filters, `padding="same"` so the 28×28 image shrinks only by
# pooling, to 14×14 then 7×7), then dropout, a dense layer of 128 units and the softmax. Its first layer
# reshapes each 784-pixel row to a 28×28×1 image, so it takes the same `X_train` as the MLP.
#
# We train it under the same rules as the MLP of page 11: Adam with a cosine learning-rate schedule over the
# whole budget, the same training and validation sets, and `EarlyStopping(monitor="val_loss", patience=3,
# restore_best_weights=True)`, which stops after 3 epochs without a lower *validation* loss and keeps the weights
# of the epoch with the lowest one: the number of epochs is chosen on the validation set. The other settings (a
# budget of 8 epochs, batches of 128, an initial learning rate of 0.002) are fixed in advance to keep the run
# short, not tuned; tuning them would be a grid like page 11's, scored on the validation set too. This time `fit` prints one line per epoch (`verbose=2`).

# %%
import numpy as np

cnn_epochs, cnn_batch_size = 8, 128
schedule = keras.optimizers.schedules.CosineDecay(
    initial_learning_rate=2e-3, decay_steps=int(np.ceil(len(X_train) / cnn_batch_size)) * cnn_epochs)

# %% [markdown]
# The schedule lowers the learning rate from 0.002 to 0 along a half cosine over the `cnn_epochs` × batches-per-epoch
# steps of the budget. The network itself, built and compiled by a function like page 11's `build_mlp`:

# %% tags=["save"]
import keras


def build_cnn(learning_rate=1e-3):
    """The page's CNN: two blocks of convolution and max pooling, dropout, 128 units, compiled with Adam."""
    model = keras.Sequential([
        keras.Input(shape=(784,)), keras.layers.Reshape((28, 28, 1)),
        keras.layers.Conv2D(32, 3, padding="same", activation="relu"), keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(64, 3, padding="same", activation="relu"), keras.layers.MaxPooling2D(2),
        keras.layers.Flatten(), keras.layers.Dropout(0.25),
        keras.layers.Dense(128, activation="relu"), keras.layers.Dropout(0.25),
        keras.layers.Dense(10, activation="softmax"),
    ], name="cnn")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"], steps_per_execution=8)
    return model

# %% [markdown]
# Seeded again, so that its initial weights do not depend on what ran before:

# %%
keras.utils.set_random_seed(42)
cnn = build_cnn(learning_rate=schedule)
cnn.summary()

# %%
import time

start = time.perf_counter()
cnn_history = cnn.fit(
    X_train, y_train, epochs=cnn_epochs, batch_size=cnn_batch_size, validation_data=(X_val, y_val), verbose=2,
    callbacks=[keras.callbacks.EarlyStopping(monitor="val_loss", patience=3, restore_best_weights=True)])
cnn_fit_seconds = time.perf_counter() - start

# %%
from mnist_tutorials.plotting import plot_history

cnn_best_epoch = int(np.argmin(cnn_history.history["val_loss"])) + 1
plot_history(cnn_history, best_epoch=cnn_best_epoch);

# %% tags=["remove_input"]
assert cnn_best_epoch == len(cnn_history.history["loss"]) == cnn_epochs  # "at the last epoch of the budget"

# %% [markdown] tags=["fill"]
# The lowest validation loss, {min(cnn_history.history['val_loss']):.4f}, came at epoch {cnn_best_epoch} of
# {cnn_epochs}, the last of the budget: the validation loss was still falling when the learning rate reached 0, so
# `EarlyStopping` kept the last weights. A longer budget might do better; whether it does would be decided the same
# way, on the validation set.

# %% [markdown]
# ## Choosing on validation, then the test set once
#
# Which network do we keep? The validation set answers; the test set stays unseen. `train_grid` recorded the MLP's
# validation loss and accuracy at its best epoch, and the CNN's history holds the same for each of its epochs:

# %%
import pandas as pd

validation_scores = pd.DataFrame({
    "validation loss": [best["val_loss"], cnn_history.history["val_loss"][cnn_best_epoch - 1]],
    "validation accuracy": [best["val_accuracy"], cnn_history.history["val_accuracy"][cnn_best_epoch - 1]],
}, index=["MLP", "CNN"])
validation_scores.round(4)

# %% tags=["remove_input"]
assert validation_scores["validation loss"].idxmin() == validation_scores["validation accuracy"].idxmax() == "CNN"

# %% [markdown] tags=["fill"]
# The CNN has the lower validation loss and the higher validation accuracy
# ({validation_scores.loc['CNN', 'validation accuracy']:.2%} against
# {validation_scores.loc['MLP', 'validation accuracy']:.2%}): it is the network we choose. Only now do we score both
# on the {len(y_test):,} test images, once, to report how well the choice does on images that played no part in it and to
# compare the two networks image by image below:

# %%
from sklearn.metrics import accuracy_score, log_loss, recall_score

from mnist_tutorials.metrics import expected_calibration_error

y_proba, cnn_proba = mlp_model.predict(X_test, verbose=0), cnn.predict(X_test, verbose=0)
y_pred, cnn_pred = y_proba.argmax(axis=1), cnn_proba.argmax(axis=1)
mlp_accuracy, cnn_accuracy = accuracy_score(y_test, y_pred), accuracy_score(y_test, cnn_pred)
comparison = pd.DataFrame({
    "parameters": [mlp_model.count_params(), cnn.count_params()],
    "epochs trained": [int(best["epochs_run"]), len(cnn_history.history["loss"])],
    "test accuracy": [mlp_accuracy, cnn_accuracy],
    "test log loss": [log_loss(y_test, y_proba), log_loss(y_test, cnn_proba)],
    "test ECE": [expected_calibration_error(y_test, y_proba), expected_calibration_error(y_test, cnn_proba)],
    "shirt recall": [recall_score(y_test == 6, y_pred == 6), recall_score(y_test == 6, cnn_pred == 6)],
}, index=["MLP", "CNN"])
comparison.round(4)

# %% tags=["remove_input"]
assert cnn.count_params() < mlp_model.count_params()
cnn_recalls = recall_score(y_test, cnn_pred, average=None)
assert cnn_recalls.argmin() == 6 and recall_score(y_test, y_pred, average=None).argmin() == 6  # shirts hardest
epoch_cost = (cnn_fit_seconds / len(cnn_history.history["loss"])) / (float(best["fit_seconds"]) / best["epochs_run"])
assert epoch_cost > 1

# %% [markdown] tags=["fill"]
# With {cnn.count_params() / mlp_model.count_params():.0%} of the MLP's parameters and
# {len(cnn_history.history['loss'])} epochs, the CNN reaches **{cnn_accuracy:.2%}** test accuracy against the MLP's
# {mlp_accuracy:.2%}: it removes {1 - (1 - cnn_accuracy) / (1 - mlp_accuracy):.0%} of the MLP's errors. Shirts remain
# the hardest class for both (recall {cnn_recalls[6]:.1%} for the CNN). Its expected calibration error is
# {100 * comparison.loc['CNN', 'test ECE']:.1f} percentage points against
# {100 * comparison.loc['MLP', 'test ECE']:.1f} for the MLP: calibration is a property of each trained model, to be
# measured again for every new one. The price of the CNN is computation: each convolution applies its filters at every
# position, so in this run an epoch of the CNN took {epoch_cost:.1f} times as long as one of the MLP's.

# %% [markdown]
# ## Is the CNN really better? McNemar's test
#
# Both networks were scored on the same 10,000 test images, so the fair comparison is paired: only the images
# that one network gets right and the other gets wrong say anything about which is better. If the two had the
# same error rate, each such image would be a coin toss between them; McNemar's exact test asks how unlikely
# the observed split is under that hypothesis (see [calibration, imbalance and
# uncertainty](../15_calibration_imbalance_uncertainty/) for the test and for confidence intervals).

# %%
from mnist_tutorials.evaluation import mcnemar_test

mlp_vs_cnn = mcnemar_test(y_test, y_pred, cnn_pred)
mlp_vs_cnn

# %% tags=["remove_input"]
assert mlp_vs_cnn.only_b_right > mlp_vs_cnn.only_a_right > 0 and mlp_vs_cnn.pvalue < 0.01

# %% [markdown]
# The CNN is right where the MLP is wrong on many more test images than the reverse, and under equal error
# rates a split at least this lopsided would have the probability printed as `pvalue`, far below 1 %: the
# CNN's lead is not the luck of this test sample. The images only the MLP gets right are a reminder that a
# better model is not better on every image.

# %% [markdown]
# ## Conclusions

# %% [markdown] tags=["fill"]
#
# - **The MLP again.** The grid cell of page 11 with a budget of {best['epochs']} epochs and batches of
#   {best['batch_size']}, trained from the same seed: {mlp_accuracy:.2%} test accuracy.
# - **CNN.** A small convolutional network, chosen over the MLP on the validation set, reaches {cnn_accuracy:.2%} on
#   the test set with {cnn.count_params() / mlp_model.count_params():.0%} of the MLP's parameters, at
#   {epoch_cost:.1f} times the MLP's cost per epoch.
# - **Paired comparison.** On the same {len(y_test):,} test images, the CNN alone is right on
#   {mlp_vs_cnn.only_b_right} and the MLP alone on {mlp_vs_cnn.only_a_right}; McNemar's exact test gives a p-value
#   of {mlp_vs_cnn.pvalue:.1e}.
#

# %% [markdown]
# ## What next
#
# [Multilabel and multioutput classification](../14_multilabel_multioutput/) gives each image several labels at
# once. [Calibration, imbalance and uncertainty](../15_calibration_imbalance_uncertainty/) measures the
# calibration of a Keras network again, and the confidence intervals behind comparisons like McNemar's.
