"""Formulas typeset at build time, on Markdown and notebook pages alike (for ``assets.py``; not a hook itself).

Two kinds of page carry TeX:

* **Markdown pages**: pymdownx.arithmatex writes each formula as ``<span class="arithmatex">\\(…\\)</span>`` or
  ``<div class="arithmatex">\\[…\\]</div>`` (:func:`formulas`).
* **Notebook pages**: nbconvert writes the math of a Markdown cell, and of a Markdown output (a ``fill`` cell's
  sentence), as TeX in the prose: ``$…$`` (from ``$…$`` or ``\\(…\\)``), ``$$…$$`` (from ``$$…$$`` or ``\\[…\\]``)
  and ``\\begin{env}…\\end{env}``, with the TeX HTML-escaped (:func:`notebook_formulas`). Only the text of
  ``jp-RenderedMarkdown`` elements is read, never inside ``<pre>``/``<code>`` nor inside a tag, and a formula
  holds no tag (nbconvert escapes its ``<``): so code, the outputs of code and a dollar that an HTML tag separates
  from the next one (``$5 and <b>$10</b>``) stay as written.

:func:`typeset` replaces them with MathJax's SVG output, computed once per page by node and the vendored MathJax
(``vendor/mathjax``, ``_mathsvg.js``), each with MathJax's assistive MathML beside it (the SVG is ``aria-hidden``),
whose ``<math>`` also carries the TeX as ``alttext``: screen readers read the formula. Each glyph is written once
per page, in a hidden ``<svg>`` at the top of ``<body>`` that the formulas ``<use>``. The glyphs are drawn in
``currentColor``, so a formula takes the text colour of the light or dark scheme. The page then loads no MathJax:
in the browser its start-up was a long task of 0.7 s in a mobile Lighthouse run of ``concepts/metrics`` and a
343 ms one on the logistic-regression tutorial (issue 28). A formula MathJax cannot parse fails the build.
"""

from __future__ import annotations

import html
import json
import pathlib
import re
import shutil
import subprocess

SCRIPT = pathlib.Path(__file__).with_name("_mathsvg.js")
NODE_ENTRY = "node-main.js"  # in vendor/mathjax/es5; the tiny site's stand-in MathJax has none
ARITHMATEX = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.S)
_DELIMITERS = re.compile(r"^\s*\\([(\[])(.*)\\([)\]])\s*$", re.S)
# nbconvert's own patterns (nbconvert.filters.markdown_mistune.MathInlineParser), on the HTML it wrote from them.
NOTEBOOK_TEX = re.compile(r"(?<![$\\])\$\$(?P<display>.+?)(?<!\\)\$\$"
                          r"|(?P<env>\\begin\{(?P<name>[a-z]*\*?)\}.*?\\end\{(?P=name)\})"
                          r"|(?<![$\\])\$(?P<inline>.+?)(?<![$\\])\$", re.S)
_MARKDOWN = re.compile(r'<div\b[^>]*\bclass="[^"]*\bjp-RenderedMarkdown\b[^"]*"[^>]*>')
_DIV = re.compile(r"<(/?)div\b[^>]*>")
_CODE_OR_TAG = re.compile(r"<(pre|code|script|style)\b.*?</\1\s*>|<[^>]*>", re.S)
_BODY = re.compile(r"<body\b[^>]*>")
_MATH_TAG = '<math xmlns="http://www.w3.org/1998/Math/MathML"'


def formulas(page_html: str) -> list[tuple[str, bool]]:
    """The (TeX, display) of each arithmatex formula of ``page_html``, in order.

    Examples
    --------
    >>> formulas('<p>a <span class="arithmatex">\\\\(x &lt; 1\\\\)</span></p><div class="arithmatex">\\\\[y\\\\]</div>')
    [('x < 1', False), ('y', True)]
    """
    return [(tex, display) for _, _, tex, display in _arithmatex_spans(page_html)]


def _arithmatex_spans(page_html: str) -> list[tuple[int, int, str, bool]]:
    found = []
    for match in ARITHMATEX.finditer(page_html):
        inner = _DELIMITERS.match(html.unescape(match.group(2)))
        if inner is None:
            raise ValueError(f"expected an arithmatex formula in \\(…\\) or \\[…\\], found {match.group(0)[:80]!r}")
        found.append((match.start(2), match.end(2), inner.group(2).strip(), inner.group(1) == "["))
    return found


