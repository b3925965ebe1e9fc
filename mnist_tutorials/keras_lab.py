"""Keras helpers for the Fashion-MNIST lab: scaling, two small models, a seeded grid search, tidy tables.

This is the only module of the package that imports TensorFlow, and it does so inside the functions that
need it, so ``import mnist_tutorials.keras_lab`` is as fast as ``import mnist_tutorials``.

- :func:`scale_pixels` maps 0…255 pixels to [0, 1] float32;
- :func:`build_mlp` and :func:`build_cnn` return compiled ``keras.Sequential`` models that take the flat
  784-pixel rows of ``fetch_fashion_mnist()`` directly;
- :func:`train_grid` trains one model per (epochs, batch size) pair with ``EarlyStopping`` and picks the one
  with the lowest validation loss;
- :func:`history_frame`, :func:`predictions_table` and :func:`most_confident_mistakes` turn Keras outputs
  into DataFrames.
"""

from __future__ import annotations

import dataclasses
import math
import os
import sys
import time

import numpy as np
import pandas as pd

__all__ = [
    "GridResult",
    "build_cnn",
    "build_mlp",
    "history_frame",
    "most_confident_mistakes",
    "predictions_table",
    "scale_pixels",
    "seed_everything",
    "silence_tensorflow_logs",
    "train_grid",
]


