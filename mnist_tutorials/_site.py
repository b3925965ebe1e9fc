"""Settings applied only while the documentation site is being built.

The MkDocs hook ``docs/hooks/execution_cache.py`` sets ``MNIST_TUTORIALS_SITE_BUILD=1`` before the tutorials
execute. Importing :mod:`mnist_tutorials` then registers and selects the plotly renderer ``"mnist_site"``, which
writes each figure as a ``<div>`` plus a ``Plotly.newPlot`` call and *no* copy of plotly.js: the site loads
plotly.js once, from one shared asset. Readers in Colab or Jupyter never set the variable and keep plotly's
default renderer.
"""

from __future__ import annotations

import hashlib
import json
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
        def __init__(self):
            self.count = 0

        def to_mimebundle(self, fig_dict):
            # A div id derived from the figure and its position on the page (not a random uuid), so two builds
            # of an unchanged page produce identical HTML; figures with frames must not play on page load.
            self.count += 1
            digest = hashlib.sha256(json.dumps(fig_dict, sort_keys=True, default=str).encode()).hexdigest()
            height = fig_dict.get("layout", {}).get("height") or 480
            html = pio.to_html(fig_dict, include_plotlyjs=False, include_mathjax=False, full_html=False,
                               config={"responsive": True, "displaylogo": False}, validate=False,
                               default_height=f"{height}px", auto_play=False,
                               div_id=f"plotly-{self.count}-{digest[:12]}")
            return {"text/html": html}

    pio.renderers["mnist_site"] = _SiteRenderer()
    pio.renderers.default = "mnist_site"
    return True
