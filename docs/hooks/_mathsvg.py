"""Formulas of Markdown pages typeset at build time (for ``assets.py``; not a hook itself).

pymdownx.arithmatex writes each formula as ``<span class="arithmatex">\\(…\\)</span>`` or
``<div class="arithmatex">\\[…\\]</div>``. :func:`typeset` replaces them with MathJax's SVG output, computed once per
build by node and the vendored MathJax (``vendor/mathjax``, ``_mathsvg.js``), each with MathJax's assistive MathML,
which screen readers read. The page then loads no MathJax at all: in the browser its start-up was a long task of
0.7 s in a mobile Lighthouse run of ``concepts/metrics`` (issue 28), whose formulas are in the first two screens.
Notebook pages keep MathJax in the browser (``javascripts/mathjax.js``): their formulas are ``$…$`` in prose.
"""

from __future__ import annotations

import html
import json
import pathlib
import re
import shutil
import subprocess

SCRIPT = pathlib.Path(__file__).with_name("_mathsvg.js")
ARITHMATEX = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.S)
_DELIMITERS = re.compile(r"^\s*\\([(\[])(.*)\\([)\]])\s*$", re.S)


def formulas(page_html: str) -> list[tuple[str, bool]]:
    """The (TeX, display) of each arithmatex formula of ``page_html``, in order.

    Examples
    --------
    >>> formulas('<p>a <span class="arithmatex">\\\\(x &lt; 1\\\\)</span></p><div class="arithmatex">\\\\[y\\\\]</div>')
    [('x < 1', False), ('y', True)]
    """
    found = []
    for match in ARITHMATEX.finditer(page_html):
        inner = _DELIMITERS.match(html.unescape(match.group(2)))
        if inner is None:
            raise ValueError(f"expected an arithmatex formula in \\(…\\) or \\[…\\], found {match.group(0)[:80]!r}")
        found.append((inner.group(2).strip(), inner.group(1) == "["))
    return found


def render(items: list[tuple[str, bool]], mathjax_dir: pathlib.Path) -> tuple[str, list[str]]:
    """(stylesheet, one HTML fragment per item): MathJax's SVG output for each (TeX, display), from node."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("expected node on PATH to typeset the formulas of Markdown pages (docs/hooks/_mathsvg.js)")
    request = json.dumps({"mathjax": str(mathjax_dir), "items": items})
    result = subprocess.run([node, str(SCRIPT)], input=request, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"_mathsvg.js failed: {result.stderr.strip()[-1000:]}")
    answer = json.loads(result.stdout)
    if len(answer["html"]) != len(items):
        raise RuntimeError(f"_mathsvg.js returned {len(answer['html'])} formulas for {len(items)}")
    return answer["css"], answer["html"]


def typeset(page_html: str, mathjax_dir: pathlib.Path) -> str:
    """``page_html`` with every arithmatex formula replaced by its SVG, and the SVG stylesheet before ``</head>``."""
    items = formulas(page_html)
    if not items:
        return page_html
    css, fragments = render(items, mathjax_dir)
    it = iter(fragments)

    def replace(match):
        return f'<{match.group(1)} class="arithmatex">{next(it)}</{match.group(1)}>'

    out = ARITHMATEX.sub(replace, page_html)
    return out.replace("</head>", f'<style id="reader-math">{css}{SITE_CSS}</style></head>', 1)


# Material's `.md-typeset svg {max-width: 100%}` inside its min-content formula box (div.arithmatex > *) shrank a
# display formula's SVG to 1 pixel; a wide formula scrolls in its box instead, as MathJax's own output did.
SITE_CSS = ".md-typeset .arithmatex mjx-container[jax=SVG]>svg{max-width:none}"
