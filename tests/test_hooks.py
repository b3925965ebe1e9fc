"""The MkDocs hooks: the execution-cache configuration and the shared-asset rewriting (no build needed)."""

from __future__ import annotations

import pathlib
import types

import pytest
from file_module import load_file_module

HOOKS = pathlib.Path(__file__).resolve().parents[1] / "docs" / "hooks"


def _load(name):
    return load_file_module(HOOKS / f"{name}.py", f"hook_{name}")


@pytest.fixture
def cache_hook():
    return _load("execution_cache")


def test_on_config_requires_the_notebook_plugin(cache_hook):
    from mkdocs.exceptions import PluginError

    class Config:
        plugins = {"search": object()}

    with pytest.raises(PluginError, match="execution_cache hook: expected the 'mkdocs-jupyter' plugin"):
        cache_hook.on_config(Config())


def test_assets_hook_moves_large_notebook_css_out_of_the_page():
    hook = _load("assets")

    class Page:
        url = "tutorials/01_meet_the_data/"

    big = "a{color:red}" * 3000
    html = f'<style type="text/css">{big}</style><style type="text/css">small{{}}</style><p>text</p>'
    out = hook.on_page_content(html, Page(), None, None)
    assert big not in out and "small{}" in out
    assert '<link rel="stylesheet" href="../../assets/stylesheets/notebook-' in out
    assert list(hook._css_files.values()) == [big]


def test_assets_hook_loads_plotly_only_where_needed():
    hook = _load("assets")

    class Page:
        url = "tutorials/x/"
        content = "<p>no math</p>"

        class file:
            src_uri = "tutorials/x.py"

    from mkdocs.exceptions import PluginError

    config = types.SimpleNamespace(plugins={})
    plain = "<html><head></head><body>no chart</body></html>"
    out = hook.on_post_page(plain, Page(), config)
    assert "plotly" not in out and "search_index" in out  # every page holds the search index back
    chart = '<html><head></head><body><div class="plotly-graph-div"></div></body></html>'
    out = hook.on_post_page(chart, Page(), config)
    assert out.count("plotly.min.js") == 1 and '<script defer src="../../assets/javascripts/plotly.min.js"' in out
    with pytest.raises(PluginError, match="no </head>"):
        hook.on_post_page('<div class="plotly-graph-div"></div>', Page(), config)
