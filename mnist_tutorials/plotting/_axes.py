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
