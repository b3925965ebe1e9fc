# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # A digit
#
# One figure drawn by the package; the next page is [some math](../02_math/).

# %%
import numpy as np

from mnist_tutorials.plotting import plot_digit

image = np.arange(784) % 256
fig = plot_digit(image, title="A gradient")

# %% tags=["solution"]
print("brightest pixel:", image.max())
