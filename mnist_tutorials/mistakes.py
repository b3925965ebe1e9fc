"""Tables of a classifier's mistakes: one row per image, indexed by its position in ``X``.

- :func:`misclassified` lists the wrong predictions of any classifier, with each class's decision score
  (``decision_function``), as the multiclass tutorial does for ``SVC`` and ``OneVsRestClassifier``;
- :func:`predictions_table` draws a random sample of a probabilistic model's predictions (``predict_proba``,
  or a Keras model's ``predict``), each with the probability the model gave it, right or wrong;
- :func:`most_confident_mistakes` lists the wrong predictions the model was surest of.

All three return a ``pandas.DataFrame`` indexed by ``image``: the row numbers in ``X`` (or the identifiers
passed as ``index``), so a row can be found and plotted again (``X[table.index]``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["misclassified", "most_confident_mistakes", "predictions_table"]


def _check_index(index, n_samples):
    """``index`` as an array with one identifier per sample; ``0 … n_samples - 1`` when None."""
    if index is None:
        return np.arange(n_samples)
    index = np.asarray(index)
    if index.shape != (n_samples,):
        raise ValueError(f"index must have one entry per label ({n_samples}), found shape {index.shape}.")
    return index


def _table(columns, index):
    """A DataFrame of ``columns`` indexed by ``image``."""
    return pd.DataFrame(columns, index=pd.Index(index, name="image"))


def _check_proba(y_true, proba):
    y_true = np.asarray(y_true)
    proba = np.asarray(proba, dtype=float)
    if proba.ndim != 2 or len(proba) != len(y_true):
        raise ValueError(
            f"expected proba of shape (n_samples, n_classes) with n_samples={len(y_true)} (one row per label), "
            f"found shape {proba.shape}; pass model.predict(X) for the same X as y_true"
        )
    return y_true.astype(int), proba


def _names(labels, class_names):
    if class_names is None:
        return np.asarray(labels)
    return np.asarray(class_names, dtype=object)[np.asarray(labels, dtype=int)]


def _probability_table(y_true, y_pred, proba, class_names, index):
    """``actual``, ``predicted``, ``probability`` (of the predicted class) and ``p_actual`` of some rows."""
    rows = np.arange(len(y_true))
    return _table({
        "actual": _names(y_true, class_names),
        "predicted": _names(y_pred, class_names),
        "probability": proba[rows, y_pred],
        "p_actual": proba[rows, y_true],
    }, index)


def misclassified(y_true, y_pred, scores=None, *, classes=None, index=None) -> pd.DataFrame:
    """Table of the instances whose prediction differs from the label.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Actual labels (e.g. ``y_train[:100]``).
    y_pred : array-like of shape (n_samples,)
        Predicted labels (e.g. ``svm_clf.predict(X_train[:100])``).
    scores : array-like of shape (n_samples, n_classes), default=None
        Per-class scores, e.g. ``decision_function`` of an ``SVC`` or ``OneVsRestClassifier``. When given,
        one column per class is added, plus ``top_score`` (the winning score).
    classes : array-like of shape (n_classes,), default=None
        Column names for ``scores``, normally ``clf.classes_``. Required with ``scores``.
    index : array-like of shape (n_samples,), default=None
        Identifiers of the instances (their row numbers in ``X``). Defaults to ``0 … n_samples - 1``.

    Returns
    -------
    pandas.DataFrame
        One row per error, indexed by ``index`` (named ``"image"``), with columns ``label``,
        ``predicted`` and, with ``scores``, ``top_score`` and one column per class. Empty when every
        prediction is right.

    Raises
    ------
    ValueError
        If the lengths disagree, or ``scores`` is given without matching ``classes``.

    Examples
    --------
    >>> from mnist_tutorials.mistakes import misclassified
    >>> errors = misclassified(["1", "2", "3"], ["1", "3", "3"])
    >>> errors.index.tolist(), errors.loc[1].tolist()
    ([1], ['2', '3'])
    >>> scores = [[2.0, 0.1, 0.0], [0.0, 1.0, 2.0], [0.0, 0.5, 2.5]]
    >>> errors = misclassified(["1", "2", "3"], ["1", "3", "3"], scores, classes=["1", "2", "3"])
    >>> errors.columns.tolist()
    ['label', 'predicted', 'top_score', '1', '2', '3']
    >>> errors.loc[1, "top_score"]
    np.float64(2.0)
    """
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    n = y_true.shape[0]
    if y_pred.shape != (n,) or y_true.ndim != 1:
        raise ValueError(
            f"y_true and y_pred must be 1-D with the same length, found shapes {y_true.shape} and "
            f"{y_pred.shape}."
        )
    index = _check_index(index, n)
    wrong = y_true != y_pred
    table = _table({"label": y_true[wrong], "predicted": y_pred[wrong]}, index[wrong])
    if scores is None:
        return table
    scores = np.asarray(scores, dtype=float)
    if classes is None:
        raise ValueError("scores needs classes to name its columns: pass classes=clf.classes_.")
    classes = np.asarray(classes)
    if scores.shape != (n, classes.shape[0]):
        raise ValueError(
            f"scores must have shape (n_samples, n_classes) = ({n}, {classes.shape[0]}), found "
            f"{scores.shape}. Use decision_function(X) of the same rows and clf.classes_."
        )
    table["top_score"] = scores[wrong].max(axis=1)
    for j, name in enumerate(classes):
        table[str(name)] = scores[wrong, j]
    return table


def predictions_table(y_true, proba, class_names=None, *, n=10, random_state=42, index=None):
    """A random sample of predictions, each with the probability the model gave it, and ✔ or ✖.

    ``probability`` is *this* sample's softmax output for the predicted class, not the model's overall
    accuracy: a 0.51 and a 0.99 are both right or wrong, but the model was far surer of the second.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Integer labels.
    proba : array-like of shape (n_samples, n_classes)
        ``model.predict(X)``: one row of class probabilities per sample.
    class_names : sequence of str, default=None
        Name of class ``k`` at index ``k``; labels are shown as numbers when None.
    n : int, default=10
        Rows to draw (without replacement).
    random_state : int, default=42
    index : array-like of shape (n_samples,), default=None
        Identifiers for the rows (e.g. row numbers in ``X``); ``0 … n_samples - 1`` when None.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``image`` (sorted), with columns ``actual``, ``predicted``, ``probability``,
        ``p_actual`` (the probability given to the right class) and ``correct`` (``"✔"`` or ``"✖"``).

    Examples
    --------
    >>> proba = np.array([[0.9, 0.1], [0.4, 0.6], [0.7, 0.3]])
    >>> predictions_table([0, 0, 1], proba, ["no", "yes"], n=3)  # doctest: +NORMALIZE_WHITESPACE
          actual predicted  probability  p_actual correct
    image
    0         no        no          0.9       0.9       ✔
    1         no       yes          0.6       0.4       ✖
    2        yes        no          0.7       0.3       ✖
    """
    y_true, proba = _check_proba(y_true, proba)
    index = _check_index(index, len(y_true))
    n = min(int(n), len(y_true))
    rows = np.sort(np.random.default_rng(random_state).choice(len(y_true), size=n, replace=False))
    y_pred = proba[rows].argmax(axis=1)
    table = _probability_table(y_true[rows], y_pred, proba[rows], class_names, index[rows])
    table["correct"] = np.where(y_pred == y_true[rows], "✔", "✖")
    return table


def most_confident_mistakes(y_true, proba, class_names=None, *, n=12, index=None):
    """The wrong predictions the model was surest of, most confident first.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
    proba : array-like of shape (n_samples, n_classes)
    class_names : sequence of str, default=None
    n : int, default=12
        At most this many rows (fewer if the model made fewer mistakes).
    index : array-like of shape (n_samples,), default=None
        Identifiers for the rows; ``0 … n_samples - 1`` when None.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``image``, with columns ``actual``, ``predicted``, ``probability`` (of the predicted
        class) and ``p_actual``, sorted by ``probability`` descending (ties by ``image``).

    Examples
    --------
    >>> proba = np.array([[0.9, 0.1], [0.2, 0.8], [0.4, 0.6]])
    >>> most_confident_mistakes([1, 1, 0], proba, n=5)  # doctest: +NORMALIZE_WHITESPACE
           actual  predicted  probability  p_actual
    image
    0           1          0          0.9       0.1
    2           0          1          0.6       0.4
    """
    y_true, proba = _check_proba(y_true, proba)
    index = _check_index(index, len(y_true))
    y_pred = proba.argmax(axis=1)
    wrong = np.flatnonzero(y_pred != y_true)
    confidence = proba[wrong, y_pred[wrong]]
    order = wrong[np.lexsort((wrong, -confidence))][: int(n)]
    return _probability_table(y_true[order], y_pred[order], proba[order], class_names, index[order])
