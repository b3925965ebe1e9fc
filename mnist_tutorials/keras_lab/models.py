"""The models of the Fashion-MNIST lab: pixels scaled to [0, 1], a multilayer perceptron and a small CNN.

Both builders return compiled ``keras.Sequential`` models that take the flat 784-pixel rows of
``fetch_fashion_mnist()`` directly.
"""

from __future__ import annotations

import numpy as np

from .backend import _keras

__all__ = ["build_cnn", "build_mlp", "scale_pixels"]


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
