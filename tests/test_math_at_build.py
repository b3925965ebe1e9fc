"""Issue 28: every formula typeset at build time (``docs/hooks/_mathsvg.py``), so no page loads MathJax.

MathJax's start-up in the browser was the largest long task left on the notebook pages with math (343 ms in a
mobile Lighthouse run of the logistic-regression tutorial). Unit tests run the real node + vendored MathJax on
small pages; ``build`` tests read the built ``site/``.
"""

from __future__ import annotations

import html
import pathlib
import re
import types

import pytest
from file_module import load_file_module

ROOT = pathlib.Path(__file__).resolve().parents[1]
HOOKS = ROOT / "docs" / "hooks"
MATHJAX = ROOT / "vendor" / "mathjax" / "es5"


def _hook(name):
    return load_file_module(HOOKS / f"{name}.py", f"hook_{name}_math_at_build")


@pytest.fixture
def assets(monkeypatch):
    module = _hook("assets")
    if not module._mathsvg.available(MATHJAX):
        pytest.fail(f"expected MathJax vendored in {MATHJAX}; run `bash scripts/setup.sh`")
    # The repository's vendor/, whatever site an earlier test built in this process (the build state is shared: a
    # tiny site's on_config points it at its stand-ins).
    monkeypatch.setattr(module.STATE, "vendor", None)
    return module


def _post_page(assets, body: str, src_uri: str = "tutorials/08_logistic_regression.py") -> str:
    page = types.SimpleNamespace(url="tutorials/08_logistic_regression/", content=body,
                                 file=types.SimpleNamespace(src_uri=src_uri))
    return assets.on_post_page(f"<html><head></head><body>{body}</body></html>", page, types.SimpleNamespace())


# What nbconvert writes for a Markdown cell, a fill cell's Markdown output, and code: a notebook page in small.
NOTEBOOK = (
    '<div class="jupyter-wrapper"><div class="jp-Cell jp-MarkdownCell"><div class="jp-RenderedHTMLCommon '
    'jp-RenderedMarkdown jp-MarkdownOutput" data-mime-type="text/markdown">'
    '<h2 id="The-sigmoid">The sigmoid<a class="anchor-link" href="#The-sigmoid">¶</a></h2>'
    '<p>It maps $z$ into $(0, 1)$:</p>\n<p>$$\\sigma(z) = \\frac{1}{1+e^{-z}}$$</p>'
    '<p>Predict 1 when $\\hat{y} \\geq 0.5$, i.e. $a &lt; b$. <code>np.exp</code> costs $5 in <em>$10</em> bills.</p>'
    "<pre><code>price = '$x$'</code></pre></div></div>"
    '<div class="jp-Cell jp-CodeCell"><div class="jp-InputArea"><pre><span>f"${x}$"</span></pre></div>'
    '<div class="jp-OutputArea"><div class="jp-OutputArea-output"><pre>$y$ printed</pre></div>'
    '<div class="jp-RenderedMarkdown jp-MarkdownOutput jp-OutputArea-output" data-mime-type="text/markdown">'
    "<p>Row $i$ holds digit $i$.</p></div></div></div></div>"
)


def test_a_notebook_pages_formulas_become_svg_with_mathml_and_no_mathjax(assets):
    out = _post_page(assets, NOTEBOOK)
    texs = [html.unescape(t) for t in re.findall(r'<math xmlns="[^"]*" alttext="([^"]*)"', out)]
    assert texs == ["z", "(0, 1)", "\\sigma(z) = \\frac{1}{1+e^{-z}}", "\\hat{y} \\geq 0.5", "a < b", "i", "i"]
    assert out.count("<mjx-container") == 7 and out.count('<mjx-container class="MathJax" jax="SVG" display="true"') == 1
    assert out.count("<mjx-assistive-mml") == 7 and "<mi>σ</mi>" in out  # what screen readers read
    # Code, the outputs of code and dollars split by a tag stay as written.
    assert "costs $5 in <em>$10</em> bills" in out and "price = '$x$'" in out
    assert 'f"${x}$"' in out and "<pre>$y$ printed</pre>" in out
    assert "mathjax" not in out.lower().replace("class=\"mathjax\"", "")
    assert '<style id="reader-math">' in out and "mjx-container[jax=SVG]>svg{max-width:none}" in out


