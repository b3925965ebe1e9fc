"""Helpers shared by the plotting modules (private)."""

from __future__ import annotations

import numpy as np

__all__ = []


def _new_axes(ax, figsize):
    import matplotlib.pyplot as plt

    if ax is None:
        fig, ax = plt.subplots(figsize=figsize)
        return fig, ax
    return ax.figure, ax


def _as_image(image):
    image = np.asarray(image, dtype=float)
    if image.size != 784:
        raise ValueError(f"expected one 28×28 image (784 values), found shape {image.shape}")
    return image.reshape(28, 28)


def _format_threshold(threshold: float) -> str:
    """A threshold as a reader expects it: ``3,000`` for a decision score, ``0.5`` for a probability.

    Scores of linear models run in the thousands and read best as whole numbers; thresholds on a probability or
    a small score need their significant digits (``{:,.0f}`` would print 0.5 as "0").
    """
    threshold = float(threshold)
    if abs(threshold) >= 100:
        return f"{threshold:,.0f}"
    return f"{threshold:.3g}"
