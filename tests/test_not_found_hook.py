"""docs/hooks/not_found.py: the 404 page's links become relative to a <base> set at load time."""

from __future__ import annotations

import pathlib
import types

import pytest
from file_module import load_file_module

ROOT = pathlib.Path(__file__).resolve().parents[1]


@pytest.fixture
def hook():
    return load_file_module(ROOT / "docs" / "hooks" / "not_found.py", "not_found_hook_under_test")


PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="canonical" href="https://example.org/site/404.html">
<link rel="stylesheet" href="/site/assets/stylesheets/main.css"></head><body>
<a href="/site/" class="md-logo">home</a><a href="/site/tutorials/01/">one</a>
<script id="__config" type="application/json">{"base": "/site/"}</script>
<script src="/site/assets/javascripts/bundle.abc.min.js"></script></body></html>"""


def test_links_become_relative_and_a_base_is_set_first(hook):
    config = types.SimpleNamespace(get=lambda key, default=None: "https://example.org/site/")
    out = hook.on_post_template(PAGE, "404.html", config)
    # stylesheets and scripts are written once the base is set: no preload from a wrong guess
    assert '<link rel="stylesheet" href="' not in out and '<script src="' not in out
    assert 'document.write("<link rel=\\"stylesheet\\" href=\\"assets/stylesheets/main.css\\">")' in out
    assert 'src=\\"assets/javascripts/bundle.abc.min.js\\"><\\/script>' in out
    assert 'href=""' in out and 'href="tutorials/01/"' in out  # plain links: relative to the base
    assert 'href="https://example.org/site/404.html"' in out  # absolute URLs with a host are left alone
    assert "/site/assets" not in out
    assert out.index('createElement("base")') < out.index("main.css")  # before the first relative link
    assert out.index('getElementById("__config")') < out.index("bundle.abc")  # config fixed before the theme reads it
    assert '"/site/"' in out.split("</head>")[0]  # the site's path, for pages served under it
    assert hook.on_post_template(PAGE, "sitemap.xml", config) == PAGE  # other templates untouched


def test_a_site_at_the_root_is_left_alone_and_bad_pages_are_errors(hook):
    from mkdocs.exceptions import PluginError

    at_root = types.SimpleNamespace(get=lambda key, default=None: "https://example.org/")
    # Its links are left alone; only the search-on-demand script is added (issue 28: the 404 page fetched the index).
    out = hook.on_post_template(PAGE, "404.html", at_root)
    assert out == hook.with_search_on_demand(PAGE) and out != PAGE and "XMLHttpRequest.prototype.send" in out
    with pytest.raises(PluginError, match="no <head>"):
        hook._relocate("<html><body></body></html>", "/site/")
