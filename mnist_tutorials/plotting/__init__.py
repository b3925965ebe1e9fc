"""Plot functions. Each ``plot_*`` takes ``ax=None`` (or ``axes=None``) and returns the Figure it drew on.

One submodule per kind of figure: ``images`` (digits, galleries, class averages, per-pixel weights),
``histograms``, ``bars`` (one number per class), ``curves`` (threshold, PR, ROC, sigmoid, explained variance,
training history), ``confusion`` (confusion matrices), ``predictions`` (images next to their predicted
probabilities), ``interactive`` (plotly) and ``explorer`` (the clickable confusion matrix). Import from here:
``from mnist_tutorials.plotting import plot_digit``.

matplotlib functions return a ``matplotlib.figure.Figure``; interactive ones return a
``plotly.graph_objects.Figure``. None of them shows or saves anything: the notebook (or the build) does.

:func:`confusion_explorer` is the exception: it returns a self-contained HTML widget (a clickable confusion matrix
that shows the images in each cell), which a notebook, Colab or the static site displays as it is.
"""

from .._alt import alt_text, set_alt_text
from .images import (plot_annotated_image, plot_class_averages, plot_class_examples, plot_digit, plot_digits,
                     plot_gallery, plot_pixel_weights)
from .histograms import plot_pixel_distributions, plot_pixel_histogram, plot_score_histograms
from .bars import plot_class_balance, plot_class_metrics
from .curves import (plot_explained_variance, plot_history, plot_pr_curve, plot_precision_recall_vs_threshold,
                     plot_roc_curve, plot_sigmoid)
from .confusion import plot_confusion_heatmap, plot_confusion_pair
from .predictions import plot_image_with_probabilities, plot_prediction_grid
from .interactive import label_pie, threshold_explorer
from .explorer import ConfusionExplorer, confusion_cells, confusion_explorer

__all__ = [
    "alt_text",
    "set_alt_text",
    "plot_class_balance",
    "plot_class_examples",
    "plot_digit",
    "plot_digits",
    "plot_gallery",
    "plot_pr_curve",
    "plot_precision_recall_vs_threshold",
    "plot_roc_curve",
    "plot_score_histograms",
    "threshold_explorer",
    "ConfusionExplorer",
    "confusion_cells",
    "confusion_explorer",
    "plot_class_metrics",
    "plot_confusion_heatmap",
    "plot_explained_variance",
    "plot_pixel_distributions",
    "plot_sigmoid",
    "plot_confusion_pair",
    "plot_pixel_weights",
    "label_pie",
    "plot_annotated_image",
    "plot_class_averages",
    "plot_history",
    "plot_image_with_probabilities",
    "plot_pixel_histogram",
    "plot_prediction_grid",
]
