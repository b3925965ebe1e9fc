"""Plots for the Fashion-MNIST lab: pixel values, class averages, training curves, predicted probabilities.

- :func:`plot_annotated_image` writes every pixel value on the image;
- :func:`plot_pixel_histogram` shows how often each pixel value occurs;
- :func:`plot_class_averages` draws the mean (or standard deviation) image of each class;
- :func:`label_pie` is an interactive plotly pie of the label distribution;
- :func:`plot_history` draws loss and accuracy per epoch, training against validation;
- :func:`plot_image_with_probabilities` and :func:`plot_prediction_grid` show an image next to the bar
  chart of its class probabilities (the layout of TensorFlow's "Basic classification" tutorial).

No function here imports TensorFlow: they take arrays (``model.predict`` outputs, ``History.history``).
"""

from __future__ import annotations

import numpy as np

from .._alt import set_alt_text
from .images import _as_image, _new_axes

__all__ = [
    "label_pie",
    "plot_annotated_image",
    "plot_class_averages",
    "plot_history",
    "plot_image_with_probabilities",
    "plot_pixel_histogram",
    "plot_prediction_grid",
]

_RIGHT, _WRONG, _OTHER = "tab:blue", "tab:red", "#b0b0b0"


def plot_annotated_image(image, *, ax=None, title=None, cmap="binary", fontsize=5.5):
    """Draw one 28×28 image with its value written on every pixel.

    Values at least half of the image's maximum are written in white (on dark ink), the others in black.

    Parameters
    ----------
    image : array-like of shape (784,) or (28, 28)
    ax : matplotlib.axes.Axes, default=None
        A new 10×10-inch figure if None (the numbers need room).
    title : str, default=None
    cmap : str, default="binary"
    fontsize : float, default=5.5

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_annotated_image(np.arange(784) % 256, title="a ramp")
    """
    image = _as_image(image)
    fig, ax = _new_axes(ax, (10, 10))
    ax.imshow(image, cmap=cmap)
    threshold = image.max() / 2
    for (row, col), value in np.ndenumerate(image):
        ax.text(col, row, f"{value:g}", ha="center", va="center", fontsize=fontsize,
                color="white" if value >= threshold and value > 0 else "black")
    ax.set_xticks([])
    ax.set_yticks([])
    if title is not None:
        ax.set_title(title)
    return fig


