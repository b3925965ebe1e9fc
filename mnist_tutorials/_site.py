"""Settings applied only while the documentation site is being built.

The MkDocs hook ``docs/hooks/execution_cache.py`` sets ``MNIST_TUTORIALS_SITE_BUILD=1`` before the tutorials
execute. Importing :mod:`mnist_tutorials` then (:func:`configure_site`)

* registers and selects the plotly renderer ``"mnist_site"``, which writes each figure as a ``<div>`` plus a
  ``Plotly.newPlot`` call and *no* copy of plotly.js (the site loads plotly.js once, from one shared asset),
  inside a ``<figure>`` that carries the figure's text alternative and a table of its data, for screen readers
  and readers without JavaScript;
* gives matplotlib Figures an HTML output, ``<img alt="..." width height>``, whose ``alt`` is the figure's text
  alternative (:func:`mnist_tutorials.plotting.alt_text`): nbconvert writes no ``alt`` for ``image/png``
  outputs, only a placeholder.

Readers in Colab or Jupyter never set the variable and keep the default renderers.
"""

from __future__ import annotations

import base64
import hashlib
import html as html_lib
import json
import os

ENV_VAR = "MNIST_TUTORIALS_SITE_BUILD"


def configure_site() -> bool:
    """Inside the site build, select the site's plotly renderer and matplotlib's HTML output with ``alt`` text.

    Returns
    -------
    bool
        True inside the build (``MNIST_TUTORIALS_SITE_BUILD`` set), False elsewhere.

    Examples
    --------
    >>> configure_site()  # outside the build: nothing changes
    False
    """
    if not configure_plotly_for_site():
        return False
    _configure_matplotlib_for_site()
    return True


def configure_plotly_for_site() -> bool:
    """Select the ``"mnist_site"`` plotly renderer if this process runs inside the site build.

    Returns
    -------
    bool
        True if the renderer was selected.

    Examples
    --------
    >>> configure_plotly_for_site()  # outside the build: nothing changes
    False
    """
    if not os.environ.get(ENV_VAR):
        return False
    import plotly.io as pio
    from plotly.io._base_renderers import MimetypeRenderer

    class _SiteRenderer(MimetypeRenderer):
        def __init__(self):
            self.count = 0

        def to_mimebundle(self, fig_dict):
            # A div id derived from the figure and its position on the page (not a random uuid), so two builds
            # of an unchanged page produce identical HTML; figures with frames must not play on page load.
            self.count += 1
            digest = hashlib.sha256(json.dumps(fig_dict, sort_keys=True, default=str).encode()).hexdigest()
            height = fig_dict.get("layout", {}).get("height") or 480
            chart = pio.to_html(fig_dict, include_plotlyjs=False, include_mathjax=False, full_html=False,
                               config={"responsive": True, "displaylogo": False, "displayModeBar": False}, validate=False,
                               default_height=f"{height}px", auto_play=False,
                               div_id=f"plotly-{self.count}-{digest[:12]}")
            return {"text/html": plotly_figure_html(fig_dict, chart)}

    pio.renderers["mnist_site"] = _SiteRenderer()
    pio.renderers.default = "mnist_site"
    return True


def plotly_figure_html(fig_dict: dict, chart: str) -> str:
    """Wrap a plotly chart's HTML in a ``<figure>`` with its text alternative and a table of its data.

    The description is read by screen readers (visually hidden); the table sits in a ``<details>`` element
    that every reader can open, with or without JavaScript.

    Examples
    --------
    >>> html = plotly_figure_html({"data": [{"type": "pie", "labels": ["a", "b"], "values": [1, 3]}]}, "<div></div>")
    >>> "<td>b</td><td>3</td><td>75.0%</td>" in html and 'class="reader-sr-only"' in html
    True
    """
    from ._alt import alt_text, plotly_data_table

    caption, header, rows = plotly_data_table(fig_dict)
    esc = html_lib.escape
    head = "".join(f'<th scope="col">{esc(cell)}</th>' for cell in header)
    body = "".join("<tr>" + "".join(f"<td>{esc(str(cell))}</td>" for cell in row) + "</tr>" for row in rows)
    return (
        '<figure class="reader-plotly">'
        f'<figcaption class="reader-sr-only">{esc(alt_text(fig_dict))}</figcaption>'
        f"{chart}"
        f'<details class="reader-plotly-data"><summary>{esc(caption)} (table)</summary>'
        f'<div class="reader-table-scroll" tabindex="0"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div></details>"
        "</figure>"
    )


