"""Multiclass helpers: which classes a classifier confuses.

The multiclass tutorial fits ``SVC``, ``OneVsRestClassifier`` and ``SGDClassifier`` inline with
scikit-learn's API. This module turns their confusion matrices into something a reader can scan (the table of
the wrong predictions themselves is :func:`mnist_tutorials.mistakes.misclassified`):

- :func:`top_confusions` ranks the off-diagonal cells of a confusion matrix ("9 read as 7");
- :func:`hide_confusion_cells` blanks chosen cells of a ``ConfusionMatrixDisplay`` (to pose an exercise
  without printing its answer).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["hide_confusion_cells", "top_confusions"]


def top_confusions(cm, labels, *, n=5) -> pd.DataFrame:
    """The largest off-diagonal cells of a confusion matrix.

    Parameters
    ----------
    cm : array-like of shape (n_classes, n_classes)
        Confusion matrix with actual classes in rows (``confusion_matrix(y_true, y_pred)``), counts or
        row-normalized rates.
    labels : array-like of shape (n_classes,)
        Class names in the matrix's order.
    n : int, default=5
        How many cells to return.

    Returns
    -------
    pandas.DataFrame
        Columns ``label`` (actual), ``predicted`` and ``value``, sorted by ``value`` descending (ties in
        row-major order).

    Raises
    ------
    ValueError
        If ``cm`` is not square or ``labels`` has the wrong length.

    Examples
    --------
    >>> from mnist_tutorials.multiclass import top_confusions
    >>> top = top_confusions([[5, 1, 0], [0, 6, 3], [2, 0, 7]], ["a", "b", "c"], n=2)
    >>> top.values.tolist()
    [['b', 'c', 3], ['c', 'a', 2]]
    """
    cm = np.asarray(cm)
    labels = np.asarray(labels)
    if cm.ndim != 2 or cm.shape[0] != cm.shape[1]:
        raise ValueError(f"cm must be a square confusion matrix, found shape {cm.shape}.")
    if labels.shape != (cm.shape[0],):
        raise ValueError(f"labels must name the {cm.shape[0]} classes of cm, found {labels.shape[0]}.")
    rows, cols = np.nonzero(~np.eye(cm.shape[0], dtype=bool))
    values = cm[rows, cols]
    order = np.argsort(-values, kind="stable")[:n]
    return pd.DataFrame(
        {"label": labels[rows[order]], "predicted": labels[cols[order]], "value": values[order]}
    )


def hide_confusion_cells(display, cells, *, text="?"):
    """Replace the printed values of some cells of a ``ConfusionMatrixDisplay``.

    Use it to show a confusion matrix while leaving one value for the reader to compute. The cell's text
    is replaced and its colour is greyed out, so the colour scale does not give the value away either.

    Parameters
    ----------
    display : sklearn.metrics.ConfusionMatrixDisplay
        A display that has been plotted (``from_predictions`` / ``from_estimator`` / ``.plot()``), with
        ``include_values=True``.
    cells : iterable of (int, int)
        ``(row, column)`` positions to hide; rows are actual classes, columns predicted classes.
    text : str, default="?"
        What to print in the hidden cells.

    Returns
    -------
    matplotlib.figure.Figure
        ``display.figure_``, with the cells hidden.

    Raises
    ------
    ValueError
        If the display has not been plotted with values, or a cell is outside the matrix.

    Examples
    --------
    >>> from sklearn.metrics import ConfusionMatrixDisplay
    >>> from mnist_tutorials.multiclass import hide_confusion_cells
    >>> disp = ConfusionMatrixDisplay.from_predictions(["a", "b", "b"], ["a", "b", "a"])
    >>> fig = hide_confusion_cells(disp, [(1, 1)])
    >>> disp.text_[1, 1].get_text()
    '?'
    """
    text_ = getattr(display, "text_", None)
    if text_ is None:
        raise ValueError(
            "display has no printed values to hide: plot it first with include_values=True "
            "(ConfusionMatrixDisplay.from_predictions(...) does this by default)."
        )
    n_rows, n_cols = text_.shape
    for row, col in cells:
        if not (0 <= row < n_rows and 0 <= col < n_cols):
            raise ValueError(f"cell {(row, col)} is outside the {n_rows}x{n_cols} confusion matrix.")
        text_[row, col].set_text(text)
        text_[row, col].set_color("black")
        display.ax_.add_patch(_grey_cell(row, col))
    return display.figure_


def _grey_cell(row, col):
    from matplotlib.patches import Rectangle

    return Rectangle((col - 0.5, row - 0.5), 1, 1, facecolor="0.85", edgecolor="none", zorder=1.5)