def test_formulas_follow_the_text_colour(assets):
    out = _post_page(assets, NOTEBOOK)
    colours = set(re.findall(r'\b(?:fill|stroke)="([^"]*)"', out))
    assert colours == {"currentColor"}, colours  # dark mode: the glyphs take the scheme's text colour
    assert not re.search(r"(?<![-\w])color\s*:", re.sub(r"<style.*?</style>", "", out, flags=re.S))


def test_each_glyph_is_written_once_and_every_use_finds_it(assets):
    out = _post_page(assets, NOTEBOOK)
    used = set(re.findall(r'<use [^>]*xlink:href="#([^"]+)"', out))
    defined = re.findall(r'<path id="([^"]+)"', out)
    assert used and used <= set(defined) and len(defined) == len(set(defined)), (used - set(defined), defined)
    assert out.count('style="display: none"><defs>') == 1 and out.index("<defs>") < out.index("<mjx-container")


def test_a_markdown_page_is_typeset_too(assets):
    body = ('<p>With <span class="arithmatex">\\(TP &lt; 2\\)</span>:</p>'
            '<div class="arithmatex">\\[F_1 = \\frac{2}{3}\\]</div>')
    out = _post_page(assets, body, "concepts/metrics.md")
    assert "data-mathjax" not in out and "javascripts/mathjax.js" not in out and "\\(" not in out
    assert out.count('<mjx-container class="MathJax" jax="SVG"') == 2 and 'display="true"' in out
    assert out.count("<mjx-assistive-mml") == 2 and "<mi>T</mi>" in out and 'alttext="TP &lt; 2"' in out
    assert out.startswith('<html><head><script>') and '<style id="reader-math">' in out


def test_a_formula_mathjax_cannot_parse_fails_the_build(assets):
    body = '<div class="jupyter-wrapper"><div class="jp-RenderedMarkdown"><p>$\\frac{1}{$</p></div></div>'
    with pytest.raises(Exception, match=r"tutorials/08_logistic_regression\.py: MathJax cannot typeset the formula "
                                        r"'\\\\frac\{1\}\{': Missing close brace"):
        _post_page(assets, body)


def test_a_page_without_math_is_left_alone(assets):
    body = '<div class="jupyter-wrapper"><div class="jp-RenderedMarkdown"><p>No formula, $5.</p></div></div>'
    assert _post_page(assets, body).endswith(f"<body>{body}</body></html>")


def _site_pages(site_dir):
    return [p for p in sorted(site_dir.rglob("*.html")) if "http-equiv=\"refresh\"" not in p.read_text("utf-8")[:2000]]


@pytest.mark.build
def test_no_page_of_the_site_loads_mathjax_and_every_formula_is_readable(site_dir):
    mathsvg = _hook("_mathsvg")
    typeset = {}
    for path in _site_pages(site_dir):
        page = path.read_text(encoding="utf-8")
        name = path.relative_to(site_dir).as_posix()
        assert not re.search(r"<script[^>]*(mathjax|tex-mml)", page, re.I), f"{name} loads MathJax"
        assert mathsvg.notebook_formulas(page) == [], f"{name}: TeX left in the prose"
        assert not re.search(r'class="arithmatex">\s*\\[(\[]', page), f"{name}: arithmatex TeX left"
        containers = re.findall(r"<mjx-container.*?</mjx-container>", page, re.S)
        for container in containers:
            assert re.search(r'<mjx-assistive-mml[^>]*><math xmlns="[^"]*" alttext="[^"]+"', container), container[:300]
            assert 'aria-hidden="true"' in container and "data-mjx-error" not in container
        if containers:
            typeset[name] = len(containers)
            used = set(re.findall(r'<use [^>]*xlink:href="#(MJX-[^"]+)"', page))
            assert used <= set(re.findall(r'<path id="(MJX-[^"]+)"', page)), f"{name}: glyphs missing"
    assert not (site_dir / "assets" / "vendor" / "mathjax").exists(), "MathJax published although no page loads it"
    # concepts/metrics and the notebook pages with math (08 and 09: logistic regression) are among them.
    assert "concepts/metrics/index.html" in typeset and len(typeset) >= 4, typeset
    assert any(name.startswith("tutorials/08_") for name in typeset), typeset
