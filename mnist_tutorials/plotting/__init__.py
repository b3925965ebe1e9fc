"""Plot functions. Each ``plot_*`` takes ``ax=None`` (or ``axes=None``) and returns the Figure it drew on.

matplotlib functions return a ``matplotlib.figure.Figure``; interactive ones return a
``plotly.graph_objects.Figure``. None of them shows or saves anything: the notebook (or the build) does.

:func:`confusion_explorer` is the exception: it returns a self-contained HTML widget (a clickable confusion matrix
that shows the images in each cell), which a notebook, Colab or the static site displays as it is.
"""

from .._alt import alt_text, set_alt_text
from .concepts import plot_score_histograms
from .images import plot_class_balance, plot_class_examples, plot_digit, plot_digits, plot_gallery
from .curves import plot_pr_curve, plot_precision_recall_vs_threshold, plot_roc_curve
from .interactive import threshold_explorer
from .explorer import ConfusionExplorer, confusion_cells, confusion_explorer
from .logistic import (plot_class_metrics, plot_confusion_heatmap, plot_explained_variance,
                       plot_pixel_distributions, plot_sigmoid)
from .chapter3 import plot_confusion_pair, plot_pixel_weights
from .fashion import (label_pie, plot_annotated_image, plot_class_averages, plot_history,
                      plot_image_with_probabilities, plot_pixel_histogram, plot_prediction_grid)

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
