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
# # Fashion-MNIST: a sandal detector from the Keras classifier
#
# [The Keras classifier](../11_fashion_keras/) predicts the most probable of ten classes. Behind that prediction
# its softmax gives a probability to every class, so the same network can answer a yes/no question too: is this
# a sandal? This page reads those probabilities, for one image and then for a few, and turns the sandal
# probability into a **detector** whose threshold trades precision for recall as on [the trade-off
# page](../03_precision_recall_tradeoff/): chosen on the validation set, reported on the test set once.
# [A small convolutional network](../13_fashion_cnn/) comes next.

# %% tags=["remove_input", "site_only"]
# TensorFlow's C++ library writes start-up notices to stderr, which Jupyter shows as output. They are harmless;
# this keeps them off the page (site_only: the learner's notebook leaves this cell out).
from mnist_tutorials.keras_lab import silence_tensorflow_logs

silence_tensorflow_logs();

# %% [markdown]
# ## The data and the network of page 11
#
# The page runs on its own, so it repeats [page 11](../11_fashion_keras/)'s preparation: the same seed, the same
# stratified validation tenth of the training images, the same scaled pixels, and the official 10,000 test images
# kept for the end.

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
# The network is page 11's multilayer perceptron: two hidden layers of 512 and 256 units, each a `Dense` layer
# followed by batch normalization, ReLU and 20% dropout, and a softmax over the 10 classes, compiled with Adam.
# Page 11 writes it once, as the function `build_mlp` in a cell tagged `save`; the package keeps a copy generated
# from that cell, so this page imports it instead of writing it out again (`build_mlp??` in a notebook shows it).

# %%
from mnist_tutorials.keras_lab import build_mlp

model = build_mlp(learning_rate=1e-3)
print(f"{model.name}: {len(model.layers)} layers, {model.count_params():,} parameters")

# %% [markdown]
# Page 11 chose its training budget with a grid of runs. One run is enough here: `EarlyStopping` watches the
# validation loss, stops once it has not improved for 3 epochs and hands back the weights of the best epoch, so
# the validation set chooses the number of epochs (`epochs=40` is only a ceiling). Adam keeps its learning rate
# of 0.001 throughout, where page 11 let it decay, and the batches hold 256 images, one of the sizes of page 11's
# grid. The network is the same, the training a little different: its numbers differ slightly from page 11's.

# %%
from mnist_tutorials.keras_lab import history_frame

early_stopping = keras.callbacks.EarlyStopping(monitor="val_loss", patience=3, restore_best_weights=True)
history = model.fit(X_train, y_train, epochs=40, batch_size=256, validation_data=(X_val, y_val),
                    callbacks=[early_stopping], verbose=0)
curves = history_frame(history)
curves.round(4)

# %% tags=["remove_input"]
best_epoch = int(curves["val_loss"].idxmin())
assert len(curves) < 40 and len(curves) == best_epoch + 3  # stopped by EarlyStopping, 3 epochs after the best

# %% [markdown] tags=["fill"]
# The validation loss was lowest after epoch {best_epoch} ({curves['val_loss'].min():.4f}, validation accuracy
# {curves['val_accuracy'][best_epoch]:.2%}); three epochs without a lower one stopped the run after epoch
# {len(curves)}, and `restore_best_weights` gave the model back its weights of epoch {best_epoch}.

# %% [markdown]
# ## Predicting one image
#
# Keras models work on **batches**: `predict` expects shape `(n_images, 784)`, even for one image, so
# `np.expand_dims` adds the batch axis in front of `X_val[0]`'s shape `(784,)`.

# %%
import numpy as np

image = X_val[0]
batch = np.expand_dims(image, axis=0)
print(image.shape, "->", batch.shape)
probabilities = model.predict(batch, verbose=0)
print(probabilities.shape, "predicted:", class_names[probabilities[0].argmax()],
      f"({probabilities[0].max():.1%})", " actual:", class_names[y_val[0]])

