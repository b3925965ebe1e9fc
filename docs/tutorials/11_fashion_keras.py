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
# # Fashion-MNIST: a Keras classifier
#
# This page trains a neural network on Fashion-MNIST with Keras and evaluates it with scikit-learn: a
# validation split, scaled pixels (and what goes wrong without them), the epochs and the batch size chosen by a
# small grid with early stopping, and the learning curves. Then, once, the test set: accuracy, the confusion
# matrix, per-class precision and recall, the most confident mistakes, and whether the probabilities can be taken
# at their word. [Exploring the data](../10_fashion_eda/) comes first; [a sandal
# detector](../12_fashion_sandal_detector/) built from the same network comes next. The page follows two course
# notebooks written for this lab (its *source notebooks*); the section *This lab and its source notebooks* at the
# end lists every departure from them.

# %% tags=["remove_input", "site_only"]
# TensorFlow's C++ library writes start-up notices to stderr, which Jupyter shows as output. They are harmless;
# this keeps them off the page (site_only: the learner's notebook leaves this cell out).
from mnist_tutorials.keras_lab import silence_tensorflow_logs

silence_tensorflow_logs();

# %% [markdown]
# ## Reproducible training
#
# Training is random (initial weights, dropout masks, batch order). `keras.utils.set_random_seed` seeds Python,
# NumPy and TensorFlow, and `enable_op_determinism` fixes the order in which TensorFlow adds numbers, so two runs on
# one computer agree. Another CPU or TensorFlow version rounds differently: results can move in the third decimal,
# and with them any close call, such as which cell of a grid wins.

# %%
import keras
import tensorflow as tf

keras.utils.set_random_seed(42)
tf.config.experimental.enable_op_determinism()

# %% [markdown]
# ## Training, validation and test sets
#
# We keep the original split: the first 60,000 images for training, the last 10,000 for the final test.
# From the training images we set aside a tenth, stratified so each class keeps its share, as a
# **validation set**. The network never trains on it; we use it to stop training and to choose between
# models, so that the test set stays untouched until the end.

# %%
import numpy as np
from sklearn.model_selection import train_test_split

from mnist_tutorials import fetch_fashion_mnist

fashion = fetch_fashion_mnist()
X, y = fashion.data, fashion.target
class_names = fashion.target_names
X_train_full, X_test_raw, y_train_full, y_test = X[:60000], X[60000:], y[:60000], y[60000:]
X_train_raw, X_val_raw, y_train, y_val = train_test_split(
    X_train_full, y_train_full, test_size=0.1, stratify=y_train_full, random_state=42)
X_train_raw.shape, X_val_raw.shape, X_test_raw.shape

# %% tags=["remove_input"]
assert (np.bincount(y_val) == np.bincount(y_val)[0]).all()  # stratified: every class keeps its tenth

# %% [markdown] tags=["fill"]
# {len(X_train_raw):,} images to train on, {len(X_val_raw):,} to validate ({np.bincount(y_val)[0]} of each class) and
# {len(X_test_raw):,} to test. Keeping the whole official test set makes our test numbers comparable with published
# results on Fashion-MNIST.

# %% [markdown]
# ## Scaling the inputs
#
# The pixels go from 0 to 255. `scale_pixels` divides them by 255, so every input lies in [0, 1], and
# converts them to float32, the precision Keras computes in.

# %%
from mnist_tutorials.keras_lab import scale_pixels

X_train, X_val, X_test = scale_pixels(X_train_raw), scale_pixels(X_val_raw), scale_pixels(X_test_raw)
print(X_train.dtype, X_train.min(), X_train.max())

# %% [markdown]
# Why bother? A network's initial weights are chosen for inputs of order 1. With raw pixels, each first-layer
# unit sums 784 values of up to 255, its output is hundreds of times too large, the softmax saturates and the
# first gradient steps are huge. Both source notebooks trained on raw pixels. A short experiment shows what that
# costs, with the first notebook's own model, written the way Keras writes a network: a `Sequential` list of
# layers (two `Dense` layers of 512 and 256 ReLU units and a softmax layer), then `compile` with the optimizer
# (RMSprop), the loss and the metrics to report.

# %%
import keras
import pandas as pd

