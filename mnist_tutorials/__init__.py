"""mnist-tutorials: the package behind the tutorials on classification metrics with MNIST and Fashion-MNIST.

The data layer is re-exported here; topic modules (``binary``, ``multiclass``, ``metrics``, ``logistic``,
``keras_lab``, ``flags``, ``plotting``) are imported on first use, so ``import mnist_tutorials`` stays fast and
never imports tensorflow.
"""

from __future__ import annotations

import importlib

from .datasets import (
    CLASS_NAMES,
    DataUnavailableError,
    fetch_fashion_mnist,
    fetch_mnist,
    get_data_home,
    load_fashion_mnist_csv,
    train_test_split_original,
)

from ._site import configure_site as _configure_site

__version__ = "0.1.0"
_configure_site()

__all__ = [
    "CLASS_NAMES",
    "DataUnavailableError",
    "fetch_fashion_mnist",
    "fetch_mnist",
    "get_data_home",
    "load_fashion_mnist_csv",
    "train_test_split_original",
]

_SUBMODULES = {"binary", "datasets", "flags", "keras_lab", "logistic", "metrics", "multiclass", "plotting"}


def __getattr__(name):
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
