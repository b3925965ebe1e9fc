"""Classification metrics computed by hand from a confusion matrix.

scikit-learn's convention is used throughout: in ``cm = confusion_matrix(y_true, y_pred)`` row ``i``
holds the samples whose *true* class is ``i`` and column ``j`` those *predicted* as ``j``. For class
``i``:

- ``TP = cm[i, i]`` (the diagonal),
- ``FN = cm[i, :].sum() - TP`` (the rest of its row: class ``i`` predicted as something else),
- ``FP = cm[:, i].sum() - TP`` (the rest of its column: other classes predicted as ``i``),
- ``TN`` = everything else.

Precision is ``TP / (TP + FP)``, recall ``TP / (TP + FN)`` and F1 their harmonic mean. The
functions return the same numbers as :func:`sklearn.metrics.precision_recall_fscore_support` with
``average=None``, and :func:`metrics_table` has the rows of
:func:`sklearn.metrics.classification_report`.

Two functions measure whether predicted probabilities can be taken at their word (*calibration*):
:func:`calibration_table` compares, bin by bin of confidence, how sure a classifier was with how often it
was right, and :func:`expected_calibration_error` sums the gaps into one number.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.utils import Bunch

__all__ = [
    "check_confusion_matrix",
    "confusion_counts",
    "accuracy_from_confusion",
    "precision_from_confusion",
    "recall_from_confusion",
    "f1_from_confusion",
    "precision_recall_f1_from_confusion",
    "metrics_table",
    "calibration_table",
    "expected_calibration_error",
]


def check_confusion_matrix(cm) -> np.ndarray:
    """Validate a confusion matrix and return it as a 2-D integer-valued array.

    Parameters
    ----------
    cm : array-like of shape (n_classes, n_classes)
        Counts, rows = true class, columns = predicted class.

    Returns
    -------
    ndarray of shape (n_classes, n_classes)

    Raises
    ------
    ValueError
        If ``cm`` is not square and 2-D, is empty, or holds negative or non-finite values.

    Examples
    --------
    >>> from mnist_tutorials.metrics import check_confusion_matrix
    >>> check_confusion_matrix([[5, 1], [2, 7]]).shape
    (2, 2)
    """
    arr = np.asarray(cm)
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1] or arr.shape[0] == 0:
        raise ValueError(
            f"Expected a square, non-empty confusion matrix of shape (n_classes, n_classes), got "
            f"shape {arr.shape}. Build one with sklearn.metrics.confusion_matrix(y_true, y_pred)."
        )
    if not np.issubdtype(arr.dtype, np.number) or not np.all(np.isfinite(arr)) or (arr < 0).any():
        raise ValueError(
            "A confusion matrix holds counts: expected finite, non-negative numbers, found "
            f"dtype {arr.dtype} with min {arr.min() if np.issubdtype(arr.dtype, np.number) else 'n/a'}. "
            "Pass the output of sklearn.metrics.confusion_matrix."
        )
    return arr


def confusion_counts(cm) -> pd.DataFrame:
    """One-vs-rest TP, FN, FP and TN of every class.

    Parameters
    ----------
    cm : array-like of shape (n_classes, n_classes)
        Confusion matrix, rows = true class, columns = predicted class.

    Returns
    -------
    pandas.DataFrame
        One row per class (index 0 … n_classes-1), integer columns ``TP``, ``FN``, ``FP``, ``TN``.
        Each row sums to ``cm.sum()``.

    Examples
    --------
    >>> from mnist_tutorials.metrics import confusion_counts
    >>> confusion_counts([[50, 10], [5, 35]]).loc[0].tolist()
    [50, 10, 5, 35]
    """
    arr = check_confusion_matrix(cm)
    tp = np.diag(arr)
    fn = arr.sum(axis=1) - tp
    fp = arr.sum(axis=0) - tp
    tn = arr.sum() - tp - fn - fp
    return pd.DataFrame({"TP": tp, "FN": fn, "FP": fp, "TN": tn})


def accuracy_from_confusion(cm) -> float:
    """Accuracy as the trace of the confusion matrix over its total.

    Parameters
    ----------
    cm : array-like of shape (n_classes, n_classes)

    Returns
    -------
    float
        ``cm.trace() / cm.sum()``: the share of samples on the diagonal (predicted = true).

    Raises
    ------
    ValueError
        If the matrix is invalid or sums to zero.

    Examples
    --------
    >>> from mnist_tutorials.metrics import accuracy_from_confusion
    >>> accuracy_from_confusion([[50, 10], [5, 35]])
    0.85
    """
    arr = check_confusion_matrix(cm)
    total = arr.sum()
    if total == 0:
        raise ValueError("The confusion matrix is all zeros: accuracy is undefined without samples.")
    return float(np.trace(arr) / total)


def _safe_ratio(num: np.ndarray, den: np.ndarray, zero_division: float) -> np.ndarray:
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    out = np.full(num.shape, float(zero_division))
    np.divide(num, den, out=out, where=den > 0)
    return out


def precision_from_confusion(cm, *, zero_division: float = 0.0) -> np.ndarray:
    """Per-class precision ``TP / (TP + FP)``: the diagonal over the column sums.

    Parameters
    ----------
    cm : array-like of shape (n_classes, n_classes)
    zero_division : float, default=0.0
        Value for a class that was never predicted (empty column), like scikit-learn's
        ``zero_division`` argument.

    Returns
    -------
    ndarray of shape (n_classes,)

    Examples
    --------
    >>> from mnist_tutorials.metrics import precision_from_confusion
    >>> precision_from_confusion([[90, 30], [10, 70]]).round(3).tolist()
    [0.9, 0.7]
    """
    arr = check_confusion_matrix(cm)
    return _safe_ratio(np.diag(arr), arr.sum(axis=0), zero_division)


def recall_from_confusion(cm, *, zero_division: float = 0.0) -> np.ndarray:
    """Per-class recall ``TP / (TP + FN)``: the diagonal over the row sums.

    Parameters
    ----------
    cm : array-like of shape (n_classes, n_classes)
    zero_division : float, default=0.0
        Value for a class with no true samples (empty row).

    Returns
    -------
    ndarray of shape (n_classes,)

    Examples
    --------
    >>> from mnist_tutorials.metrics import recall_from_confusion
    >>> recall_from_confusion([[90, 30], [10, 70]]).round(3).tolist()
    [0.75, 0.875]
    """
    arr = check_confusion_matrix(cm)
    return _safe_ratio(np.diag(arr), arr.sum(axis=1), zero_division)


def f1_from_confusion(cm, *, zero_division: float = 0.0) -> np.ndarray:
    """Per-class F1, the harmonic mean of precision and recall.

    Computed as ``2 TP / (2 TP + FP + FN)``, which equals
    ``2 * precision * recall / (precision + recall)`` and stays defined when one of them is 0/0.

    Parameters
    ----------
    cm : array-like of shape (n_classes, n_classes)
    zero_division : float, default=0.0
        Value for a class with ``TP + FP + FN == 0`` (never present, never predicted).

    Returns
    -------
    ndarray of shape (n_classes,)

    Examples
    --------
    >>> from mnist_tutorials.metrics import f1_from_confusion
    >>> f1_from_confusion([[90, 30], [10, 70]]).round(3).tolist()
    [0.818, 0.778]
    """
    arr = check_confusion_matrix(cm)
    tp = np.diag(arr).astype(float)
    fp = arr.sum(axis=0) - tp
    fn = arr.sum(axis=1) - tp
    return _safe_ratio(2 * tp, 2 * tp + fp + fn, zero_division)


def precision_recall_f1_from_confusion(cm, *, zero_division: float = 0.0) -> Bunch:
    """Per-class precision, recall, F1 and support in one call.

    Parameters
    ----------
    cm : array-like of shape (n_classes, n_classes)
    zero_division : float, default=0.0
        See :func:`precision_from_confusion`.

    Returns
    -------
    sklearn.utils.Bunch
        ``precision``, ``recall``, ``f1`` (float arrays) and ``support`` (row sums, int array),
        each of shape (n_classes,).

    Examples
    --------
    >>> from mnist_tutorials.metrics import precision_recall_f1_from_confusion
    >>> scores = precision_recall_f1_from_confusion([[90, 30], [10, 70]])
    >>> scores.support.tolist()
    [120, 80]
    """
    arr = check_confusion_matrix(cm)
    return Bunch(
        precision=precision_from_confusion(arr, zero_division=zero_division),
        recall=recall_from_confusion(arr, zero_division=zero_division),
        f1=f1_from_confusion(arr, zero_division=zero_division),
        support=arr.sum(axis=1),
    )


def metrics_table(cm, labels=None, *, zero_division: float = 0.0) -> pd.DataFrame:
    """Precision, recall, F1 and support per class, plus macro and weighted averages.

    The layout of :func:`sklearn.metrics.classification_report` (``output_dict=True``) as a
    DataFrame, computed from the confusion matrix alone.

    Parameters
    ----------
    cm : array-like of shape (n_classes, n_classes)
        Confusion matrix, rows = true class, columns = predicted class.
    labels : sequence of length n_classes, default=None
        Row names for the classes (e.g. ``model.classes_``); default ``0 … n_classes-1``.
    zero_division : float, default=0.0
        See :func:`precision_from_confusion`.

    Returns
    -------
    pandas.DataFrame
        Index: the class labels, then ``"macro avg"`` (unweighted mean over classes) and
        ``"weighted avg"`` (mean weighted by support). Columns ``precision``, ``recall``,
        ``f1-score`` (floats) and ``support`` (ints; the averages carry the total).

    Raises
    ------
    ValueError
        If ``labels`` does not have one entry per row of ``cm``, or ``cm`` is all zeros.

    Examples
    --------
    >>> from mnist_tutorials.metrics import metrics_table
    >>> table = metrics_table([[90, 30], [10, 70]], labels=["3", "not 3"])
    >>> table.index.tolist()
    ['3', 'not 3', 'macro avg', 'weighted avg']
    >>> round(float(table.loc["macro avg", "recall"]), 4)
    0.8125
    """
    arr = check_confusion_matrix(cm)
    n_classes = arr.shape[0]
    if labels is None:
        labels = list(range(n_classes))
    labels = list(labels)
    if len(labels) != n_classes:
        raise ValueError(
            f"labels has {len(labels)} entries but the confusion matrix has {n_classes} classes; "
            "pass one label per row (e.g. model.classes_)."
        )
    scores = precision_recall_f1_from_confusion(arr, zero_division=zero_division)
    support = scores.support
    total = support.sum()
    if total == 0:
        raise ValueError("The confusion matrix is all zeros: there is nothing to score.")
    per_class = pd.DataFrame(
        {"precision": scores.precision, "recall": scores.recall, "f1-score": scores.f1,
         "support": support},
        index=pd.Index(labels, dtype=object),
    )
    cols = ["precision", "recall", "f1-score"]
    macro = per_class[cols].mean()
    weighted = (per_class[cols].mul(support, axis=0)).sum() / total
    averages = pd.DataFrame([macro, weighted], index=["macro avg", "weighted avg"])
    averages["support"] = total
    table = pd.concat([per_class, averages])
    table["support"] = table["support"].astype(int)
    return table


def _top_label(y_true, proba):
    y_true = np.asarray(y_true)
    proba = np.asarray(proba, dtype=float)
    if proba.ndim != 2 or len(proba) != len(y_true) or len(y_true) == 0:
        raise ValueError(
            f"expected proba of shape (n_samples, n_classes) with n_samples={len(y_true)} > 0 (one row per "
            f"label), found shape {proba.shape}; pass model.predict(X) or predict_proba(X) for the same X as y_true"
        )
    if not np.issubdtype(y_true.dtype, np.integer):
        raise ValueError(f"expected integer labels 0 … {proba.shape[1] - 1} (the columns of proba), found dtype "
                         f"{y_true.dtype}; encode them first, e.g. with LabelEncoder")
    return proba.max(axis=1), proba.argmax(axis=1) == y_true


def calibration_table(y_true, proba, *, n_bins: int = 10) -> pd.DataFrame:
    """Reliability table of the predicted class: in each confidence bin, how sure the model was and how often right.

    The *confidence* of a prediction is the probability the model gave to the class it predicts
    (``proba.max(axis=1)``). The predictions are grouped into ``n_bins`` equal-width bins of confidence
    (0-0.1, 0.1-0.2, …; the last bin includes 1.0). A calibrated model is right 95 % of the time on the
    predictions it makes with 95 % confidence: in every bin, ``accuracy`` ≈ ``confidence``. This is the
    table behind a reliability diagram (:class:`sklearn.calibration.CalibrationDisplay` draws one for the
    same pairs, ``from_predictions(y_pred == y_true, confidence)``).

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Integer labels ``0 … n_classes - 1``, the column numbers of ``proba``.
    proba : array-like of shape (n_samples, n_classes)
        Predicted probabilities (``model.predict(X)`` for a Keras softmax model, ``predict_proba`` for
        scikit-learn).
    n_bins : int, default=10

    Returns
    -------
    pandas.DataFrame
        One row per non-empty bin, indexed by the bin's interval (``"0.90-1.00"``), with columns ``count``,
        ``confidence`` (mean confidence in the bin), ``accuracy`` (share of right predictions) and ``gap``
        (``confidence - accuracy``: positive where the model is overconfident).

    Raises
    ------
    ValueError
        If ``proba`` does not have one row per label, the labels are not integers, or ``n_bins < 1``.

    Examples
    --------
    >>> proba = np.array([[0.95, 0.05], [0.9, 0.1], [0.3, 0.7], [0.45, 0.55]])
    >>> calibration_table([0, 1, 1, 1], proba, n_bins=5)  # doctest: +NORMALIZE_WHITESPACE
               count  confidence  accuracy    gap
    bin
    0.40-0.60      1       0.550       1.0 -0.450
    0.60-0.80      1       0.700       1.0 -0.300
    0.80-1.00      2       0.925       0.5  0.425
    """
    if int(n_bins) < 1:
        raise ValueError(f"expected n_bins >= 1, found n_bins={n_bins}")
    n_bins = int(n_bins)
    confidence, correct = _top_label(y_true, proba)
    bins = np.minimum((confidence * n_bins).astype(int), n_bins - 1)
    edges = np.linspace(0, 1, n_bins + 1)
    rows = {}
    for b in np.unique(bins):
        inside = bins == b
        rows[f"{edges[b]:.2f}-{edges[b + 1]:.2f}"] = {
            "count": int(inside.sum()),
            "confidence": float(confidence[inside].mean()),
            "accuracy": float(correct[inside].mean()),
        }
    table = pd.DataFrame.from_dict(rows, orient="index")
    table["gap"] = table["confidence"] - table["accuracy"]
    table.index.name = "bin"
    return table


def expected_calibration_error(y_true, proba, *, n_bins: int = 10) -> float:
    """Expected calibration error (ECE): the gap between confidence and accuracy, averaged over the samples.

    ``sum(count * |confidence - accuracy|) / n_samples`` over the bins of :func:`calibration_table`: 0 for
    a perfectly calibrated model, 0.05 when, on average, a prediction's confidence is 5 points off the
    accuracy of the predictions made with that confidence. It depends on the number of bins, so compare
    models with the same ``n_bins``.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Integer labels ``0 … n_classes - 1``.
    proba : array-like of shape (n_samples, n_classes)
    n_bins : int, default=10

    Returns
    -------
    float

    Examples
    --------
    >>> proba = np.array([[0.95, 0.05], [0.9, 0.1], [0.3, 0.7], [0.45, 0.55]])
    >>> round(expected_calibration_error([0, 1, 1, 1], proba, n_bins=5), 4)  # (0.45 + 0.30 + 2 × 0.425) / 4
    0.4
    """
    table = calibration_table(y_true, proba, n_bins=n_bins)
    return float((table["count"] * table["gap"].abs()).sum() / table["count"].sum())
