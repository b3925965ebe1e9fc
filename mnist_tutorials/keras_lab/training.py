"""Training: a seeded grid over epochs and batch sizes with early stopping, and the history as a table."""

from __future__ import annotations

import dataclasses
import math
import time

import numpy as np
import pandas as pd

from .backend import _keras

__all__ = ["GridResult", "history_frame", "train_grid"]


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
        ``build_fn(learning_rate=…)`` returns a compiled model; when None, the MLP of the Keras tutorial,
        ``build_mlp`` (``mnist_tutorials.keras_lab.saved``, copied from that page).
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
    >>> import keras
    >>> def tiny_mlp(learning_rate):
    ...     model = keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(8, activation="relu"),
    ...                               keras.layers.Dense(10, activation="softmax")])
    ...     model.compile(optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
    ...                   loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    ...     return model
    >>> grid = train_grid(X[:150], y[:150], X[150:], y[150:], epochs=(1,), batch_sizes=(32, 64), build_fn=tiny_mlp)
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
        from .saved import build_mlp as build_fn
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
