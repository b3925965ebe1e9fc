"""MkDocs hook: figures for the Markdown pages, drawn at build time by the package's ``plot_*`` functions.

Each figure is rendered to PNG in memory and added to the site as ``generated/<name>.png`` (a generated
file in ``site/``; nothing is written into ``docs/`` or committed). Markdown pages link to
``generated/<name>.png`` as if it were a normal file.
"""

from __future__ import annotations

import io

from mkdocs.structure.files import File


def _home_datasets():
    import matplotlib.pyplot as plt

    from mnist_tutorials import fetch_fashion_mnist, fetch_mnist
    from mnist_tutorials.plotting import plot_class_examples, plot_digits

    mnist, fashion = fetch_mnist(), fetch_fashion_mnist()
    fig = plt.figure(figsize=(12, 5.2), layout="constrained")
    left, right = fig.subfigures(1, 2, width_ratios=[1, 1.35])
    plot_digits(mnist.data[:100], n_cols=10, ax=left.subplots())
    left.suptitle("MNIST: the first 100 digits")
    plot_class_examples(fashion.data[:60000], fashion.target[:60000], fashion.target_names,
                        axes=right.subplots(2, 5))
    right.suptitle("Fashion-MNIST: the first item of each class")
    return fig


FIGURES = {"home_datasets": _home_datasets}


def on_files(files, config):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    for name, make in FIGURES.items():
        fig = make()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=110, metadata={"Software": None})
        plt.close(fig)
        files.append(File.generated(config, f"generated/{name}.png", content=buffer.getvalue()))
    return files
