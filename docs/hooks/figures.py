"""MkDocs hook: figures for the Markdown pages, drawn at build time by the package's ``plot_*`` functions.

Each figure is rendered to PNG and added to the site as ``generated/<name>.png`` (a generated file in
``site/``; nothing is written into ``docs/`` or committed). Markdown pages link to ``generated/<name>.png`` as
if it were a normal file. The PNGs are cached in ``.cache/figures/<key>/`` (next to the site's mkdocs.yml), where the
key is the build caches' one rule (``mnist_tutorials._cachekey.cache_key``): this hook's bytes, the package modules
it imports (transitively), the data checksums and the library versions. So ``mkdocs serve`` does not redraw them on every save, yet never
shows a stale figure. Each PNG is written atomically; a truncated one is logged, deleted and drawn again. Other key
folders are removed after a build succeeds.
"""

from __future__ import annotations

import io
import pathlib
import shutil

from mkdocs.structure.files import File

import _buildcache  # sibling module: docs/hooks/_buildcache.py
import _shared  # sibling module: docs/hooks/_shared.py


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

_state: dict = {}


def _key() -> str:
    return _buildcache.cache_key("figures", [__file__])


def _render(make) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = make()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def _cache_root(config) -> pathlib.Path:
    return _shared.cache_dir(config) / "figures"


def on_files(files, config):
    cache = _cache_root(config) / _key()
    for name, make in FIGURES.items():
        path = cache / f"{name}.png"
        content = _buildcache.read_png(path)
        if content is None:
            content = _render(make)
            _buildcache.atomic_write(path, content)
        files.append(File.generated(config, f"generated/{name}.png", content=content))
    _state["cache"] = cache
    return files


def on_post_build(config):
    """The build succeeded: figure folders of other keys are stale."""
    for stale in _cache_root(config).iterdir():
        if stale.is_dir() and stale != _state.get("cache"):
            shutil.rmtree(stale)
    _buildcache.remove_partials(_state["cache"])