# %% [markdown]
# The output is a batch too, one row of 10 probabilities per image. (`X_val[:1]` also keeps the batch axis.) The
# same for every validation image, and ten of them at random: `probability` is the probability the network gave to
# *its own* prediction for *that* image, and `p_actual` the probability of the right class. (The overall accuracy
# says how often the model is right, not how sure it is about one image.)

# %%
from mnist_tutorials.mistakes import predictions_table

y_val_proba = model.predict(X_val, verbose=0)
predictions_table(y_val, y_val_proba, class_names, n=10, random_state=42).round(3)

# %% [markdown]
# ### Predictions as bar charts
#
# TensorFlow's [*Basic classification*](https://www.tensorflow.org/tutorials/keras/classification) tutorial
# shows a prediction as the image next to the bar chart of its 10 class probabilities: the predicted bar is blue
# when the prediction is right, red when it is wrong (the true class's bar is then blue). The first 15 validation
# images (the test images wait for the end of the page):

# %%
from mnist_tutorials.plotting import plot_prediction_grid

plot_prediction_grid(X_val[:15], y_val_proba[:15], y_val[:15], class_names, n_rows=5, n_cols=3);

# %% [markdown]
# ## A sandal detector
#
# Column 5 of these probabilities is the network's score for *Sandal*. An image is flagged when its sandal
# probability reaches a threshold, which trades precision for recall as in [the trade-off
# page](../03_precision_recall_tradeoff/). The threshold is a setting, like the epochs, so we choose it on the
# **validation set**, and the test set reports the chosen detector once. First the validation scores and the
# precision/recall curves:

# %% tags=["remove_input"]
from mnist_tutorials.plotting.questions import predict_then_reveal

predict_then_reveal("FASHION.sandal_scores")

# %%
from sklearn.metrics import precision_recall_curve

y_val_5, y_val_scores = y_val == 5, y_val_proba[:, 5]
precisions, recalls, thresholds = precision_recall_curve(y_val_5, y_val_scores)

# %%
from mnist_tutorials.plotting import plot_precision_recall_vs_threshold

plot_precision_recall_vs_threshold(precisions, recalls, thresholds, threshold=0.5);

# %% tags=["remove_input"]
from mnist_tutorials.plotting.questions import check_answer

undecided = np.mean((y_val_scores > 0.1) & (y_val_scores < 0.9))
check_answer("FASHION.sandal_scores", undecided < 0.5);  # a check: its returned answer text is not shown

# %% [markdown] tags=["fill"]
# Almost all the action is squeezed against 0 and 1: only {undecided:.1%} of the validation images get a sandal score
# between 0.1 and 0.9.

# %% [markdown]
# What do a high and a low threshold do? On the validation set, we compare 0.9 and 0.3 with the default rule
# (the predicted class is Sandal) and with 0.5:

# %%
import pandas as pd
from sklearn.metrics import precision_score, recall_score

rules = {"argmax (predicted class)": y_val_proba.argmax(axis=1) == 5}
for threshold in (0.9, 0.5, 0.3):
    rules[f"score ≥ {threshold}"] = y_val_scores >= threshold
sandal = pd.DataFrame({
    "flagged": {rule: int(flagged.sum()) for rule, flagged in rules.items()},
    "precision": {rule: precision_score(y_val_5, flagged) for rule, flagged in rules.items()},
    "recall": {rule: recall_score(y_val_5, flagged) for rule, flagged in rules.items()},
})
sandal.round(4)

# %% tags=["remove_input"]
high, low = sandal.loc["score ≥ 0.9"], sandal.loc["score ≥ 0.3"]
assert high["precision"] > low["precision"]  # "precision rises here"

