"""Accessible HTML of a figure: an ``<img>`` with its text alternative, a chart with a table of its data.

Pure functions, figure in, HTML out. A page that writes figures as HTML (the documentation site does, for every
figure of its tutorials) gets for each one

* :func:`figure_img_html`: a matplotlib figure's PNG as ``<img alt="..." width height>``, the ``alt`` being the
  figure's text alternative (:func:`mnist_tutorials.plotting.alt_text`; nbconvert writes none for ``image/png``
  outputs), a longer description in a ``<details>`` when the ``alt`` had to be cut, and a table of every confusion
  matrix drawn on it (:func:`confusion_tables_html`);
* :func:`plotly_figure_html`: a plotly chart's HTML inside a ``<figure>`` with its text alternative (for screen
  readers) and a ``<details>`` table of its data (for every reader, with or without JavaScript).

Nothing here changes how a notebook displays figures; the site's build chooses to use these functions
(``docs/hooks/_kernel_setup.py``).
"""

from __future__ import annotations

import base64
import hashlib
import html as html_lib

__all__ = ["confusion_tables_html", "figure_img_html", "plotly_figure_html"]


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
    from .._alt import alt_text, plotly_data_table

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
    from .._alt import MAX_ALT, alt_text, short_alt

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
    from .._alt import confusion_matrix_of, confusion_table

    found = [confusion_matrix_of(ax) for ax in fig.get_axes()]
    return "".join(_table_html(*confusion_table(*c)) for c in found if c is not None)
