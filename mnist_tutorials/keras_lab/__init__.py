"""Keras helpers for the Fashion-MNIST lab, one submodule per job.

- :mod:`~mnist_tutorials.keras_lab.backend`: :func:`silence_tensorflow_logs` imports TensorFlow without the
  notices its C++ library prints;
- :mod:`~mnist_tutorials.keras_lab.models`: :func:`scale_pixels` maps 0…255 pixels to [0, 1] float32;
- :mod:`~mnist_tutorials.keras_lab.saved`: the pages' own models, ``build_mlp`` (the Keras tutorial's MLP) and
  ``build_cnn`` (the next page's CNN), each written once, on its page, and copied here by
  ``scripts/sync_saved.py``; they return compiled ``keras.Sequential`` models that take the flat 784-pixel rows of
  ``fetch_fashion_mnist()`` directly;
- :mod:`~mnist_tutorials.keras_lab.training`: :func:`train_grid` trains one model per (epochs, batch size)
  pair with ``EarlyStopping`` and picks the one with the lowest validation loss; :func:`history_frame` turns
  a ``History`` into a DataFrame.

Every name is importable from here (``from mnist_tutorials.keras_lab import build_mlp``). The tables of a
model's predictions and mistakes are in :mod:`mnist_tutorials.mistakes`, the plots in
:mod:`mnist_tutorials.plotting`.

This is the only part of the package that imports TensorFlow, and it does so inside the functions that need
it (``saved`` imports Keras, and is imported on first use of ``build_mlp`` or ``build_cnn``), so
``import mnist_tutorials.keras_lab`` is as fast as ``import mnist_tutorials``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .backend import silence_tensorflow_logs
from .models import scale_pixels
from .training import GridResult, history_frame, train_grid

if TYPE_CHECKING:  # for type checkers and the API reference; at run time __getattr__ below imports them on first use
    from .saved import build_cnn, build_mlp

__all__ = [
    "GridResult",
    "build_cnn",
    "build_mlp",
    "history_frame",
    "scale_pixels",
    "silence_tensorflow_logs",
    "train_grid",
]

_SAVED = ("build_cnn", "build_mlp")  # from .saved, which imports Keras: loaded on first use


def __getattr__(name):
    if name in _SAVED:
        from . import saved

        return getattr(saved, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
