"""A model's predicted probabilities next to the images: the layout of TensorFlow's "Basic classification".

- :func:`plot_image_with_probabilities` shows one image next to the bar chart of its class probabilities;
- :func:`plot_prediction_grid` does it for a grid of images.

No function here imports TensorFlow: they take arrays (``model.predict`` outputs).
"""

from __future__ import annotations

import numpy as np

from .._alt import set_alt_text
from ._axes import _as_image

__all__ = ["plot_image_with_probabilities", "plot_prediction_grid"]

_RIGHT, _WRONG, _OTHER = "tab:blue", "tab:red", "#b0b0b0"

def _check_probabilities(probabilities, class_names):
    probabilities = np.asarray(probabilities, dtype=float).ravel()
    if len(probabilities) != len(class_names):
        raise ValueError(
            f"expected one probability per class ({len(class_names)}), found {len(probabilities)}; "
            "pass one row of model.predict(X)"
        )
    return probabilities


def plot_image_with_probabilities(image, probabilities, true_label, class_names, *, axes=None, cmap="binary"):
    """An image next to the bar chart of its predicted class probabilities.

    The title names the predicted class, its probability and the true class, in blue when the prediction
    is right and red when it is wrong. The predicted bar has the same colour; the true class's bar is blue.

    Parameters
    ----------
    image : array-like of shape (784,) or (28, 28)
    probabilities : array-like of shape (n_classes,)
        One row of ``model.predict(X)``.
    true_label : int
    class_names : sequence of str
    axes : (matplotlib.axes.Axes, matplotlib.axes.Axes), default=None
        Axes for the image and for the bars; a new 6×2.5-inch figure if None.
    cmap : str, default="binary"

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If there is not one probability per class name.

    Examples
    --------
    >>> p = np.full(10, 0.02); p[3] = 0.82
    >>> fig = plot_image_with_probabilities(np.zeros(784), p, 3, [str(k) for k in range(10)])
    """
    import matplotlib.pyplot as plt

    probabilities = _check_probabilities(probabilities, class_names)
    if axes is None:
        fig, axes = plt.subplots(1, 2, figsize=(6, 2.5), gridspec_kw={"width_ratios": [1, 1.6]})
    ax_image, ax_bars = axes
    fig = ax_image.figure
    predicted, true_label = int(np.argmax(probabilities)), int(true_label)
    color = _RIGHT if predicted == true_label else _WRONG
    ax_image.imshow(_as_image(image), cmap=cmap)
    ax_image.set_axis_off()
    ax_image.set_title(f"{class_names[predicted]} {probabilities[predicted]:.0%}\n(true: {class_names[true_label]})",
                       color=color, fontsize=9)
    colors = [_OTHER] * len(probabilities)
    colors[predicted] = color
    colors[true_label] = _RIGHT
    ax_bars.bar(np.arange(len(probabilities)), probabilities, color=colors)
    ax_bars.set_ylim(0, 1)
    ax_bars.set_xticks(np.arange(len(probabilities)), class_names, rotation=90, fontsize=7)
    ax_bars.tick_params(axis="y", labelsize=7)
    ax_bars.spines[["top", "right"]].set_visible(False)
    return set_alt_text(fig, takeaway=_prediction_sentence(probabilities, true_label, class_names))


def _prediction_sentence(probabilities, true_label, class_names) -> str:
    """What one prediction panel shows: the predicted class and its probability, right or wrong, the runner-up."""
    order = np.argsort(-probabilities, kind="stable")
    predicted, runner_up = int(order[0]), int(order[1]) if len(order) > 1 else None
    verdict = "right" if predicted == int(true_label) else f"wrong, the true class is {class_names[int(true_label)]}"
    text = f"Predicted {class_names[predicted]} with {probabilities[predicted]:.0%} ({verdict})"
    if runner_up is not None:
        text += f"; next {class_names[runner_up]} {probabilities[runner_up]:.0%}"
    return text


def plot_prediction_grid(images, probabilities, true_labels, class_names, *, n_rows=5, n_cols=3, axes=None):
    """A grid of :func:`plot_image_with_probabilities` pairs for the first ``n_rows × n_cols`` images.

    Parameters
    ----------
    images : array-like of shape (n, 784)
    probabilities : array-like of shape (n, n_classes)
    true_labels : array-like of shape (n,)
    class_names : sequence of str
    n_rows, n_cols : int, default=5, 3
        Pairs per column and per row; at most ``n`` are drawn.
    axes : array of matplotlib.axes.Axes of shape (n_rows, 2 * n_cols), default=None

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> p = rng.dirichlet(np.ones(10), size=4)
    >>> fig = plot_prediction_grid(np.zeros((4, 784)), p, [0, 1, 2, 3], list("abcdefghij"), n_rows=2, n_cols=2)
    """
    import matplotlib.pyplot as plt

    images = np.asarray(images).reshape(-1, 784)
    probabilities = np.asarray(probabilities, dtype=float)
    true_labels = np.asarray(true_labels)
    if not len(images) == len(probabilities) == len(true_labels):
        raise ValueError(f"expected as many images ({len(images)}), probability rows ({len(probabilities)}) and "
                         f"labels ({len(true_labels)})")
    n = min(len(images), n_rows * n_cols)
    if axes is None:
        fig, axes = plt.subplots(n_rows, 2 * n_cols, figsize=(4.2 * n_cols, 2.3 * n_rows), squeeze=False,
                                 gridspec_kw={"width_ratios": [1, 1.6] * n_cols})
    axes = np.asarray(axes).reshape(n_rows, 2 * n_cols)
    fig = axes[0, 0].figure
    for i in range(n_rows * n_cols):
        row, col = divmod(i, n_cols)
        pair = axes[row, 2 * col : 2 * col + 2]
        if i < n:
            plot_image_with_probabilities(images[i], probabilities[i], true_labels[i], class_names, axes=pair)
        else:
            for ax in pair:
                ax.set_axis_off()
    fig.tight_layout()
    predicted = probabilities[:n].argmax(axis=1)
    wrong = [i for i in range(n) if predicted[i] != int(true_labels[i])]
    text = f"{n - len(wrong)} of {n} predictions right"
    if wrong:
        text += "; wrong: " + ", ".join(f"{class_names[int(true_labels[i])]} read as {class_names[predicted[i]]} "
                                        f"({probabilities[i, predicted[i]]:.0%})" for i in wrong[:3])
    else:
        text += f", the first {class_names[predicted[0]]} with {probabilities[0, predicted[0]]:.0%}"
    return set_alt_text(fig, takeaway=text)
