# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # A tutorial that fails
#
# Its second code cell raises: the build must fail, and say which tutorial and why.

# %%
numbers = [3, 1, 2]

# %%
raise ValueError(f"expected a sorted list, found {numbers}")