def _png_size(png: bytes) -> tuple[int, int]:
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("expected PNG bytes (signature \\x89PNG), found something else")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def figure_img_html(fig, png: bytes, metadata: dict | None = None, seen: dict | None = None) -> str:
    """An ``<img>`` of a matplotlib figure's PNG, with its text alternative, width and height.

    The ``alt`` is the figure's text alternative (:func:`mnist_tutorials.plotting.alt_text`), takeaway first,
    cut to at most :data:`~mnist_tutorials._alt.MAX_ALT` characters; a longer description follows the image in a
    ``<details>`` element the image names with ``aria-describedby``. ``seen`` (the alts already written on the
    page, and how often) keeps each ``alt`` unique on its page: a repeated one says which figure of the page it is.

    Examples
    --------
    >>> import io, matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(2, 1), dpi=50)
    >>> _ = ax.set_title("Scores")
    >>> buffer = io.BytesIO(); fig.savefig(buffer, format="png")
    >>> figure_img_html(fig, buffer.getvalue()).split(" src=")[0]
    '<img alt="Panel titled &#x27;Scores&#x27;." width="100" height="50"'
    >>> seen = {}
    >>> _ = figure_img_html(fig, buffer.getvalue(), seen=seen)
    >>> figure_img_html(fig, buffer.getvalue(), seen=seen).split(" width=")[0]
    '<img alt="Panel titled &#x27;Scores&#x27;. Figure 2 of this page."'
    >>> plt.close(fig)
    """
    from ._alt import MAX_ALT, alt_text, short_alt

    width, height = _png_size(png)
    metadata = metadata or {}
    width, height = metadata.get("width", width), metadata.get("height", height)
    full = alt_text(fig)
    alt, cut = short_alt(full)
    if seen is not None:
        seen["figures"] = seen.get("figures", 0) + 1
        if alt in seen:
            note = f" Figure {seen['figures']} of this page."
            alt, cut_again = short_alt(full, MAX_ALT - len(note))
            alt, cut = alt + note, cut or cut_again
        seen[alt] = seen.get(alt, 0) + 1
    esc = html_lib.escape
    digest = hashlib.sha256(png).hexdigest()[:12]
    described = f' aria-describedby="reader-description-{digest}"' if cut else ""
    long_description = (f'<details class="reader-figure-description"><summary>Full description of the figure'
                        f'</summary><p id="reader-description-{digest}">{esc(full)}</p></details>' if cut else "")
    return (f'<img alt="{esc(alt)}" width="{int(width)}" height="{int(height)}"{described} '
            f'src="data:image/png;base64,{base64.b64encode(png).decode()}" class="reader-figure">'
            + long_description + confusion_tables_html(fig))


def _table_html(caption: str, header: list, rows: list) -> str:
    esc = html_lib.escape
    head = "".join(f'<th scope="col">{esc(cell)}</th>' for cell in header)
    body = "".join("<tr>" + "".join(f"<td>{esc(str(cell))}</td>" for cell in row) + "</tr>" for row in rows)
    return (f'<details class="reader-plotly-data"><summary>{esc(caption)} (table)</summary>'
            f'<div class="reader-table-scroll" tabindex="0"><table><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div></details>")


def confusion_tables_html(fig) -> str:
    """A ``<details>`` table of each confusion matrix drawn on a matplotlib figure (empty when there is none).

    Readers who cannot see the image, and exercises that ask for a count, get every cell as text.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from sklearn.metrics import ConfusionMatrixDisplay
    >>> disp = ConfusionMatrixDisplay.from_predictions([0, 0, 1, 1, 1], [0, 1, 1, 1, 0])
    >>> "<td>1</td><td>1</td><td>2</td>" in confusion_tables_html(disp.figure_)
    True
    >>> plt.close(disp.figure_)
    """
    from ._alt import confusion_matrix_of, confusion_table

    found = [confusion_matrix_of(ax) for ax in fig.get_axes()]
    return "".join(_table_html(*confusion_table(*c)) for c in found if c is not None)


def _configure_matplotlib_for_site() -> None:
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:  # a plain Python process: nothing is displayed
        return
    formatters = shell.display_formatter.formatters
    seen: dict = {}  # the alts written on this page (one kernel runs one page)

    def figure_html(fig):
        # The PNG the inline backend would show (same dpi, bbox and retina setting), as an <img> with alt text.
        png = formatters["image/png"](fig)
        metadata = None
        if isinstance(png, tuple):
            png, metadata = png
        if not png:
            return None
        if isinstance(png, str):
            png = base64.b64decode(png)
        return figure_img_html(fig, png, metadata, seen)

    def register(*args):
        # IPython's select_figure_formats (run when the inline backend starts, or by `%config InlineBackend...`)
        # removes every formatter registered for Figure: start the backend first, and register again before
        # each cell in case a cell reconfigured it.
        formatters["text/html"].for_type_by_name("matplotlib.figure", "Figure", figure_html)

    shell.enable_matplotlib("inline")
    register()
    shell.events.register("pre_run_cell", register)
