"""Keras helpers for the Fashion-MNIST lab, one submodule per job.

- :mod:`~mnist_tutorials.keras_lab.backend`: :func:`silence_tensorflow_logs` imports TensorFlow without the
  notices its C++ library prints;
- :mod:`~mnist_tutorials.keras_lab.models`: :func:`scale_pixels` maps 0…255 pixels to [0, 1] float32;
  :func:`build_mlp` and :func:`build_cnn` return compiled ``keras.Sequential`` models that take the flat
  784-pixel rows of ``fetch_fashion_mnist()`` directly;
- :mod:`~mnist_tutorials.keras_lab.training`: :func:`train_grid` trains one model per (epochs, batch size)
  pair with ``EarlyStopping`` and picks the one with the lowest validation loss; :func:`history_frame` turns
  a ``History`` into a DataFrame.

Every name is importable from here (``from mnist_tutorials.keras_lab import build_mlp``). The tables of a
model's predictions and mistakes are in :mod:`mnist_tutorials.mistakes`, the plots in
:mod:`mnist_tutorials.plotting`.

This is the only part of the package that imports TensorFlow, and it does so inside the functions that need
it, so ``import mnist_tutorials.keras_lab`` is as fast as ``import mnist_tutorials``.
"""

from __future__ import annotations

from .backend import silence_tensorflow_logs
from .models import build_cnn, build_mlp, scale_pixels
from .training import GridResult, history_frame, train_grid

__all__ = [
    "GridResult",
    "build_cnn",
    "build_mlp",
    "history_frame",
    "scale_pixels",
    "silence_tensorflow_logs",
    "train_grid",
]