def plot_pixel_histogram(X, *, ax=None, max_value=255, log=True):
    """Histogram of all pixel values in ``X``, one bar per integer value.

    Parameters
    ----------
    X : array-like of integer-valued pixels, any shape
    ax : matplotlib.axes.Axes, default=None
    max_value : int, default=255
    log : bool, default=True
        Logarithmic count axis: background zeros outnumber every other value by far.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If the values are not integers in ``[0, max_value]`` (pass raw pixels, not scaled ones).

    Examples
    --------
    >>> fig = plot_pixel_histogram(np.array([[0, 0, 0, 128, 255]]))
    """
    values = np.asarray(X).ravel()
    if values.size and (values.min() < 0 or values.max() > max_value or np.any(values % 1)):
        raise ValueError(
            f"expected integer pixel values in [0, {max_value}], found values in "
            f"[{values.min():g}, {values.max():g}]; pass the raw pixels, not scaled ones"
        )
    counts = np.bincount(values.astype(np.int64), minlength=max_value + 1)
    fig, ax = _new_axes(ax, (8, 3.5))
    ax.bar(np.arange(max_value + 1), counts, width=1.0, color="tab:blue")
    ax.bar([0], counts[:1], width=1.0, color="tab:red", label=f"0 (background): {counts[0] / counts.sum():.1%}")
    if log:
        ax.set_yscale("log")
    ax.set_xlim(-1, max_value + 1)
    ax.set_xlabel("pixel value")
    ax.set_ylabel("pixels (log scale)" if log else "pixels")
    ax.legend(loc="upper center", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def plot_class_averages(X, y, class_names=None, *, statistic="mean", axes=None, cmap="binary"):
    """Draw the average (or standard-deviation) image of each class, in one row.

    Parameters
    ----------
    X : array-like of shape (n_samples, 784)
    y : array-like of shape (n_samples,)
        Integer labels; classes in sorted order.
    class_names : sequence of str, default=None
        Name of class ``k`` at index ``k``.
    statistic : {"mean", "std"}, default="mean"
        ``"std"`` shows where the images of a class disagree (bright = varies a lot).
    axes : array of matplotlib.axes.Axes, default=None
        One per class; a new figure with one row if None.
    cmap : str, default="binary"

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If ``statistic`` is not ``"mean"`` or ``"std"``.

    Examples
    --------
    >>> X = np.random.default_rng(0).integers(0, 256, (20, 784))
    >>> fig = plot_class_averages(X, np.arange(20) % 2, ["even", "odd"])
    """
    import matplotlib.pyplot as plt

    if statistic not in ("mean", "std"):
        raise ValueError(f"expected statistic 'mean' or 'std', found {statistic!r}")
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    classes = np.unique(y)
    reduce = np.mean if statistic == "mean" else np.std
    images = [reduce(X[y == c], axis=0).reshape(28, 28) for c in classes]
    if axes is None:
        fig, axes = plt.subplots(1, len(classes), figsize=(1.6 * len(classes), 2.0), squeeze=False)
    axes = np.ravel(axes)
    fig = axes[0].figure
    vmax = max(image.max() for image in images)
    for ax, c, image in zip(axes, classes, images):
        ax.imshow(image, cmap=cmap, vmin=0, vmax=vmax)
        ax.set_title(class_names[int(c)] if class_names is not None else str(c), fontsize=9)
        ax.set_axis_off()
    return fig


def label_pie(y, class_names=None, *, title="Distribution of the labels"):
    """Interactive plotly pie chart of how many samples each class has.

    Parameters
    ----------
    y : array-like of shape (n_samples,)
    class_names : sequence of str, default=None
        Slice ``k`` is named ``"class_names[k] (k)"``.
    title : str, default="Distribution of the labels"

    Returns
    -------
    plotly.graph_objects.Figure

    Examples
    --------
    >>> fig = label_pie(np.array([0, 1, 1, 2]), ["a", "b", "c"])
    >>> [int(count) for count in fig.data[0].values]
    [1, 2, 1]
    """
    import plotly.graph_objects as go

    classes, counts = np.unique(np.asarray(y), return_counts=True)
    names = [f"{class_names[int(c)]} ({c})" if class_names is not None else str(c) for c in classes]
    fig = go.Figure(go.Pie(labels=names, values=counts.tolist(), sort=False, direction="clockwise",
                           textinfo="label+percent", hovertemplate="%{label}: %{value:,} images<extra></extra>"))
    fig.update_layout(title=title, height=480, showlegend=False, margin=dict(t=60, b=20, l=20, r=20))
    return fig


def plot_history(history, *, metrics=("loss", "accuracy"), best_epoch=None, axes=None):
    """Training against validation curves, one panel per metric.

    Parameters
    ----------
    history : dict of list, keras History or pandas.DataFrame
        ``History.history`` (or :func:`mnist_tutorials.keras_lab.history_frame`'s output), with ``metric``
        and ``val_metric`` for each metric.
    metrics : sequence of str, default=("loss", "accuracy")
    best_epoch : int, default=None
        If given (counting from 1), a dotted vertical line marks it, e.g. the epoch whose weights
        ``EarlyStopping(restore_best_weights=True)`` kept.
    axes : array of matplotlib.axes.Axes, default=None
        One per metric; a new figure if None.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If a metric (or its ``val_`` twin) is missing.

    Examples
    --------
    >>> h = {"loss": [0.6, 0.4, 0.3], "val_loss": [0.5, 0.45, 0.46],
    ...      "accuracy": [0.8, 0.85, 0.9], "val_accuracy": [0.82, 0.84, 0.84]}
    >>> fig = plot_history(h, best_epoch=2)
    """
    import matplotlib.pyplot as plt

    logs = getattr(history, "history", history)
    if hasattr(logs, "to_dict") and not isinstance(logs, dict):
        logs = {name: logs[name].tolist() for name in logs.columns}
    for metric in metrics:
        for key in (metric, f"val_{metric}"):
            if key not in logs:
                raise ValueError(f"expected the history to log {key!r}, found {sorted(logs)}")
    if axes is None:
        fig, axes = plt.subplots(1, len(metrics), figsize=(5 * len(metrics), 3.5), squeeze=False)
    axes = np.ravel(axes)
    fig = axes[0].figure
    for ax, metric in zip(axes, metrics):
        epochs = np.arange(1, len(logs[metric]) + 1)
        ax.plot(epochs, logs[metric], "o-", ms=3, label=f"training {metric}")
        ax.plot(epochs, logs[f"val_{metric}"], "s--", ms=3, label=f"validation {metric}")
        if best_epoch is not None:
            ax.axvline(best_epoch, color="k", ls=":", lw=1, label=f"best epoch ({best_epoch})")
        ax.set_xlabel("epoch")
        ax.set_ylabel(metric)
        ax.grid(True, alpha=0.3)
        ax.legend(frameon=False)
    fig.tight_layout()
    last = "; ".join(f"{metric}: training {logs[metric][-1]:.3g}, validation {logs[f'val_{metric}'][-1]:.3g}"
                     for metric in metrics)
    return set_alt_text(fig, takeaway=f"After {len(logs[metrics[0]])} epochs, {last}.")


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
    return fig


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
    return fig
