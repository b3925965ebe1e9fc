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
# # Fashion-MNIST: explore the data
#
# Fashion-MNIST is Zalando's drop-in replacement for MNIST: 70,000 grayscale images of 28×28 pixels, ten
# classes of clothing instead of ten digits, and the same split into 60,000 training and 10,000 test images.
# Before training a network on it (in [the next tutorial](../11_fashion_keras/)), this page looks at the
# data the way a Kaggle notebook would: as a table, then as images. We check the shapes, types and missing
# values, look at one item of each class and at one image's raw pixel values, and measure how the labels and
# the pixel values are distributed. Finally, the average image of each class tells us which classes will be
# hard to tell apart.

# %% [markdown]
# ## The data as a table
#
# On Kaggle, Fashion-MNIST comes as two CSV files with one row per image: a `label` column, then 784 columns
# `pixel1` … `pixel784` holding the image row by row. `fetch_fashion_mnist(as_frame=True)` gives the same
# layout, with the training rows first and the test rows last.

# %%
from mnist_tutorials import fetch_fashion_mnist

fashion = fetch_fashion_mnist(as_frame=True)
df = fashion.frame
df.head()

# %% [markdown]
# The first rows are mostly zeros: the corners of every image are background. Which pixels carry ink depends
# on the garment, so the interesting values sit in the middle columns, which pandas elides as `...`.

# %%
df.shape

# %%
df.dtypes.value_counts()

# %% [markdown] tags=["fill"]
# {df.shape[0]:,} rows: {df.shape[0] - 10000:,} training images followed by 10,000 test images. {df.shape[1]} columns:
# the label and {df.shape[1] - 1} pixels. The label is an integer; the pixels are stored as floats (as `fetch_openml`
# returns them), although every value is a whole number, as we check below.

# %% [markdown]
# `describe()` summarises each column: count, mean, standard deviation, minimum, quartiles and maximum. For all
# 785 columns that is a table far too wide to read, so we ask for the label and four pixels: the top-left corner
# (`pixel1`), the middle of the top row (`pixel14`), the centre of the image (`pixel406`: row 15, column 14) and
# the bottom-right corner (`pixel784`).

# %%
stats = df[["label", "pixel1", "pixel14", "pixel406", "pixel784"]].describe()
stats.round(1)

# %% tags=["remove_input"]
pixel_max = df.drop(columns="label").max()

# %% [markdown] tags=["fill"]
# The label's mean is {stats.loc['mean', 'label']:.1f}, the middle of 0…9, as it is for a balanced label. The corner
# pixel `pixel1` is zero in {(df['pixel1'] == 0).mean():.2%} of the images (its maximum is {df['pixel1'].max():.0f}),
# and the other corner, `pixel784`, is zero at all three quartiles too. The middle of the top row, `pixel14`, is zero
# in at least half of the images, but its third quartile is {stats.loc['75%', 'pixel14']:.1f}: in at least a quarter
# of the images a garment reaches the top edge there. The central pixel `pixel406` has a mean of
# {stats.loc['mean', 'pixel406']:.1f} and a median of {stats.loc['50%', 'pixel406']:.1f}. Over all 784 pixel columns,
# {(pixel_max == 255).sum()} reach 255 in some image, and even the emptiest column has a maximum of
# {pixel_max.min():.0f}: no pixel is background in every single image.

# %% [markdown]
# Are there missing values? `isna()` marks each missing cell; summing twice counts them all.

# %%
df.isna().sum().sum()

# %% [markdown]
# None: every image is complete, so there is nothing to impute or drop.

# %% [markdown]
# ## The data as arrays
#
# For modelling we use NumPy arrays instead of the DataFrame: `X` holds the pixels, one row per image, and `y`
# the labels. The first 60,000 rows are the training set, the last 10,000 the test set. This page looks at the
# test set only to describe it (its pixel range, and how many images of each class it holds); nothing is
# chosen by looking at it, and no model here sees it.

# %%
import numpy as np

X, y = fashion.data.to_numpy(), fashion.target.to_numpy()
X_train, X_test, y_train, y_test = X[:60000], X[60000:], y[:60000], y[60000:]
print("X:", X.shape, X.dtype, "  y:", y.shape, y.dtype)
print("pixel range:", X.min(), "to", X.max(), "  all whole numbers:", np.array_equal(X, np.round(X)))

# %% [markdown]
# Each image is a row of 784 numbers. Reshaped to 28×28, they form the picture: 0 is background, and larger
# values are more ink (drawn darker on this site, with matplotlib's `"binary"` colormap).
#
# The ten labels are numbers; `target_names` gives their names.

