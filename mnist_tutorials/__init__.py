"""mnist-tutorials: the package behind the tutorials on classification metrics with MNIST and Fashion-MNIST.

The data layer is re-exported here; every public submodule (``binary``, ``multiclass``, ``metrics``,
``logistic``, ``deskew``, ``keras_lab``, ``flags``, ``plotting``, …) is imported on first use as an attribute,
so ``import mnist_tutorials`` stays fast and never imports tensorflow.
"""

from __future__ import annotations

import importlib
import pkgutil

from .datasets import (
    CLASS_NAMES,
    DataUnavailableError,
    fetch_fashion_mnist,
    fetch_mnist,
    get_data_home,
    load_fashion_mnist_csv,
)

__version__ = "0.1.0"

__all__ = [
    "CLASS_NAMES",
    "DataUnavailableError",
    "fetch_fashion_mnist",
    "fetch_mnist",
    "get_data_home",
    "load_fashion_mnist_csv",
]

# The public submodules, read from the package's files (no hand-kept list to forget a new module in).
_SUBMODULES = frozenset(info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_"))


def __getattr__(name):
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | _SUBMODULES)
