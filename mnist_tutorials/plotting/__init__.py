"""Plot functions. Each ``plot_*`` takes ``ax=None`` (or ``axes=None``) and returns the Figure it drew on.

matplotlib functions return a ``matplotlib.figure.Figure``; interactive ones return a
``plotly.graph_objects.Figure``. None of them shows or saves anything: the notebook (or the build) does.
"""

from .images import plot_class_balance, plot_class_examples, plot_digit, plot_digits, plot_gallery

__all__ = [
    "plot_class_balance",
    "plot_class_examples",
    "plot_digit",
    "plot_digits",
    "plot_gallery",
]
