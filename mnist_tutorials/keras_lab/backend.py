"""Importing Keras and TensorFlow: lazily, and without the notices TensorFlow's C++ library prints.

The other modules of :mod:`mnist_tutorials.keras_lab` import Keras through ``_keras()`` inside their functions,
so importing the package never imports TensorFlow.
"""

from __future__ import annotations

import os
import sys

__all__ = ["silence_tensorflow_logs"]


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
