"""MkDocs hook: ship plotly.js once, as a shared asset, and load it only on pages that draw plotly figures.

Tutorial outputs carry no copy of plotly.js (see ``mnist_tutorials._site``). This hook adds the plotly.min.js
that comes with the installed ``plotly`` package (so the JS always matches the Python library) to the site as
``assets/javascripts/plotly.min.js``, and inserts one ``<script>`` tag into the ``<head>`` of every page whose
content contains a plotly figure.
"""

from __future__ import annotations

import pathlib

from mkdocs.structure.files import File

PLOTLY_ASSET = "assets/javascripts/plotly.min.js"


def _plotly_js() -> pathlib.Path:
    import plotly

    path = pathlib.Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not path.is_file():
        raise FileNotFoundError(f"assets hook: expected plotly.js at {path}, found nothing; reinstall plotly")
    return path


def on_files(files, config):
    files.append(File.generated(config, PLOTLY_ASSET, abs_src_path=str(_plotly_js())))
    return files


def on_post_page(output, page, config):
    if "plotly-graph-div" not in output:
        return output
    depth = page.url.count("/")
    tag = f'<script src="{"../" * depth}{PLOTLY_ASSET}" charset="utf-8"></script>'
    head_end = output.find("</head>")
    if head_end == -1:
        raise ValueError(f"assets hook: page {page.file.src_uri} has no </head>; cannot load plotly.js")
    return output[:head_end] + tag + output[head_end:]
