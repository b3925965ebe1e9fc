"""MkDocs hook: shared assets instead of per-page copies.

* **plotly.js.** Tutorial outputs carry no copy of plotly.js (see ``mnist_tutorials._site``). This hook adds the
  plotly.min.js that comes with the installed ``plotly`` package (so the JS always matches the Python library)
  to the site as ``assets/javascripts/plotly.min.js``, and inserts one ``<script>`` tag into the ``<head>`` of
  every page whose content contains a plotly figure.
* **Notebook CSS.** mkdocs-jupyter inlines about 0.6 MB of JupyterLab CSS into every notebook page. This hook
  moves each large ``<style>`` block into ``assets/stylesheets/notebook-<hash>.css``, written once, and links it.
"""

from __future__ import annotations

import hashlib
import pathlib
import re

from mkdocs.structure.files import File

PLOTLY_ASSET = "assets/javascripts/plotly.min.js"
CSS_DIR = "assets/stylesheets"
LARGE_STYLE = 20_000  # characters; smaller blocks (dataframe styles, pygments) stay inline
_STYLE = re.compile(r'<style type="text/css">(.*?)</style>', re.S)
_css_files: dict = {}


def _plotly_js() -> pathlib.Path:
    import plotly

    path = pathlib.Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not path.is_file():
        raise FileNotFoundError(f"assets hook: expected plotly.js at {path}, found nothing; reinstall plotly")
    return path


def on_files(files, config):
    files.append(File.generated(config, PLOTLY_ASSET, abs_src_path=str(_plotly_js())))
    return files


def on_page_content(html, page, config, files):
    to_root = "../" * page.url.count("/")

    def externalise(match):
        css = match.group(1)
        if len(css) < LARGE_STYLE:
            return match.group(0)
        name = f"{CSS_DIR}/notebook-{hashlib.sha256(css.encode()).hexdigest()[:12]}.css"
        _css_files[name] = css
        return f'<link rel="stylesheet" href="{to_root}{name}">'

    return _STYLE.sub(externalise, html)


def on_post_page(output, page, config):
    if "plotly-graph-div" not in output:
        return output
    depth = page.url.count("/")
    tag = f'<script src="{"../" * depth}{PLOTLY_ASSET}" charset="utf-8"></script>'
    head_end = output.find("</head>")
    if head_end == -1:
        raise ValueError(f"assets hook: page {page.file.src_uri} has no </head>; cannot load plotly.js")
    return output[:head_end] + tag + output[head_end:]


def on_post_build(config):
    site = pathlib.Path(config.site_dir)
    for name, css in _css_files.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(css, encoding="utf-8")
