"""Run by each kernel that executes a tutorial for the site, before the tutorial's first cell: the site's figures.

Not a hook, and not imported by MkDocs: the worker (``_notebook_worker.py``) starts each kernel with
``--InteractiveShellApp.exec_files=<this file>`` (:func:`_render.kernel_arguments`), so IPython runs it in
the kernel at start-up. Readers in Colab or Jupyter never run it and keep the default renderers; the package itself
does not know it is being built into a site. It

* registers and selects the plotly renderer ``"mnist_site"``, which writes each figure as a ``<div>`` plus a
  ``Plotly.newPlot`` call and *no* copy of plotly.js (the site loads plotly.js once, from one shared asset,
  ``assets.py``), inside a ``<figure>`` that carries the figure's text alternative and a table of its data
  (:func:`mnist_tutorials.plotting.accessible.plotly_figure_html`);
* gives matplotlib Figures an HTML output, ``<img alt="..." width height>``, whose ``alt`` is the figure's text
  alternative (:func:`mnist_tutorials.plotting.accessible.figure_img_html`): nbconvert writes no ``alt`` for
  ``image/png`` outputs, only a placeholder.

IPython runs the file in the notebook's namespace: everything happens inside :func:`_configure_site_figures`,
which deletes itself, so a tutorial's cells see no name from here (visible cells stay self-sufficient for a reader
who copies them). Its bytes are part of every tutorial's cache key (``execution_cache._notebook_key``).
"""


def _configure_site_figures() -> None:
    import base64
    import hashlib
    import json

    import plotly.io as pio
    from IPython import get_ipython
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
                               config={"responsive": True, "displaylogo": False, "displayModeBar": False},
                               validate=False, default_height=f"{height}px", auto_play=False,
                               div_id=f"plotly-{self.count}-{digest[:12]}")
            from mnist_tutorials.plotting.accessible import plotly_figure_html  # public API, imported on first use

            return {"text/html": plotly_figure_html(fig_dict, chart)}

    pio.renderers["mnist_site"] = _SiteRenderer()
    pio.renderers.default = "mnist_site"

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
        from mnist_tutorials.plotting.accessible import figure_img_html  # public API, imported on first use

        return figure_img_html(fig, png, metadata, seen)

    def register(*args):
        # IPython's select_figure_formats (run when the inline backend starts, or by `%config InlineBackend...`)
        # removes every formatter registered for Figure: start the backend first, and register again before
        # each cell in case a cell reconfigured it.
        formatters["text/html"].for_type_by_name("matplotlib.figure", "Figure", figure_html)

    shell.enable_matplotlib("inline")
    register()
    shell.events.register("pre_run_cell", register)


_configure_site_figures()
del _configure_site_figures
