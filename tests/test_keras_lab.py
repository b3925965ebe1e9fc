"""Tests for ``mnist_tutorials.keras_lab`` on tiny synthetic data.

Every model here has a handful of units and trains for one or two epochs on 200 samples, so the whole file
runs in seconds (most of it is importing TensorFlow once).
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from mnist_tutorials import keras_lab

needs_tensorflow = pytest.mark.requires("tensorflow")  # skipped, naming the extra, without it


@pytest.fixture(scope="module")
def tiny():
    """200 synthetic 'images' whose label is learnable: class k lights up pixel block k."""
    rng = np.random.default_rng(0)
    y = np.arange(200) % 10
    X = rng.integers(0, 30, size=(200, 784))
    for k in range(10):
        X[y == k, 70 * k : 70 * k + 70] += 220
    return keras_lab.scale_pixels(X), y


def _tiny_mlp(learning_rate=1e-2):
    """A network small enough for these tests (the pages' own models are tested below)."""
    import keras

    model = keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def test_import_does_not_load_tensorflow():
    code = ("import sys, mnist_tutorials, mnist_tutorials.plotting, mnist_tutorials.plotting.predictions; "
            "print('tensorflow' in sys.modules, 'keras' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_import_keras_lab_does_not_load_tensorflow_until_used():
    code = "import sys, mnist_tutorials.keras_lab; print('tensorflow' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_the_tables_do_not_load_tensorflow():
    code = ("import sys, numpy as np\n"
            "from mnist_tutorials.keras_lab import history_frame\n"
            "from mnist_tutorials.mistakes import misclassified, most_confident_mistakes, predictions_table\n"
            "proba = np.array([[0.9, 0.1], [0.2, 0.8]])\n"
            "tables = [history_frame({'loss': [1.0, 0.5]}), misclassified([0, 1], [0, 0]),\n"
            "          predictions_table([0, 0], proba, n=2), most_confident_mistakes([0, 0], proba)]\n"
            "print([len(t) for t in tables], 'tensorflow' in sys.modules, 'keras' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["[2,", "1,", "2,", "1]", "False", "False"]


@needs_tensorflow
def test_silence_tensorflow_logs_hides_start_up_notices():
    code = ("import sys; from mnist_tutorials.keras_lab import silence_tensorflow_logs; "
            "print(silence_tensorflow_logs(), silence_tensorflow_logs(), 'tensorflow' in sys.modules)")
    env = {k: v for k, v in __import__("os").environ.items() if k != "TF_CPP_MIN_LOG_LEVEL"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert result.stdout.split() == ["True", "False", "True"]
    assert "I0000" not in result.stderr and "oneDNN" not in result.stderr, result.stderr


# --- scale_pixels ------------------------------------------------------------------------------------------


def test_scale_pixels_maps_to_unit_interval_as_float32():
    X = np.array([[0.0, 127.5, 255.0]])
    scaled = keras_lab.scale_pixels(X)
    assert scaled.dtype == np.float32
    np.testing.assert_allclose(scaled, [[0.0, 0.5, 1.0]])


@pytest.mark.parametrize("bad, message", [
    (np.array([[-1.0, 10.0]]), "expected pixel values in"),
    (np.array([[0.0, 256.0]]), "expected pixel values in"),
    (np.array([[0.0, 0.5, 1.0]]), "already scaled"),
    (np.zeros((0, 784)), "empty"),
])
def test_scale_pixels_rejects_bad_input(bad, message):
    with pytest.raises(ValueError, match=message):
        keras_lab.scale_pixels(bad)


# --- models ------------------------------------------------------------------------------------------------


def test_the_pages_models_load_tensorflow_only_when_used():
    code = ("import sys, mnist_tutorials.keras_lab as lab; before = 'tensorflow' in sys.modules; "
            "build = lab.build_mlp; print(before, 'tensorflow' in sys.modules, build.__module__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True", "mnist_tutorials.keras_lab.saved"]
    with pytest.raises(AttributeError, match="no attribute 'build_rnn'"):
        keras_lab.build_rnn


def test_the_old_builders_are_gone():
    # Each model is defined once, on its page; the package keeps the page's copy (keras_lab.saved), not a second one.
    from mnist_tutorials.keras_lab import models

    assert not hasattr(models, "build_mlp") and not hasattr(models, "build_cnn")


@needs_tensorflow
def test_build_mlp_is_the_pages_mlp(tiny):
    X, _ = tiny
    model = keras_lab.build_mlp()
    names = [type(layer).__name__ for layer in model.layers]
    assert names == ["Dense", "BatchNormalization", "Activation", "Dropout"] * 2 + ["Dense"]
    assert [layer.units for layer in model.layers if hasattr(layer, "units")] == [512, 256, 10]
    assert model.layers[0].use_bias is False  # batch normalization's shift replaces the bias
    assert {layer.rate for layer in model.layers if type(layer).__name__ == "Dropout"} == {0.2}
    # 784×512 and 512×256 weights, 4 per unit for batch normalization, (256 + 1)×10 for the softmax layer
    assert model.count_params() == 784 * 512 + 512 * 256 + 4 * (512 + 256) + 257 * 10
    assert model.name == "mlp" and model.steps_per_execution == 32
    assert model.loss == "sparse_categorical_crossentropy"
    assert float(model.optimizer.learning_rate) == pytest.approx(1e-3)
    proba = model.predict(X[:5], verbose=0)
    assert proba.shape == (5, 10)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-5)


@needs_tensorflow
def test_build_cnn_is_the_pages_cnn_and_takes_flat_rows(tiny):
    X, _ = tiny
    model = keras_lab.build_cnn(learning_rate=2e-3)
    assert model.input_shape == (None, 784)
    assert [type(layer).__name__ for layer in model.layers] == [
        "Reshape", "Conv2D", "MaxPooling2D", "Conv2D", "MaxPooling2D", "Flatten", "Dropout", "Dense", "Dropout",
        "Dense"]
    flatten = next(layer for layer in model.layers if type(layer).__name__ == "Flatten")
    assert flatten.output.shape[-1] == 7 * 7 * 64  # padding="same": 28 → 14 → 7, by the pooling only
    assert model.name == "cnn" and model.steps_per_execution == 8
    assert float(model.optimizer.learning_rate) == pytest.approx(2e-3)
    proba = model.predict(X[:3], verbose=0)
    assert proba.shape == (3, 10)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-5)


@needs_tensorflow
def test_train_grid_trains_the_pages_mlp_by_default(tiny):
    X, y = tiny
    grid = keras_lab.train_grid(X[:150], y[:150], X[150:], y[150:], epochs=(1,), batch_sizes=(64,), patience=1)
    assert grid.best_model.name == "mlp" and grid.best_model.count_params() == keras_lab.build_mlp().count_params()


@needs_tensorflow
def test_seeded_training_is_reproducible(tiny):
    X, y = tiny
    weights = []
    import keras

    for _ in range(2):
        keras.utils.set_random_seed(42)  # what train_grid does before each run
        model = _tiny_mlp()
        model.fit(X, y, epochs=1, batch_size=32, verbose=0)
        weights.append(model.get_weights())
    for a, b in zip(*weights):
        np.testing.assert_array_equal(a, b)


# --- train_grid --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def grid(tiny):
    X, y = tiny
    return keras_lab.train_grid(X[:150], y[:150], X[150:], y[150:], epochs=(1, 2), batch_sizes=(16, 64),
                                build_fn=_tiny_mlp, patience=1)


@needs_tensorflow
def test_train_grid_results_table(grid):
    results = grid.results
    assert isinstance(results, pd.DataFrame)
    assert results[["epochs", "batch_size"]].values.tolist() == [[1, 16], [1, 64], [2, 16], [2, 64]]
    assert list(results.columns) == ["epochs", "batch_size", "epochs_run", "best_epoch", "val_loss",
                                     "val_accuracy", "fit_seconds", "best"]
    assert (results["epochs_run"] <= results["epochs"]).all()
    assert (results["best_epoch"] <= results["epochs_run"]).all()
    assert (results["fit_seconds"] > 0).all()


@needs_tensorflow
def test_train_grid_chooses_the_lowest_validation_loss(grid, tiny):
    X, y = tiny
    results = grid.results
    assert results["best"].sum() == 1
    chosen = results[results["best"]].iloc[0]
    assert chosen["val_loss"] == results["val_loss"].min()
    assert grid.best_params == {"epochs": chosen["epochs"], "batch_size": chosen["batch_size"]}
    assert len(grid.best_history["val_loss"]) == chosen["epochs_run"]
    # restore_best_weights: the returned model *is* the best epoch's model
    val_loss, _ = grid.best_model.evaluate(X[150:], y[150:], verbose=0)
    assert val_loss == pytest.approx(chosen["val_loss"], rel=1e-4)


@needs_tensorflow
def test_train_grid_is_reproducible(grid, tiny):
    X, y = tiny
    # each cell is seeded on its own, so re-running one cell alone reproduces its row of the full grid
    again = keras_lab.train_grid(X[:150], y[:150], X[150:], y[150:], epochs=(2,), batch_sizes=(16,),
                                 build_fn=_tiny_mlp, patience=1)
    columns = ["epochs", "batch_size", "epochs_run", "best_epoch", "val_loss", "val_accuracy"]
    row = grid.results.set_index(["epochs", "batch_size"]).loc[(2, 16)]
    assert again.results[columns].iloc[0].tolist() == [2, 16] + row[columns[2:]].tolist()


@needs_tensorflow
def test_train_grid_learns_the_synthetic_task(grid, tiny):
    X, y = tiny
    accuracy = (grid.best_model.predict(X[150:], verbose=0).argmax(axis=1) == y[150:]).mean()
    assert accuracy > 0.5  # chance is 0.1


@needs_tensorflow
@pytest.mark.parametrize("kwargs", [{"epochs": ()}, {"batch_sizes": (0,)}])
def test_train_grid_rejects_empty_or_bad_axes(tiny, kwargs):
    X, y = tiny
    with pytest.raises(ValueError, match="positive integers"):
        keras_lab.train_grid(X, y, X, y, build_fn=_tiny_mlp, **kwargs)


# --- tables ------------------------------------------------------------------------------------------------


@needs_tensorflow
def test_history_frame_from_fit_history(tiny):
    import keras

    X, y = tiny
    keras.utils.set_random_seed(0)
    history = _tiny_mlp().fit(X, y, epochs=2, batch_size=50, validation_split=0.2, verbose=0)
    frame = keras_lab.history_frame(history)
    assert frame.index.tolist() == [1, 2] and frame.index.name == "epoch"
    assert list(frame.columns) == ["accuracy", "loss", "val_accuracy", "val_loss"]
    np.testing.assert_allclose(frame["loss"], history.history["loss"])


def test_history_frame_rejects_ragged_logs():
    with pytest.raises(ValueError, match="one value per epoch"):
        keras_lab.history_frame({"loss": [1.0, 0.5], "val_loss": [1.0]})