# %%
class_names = fashion.target_names
dict(enumerate(class_names))

# %% [markdown]
# ## One item of each class
#
# `plot_class_examples` draws the first image of each class in the training set, titled with its label, its
# name and the row it came from.

# %%
from mnist_tutorials.plotting import plot_class_examples

plot_class_examples(X_train, y_train, class_names);

# %% [markdown]
# The classes differ in shape more than in detail: trousers have two legs, bags a handle, and the three
# kinds of footwear (sandal, sneaker, ankle boot) are wider than tall. The tops (T-shirt, pullover, coat,
# shirt) share one silhouette: a body with two sleeves.

# %% [markdown]
# ## The pixels of one image
#
# What the network actually receives is the grid of numbers. `plot_annotated_image` writes each pixel's
# value on top of the image.

# %%
from mnist_tutorials.plotting import plot_annotated_image

plot_annotated_image(X_train[0], title=f"X_train[0]: {class_names[y_train[0]]}");

# %% [markdown] tags=["fill"]
# This {class_names[y_train[0]].lower()} has {np.count_nonzero(X_train[0])} non-zero pixels out of 784
# ({np.count_nonzero(X_train[0]) / 784:.0%}), with values up to {X_train[0].max():.0f}. The background is exactly 0,
# and the garment is a patchwork of values rather than one flat colour: texture, folds and shading are all in the
# numbers.

# %% [markdown]
# ## How the labels are distributed
#
# A pie chart of the training labels (hover over a slice for its count):

# %%
from mnist_tutorials.plotting import label_pie

fig = label_pie(y_train, class_names, title="Labels of the 60,000 training images")
fig

# %%
import pandas as pd

counts = pd.DataFrame({
    "training": pd.Series(y_train).value_counts().sort_index(),
    "test": pd.Series(y_test).value_counts().sort_index(),
})
counts.index = class_names
counts.T

# %% [markdown] tags=["fill"]
# The classes are perfectly balanced: {counts['training'].iloc[0]:,} training and {counts['test'].iloc[0]:,} test
# images each. So accuracy is not flattered by a majority class (a model that always answers the same class scores
# {1 / len(class_names):.0%}), and the *weighted* and *macro* averages of per-class metrics will coincide on the test
# set.

# %% [markdown]
# ## How the pixel values are distributed
#
# A histogram of all 47 million training pixel values, one bar per value from 0 to 255. The count axis is
# logarithmic, because one value dominates.

# %%
from mnist_tutorials.plotting import plot_pixel_histogram

plot_pixel_histogram(X_train);

# %% [markdown]
# The bars' heights, for the values the description below needs: `np.bincount` counts how many pixels hold each
# value.

# %%
n_pixels = np.bincount(X_train.astype(np.int64).ravel(), minlength=256)  # n_pixels[v]: pixels equal to v
low = 10 + n_pixels[10:100].argmin()   # the rarest value between 10 and 99
peak = 10 + n_pixels[10:255].argmax()  # the most common value between 10 and 254
pd.Series(n_pixels[[0, 1, low, peak, 254, 255]], index=[0, 1, low, peak, 254, 255], name="pixels").to_frame().T

# %% tags=["remove_input"]
assert n_pixels[1:255].argmax() == 0 and n_pixels[255] > 3 * n_pixels[254]  # the two spikes
assert 150 <= peak <= 250 and n_pixels[peak] > 2 * n_pixels[low]  # a broad hump, well above the low stretch
assert 0.45 < np.mean(X_train == 0) < 0.55  # "half"

# %% [markdown] tags=["fill"]
# Half of all pixels, {np.mean(X_train == 0):.1%}, are exactly 0: background. The other values are far from uniform,
# and the histogram shows three features. A spike at the faintest values: 1 is the most common non-zero value
# ({n_pixels[1]:,} pixels), and values 1 to 9 make up {np.mean(X_train[X_train > 0] < 10):.1%} of the non-zero pixels
# (the anti-aliased edges of the garments). After a dip, the counts stay low up to about 100 (the rarest value there
# holds {n_pixels[low]:,} pixels), then climb to a broad peak around {peak}, about
# {n_pixels[peak] / n_pixels[low]:.0f} times as common: the body of the garments. Last, a spike at 255:
# {np.mean(X_train == 255):.2%} of all pixels are saturated, {n_pixels[255] / n_pixels[254]:.0f} times as many as at
# 254. The median non-zero value is {np.median(X_train[X_train > 0]):.0f}.
#
# These raw values, up to 255, are far larger than the numbers of order 1 that a neural network's initial weights are
# made for; the next tutorial scales them to [0, 1] and shows what happens if we do not.