def _markdown_regions(page_html: str):
    """(start, end) of each ``jp-RenderedMarkdown`` element's content, outermost ones only."""
    position = 0
    while (opening := _MARKDOWN.search(page_html, position)) is not None:
        depth = 1
        for tag in _DIV.finditer(page_html, opening.end()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                yield opening.end(), tag.start()
                position = tag.end()
                break
        else:
            raise ValueError(f"a jp-RenderedMarkdown element has no closing </div>: {opening.group(0)[:80]!r}")


def _prose(page_html: str, start: int, end: int):
    """(offset, text) of each stretch of text between tags in ``page_html[start:end]``, skipping code."""
    position = start
    for element in _CODE_OR_TAG.finditer(page_html, start, end):
        if element.start() > position:
            yield position, page_html[position:element.start()]
        position = element.end()
    if position < end:
        yield position, page_html[position:end]


def notebook_formulas(page_html: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, TeX, display) of each formula in the Markdown of a notebook page, in order.

    Examples
    --------
    >>> page = ('<div class="jp-RenderedMarkdown"><p>If $x &lt; 1$:</p><p>$$y = 2$$</p><pre>$a$</pre>'
    ...         '<p>$5 and <b>$10</b></p></div><div class="jp-OutputArea-output"><pre>$z$</pre></div>')
    >>> [(tex, display) for _, _, tex, display in notebook_formulas(page)]
    [('x < 1', False), ('y = 2', True)]
    """
    found = []
    for start, end in _markdown_regions(page_html):
        for offset, text in _prose(page_html, start, end):
            for match in NOTEBOOK_TEX.finditer(text):
                tex = match.group("display") or match.group("env") or match.group("inline")
                found.append((offset + match.start(), offset + match.end(), html.unescape(tex).strip(),
                              match.group("inline") is None))
    return found


def available(mathjax_dir: pathlib.Path) -> bool:
    """Whether ``mathjax_dir`` is a MathJax that node can run (the repository's is; the tiny site's stand-in is not)."""
    return (pathlib.Path(mathjax_dir) / NODE_ENTRY).is_file()


def render(items: list[tuple[str, bool]], mathjax_dir: pathlib.Path) -> tuple[str, list[str], str]:
    """(stylesheet, one HTML fragment per item, glyphs): MathJax's SVG output for each (TeX, display), from node.

    The fragments draw their glyphs from ``glyphs``, one hidden ``<svg>`` that the page must hold once.

    Each fragment's ``<math>`` (the assistive MathML) carries the TeX as ``alttext``. Raises ``ValueError`` naming
    the formula when MathJax cannot parse one (it would draw its error message in place of the formula).
    """
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("expected node on PATH to typeset the formulas (docs/hooks/_mathsvg.js), found none; "
                           "install Node.js (scripts/setup.sh needs it too)")
    request = json.dumps({"mathjax": str(pathlib.Path(mathjax_dir).resolve()), "items": items})
    result = subprocess.run([node, str(SCRIPT)], input=request, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"_mathsvg.js failed: {result.stderr.strip()[-1000:]}")
    answer = json.loads(result.stdout)
    if len(answer["html"]) != len(items):
        raise RuntimeError(f"_mathsvg.js returned {len(answer['html'])} formulas for {len(items)}")
    fragments = []
    for (tex, _), fragment in zip(items, answer["html"]):
        error = re.search(r'data-mjx-error="([^"]*)"', fragment)
        if error:
            raise ValueError(f"MathJax cannot typeset the formula {tex!r}: {html.unescape(error.group(1))}. "
                             "Fix its TeX in the page's source.")
        if fragment.count(_MATH_TAG) != 1:
            raise RuntimeError(f"expected one assistive <math> in MathJax's output for {tex!r}, found "
                               f"{fragment.count(_MATH_TAG)}; is MathJax's a11y/assistive-mml still loaded?")
        fragments.append(fragment.replace(_MATH_TAG, f'{_MATH_TAG} alttext="{html.escape(tex)}"', 1))
    return answer["css"], fragments, answer["glyphs"]


def typeset(page_html: str, mathjax_dir: pathlib.Path) -> str:
    """``page_html`` with every formula (arithmatex's and a notebook's) replaced by its SVG, their glyphs in a hidden
    ``<svg>`` at the top of ``<body>`` and the SVG stylesheet before ``</head>``; unchanged when it has none."""
    spans = sorted([(start, end, tex, display, False) for start, end, tex, display in _arithmatex_spans(page_html)]
                   + [(start, end, tex, display, True) for start, end, tex, display in notebook_formulas(page_html)])
    if not spans:
        return page_html
    css, fragments, glyphs = render([(tex, display) for _, _, tex, display, _ in spans], mathjax_dir)
    parts, position = [], 0
    for (start, end, tex, _, _), fragment in zip(spans, fragments):
        if start < position:
            raise ValueError(f"the formula {tex!r} overlaps the one before it; a page mixes arithmatex and notebook math")
        parts += [page_html[position:start], fragment]
        position = end
    out = "".join(parts) + page_html[position:]
    body = _BODY.search(out)
    if body is None:
        raise ValueError("expected a <body> tag to put the formulas' glyphs in, found none")
    out = out[:body.end()] + glyphs + out[body.end():]
    return out.replace("</head>", f'<style id="reader-math">{css}{SITE_CSS}</style></head>', 1)


# Material's `.md-typeset svg {max-width: 100%}` inside its min-content formula box (div.arithmatex > *) shrank a
# display formula's SVG to 1 pixel; a wide formula scrolls in its box instead (docs/stylesheets/reader.css), as
# MathJax's own output did.
SITE_CSS = ".md-typeset mjx-container[jax=SVG]>svg{max-width:none}"