from mnist_tutorials.keras_lab import history_frame


def source_model():
    model = keras.Sequential([
        keras.Input(shape=(784,)),
        keras.layers.Dense(512, activation="relu"),
        keras.layers.Dense(256, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model

# %% [markdown]
# Then `fit`: 3 epochs on 12,000 images, once on raw pixels and once on scaled ones, from the same seed.

# %%
runs = {}
for name, (X_fit, X_check) in {"raw 0–255": (X_train_raw, X_val_raw), "scaled 0–1": (X_train, X_val)}.items():
    keras.utils.set_random_seed(42)
    model = source_model()
    history = model.fit(X_fit[:12000], y_train[:12000], epochs=3, batch_size=128,
                        validation_data=(X_check, y_val), verbose=0)
    runs[name] = history_frame(history)[["loss", "val_loss", "val_accuracy"]]
scaling = pd.concat(runs, axis=1)
scaling.round(3)

# %% tags=["remove_input"]
raw, scaled = runs["raw 0–255"], runs["scaled 0–1"]
assert model.count_params() == 535_818  # the first source notebook's model.summary(): 535,818 parameters

# %% [markdown] tags=["fill"]
# On raw pixels the first epoch's training loss is {raw['loss'].iloc[0]:.2f}, against {scaled['loss'].iloc[0]:.2f} on
# scaled ones, and after 3 epochs the validation accuracy is {raw['val_accuracy'].iloc[-1]:.1%} against
# {scaled['val_accuracy'].iloc[-1]:.1%}. (A cross-entropy of {np.log(10):.2f} is what guessing uniformly among 10
# classes scores.) The source notebook's own run on raw pixels, on its own split, shows the same problem: its first
# epoch ended at a training loss of 10.63, and after 15 epochs its validation accuracy was 82.4% and its test accuracy
# 82.0% (quoted from the notebook). Scaling is one line and costs nothing; the rest of the page uses scaled pixels.

# %% [markdown]
# ## A multilayer perceptron
#
# Our model is a **multilayer perceptron** (MLP): two fully connected hidden layers of 512 and 256 units and a
# softmax layer with one probability per class. Each hidden layer is a `Dense` layer (every unit sees every input)
# without bias, then **batch normalization** (it rescales each unit's output to mean 0 and variance 1 over the
# batch, then applies a learned scale and shift, which replaces the bias: the next layer receives well-scaled
# inputs, so training converges in fewer epochs), the ReLU activation, and 20% **dropout** (a random fifth of the
# units is silenced at each training step, so the network cannot rely on any single one: a regularizer against
# overfitting). The loss is the *sparse* categorical cross-entropy because the labels are integers 0…9, not one-hot
# vectors; `steps_per_execution=32` runs 32 batches per call into TensorFlow's graph, which changes no number. A
# function builds and compiles the network, so that a fresh copy can be trained as often as needed:

# %% tags=["save"]
import keras


def build_mlp(learning_rate=1e-3):
    """The page's MLP: 512 and 256 units, batch normalization and 20% dropout, compiled with Adam."""
    model = keras.Sequential([
        keras.Input(shape=(784,)),
        keras.layers.Dense(512, use_bias=False), keras.layers.BatchNormalization(),
        keras.layers.Activation("relu"), keras.layers.Dropout(0.2),
        keras.layers.Dense(256, use_bias=False), keras.layers.BatchNormalization(),
        keras.layers.Activation("relu"), keras.layers.Dropout(0.2),
        keras.layers.Dense(10, activation="softmax"),
    ], name="mlp")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"], steps_per_execution=32)
    return model

# %%
model = build_mlp()
model.summary()

# %% [markdown] tags=["fill"]
# {model.count_params():,} parameters: one weight per (input, unit) pair in each dense layer (784 × 512 = {784 * 512:,}
# for the first; (256 + 1) × 10 = {257 * 10:,} with the biases for the last), and for batch normalization a learned
# scale and shift ({2 * (512 + 256):,} trainable) plus a running mean and variance ({2 * (512 + 256):,} non-trainable),
# which replace the batch statistics at prediction time.

# %% [markdown]
# ## Choosing epochs and batch size
#
# How long to train, and on how many images per gradient step? As in the second source notebook, we try a small
# grid of epoch budgets and batch sizes and let the validation set decide. `train_grid` trains a fresh network from
# `build_mlp` for each pair:
#
# ```python
# keras.utils.set_random_seed(42)                         # same start for every run
# model = build_fn(learning_rate=CosineDecay(1e-3, decay_steps=steps_per_epoch * epochs))
# model.fit(X_train, y_train, epochs=epochs, batch_size=batch_size,
#           validation_data=(X_val, y_val),
#           callbacks=[EarlyStopping(monitor="val_loss", patience=3, restore_best_weights=True)])
# ```
#
# The learning rate decays from 0.001 to 0 along a cosine over the run's budget, so a short run is a faster
# schedule, not the beginning of a long one. `EarlyStopping` stops a run once the validation loss has not
# improved for 3 epochs, and `restore_best_weights=True` hands back the weights of the best epoch. We keep the
# model with the lowest validation loss.

# %%
from mnist_tutorials.keras_lab import train_grid

grid = train_grid(X_train, y_train, X_val, y_val, epochs=(6, 12), batch_sizes=(256, 512),
                  build_fn=build_mlp, learning_rate=1e-3, patience=3)
grid.results.drop(columns="fit_seconds").round(4)

# %% [markdown]
# `best` is the winning row, `mlp_model` the winning model (with its best epoch's weights) and
# `mlp_history` its training history:

# %%
best = grid.results[grid.results["best"]].iloc[0]
mlp_model, mlp_history = grid.best_model, grid.best_history
best[["epochs", "batch_size", "epochs_run", "best_epoch", "val_loss", "val_accuracy"]]

# %% [markdown]
# The validation loss of each run, epoch budgets in rows and batch sizes in columns:

# %%
val_loss_grid = grid.results.pivot(index="epochs", columns="batch_size", values="val_loss")
val_loss_grid.round(4)

# %% tags=["remove_input"]
from mnist_tutorials.wording import how_many, number_word, one_of

results = grid.results
n_stopped = int((results["epochs_run"] < results["epochs"]).sum())
n_best_last = int((results["best_epoch"] == results["epochs_run"]).sum())

# %% [markdown] tags=["fill"]
# The best run had a budget of {best['epochs']} epochs with batches of {best['batch_size']}; its lowest validation
# loss came at {one_of(int(best['best_epoch']), int(best['epochs_run']), 'epoch')}: {best['val_loss']:.4f}, with a
# validation accuracy of {best['val_accuracy']:.2%}. The {number_word(len(results))} runs differ by
# {np.ptp(results['val_loss']):.4f} in validation loss ({results['val_accuracy'].min():.2%} to
# {results['val_accuracy'].max():.2%} accuracy); averaged over the other axis, the loss moves by
# {np.ptp(val_loss_grid.mean(axis=1)):.4f} between the epoch budgets and by {np.ptp(val_loss_grid.mean(axis=0)):.4f}
# between the batch sizes.
#
# Early stopping ended {how_many(n_stopped, len(results), 'runs')} before their budget, and in
# {how_many(n_best_last, len(results), 'runs')} the last epoch was also the best. With a learning rate that
# shrinks to nothing, the validation loss has little room to rise at the end of a run, so the budget, more than
# `EarlyStopping`, tends to decide when training ends; `EarlyStopping` is a safety net. And in a
# {val_loss_grid.shape[0]} × {val_loss_grid.shape[1]} grid every cell lies on the edge: the grid shows that the winner
# beats the other cells, not that it is the best setting, which would take a grid extended beyond the winner.

# %% [markdown]
# ## Learning curves
#
# The chosen run's history, one row per epoch: the training loss and accuracy (averaged over the epoch,
# with dropout active) and the validation ones (measured at the end of the epoch, without dropout).

# %%
curves = history_frame(mlp_history)
curves.round(4)

# %%
from mnist_tutorials.plotting import plot_history

plot_history(curves, best_epoch=int(best["best_epoch"]));

# %% tags=["remove_input"]
first, last = curves.iloc[0], curves.iloc[-1]
assert first["val_loss"] < first["loss"] and last["val_loss"] > last["loss"]  # "below", then "above"

# %% [markdown] tags=["fill"]
# Both losses fall quickly in the first epochs, then the curves separate. After epoch 1 the validation loss is
# {first['loss'] - first['val_loss']:.3f} below the training loss (dropout handicaps the training measurement, and the
# training loss averages over an epoch in which the model was still improving); by the last epoch it is
# {last['val_loss'] - last['loss']:.3f} above it, and training accuracy exceeds validation accuracy by
# {100 * (last['accuracy'] - last['val_accuracy']):.1f} percentage points. The network fits its training images better
# and better, but new images improve less and less. That widening gap is the beginning of **overfitting**; it becomes a
# reason to stop only once the validation loss itself turns up. Here it rose in
# {how_many(int((curves['val_loss'].diff() > 0).sum()), len(curves) - 1, 'steps')} from one epoch to the next, and
# `restore_best_weights` keeps the weights of the lowest one.

# %% [markdown]
# ## Evaluation on the test set
#
# Now, and only now, the test set. `predict` returns a probability for each of the 10 classes; the
# predicted class is the most probable one.

# %%
from sklearn.metrics import accuracy_score, log_loss

y_proba = mlp_model.predict(X_test, verbose=0)
y_pred = y_proba.argmax(axis=1)
mlp_accuracy = accuracy_score(y_test, y_pred)
print(f"test accuracy: {mlp_accuracy:.4f}   test log loss: {log_loss(y_test, y_proba):.4f}")

# %% tags=["remove_input"]
assert mlp_accuracy < best["val_accuracy"]  # "below", and the reasons given for it

# %% [markdown] tags=["fill"]
# The MLP classifies **{mlp_accuracy:.2%}** of the {len(y_test):,} test images correctly,
# {100 * (best['val_accuracy'] - mlp_accuracy):.1f} percentage points below the validation accuracy of the chosen run
# ({best['val_accuracy']:.2%}). Part of such a gap is the price of choosing on the validation set (the winner's
# validation score is the best of several, so it flatters the winner a little), part the difference between two
# samples of images. The test number is the one to report.

# %% [markdown]
# ### The confusion matrix
#
# Row *i*, column *j* counts the test images of class *i* predicted as class *j*; the diagonal holds the
# correct predictions.

# %%
import matplotlib.pyplot as plt
from sklearn.metrics import ConfusionMatrixDisplay, confusion_matrix

fig, ax = plt.subplots(figsize=(8, 7))
ConfusionMatrixDisplay.from_predictions(y_test, y_pred, display_labels=class_names, xticks_rotation=45,
                                        colorbar=False, ax=ax);

# %% [markdown]
# `top_confusions` lists the largest cells off the diagonal:

# %%
from mnist_tutorials.multiclass import top_confusions

cm = confusion_matrix(y_test, y_pred)
worst = top_confusions(cm, class_names, n=3)
worst

# %% tags=["remove_input"]
tops = np.isin(class_names, ["T-shirt/top", "Pullover", "Coat", "Shirt"])
assert tops.sum() == 4 and np.isin(worst[["label", "predicted"]], np.asarray(class_names)[tops]).all()
off = cm * (1 - np.eye(len(cm), dtype=int))

# %% [markdown] tags=["fill"]
# All three are among the four tops, exactly the classes whose average images were closest in [the data
# exploration](../10_fashion_eda/). In all, {off[np.ix_(tops, tops)].sum() / off.sum():.0%} of the errors are one top
# taken for another. {class_names[6]} is the weakest class: only {cm[6, 6] / cm[6].sum():.1%} of shirts are recognised.

# %% [markdown]
# Which images are these? `confusion_explorer` draws the same matrix, and a click on a cell (or the arrow keys
# and Enter) lists the test images in it, the most probable first, with their row number in `X` and the
# probability the network gave its prediction; click an image to see it large. *Row %* switches to each class's
# shares. The panel opens on the largest confusion.

# %%
from mnist_tutorials.plotting import confusion_explorer

confusion_explorer(y_test, y_pred, X_test, scores=y_proba, display_labels=class_names,
                   index=np.arange(60000, 70000), score_name="probability", score_format=".1%")

# %% [markdown]
# ### Precision, recall and F1 per class
#
# `classification_report(..., output_dict=True)` returns the per-class metrics as a dictionary, which
# pandas turns into a table.

# %%
from sklearn.metrics import classification_report

report = pd.DataFrame(classification_report(y_test, y_pred, target_names=class_names, output_dict=True)).T
report.round(3)

# %% [markdown]
# For one number per metric, the per-class values must be averaged. `precision_score` and friends need an
# `average=` argument on multiclass data: `"weighted"` weights each class by its number of test images.

# %%
from sklearn.metrics import f1_score, precision_score, recall_score

summary = pd.Series({
    "accuracy": accuracy_score(y_test, y_pred),
    "precision (weighted)": precision_score(y_test, y_pred, average="weighted"),
    "recall (weighted)": recall_score(y_test, y_pred, average="weighted"),
    "F1 (weighted)": f1_score(y_test, y_pred, average="weighted"),
})
summary.round(4)

# %% [markdown] tags=["fill"]
# Weighted recall equals accuracy ({summary['accuracy']:.4f}): both are the share of all images predicted correctly,
# just counted class by class. And because every class has exactly {np.bincount(y_test)[0]:,} test images, the weighted
# averages equal the macro averages (the plain means of the per-class rows). Precision is highest for
# {report['precision'].iloc[:10].idxmax()} ({report['precision'].iloc[:10].max():.3f}) and lowest for
# {report['precision'].iloc[:10].idxmin()} ({report['precision'].iloc[:10].min():.3f}).

# %% [markdown]
# ## Individual predictions
#
# The mistakes that teach most are the ones the network was *sure* about: the wrong predictions with the
# highest probability. (The overall accuracy says how often the model is right, not how sure it is about one image;
# [the next page](../12_fashion_sandal_detector/) reads the probabilities of single images.)

# %%
from mnist_tutorials.mistakes import most_confident_mistakes

test_rows = np.arange(60000, 70000)  # row numbers in X, so any image can be found again
mistakes = most_confident_mistakes(y_test, y_proba, class_names, n=12, index=test_rows)
mistakes.round(3)

# %%
from mnist_tutorials.plotting import plot_gallery

titles = [f"{row.actual} → {row.predicted}\n{row.probability:.1%}" for row in mistakes.itertuples()]
plot_gallery(X[mistakes.index], titles, n_cols=6);

# %%
wrong, sure = y_pred != y_test, y_proba.max(axis=1) > 0.99
print(f"{wrong.sum():,} mistakes on the test set, {(wrong & sure).sum()} of them with more than 99% probability")

# %% [markdown]
# Some of these images are ambiguous even to a person (a long top that could be a dress, a shirt that looks like a
# T-shirt), yet the network is sure of them. Does that make its probabilities worthless? Not by itself: a model that
# is right 99.5% of the time when it says 99.5% still makes one mistake in two hundred such predictions. The next
# section counts.

# %% [markdown]
# ### Can we trust the probabilities?
#
# A probability is **calibrated** when it means what it says: of the predictions made with about 80% confidence,
# about 80% should be right. The log loss rewards honest probabilities on the training images; nothing guarantees
# them on new ones, so we measure, as the [random-forest page](../05_random_forest_detector/) did. The probability
# here is the *confidence* (that of the predicted class) and the event "the prediction is right".
# `calibration_table` groups the test predictions into 10 bins of confidence and compares, in each, the mean
# confidence with the accuracy; `CalibrationDisplay` plots the same pairs.

# %%
from sklearn.calibration import CalibrationDisplay

from mnist_tutorials.metrics import calibration_table, expected_calibration_error

confidence, correct = y_proba.max(axis=1), y_pred == y_test
fig, ax = plt.subplots(figsize=(5, 5))
CalibrationDisplay.from_predictions(correct, confidence, n_bins=10, name="MLP (predicted class)", ax=ax)
ax.set_xlabel("Confidence (probability of the predicted class)")
ax.set_ylabel("Share of right predictions")
reliability = calibration_table(y_test, y_proba, n_bins=10)
reliability.round(3)

# %%
mlp_ece = expected_calibration_error(y_test, y_proba, n_bins=10)
print(f"mean confidence {confidence.mean():.4f}   accuracy {correct.mean():.4f}   ECE {mlp_ece:.4f}")
print(f"confidence over 99%: {sure.sum():,} predictions, {correct[sure].mean():.2%} right, "
      f"mean confidence {confidence[sure].mean():.2%}")

# %% tags=["remove_input"]
top, big = reliability.iloc[-1], reliability["count"] >= 50
assert confidence.mean() > correct.mean() and mlp_ece < 0.03  # "overconfident", "small"

# %% [markdown] tags=["fill"]
# {top['count'] / len(y_test):.0%} of the test predictions fall in the last bin (confidence 90% or more), where the
# network is right {top['accuracy']:.1%} of the time for a mean confidence of {top['confidence']:.1%}. Over all
# predictions the mean confidence is {confidence.mean():.1%} for an accuracy of {correct.mean():.1%}:
# {100 * (confidence.mean() - correct.mean()):.1f} percentage points apart, so overall the network is overconfident.
# The **expected calibration error** (ECE), the gap between confidence and accuracy averaged over all predictions bin
# by bin, is {100 * mlp_ece:.1f} percentage points: small. Among the bins holding at least 50 predictions,
# {(big & (reliability['gap'] > 0)).sum()} are overconfident and {(big & (reliability['gap'] < 0)).sum()}
# underconfident. For this network on this test set the softmax outputs are close to calibrated; another
# architecture, schedule or data set can land elsewhere, and only a measurement can tell. [Calibration, imbalance and
# uncertainty](../15_calibration_imbalance_uncertainty/) corrects a network's probabilities by *temperature scaling*.

# %% [markdown]
# ## This lab and its source notebooks
#
# This page follows two course notebooks written for this lab. Their models and the accuracies they
# reported, quoted from the notebooks (each on its own split, so not directly comparable with ours):
#
# | source notebook | model | data | training | reported accuracy (quoted) |
# |---|---|---|---|---|
# | first | `Dense(512, relu)`, `Dense(256, relu)`, softmax; 535,818 parameters | raw 0–255 pixels; validation: a random 15% of the training set | RMSprop, 15 epochs, batches of 128, no early stopping | validation 0.8236, test 0.8203 |
# | second | its summary shows `Dense(256, relu)` and softmax (203,530 parameters, RMSprop); the grid search trains `Dense(128, relu)` and softmax with Adam | raw 0–255 pixels; validation: half of the test set (5,000 images), test: the other half | grid of 5, 10, 15 epochs × batches of 128, 256, 512, `EarlyStopping(patience=3)` | best cell 15 epochs, batches of 128: validation loss 0.443, validation accuracy 0.856; test accuracy 0.846 (its metrics table, 84.82%, was computed with the last model of the grid loop, not the best one) |
#
# What this page does differently, and why:
#
# - **Split.** A stratified tenth of the training set for validation, and the whole official test set (10,000
#   images), touched only after every choice is made. The first notebook validated on a random 15% of the
#   training set; the second split the test set in half, which leaves a smaller test set and results that cannot
#   be compared with published ones.
# - **Scaled pixels.** Both notebooks trained on raw 0–255 pixels; *Scaling the inputs* shows what that costs.
# - **The model.** Adam (as in the second notebook's grid; the first used RMSprop) with a cosine-decaying learning
#   rate, and batch normalization and dropout, which neither notebook used: the model trains in fewer epochs and
#   overfits less.
# - **The grid** crosses epoch budgets and batch sizes as the second notebook did, 2 × 2 instead of 3 × 3 (every
#   cell is a full training run), every run from the same seed, keeping the best run's best epoch.
# - **Probabilities.** The second notebook printed the overall accuracy as every image's "confidence"; here each
#   image has its own probability, as in the first, and the page measures their calibration.
# - **The sandal detector** of the notebooks is [the next page](../12_fashion_sandal_detector/), with its departures.
# - **A CNN** goes beyond both notebooks, which stopped at the MLP: [page 13](../13_fashion_cnn/).

# %% [markdown]
# ## What next
#
# [A sandal detector](../12_fashion_sandal_detector/) turns this network's probabilities into a yes/no detector,
# and [a small convolutional network](../13_fashion_cnn/) asks whether a CNN is really better than this MLP. [The
# metrics in one page](../../concepts/metrics/) collects the definitions used here: precision, recall, F1, their
# macro and weighted averages, log loss and calibration.
