"""The stylesheets and scripts that the widgets inline into their HTML, read from the package data in ``assets/``.

``assets/explorer.css`` and ``assets/explorer.js`` belong to :func:`mnist_tutorials.plotting.confusion_explorer`
(every selector scoped under ``.mte``, matrix-to-examples); ``assets/threshold_widget.css`` and
``assets/threshold_widget.js`` to :func:`mnist_tutorials.plotting.threshold_widget.threshold_widget` (under
``.mtw``, move-the-threshold widget). They are real ``.css`` and ``.js`` files, declared as package data in
``pyproject.toml`` (a wheel ships them), and the site's build-cache key hashes them
(``mnist_tutorials._cachekey`` follows the file names a module names, see :func:`read`), so editing one
re-executes the pages that use the widget.

Colours come from Material's CSS variables (then JupyterLab's) with plain fallbacks, so the widgets follow
Material's light and dark schemes and stay readable in Colab and Jupyter. The scripts use no library and no
network: each reads its widget's ``<script type="application/json">`` block and enhances the static ``<table>``
the HTML carries (without JavaScript, that table is what the reader sees). The threshold widget's counts at
another base rate are reweighted: each positive counts ``pi / pi0`` and each negative ``(1 - pi) / (1 - pi0)``,
so the totals stay ``n``.
"""

from __future__ import annotations

from importlib import resources


def read(name: str) -> str:
    """The text of ``assets/<name>`` (UTF-8).

    Examples
    --------
    >>> read("explorer.css").lstrip().startswith(".mte")
    True
    """
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")