def _keras():
    """Import keras (TensorFlow backend); TensorFlow's C++ log shows warnings and errors only."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import keras

    return keras


def silence_tensorflow_logs(level=3):
    """Import TensorFlow without the notices its C++ library writes to stderr, and keep later ones quiet.

    TensorFlow logs start-up notices (CPU instructions, oneDNN) from C++ straight to file descriptor 2, which
    Jupyter displays under the cell. This sets ``TF_CPP_MIN_LOG_LEVEL`` and imports TensorFlow with
    descriptor 2 pointed at ``os.devnull``. Python exceptions are unaffected. Call it before anything
    imports TensorFlow (or Keras); afterwards it can only set the level for later messages. With ``level``
    2 or more, TensorFlow's Python logger also shows errors only (it warns, for instance, when a loop such
    as :func:`train_grid` builds one model after another).

    Parameters
    ----------
    level : {0, 1, 2, 3}, default=3
        ``TF_CPP_MIN_LOG_LEVEL``: 0 shows everything, 1 hides info, 2 also warnings, 3 also errors.

    Returns
    -------
    bool
        True if this call imported TensorFlow (so the start-up notices were hidden), False if it was
        already imported.

    Examples
    --------
    >>> silence_tensorflow_logs() in (True, False)
    True
    """
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = str(int(level))
    imported = "tensorflow" not in sys.modules
    if imported:
        saved = os.dup(2)
        try:
            with open(os.devnull, "w") as devnull:
                os.dup2(devnull.fileno(), 2)
                import tensorflow  # noqa: F401
        finally:
            os.dup2(saved, 2)
            os.close(saved)
    if level >= 2:
        import tensorflow as tf

        tf.get_logger().setLevel("ERROR")  # e.g. the retracing notice when a loop builds several models
    return imported


def seed_everything(random_state=42, *, deterministic=True):
    """Seed Python, NumPy and TensorFlow, and optionally make TensorFlow's kernels deterministic.

    ``keras.utils.set_random_seed`` fixes the initial weights, the dropout masks and the shuffling of the
    batches. ``tf.config.experimental.enable_op_determinism`` also removes the run-to-run noise of
    multi-threaded reductions, so two runs on one machine give the same weights to the last bit.
    Different CPUs (or library versions) may still round differently.

    Parameters
    ----------
    random_state : int, default=42
    deterministic : bool, default=True
        Also call ``tf.config.experimental.enable_op_determinism()`` (it stays on for the process).

    Returns
    -------
    None

    Examples
    --------
    >>> seed_everything(42, deterministic=False)
    """
    keras = _keras()
    keras.utils.set_random_seed(int(random_state))
    if deterministic:
        import tensorflow as tf

        tf.config.experimental.enable_op_determinism()


def scale_pixels(X, *, max_value=255.0, dtype="float32"):
    """Scale pixel values from ``[0, max_value]`` to ``[0, 1]``.

    Neural networks train best on inputs of order 1: with raw 0…255 pixels the first layer's outputs are
    hundreds of times larger than the initial weights expect, and the first updates are huge.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Pixel values, e.g. ``fetch_fashion_mnist().data``.
    max_value : float, default=255.0
        The largest possible pixel value.
    dtype : str or numpy dtype, default="float32"
        Keras computes in float32; converting once here saves a copy per ``fit``.

    Returns
    -------
    numpy.ndarray of shape (n_samples, n_features)

    Raises
    ------
    ValueError
        If some value lies outside ``[0, max_value]``, or the data look already scaled.

    Examples
    --------
    >>> scale_pixels(np.array([[0, 51, 255]]))
    array([[0. , 0.2, 1. ]], dtype=float32)
    """
    X = np.asarray(X)
    if X.size == 0:
        raise ValueError("expected at least one pixel value, found an empty array")
    lo, hi = float(X.min()), float(X.max())
    if lo < 0 or hi > max_value:
        raise ValueError(
            f"expected pixel values in [0, {max_value:g}], found values in [{lo:g}, {hi:g}]; "
            "pass the raw pixels (or set max_value to the largest possible value)"
        )
    if max_value > 1 and 0 < hi <= 1:
        raise ValueError(
            f"the largest pixel value is {hi:g}, which looks already scaled to [0, 1]; "
            "scaling twice would divide by 255 again. Pass the raw pixels, or skip scale_pixels"
        )
    return (X / max_value).astype(dtype)


def _compile(model, learning_rate, steps_per_execution):
    keras = _keras()
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
        steps_per_execution=steps_per_execution,
    )
    return model


def build_mlp(hidden_units=(512, 256), *, dropout=0.2, batch_norm=False, n_features=784, n_classes=10,
              learning_rate=1e-3, steps_per_execution=32, name="mlp"):
    """A multilayer perceptron for flat images, compiled with Adam and sparse categorical cross-entropy.

    Each hidden layer is ``Dense(units, activation="relu")`` followed by ``Dropout(dropout)``; with
    ``batch_norm``, it is ``Dense(units, use_bias=False)``, ``BatchNormalization()``, ``Activation("relu")``
    and ``Dropout(dropout)``. The output layer is ``Dense(n_classes, activation="softmax")``, so ``predict``
    returns one probability per class.

    Parameters
    ----------
    hidden_units : sequence of int, default=(512, 256)
        Width of each hidden layer. ``()`` gives softmax (multinomial logistic) regression.
    dropout : float, default=0.2
        Fraction of each hidden layer's outputs zeroed at random during training (not at prediction).
    batch_norm : bool, default=False
        Normalise each hidden layer's inputs to its activation over the batch (mean 0, variance 1, then a
        learned scale and shift). Training converges in fewer epochs.
    n_features : int, default=784
    n_classes : int, default=10
    learning_rate : float or keras.optimizers.schedules.LearningRateSchedule, default=1e-3
        Adam's learning rate, or a schedule such as ``CosineDecay`` (:func:`train_grid` passes one).
    steps_per_execution : int, default=32
        Batches run per call into TensorFlow's compiled graph. It changes no number, only the Python
        overhead between batches (large on CPU for small models).
    name : str, default="mlp"

    Returns
    -------
    keras.Sequential
        Compiled, with the metric ``"accuracy"``.

    Examples
    --------
    >>> model = build_mlp((32,), n_features=784)
    >>> model.count_params()  # (784 + 1) * 32 + (32 + 1) * 10
    25450
    """
    keras = _keras()
    if not 0 <= dropout < 1:
        raise ValueError(f"expected 0 <= dropout < 1, found dropout={dropout}")
    layers = [keras.Input(shape=(n_features,))]
    for units in hidden_units:
        if batch_norm:
            layers += [keras.layers.Dense(int(units), use_bias=False), keras.layers.BatchNormalization(),
                       keras.layers.Activation("relu")]
        else:
            layers.append(keras.layers.Dense(int(units), activation="relu"))
        layers.append(keras.layers.Dropout(dropout))
    layers.append(keras.layers.Dense(n_classes, activation="softmax"))
    return _compile(keras.Sequential(layers, name=name), learning_rate, steps_per_execution)


def build_cnn(filters=(32, 64), *, kernel_size=3, padding="valid", batch_norm=False, dense_units=128,
              dropout=0.3, image_shape=(28, 28), n_classes=10, learning_rate=1e-3, steps_per_execution=8,
              name="cnn"):
    """A small convolutional network for flat 28×28 images, compiled like :func:`build_mlp`.

    The first layer reshapes each 784-pixel row to a 28×28×1 image, so the CNN takes the same ``X`` as the
    MLP. Then one block per entry of ``filters``: ``Conv2D(f, kernel_size, activation="relu")`` (with
    ``batch_norm``: the convolution, ``BatchNormalization``, then the ReLU) and ``MaxPooling2D(2)``; then
    ``Flatten``, ``Dropout``, ``Dense(dense_units, activation="relu")``, ``Dropout`` and the softmax layer.

    Parameters
    ----------
    filters : sequence of int, default=(32, 64)
        Number of filters of each convolution block; each block halves the image's height and width.
    kernel_size : int, default=3
    padding : {"valid", "same"}, default="valid"
        ``"valid"`` convolves only where the kernel fits inside the image (28 → 26 pixels with a 3×3 kernel),
        which costs fewer operations than ``"same"`` and loses only background border pixels.
    batch_norm : bool, default=False
        Normalise each convolution's outputs over the batch; training then converges in fewer epochs.
    dense_units : int, default=128
    dropout : float, default=0.3
    image_shape : (int, int), default=(28, 28)
    n_classes : int, default=10
    learning_rate : float or keras.optimizers.schedules.LearningRateSchedule, default=1e-3
    steps_per_execution : int, default=8
    name : str, default="cnn"

    Returns
    -------
    keras.Sequential
        Compiled, with the metric ``"accuracy"``.

    Examples
    --------
    >>> model = build_cnn((4, 8), dense_units=16)
    >>> model.output_shape
    (None, 10)
    """
    keras = _keras()
    height, width = image_shape
    layers = [keras.Input(shape=(height * width,)), keras.layers.Reshape((height, width, 1))]
    for n_filters in filters:
        if batch_norm:
            layers += [keras.layers.Conv2D(int(n_filters), kernel_size, padding=padding, use_bias=False),
                       keras.layers.BatchNormalization(), keras.layers.Activation("relu")]
        else:
            layers.append(keras.layers.Conv2D(int(n_filters), kernel_size, padding=padding, activation="relu"))
        layers.append(keras.layers.MaxPooling2D(2))
    layers += [
        keras.layers.Flatten(),
        keras.layers.Dropout(dropout),
        keras.layers.Dense(int(dense_units), activation="relu"),
        keras.layers.Dropout(dropout),
        keras.layers.Dense(n_classes, activation="softmax"),
    ]
    return _compile(keras.Sequential(layers, name=name), learning_rate, steps_per_execution)


@dataclasses.dataclass
class GridResult:
    """What :func:`train_grid` returns.

    Attributes
    ----------
    results : pandas.DataFrame
        One row per (epochs, batch_size): ``epochs``, ``batch_size``, ``epochs_run``, ``best_epoch``,
        ``val_loss``, ``val_accuracy`` (both at the best epoch), ``fit_seconds`` and ``best`` (True on the
        chosen row).
    best_model : keras.Model
        The chosen model, holding the weights of its best epoch.
    best_history : dict of list
        ``History.history`` of the chosen run, one value per epoch trained.
    best_params : dict
        ``{"epochs": …, "batch_size": …}`` of the chosen run.
    """

    results: pd.DataFrame
    best_model: object
    best_history: dict
    best_params: dict


def _cosine_schedule(learning_rate, n_samples, batch_size, epochs):
    keras = _keras()
    decay_steps = math.ceil(n_samples / batch_size) * epochs
    return keras.optimizers.schedules.CosineDecay(initial_learning_rate=learning_rate, decay_steps=decay_steps)


def train_grid(X_train, y_train, X_val, y_val, *, epochs=(10, 20), batch_sizes=(128, 256), build_fn=None,
               learning_rate=1e-3, cosine_decay=True, patience=3, random_state=42, verbose=0):
    """Train one model per (epochs, batch size) pair and keep the one with the lowest validation loss.

    For each pair, in order, the function seeds Keras with ``random_state`` (so every run starts from the
    same weights, whatever ran before), builds a fresh model, and fits it with
    ``EarlyStopping(monitor="val_loss", patience=patience, restore_best_weights=True)``: training stops
    after ``patience`` epochs without a lower validation loss, and the model keeps the weights of its best
    epoch. With ``cosine_decay`` the learning rate falls from ``learning_rate`` to 0 along a cosine over the
    run's budget of ``epochs``, so the budget changes the whole run, not only its length.

    Parameters
    ----------
    X_train, y_train : array-like
        Training data (already scaled) and integer labels.
    X_val, y_val : array-like
        Validation data, used for early stopping and for choosing the model. Not the test set.
    epochs : sequence of int, default=(10, 20)
        Epoch budgets to try.
    batch_sizes : sequence of int, default=(128, 256)
    build_fn : callable, default=None
        ``build_fn(learning_rate=…)`` returns a compiled model; :func:`build_mlp` when None.
    learning_rate : float, default=1e-3
        The initial learning rate.
    cosine_decay : bool, default=True
    patience : int, default=3
    random_state : int, default=42
    verbose : int, default=0
        Passed to ``fit``: 0 is silent, 2 prints one line per epoch.

    Returns
    -------
    GridResult

    Raises
    ------
    ValueError
        If a grid axis is empty or holds a non-positive value.

    Examples
    --------
    >>> rng = np.random.default_rng(42)
    >>> X, y = rng.random((200, 784), dtype=np.float32), rng.integers(0, 10, 200)
    >>> grid = train_grid(X[:150], y[:150], X[150:], y[150:], epochs=(1,), batch_sizes=(32, 64),
    ...                   build_fn=lambda learning_rate: build_mlp((8,), learning_rate=learning_rate))
    >>> grid.results[["epochs", "batch_size"]].values.tolist()
    [[1, 32], [1, 64]]
    >>> int(grid.results["best"].sum())
    1
    """
    keras = _keras()
    for axis, values in (("epochs", epochs), ("batch_sizes", batch_sizes)):
        if len(values) == 0 or any(int(v) < 1 for v in values):
            raise ValueError(f"expected {axis} to hold positive integers, found {list(values)}")
    if build_fn is None:
        build_fn = build_mlp
    rows, best = [], None
    for n_epochs in epochs:
        for batch_size in batch_sizes:
            keras.utils.set_random_seed(int(random_state))
            lr = (_cosine_schedule(learning_rate, len(X_train), batch_size, n_epochs) if cosine_decay
                  else learning_rate)
            model = build_fn(learning_rate=lr)
            stopper = keras.callbacks.EarlyStopping(monitor="val_loss", patience=patience,
                                                    restore_best_weights=True)
            start = time.perf_counter()
            history = model.fit(X_train, y_train, epochs=int(n_epochs), batch_size=int(batch_size),
                                validation_data=(X_val, y_val), callbacks=[stopper], verbose=verbose)
            seconds = time.perf_counter() - start
            val_loss = np.asarray(history.history["val_loss"])
            best_index = int(np.argmin(val_loss))
            rows.append({
                "epochs": int(n_epochs),
                "batch_size": int(batch_size),
                "epochs_run": len(val_loss),
                "best_epoch": best_index + 1,
                "val_loss": float(val_loss[best_index]),
                "val_accuracy": float(history.history["val_accuracy"][best_index]),
                "fit_seconds": seconds,
            })
            if best is None or val_loss[best_index] < best[0]:
                best = (float(val_loss[best_index]), len(rows) - 1, model, dict(history.history))
            else:
                del model
    results = pd.DataFrame(rows)
    results["best"] = np.arange(len(results)) == best[1]
    chosen = results.iloc[best[1]]
    params = {"epochs": int(chosen["epochs"]), "batch_size": int(chosen["batch_size"])}
    return GridResult(results=results, best_model=best[2], best_history=best[3], best_params=params)


def history_frame(history):
    """One row per epoch, one column per logged metric.

    Parameters
    ----------
    history : keras.callbacks.History or dict of list
        What ``model.fit`` returns, or its ``.history`` dict.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``epoch`` (starting at 1), with columns such as ``loss``, ``accuracy``, ``val_loss``,
        ``val_accuracy`` (training metrics first, then validation ones).

    Raises
    ------
    ValueError
        If the metrics have different lengths.

    Examples
    --------
    >>> history_frame({"loss": [0.9, 0.5], "val_loss": [0.8, 0.6]})  # doctest: +NORMALIZE_WHITESPACE
           loss  val_loss
    epoch
    1       0.9       0.8
    2       0.5       0.6
    """
    logs = getattr(history, "history", history)
    lengths = {name: len(values) for name, values in logs.items()}
    if len(set(lengths.values())) > 1:
        raise ValueError(f"expected one value per epoch for every metric, found lengths {lengths}")
    names = [n for n in logs if not n.startswith("val_")] + [n for n in logs if n.startswith("val_")]
    frame = pd.DataFrame({name: np.asarray(logs[name], dtype=float) for name in names})
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="epoch")
    return frame


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
    index = np.arange(len(y_true)) if index is None else np.asarray(index)
    n = min(int(n), len(y_true))
    rows = np.sort(np.random.default_rng(random_state).choice(len(y_true), size=n, replace=False))
    y_pred = proba[rows].argmax(axis=1)
    table = pd.DataFrame({
        "actual": _names(y_true[rows], class_names),
        "predicted": _names(y_pred, class_names),
        "probability": proba[rows, y_pred],
        "p_actual": proba[rows, y_true[rows]],
        "correct": np.where(y_pred == y_true[rows], "✔", "✖"),
    }, index=pd.Index(index[rows], name="image"))
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
    index = np.arange(len(y_true)) if index is None else np.asarray(index)
    y_pred = proba.argmax(axis=1)
    wrong = np.flatnonzero(y_pred != y_true)
    confidence = proba[wrong, y_pred[wrong]]
    order = wrong[np.lexsort((wrong, -confidence))][: int(n)]
    return pd.DataFrame({
        "actual": _names(y_true[order], class_names),
        "predicted": _names(y_pred[order], class_names),
        "probability": proba[order, y_pred[order]],
        "p_actual": proba[order, y_true[order]],
    }, index=pd.Index(index[order], name="image"))
