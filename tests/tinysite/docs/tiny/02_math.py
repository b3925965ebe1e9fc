# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Some math
#
# The mean of $n$ numbers is $\bar x = \frac{1}{n} \sum_i x_i$.

# %%
values = [1, 2, 3, 4, 5]
mean = sum(values) / len(values)
print("values:", values)

# %% tags=["remove_input"]
from IPython.display import Markdown, display

display(Markdown(f"Their mean is **{mean}**."))
