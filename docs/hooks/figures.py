"""MkDocs hook: figures for the Markdown pages, drawn at build time by the package's ``plot_*`` functions.

Each figure is rendered to PNG and added to the site as ``generated/<name>.png`` (a generated file in
``site/``; nothing is written into ``docs/`` or committed). Markdown pages link to ``generated/<name>.png`` as
if it were a normal file. The PNGs are cached in ``.cache/figures/<key>/``, where the key hashes the package
sources and this hook, so ``mkdocs serve`` does not redraw them on every save, yet never shows a stale figure.
"""

from __future__ import annotations

import hashlib
import io
import pathlib

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


def _score_histograms():
    from sklearn.linear_model import SGDClassifier

    from mnist_tutorials import fetch_mnist
    from mnist_tutorials.plotting import plot_score_histograms

    mnist = fetch_mnist()
    X, y = mnist.data, mnist.target
    sgd_clf = SGDClassifier(random_state=42).fit(X[:10000], y[:10000] == "5")
    y_scores = sgd_clf.decision_function(X[10000:20000])
    return plot_score_histograms(y[10000:20000] == "5", y_scores, threshold=0,
                                 labels=("not a 5", "a 5"))


FIGURES = {"home_datasets": _home_datasets, "score_histograms": _score_histograms}


ROOT = pathlib.Path(__file__).resolve().parents[2]
CACHE_ROOT = ROOT / ".cache" / "figures"


def _key() -> str:
    hasher = hashlib.sha256(pathlib.Path(__file__).read_bytes())
    for path in sorted((ROOT / "mnist_tutorials").rglob("*.py")):
        hasher.update(path.read_bytes())
    return hasher.hexdigest()[:20]


def _render(make) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = make()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def on_files(files, config):
    cache = CACHE_ROOT / _key()
    for name, make in FIGURES.items():
        path = cache / f"{name}.png"
        if not path.is_file():
            cache.mkdir(parents=True, exist_ok=True)
            path.write_bytes(_render(make))
        files.append(File.generated(config, f"generated/{name}.png", content=path.read_bytes()))
    for stale in CACHE_ROOT.iterdir():
        if stale != cache:
            for leftover in stale.iterdir():
                leftover.unlink()
            stale.rmdir()
    return files