# %% [markdown]
# One number sums the histogram up, the mean pixel value of the training images:

# %%
print(f"mean pixel value of the training images: {X_train.mean():.1f}")

# %% tags=["remove_input"]
from mnist_tutorials.plotting.questions import flag_question

flag_question("FASHION.1")

# %% [markdown]
# ## The average image of each class
#
# Averaging all 6,000 training images of a class shows what they share. Sharp, dark regions are pixels that
# are ink in almost every image of the class; faint, blurry ones vary from image to image.

# %%
from mnist_tutorials.plotting import plot_class_averages

plot_class_averages(X_train, y_train, class_names);

# %% [markdown]
# The standard deviation of each pixel within a class shows the same thing from the other side: dark pixels
# here are where the images of that class *disagree*.

# %%
plot_class_averages(X_train, y_train, class_names, statistic="std");

# %% [markdown]
# Two numbers per class make this precise: the average pixel standard deviation (how much the images vary),
# and the same standard deviation relative to the mean, measured inside the class's silhouette (pixels
# whose mean is above 20). A large relative value means the average image is a blur of different shapes.

# %%
mean_images = np.array([X_train[y_train == k].mean(axis=0) for k in range(10)])
std_images = np.array([X_train[y_train == k].std(axis=0) for k in range(10)])
inside = mean_images > 20
variation = pd.DataFrame({
    "ink (share of non-zero pixels)": [np.mean(X_train[y_train == k] > 0) for k in range(10)],
    "mean pixel std": std_images.mean(axis=1),
    "relative std inside silhouette": [(std_images[k][inside[k]] / mean_images[k][inside[k]]).mean()
                                       for k in range(10)],
}, index=class_names)
variation.round(2)

# %% tags=["remove_input"]
most_variable = variation["mean pixel std"].idxmax()
most_relative = variation["relative std inside silhouette"].idxmax()
assert (most_variable, most_relative) == ("Bag", "Sandal")  # the sentences below describe these two

# %% [markdown] tags=["fill"]
# **{most_variable}** varies most in absolute terms (mean pixel standard deviation
# {variation.loc[most_variable, 'mean pixel std']:.2f}): bags come in every shape, with or without a visible handle.
# **{most_relative}** varies most relative to its average
# ({variation.loc[most_relative, 'relative std inside silhouette']:.2f}, against a median of
# {variation['relative std inside silhouette'].median():.2f}): straps sit in different places, so the average sandal
# is a faint smear. **{variation['mean pixel std'].idxmin()}** is the most uniform class, which should make it easy to
# recognise.

# %% [markdown]
# Which classes look alike? The Euclidean distance between two class averages is small when the classes
# put their ink in the same places, which is all a pixel-based model sees.

# %%
from sklearn.metrics import pairwise_distances

distances = pairwise_distances(mean_images)
pairs = [(class_names[i], class_names[j], distances[i, j]) for i in range(10) for j in range(i + 1, 10)]
closest = pd.DataFrame(pairs, columns=["class", "other class", "distance"]).sort_values("distance")
closest.head(6).round(0)

# %% tags=["remove_input"]
top = closest.head(4)
assert set(top["class"]) | set(top["other class"]) <= {"T-shirt/top", "Pullover", "Coat", "Shirt"}

# %% [markdown] tags=["fill"]
# The four closest pairs are all among the tops:
# {', '.join(f'{a}–{b} ({d:.0f})' for a, b, d in top.itertuples(index=False))}. The next closest pair,
# {closest.iloc[4]['class']}–{closest.iloc[4]['other class']} ({closest.iloc[4]['distance']:.0f}), is already farther
# apart than any of them. Expect a classifier to confuse pullovers, coats and shirts with each other, and shirts with
# T-shirts, far more than anything else.

# %% [markdown]
# ## What we learned
#
# - The data are complete (no missing values), integer pixel values from 0 to 255 in a Kaggle-style table,
#   and perfectly balanced across the ten classes.
# - Half of the pixels are background zeros; the others spread over the whole range. We will scale them to
#   [0, 1] before training a network.
# - Trousers, bags and footwear have distinctive silhouettes; the four kinds of tops share one, and their
#   average images are the closest. That is where we expect the errors of a classifier to be.
#
# **Next:** [a Keras classifier for Fashion-MNIST](../11_fashion_keras/) scales the pixels, trains a network
# and checks where its errors fall.