# %% [markdown] tags=["fill"]
# At 0.9 the detector flags {high['flagged']:.0f} of the {len(y_val):,} validation images: precision
# {high['precision']:.2%}, recall {high['recall']:.2%}. At 0.3 it flags {low['flagged']:.0f}: recall
# {low['recall']:.2%}, precision {low['precision']:.2%}. A higher threshold can only remove flags, so recall can only
# fall; precision rises here, because the flags it removes are the doubtful ones. Because the scores sit near 0 and 1,
# moving the threshold from 0.3 to 0.9 changes the decision for only {low['flagged'] - high['flagged']:.0f} images.

# %% [markdown]
# The explorer of [the trade-off page](../03_precision_recall_tradeoff/), on the validation images: drag the
# threshold over the sandal scores (or use the arrow keys on the chart) and watch which garments cross it. Its
# axis is the log-odds of the score, because the scores crowd against 0 and 1.

# %%
from mnist_tutorials.plotting.threshold_widget import threshold_widget

sandal_stops = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98,
                0.99, 0.995, 0.998, 0.999]
threshold_widget(y_val_5, y_val_scores, X_val, thresholds=sandal_stops, x_scale="logit", initial_threshold=0.5,
                 positive_label="sandal", negative_label="non-sandal", score_format=".3f",
                 title="The sandal detector: the MLP's sandal probability on the validation images")

# %% [markdown]
# Now a decision. Suppose a flagged image goes straight to the sandal aisle, so a wrong flag is costly: we
# want a precision of at least 99%, and as much recall as that allows. As in the trade-off tutorial, the
# lowest threshold that reaches 99% precision on the validation set gives the most recall:

# %%
threshold_99 = thresholds[(precisions[:-1] >= 0.99).argmax()]
val_flags = y_val_scores >= threshold_99
print(f"threshold {threshold_99:.4f}: validation precision {precision_score(y_val_5, val_flags):.4f}, "
      f"recall {recall_score(y_val_5, val_flags):.4f}")

# %% [markdown]
# ## The chosen detector on the test set
#
# Then, once, the test set:

# %%
y_test_5 = y_test == 5
test_flags = model.predict(X_test, verbose=0)[:, 5] >= threshold_99
sandal_test = pd.Series({"threshold": threshold_99, "flagged": int(test_flags.sum()),
                         "precision": precision_score(y_test_5, test_flags),
                         "recall": recall_score(y_test_5, test_flags)})
sandal_test.round(4)

# %% [markdown] tags=["fill"]
# The threshold chosen on the validation set, {threshold_99:.3f}, flags {sandal_test['flagged']:.0f} of the
# {len(y_test):,} test images, with a precision of {sandal_test['precision']:.2%} and a recall of
# {sandal_test['recall']:.2%}, against the 99% it reached on the validation set
# ({precision_score(y_val_5, val_flags):.2%}). A threshold tuned to just reach a target on one sample tends to land a
# little below it on the next, so aim a little higher than the target on the validation set. Choosing the threshold
# on the test set would have hit the target there by construction, and told us nothing about new images.

# %% [markdown]
# ## This detector and its source notebooks
#
# The sandal detector comes from the course notebooks that [page 11](../11_fashion_keras/) follows. What this page
# does differently, and why:
#
# - **Precision** counts every image. One of the notebooks computed it only over the images that *are* sandals;
#   there every flag is a true positive, so its precision was always 1.0. It also printed the threshold it used,
#   0.1, as 0.7.
# - **The threshold** is chosen on the validation set, then reported on the test set once. The first notebook
#   explored thresholds on the test set, which leaves no untouched images to report on.
# - **The network** is trained once, with early stopping on the validation set, rather than taken from page 11's
#   grid, so that this page runs on its own.

# %% [markdown]
# ## What next
#
# [A small convolutional network](../13_fashion_cnn/) trains a CNN on the same split and asks whether it is really
# better than the MLP. [The metrics in one page](../../concepts/metrics/) collects the definitions used here:
# precision, recall and the trade-off between them.
