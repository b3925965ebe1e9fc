"""Binary classification helpers: the 5-detector and its precision/recall trade-off.

The tutorials fit the classifiers and call ``cross_val_predict`` themselves, with scikit-learn's own API.
This module holds the small computations around them:

- :func:`scores_from_confusion` reads precision, recall and F1 of the positive class off a 2×2 confusion
  matrix (with the per-class formulas of :mod:`mnist_tutorials.metrics`), so a page can show they agree
  with ``precision_score`` and friends;
- :func:`threshold_for_precision` finds the lowest threshold that reaches a target precision;
- :func:`threshold_sweep` evaluates many thresholds at once (it feeds the interactive explorer in
  :mod:`mnist_tutorials.plotting.interactive`).

Labels are booleans (``y_train_5 = (y_train == '5')``) or anything ``np.asarray(...).astype(bool)`` maps to
the positive class; scores are the output of ``decision_function`` (higher means "more positive").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = [
    "ThresholdSweep",
    "scores_from_confusion",
    "threshold_for_precision",
    "threshold_sweep",
]


@dataclass(frozen=True)
class ThresholdSweep:
    """Precision, recall and confusion counts of a scored binary classifier at several thresholds.

    Every attribute is a 1-D array aligned with ``thresholds``; an instance is predicted positive when its
    score is ``>= threshold`` (the convention of ``precision_recall_curve``).

    Attributes
    ----------
    thresholds : ndarray of float
    precision : ndarray of float
        ``tp / (tp + fp)``; ``nan`` where no instance is predicted positive.
    recall : ndarray of float
        ``tp / (tp + fn)``.
    tn, fp, fn, tp : ndarray of int
    """

    thresholds: np.ndarray
    precision: np.ndarray
    recall: np.ndarray
    tn: np.ndarray
    fp: np.ndarray
    fn: np.ndarray
    tp: np.ndarray


def _as_binary(y_true, name: str = "y_true") -> np.ndarray:
    y = np.asarray(y_true)
    if y.ndim != 1:
        raise ValueError(f"{name} must be 1-D, found shape {y.shape}. Pass one label per instance.")
    if y.dtype != bool:
        values = np.unique(y)
        if not set(values.tolist()) <= {0, 1}:
            raise ValueError(
                f"{name} must hold booleans (or 0/1), found values {values[:5].tolist()}. "
                "Build the binary target first, e.g. y_train_5 = (y_train == '5')."
            )
        y = y.astype(bool)
    return y


def _as_scores(y_true: np.ndarray, y_scores) -> np.ndarray:
    scores = np.asarray(y_scores, dtype=float)
    if scores.shape != y_true.shape:
        raise ValueError(
            f"y_scores must have one score per label: expected shape {y_true.shape}, found {scores.shape}. "
            "Use the 1-D output of decision_function (or predict_proba(X)[:, 1])."
        )
    return scores


def scores_from_confusion(cm) -> dict[str, float]:
    """Precision, recall and F1 of the positive class, computed by hand from a 2×2 confusion matrix.

    This is the binary case of :func:`mnist_tutorials.metrics.precision_recall_f1_from_confusion`: the
    positive class is the second row and column.

    Parameters
    ----------
    cm : array-like of shape (2, 2)
        A binary confusion matrix in scikit-learn's layout ``[[tn, fp], [fn, tp]]`` (rows actual,
        columns predicted, negative class first).

    Returns
    -------
    dict
        ``{"precision": tp / (tp + fp), "recall": tp / (tp + fn), "f1": 2 tp / (2 tp + fp + fn)}``, the
        last being the harmonic mean of the first two. A ratio whose denominator is zero is ``nan``.

    Raises
    ------
    ValueError
        If ``cm`` is not 2×2.

    Examples
    --------
    >>> from mnist_tutorials.binary import scores_from_confusion
    >>> s = scores_from_confusion([[50, 10], [30, 90]])
    >>> round(s["precision"], 3), round(s["recall"], 3), round(s["f1"], 3)
    (0.9, 0.75, 0.818)
    """
    from .metrics import precision_recall_f1_from_confusion

    shape = np.shape(cm)
    if shape != (2, 2):
        raise ValueError(
            f"cm must be a 2x2 binary confusion matrix [[tn, fp], [fn, tp]], found shape {shape}. "
            "For a multiclass matrix use mnist_tutorials.metrics.precision_recall_f1_from_confusion."
        )
    scores = precision_recall_f1_from_confusion(cm, zero_division=float("nan"))
    return {"precision": float(scores.precision[1]), "recall": float(scores.recall[1]), "f1": float(scores.f1[1])}


def threshold_sweep(y_true, y_scores, thresholds) -> ThresholdSweep:
    """Evaluate a scored binary classifier at many decision thresholds at once.

    An instance is predicted positive when ``y_score >= threshold``. The counts come from two sorted
    arrays and ``np.searchsorted``, so thousands of thresholds over 60,000 scores cost milliseconds.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Actual labels, booleans or 0/1.
    y_scores : array-like of shape (n_samples,)
        Scores from ``decision_function`` (or positive-class probabilities).
    thresholds : array-like of shape (n_thresholds,)
        The thresholds to evaluate, in any order.

    Returns
    -------
    ThresholdSweep
        Precision, recall and the four confusion counts at each threshold.

    Raises
    ------
    ValueError
        If the shapes disagree or ``y_true`` is not binary.

    Examples
    --------
    >>> from mnist_tutorials.binary import threshold_sweep
    >>> sweep = threshold_sweep([0, 0, 1, 1], [-2.0, 1.0, 0.5, 3.0], thresholds=[0.0, 2.0])
    >>> sweep.precision.tolist(), sweep.recall.tolist()
    ([0.6666666666666666, 1.0], [1.0, 0.5])
    >>> sweep.fp.tolist(), sweep.tn.tolist()
    ([1, 0], [1, 2])
    """
    y_true = _as_binary(y_true)
    scores = _as_scores(y_true, y_scores)
    thresholds = np.atleast_1d(np.asarray(thresholds, dtype=float))
    if thresholds.ndim != 1:
        raise ValueError(f"thresholds must be 1-D, found shape {thresholds.shape}.")
    pos = np.sort(scores[y_true])
    neg = np.sort(scores[~y_true])
    tp = pos.size - np.searchsorted(pos, thresholds, side="left")
    fp = neg.size - np.searchsorted(neg, thresholds, side="left")
    fn = pos.size - tp
    tn = neg.size - fp
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1), np.nan)
        recall = np.where(pos.size > 0, tp / max(pos.size, 1), np.nan)
    return ThresholdSweep(thresholds=thresholds, precision=precision.astype(float),
                          recall=recall.astype(float), tn=tn, fp=fp, fn=fn, tp=tp)


def threshold_for_precision(y_true, y_scores, target_precision: float) -> float:
    """The lowest decision threshold whose precision reaches ``target_precision``.

    Lowering the threshold raises recall, so the lowest threshold that still meets the precision target
    is the one with the best recall. The candidates are the distinct scores (the thresholds of
    ``sklearn.metrics.precision_recall_curve``); the answer is the same as Géron's
    ``thresholds[(precisions >= target).argmax()]``.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Actual labels, booleans or 0/1.
    y_scores : array-like of shape (n_samples,)
        Scores from ``decision_function``.
    target_precision : float
        Between 0 and 1, e.g. ``0.90``.

    Returns
    -------
    float
        A threshold taken from ``y_scores``; predicting ``y_scores >= threshold`` has precision
        ``>= target_precision``.

    Raises
    ------
    ValueError
        If ``target_precision`` is outside ``(0, 1]`` or no threshold reaches it.

    Examples
    --------
    >>> from mnist_tutorials.binary import threshold_for_precision
    >>> y_true = [0, 1, 0, 1, 1]
    >>> y_scores = [-1.0, 0.0, 1.0, 2.0, 3.0]
    >>> threshold_for_precision(y_true, y_scores, 0.75)
    0.0
    >>> threshold_for_precision(y_true, y_scores, 1.0)
    2.0
    """
    if not 0 < target_precision <= 1:
        raise ValueError(
            f"target_precision must be in (0, 1], found {target_precision!r}. Write 90% as 0.90."
        )
    y_true = _as_binary(y_true)
    scores = _as_scores(y_true, y_scores)
    candidates = np.unique(scores)
    sweep = threshold_sweep(y_true, scores, candidates)
    reached = np.flatnonzero(sweep.precision >= target_precision)
    if reached.size == 0:
        best = np.nanmax(sweep.precision) if np.isfinite(sweep.precision).any() else float("nan")
        raise ValueError(
            f"No threshold reaches precision {target_precision}: the best is {best:.4f}. "
            "Ask for a lower target precision."
        )
    return float(candidates[reached[0]])
