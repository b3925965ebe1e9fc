"""Settings applied only while the documentation site is being built.

The MkDocs hook ``docs/hooks/execution_cache.py`` sets ``MNIST_TUTORIALS_SITE_BUILD=1`` before the tutorials
execute. Importing :mod:`mnist_tutorials` then registers and selects the plotly renderer ``"mnist_site"``, which
writes each figure as a ``<div>`` plus a ``Plotly.newPlot`` call and *no* copy of plotly.js: the site loads
plotly.js once, from one shared asset. Readers in Colab or Jupyter never set the variable and keep plotly's
default renderer.
"""

from __future__ import annotations

import os

ENV_VAR = "MNIST_TUTORIALS_SITE_BUILD"


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
        def to_mimebundle(self, fig_dict):
            height = fig_dict.get("layout", {}).get("height") or 480
            html = pio.to_html(fig_dict, include_plotlyjs=False, include_mathjax=False, full_html=False,
                               config={"responsive": True, "displaylogo": False}, validate=False,
                               default_height=f"{height}px")
            return {"text/html": html}

    pio.renderers["mnist_site"] = _SiteRenderer()
    pio.renderers.default = "mnist_site"
    return True
