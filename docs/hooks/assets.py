"""Build part: shared assets instead of per-page copies, loaded only where needed and without blocking.

* **Math** is typeset at build time on every page, Markdown (pymdownx.arithmatex) and notebook (``$…$`` and
  ``$$…$$`` in the prose of Markdown cells and Markdown outputs) alike, as SVG in ``currentColor`` with MathJax's
  assistive MathML (``_mathsvg.py``, node and the MathJax 3 that ``scripts/setup.sh`` vendors in ``vendor/mathjax``):
  no page loads MathJax (its start-up was a 0.7 s long task on ``concepts/metrics``, 343 ms on the
  logistic-regression tutorial). Only a ``vendor/`` whose MathJax node cannot run (the tiny test site's stand-ins)
  leaves a notebook page's math to the browser: MathJax is then published as ``assets/vendor/mathjax/...`` and
  ``javascripts/mathjax.js`` fetches it when a formula nears the viewport, at the first key press or before
  printing.

* **plotly.js.** Tutorial outputs carry no copy of plotly.js (see ``_kernel_setup.py``). The site serves
  npm's partial bundle ``plotly.js-cartesian-dist-min`` (about a third of the full ``plotly.min.js``), which
  ``scripts/setup.sh`` unpacks into the git-ignored ``vendor/plotly/``, as ``assets/javascripts/plotly.min.js``.
  Its version must equal the plotly.js inside the installed Python ``plotly`` (the figures' JSON is written for
  it), and every trace type a page draws must be one the bundle holds: the build fails otherwise. Pages with a
  plotly figure fetch it once, and only when a figure comes within a screen of the viewport:
  ``docs/javascripts/plotly-on-demand.js``, inlined into their ``<head>``, does that, and each figure's
  ``Plotly.newPlot`` script becomes ``readerPlotly(id, draw)``, drawn then (Lighthouse measured plotly.js as a
  long task of about half a second on the trade-off page, whose figure is far below the first screen).
* **Notebook CSS.** mkdocs-jupyter inlines about 0.6 MB of JupyterLab CSS into every notebook page (85 KB gzip,
  nearly all of it for JupyterLab's widgets, menus and icons). This hook cuts each large ``<style>`` block down to
  the rules the page's own classes can use (``_css.Pruner``: about 34 KB, 6 KB gzip) and leaves that inline: no
  extra request, nothing render-blocking beyond Material's own stylesheet.
* **Readable terminal colours.** Outputs coloured with 256-colour ANSI codes (Keras's ``model.summary()``)
  reach the page as ``<span style="color: rgb(...)">``, bright colours meant for a black terminal (cyan on white
  is 1.7:1). Each such colour is replaced by two of the same hue, darkened for the light scheme and lightened
  for the dark one until it reads at least 4.5:1 (WCAG AA) on that scheme's backgrounds;
  ``docs/stylesheets/reader.css`` picks the one for the current scheme.
* **mkdocstrings' stylesheet** only on the pages that have an API entry (it is one more render-blocking request),
  and the MathJax loader script deferred (Lighthouse counted it as render-blocking).
* **The light/dark toggle** is ``docs/javascripts/palette.js``, not Material's palette component: the form's
  ``data-md-component="palette"`` becomes ``data-reader-component="palette"`` (:func:`own_palette`), so Material's
  bundle does not mount it. On every load that component re-applied the palette already shown, and a trace of page 11
  at phone size counted four recalculations of every element's style from it (issue 28).
* **Search on demand.** Material fetches the search index (``search/search_index.json``, hundreds of KB) on
  every page load. ``docs/javascripts/search-on-demand.js``, inlined into every page's ``<head>``,
  holds that request back until the reader opens the search box.
"""

from __future__ import annotations

import hashlib
import json
import pathlib
import re

from mkdocs.structure.files import File

import _css  # sibling module: docs/hooks/_css.py
import _mathsvg  # sibling module: docs/hooks/_mathsvg.py
import _shared  # sibling module: docs/hooks/_shared.py
from _buildstate import STATE  # sibling module: docs/hooks/_buildstate.py (the build's one state object)

HOOK = "assets"
# The npm files of the site being built are in the folder `vendor/` beside its mkdocs.yml (the repository's is
# git-ignored, filled by scripts/setup.sh; the tiny test site's copy has small stand-ins of its own):
# STATE.vendor, set by on_config. MathJax 3 (`npm pack mathjax@3...`) is in vendor/mathjax/es5: only what the
# CommonHTML bundle loads is published: the bundle, TeX extensions (autoloaded by macros), CHTML fonts, the menu
# and its accessibility extensions.
VENDOR = "vendor"
MATHJAX_IN_VENDOR = "mathjax/es5"
MATHJAX_SITE = "assets/vendor/mathjax"
MATHJAX_PARTS = ("tex-mml-chtml.js", "input/tex/extensions", "output/chtml/fonts/woff-v2", "ui", "a11y")
MATHJAX_CONFIG = "javascripts/mathjax.js"
_TEX = re.compile(r"\$\$|\\\(|\\\[|\$[^\s$][^$\n]*\$")
_CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.S)
PLOTLY_IN_VENDOR = "plotly/plotly-cartesian.min.js"
# The trace types of plotly.js's "cartesian" partial bundle (its README on npm); scatter is plotly's default type.
PLOTLY_TRACES = frozenset({"bar", "box", "contour", "heatmap", "histogram", "histogram2d", "histogram2dcontour",
                           "image", "pie", "scatter", "scatterternary", "violin"})
PLOTLY_ASSET = "assets/javascripts/plotly.min.js"
SEARCH_SCRIPT = _shared.REPO / "docs" / "javascripts" / "search-on-demand.js"
PLOTLY_LOADER = SEARCH_SCRIPT.with_name("plotly-on-demand.js")
LARGE_STYLE = 20_000  # characters; smaller blocks (dataframe styles, pygments) stay inline
_STYLE = re.compile(r'<style type="text/css">(.*?)</style>', re.S)
# plotly.io.to_html(include_plotlyjs=False): `<script>  window.PLOTLYENV=...; if (...) { Plotly.newPlot(...) }</script>`
_PLOTLY_CALL = re.compile(r"<script(?: type=\"text/javascript\")?>(\s*window\.PLOTLYENV=.*?)</script>", re.S)
_NEW_PLOT = re.compile(r"Plotly\.newPlot\(\s*\"([^\"]+)\",\s*")
_VERSION = re.compile(r"plotly\.js \([^)]*\) v(\d+\.\d+\.\d+)|plotly\.js v(\d+\.\d+\.\d+)")
# nbconvert's ANSI conversion writes rgb(); rich's HTML (Keras's model.summary()) writes #hex, with the same
# colour for underlines.
_ANSI_COLOR = re.compile(r'<span style="color: (?:rgb\((\d+),(\d+),(\d+)\)|#([0-9a-fA-F]{6}))'
                         r'(?:; text-decoration-color: [^;"]*)?(;[^"]*)?">')
# Backgrounds a notebook output is shown on: Material's light page and code blocks; its dark (slate) ones.
LIGHT_BACKGROUNDS = ((255, 255, 255), (245, 245, 245))
DARK_BACKGROUNDS = ((30, 33, 41), (35, 38, 48), (46, 48, 62))
AA = 4.6  # WCAG AA asks 4.5:1 for normal text; a little margin for rounding
_NOTEBOOK_CSS = re.compile(r"<!-- reader-notebook-css ([0-9a-f]{64}) -->")
SITE_CSS = _shared.REPO / "docs" / "stylesheets"


def _luminance(rgb) -> float:
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    """WCAG contrast ratio of two sRGB colours, 1 to 21."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable(rgb, backgrounds, toward) -> str:
    """``rgb`` mixed toward ``toward`` (black or white) just enough to reach AA on every background, as #hex."""
    for step in range(101):
        t = step / 100
        mixed = tuple(round(c + (e - c) * t) for c, e in zip(rgb, toward))
        if all(contrast(mixed, bg) >= AA for bg in backgrounds):
            return "#%02x%02x%02x" % mixed
    raise _shared.error(HOOK, f"no readable version of {rgb}")  # unreachable: black and white always reach 4.6


def _readable_ansi(html: str) -> str:
    def swap(match):
        if match.group(4):
            rgb = tuple(int(match.group(4)[i:i + 2], 16) for i in (0, 2, 4))
        else:
            rgb = tuple(int(match.group(i)) for i in (1, 2, 3))
        light, dark = readable(rgb, LIGHT_BACKGROUNDS, (0, 0, 0)), readable(rgb, DARK_BACKGROUNDS, (255, 255, 255))
        return f'<span style="--reader-ansi-light: {light}; --reader-ansi-dark: {dark}{match.group(5) or ""}">'

    return _ANSI_COLOR.sub(swap, html)


def _plotly_version(path: pathlib.Path) -> str:
    match = _VERSION.search(path.read_text(encoding="utf-8", errors="replace")[:400])
    if match is None:
        raise _shared.error(HOOK, f"no plotly.js version banner at the top of {path}")
    return match.group(1) or match.group(2)


def _vendor() -> pathlib.Path:
    """The ``vendor/`` folder of the site being built (the repository's until on_config has run)."""
    return STATE.vendor or _shared.REPO / VENDOR


def _mathjax_dir() -> pathlib.Path:
    return _vendor() / MATHJAX_IN_VENDOR


def _plotly_bundle() -> pathlib.Path:
    import plotly

    bundle = _vendor() / PLOTLY_IN_VENDOR
    if not bundle.is_file():
        raise _shared.error(HOOK, f"expected npm's plotly.js-cartesian-dist-min at {bundle}, found "
                          "nothing. Run `bash scripts/setup.sh` (step 'plotly.js-cartesian-dist-min').")
    python_js = pathlib.Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    wanted, found = _plotly_version(python_js), _plotly_version(bundle)
    if wanted != found:
        raise _shared.error(HOOK, f"the Python plotly package writes figures for plotly.js {wanted}, but "
                          f"vendor/plotly holds plotly.js {found}. Pin plotly.js-cartesian-dist-min@{wanted} in "
                          "scripts/setup.sh (with its sha256) and run it again.")
    return bundle


def on_config(config):
    config_file = getattr(config, "config_file_path", None)
    STATE.vendor = pathlib.Path(config_file).resolve().parent / VENDOR if config_file else None
    mathjax_dir = _mathjax_dir()
    if not (mathjax_dir / MATHJAX_PARTS[0]).is_file():
        raise _shared.error(HOOK, f"MathJax is not vendored: expected {mathjax_dir / MATHJAX_PARTS[0]}, found "
                                  "nothing. Run `bash scripts/setup.sh` (step 'MathJax'), which unpacks it from the "
                                  "npm registry.")
    if not SEARCH_SCRIPT.is_file():
        raise _shared.error(HOOK, f"expected the search-on-demand script at {SEARCH_SCRIPT}, found nothing; restore "
                                  "it from git.")
    return config


def _mathjax_files(config) -> list:
    mathjax_dir = _mathjax_dir()
    files = []
    for part in MATHJAX_PARTS:
        source = mathjax_dir / part
        paths = [source] if source.is_file() else sorted(p for p in source.rglob("*") if p.is_file())
        if not paths:
            raise _shared.error(HOOK, f"expected MathJax files under {source}, found none; run "
                                      "`bash scripts/setup.sh`.")
        for path in paths:
            uri = f"{MATHJAX_SITE}/{path.relative_to(mathjax_dir).as_posix()}"
            files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files


def on_files(files, config):
    files.append(File.generated(config, PLOTLY_ASSET, abs_src_path=str(_plotly_bundle())))
    if not _mathsvg.available(_mathjax_dir()):  # math left to the browser (see on_post_page)
        for file in _mathjax_files(config):
            files.append(file)
    return files


def _trace_types(call: str, where: str) -> set:
    start = _NEW_PLOT.search(call)
    if start is None:
        raise _shared.error(HOOK, f"a plotly figure on {where} has no Plotly.newPlot call; plotly's HTML changed.")
    data, _ = json.JSONDecoder().raw_decode(call, start.end())
    return {trace.get("type", "scatter") for trace in data}


def _defer_plotly_calls(html: str, where: str) -> str:
    def wrap(match):
        missing = _trace_types(match.group(1), where) - PLOTLY_TRACES
        if missing:
            raise _shared.error(HOOK, f"{where} draws plotly trace type(s) {sorted(missing)}, which the "
                              f"cartesian bundle lacks (it has {sorted(PLOTLY_TRACES)}). Use another trace type, "
                              "or vendor a bundle that has them in scripts/setup.sh and update PLOTLY_TRACES.")
        figure_id = _NEW_PLOT.search(match.group(1)).group(1)
        return f'<script>readerPlotly({json.dumps(figure_id)}, function () {{{match.group(1)}}});</script>'

    return _PLOTLY_CALL.sub(wrap, html)


def on_page_content(html, page, config, files):
    def mark(match):  # pruned in on_post_page, once the page's every class is known
        css = match.group(1)
        if len(css) < LARGE_STYLE:
            return match.group(0)
        digest = hashlib.sha256(css.encode()).hexdigest()
        if digest not in STATE.css_pruners:
            STATE.css_pruners[digest] = _css.Pruner(css)
        return f"<!-- reader-notebook-css {digest} -->"

    html = _readable_ansi(_STYLE.sub(mark, html))
    if "plotly-graph-div" in html:
        html = _defer_plotly_calls(html, page.file.src_uri)
    return html


def _insert(output: str, marker: str, tag: str, page, last: bool = False) -> str:
    at = output.rfind(marker) if last else output.find(marker)
    if at == -1:
        raise _shared.error(HOOK, f"page {page.file.src_uri} has no {marker}; cannot insert {tag[:60]}")
    return output[:at] + tag + output[at:]


def has_math(page, config) -> bool:
    """Whether MathJax has anything to typeset on ``page`` (see ``javascripts/mathjax.js`` for what it reads)."""
    content = page.content or ""
    if 'class="arithmatex"' in content:
        return True
    if not _shared.is_tutorial(page.file, config):
        return False
    prose = _shared.without_outputs(content, f"assets hook, docs/{page.file.src_uri}")
    return bool(_TEX.search(_CODE.sub("", prose)))


def _pruned_notebook_css(output: str) -> str:
    if not _NOTEBOOK_CSS.search(output):
        return output
    classes = _css.classes_in(output)
    site_css = "".join(path.read_text(encoding="utf-8") for path in sorted(SITE_CSS.glob("*.css")))

    def inline(match):
        css = STATE.css_pruners[match.group(1)].for_classes(classes, also_read=site_css + output)
        return f'<style type="text/css">{css}</style>'

    return _NOTEBOOK_CSS.sub(inline, output)


_MKDOCSTRINGS_CSS = re.compile(r'<link rel="stylesheet" href="[^"]*assets/_mkdocstrings\.css">\s*')


def without_unused_mkdocstrings_css(output: str) -> str:
    """``output`` without mkdocstrings' stylesheet link when the page has no API entry (``class="doc doc-..."``).

    mkdocstrings adds its stylesheet to every page; on the others it is one more render-blocking request.

    Examples
    --------
    >>> without_unused_mkdocstrings_css('<link rel="stylesheet" href="../assets/_mkdocstrings.css"><p>x</p>')
    '<p>x</p>'
    >>> page = '<link rel="stylesheet" href="../assets/_mkdocstrings.css"><div class="doc doc-object">'
    >>> without_unused_mkdocstrings_css(page) == page
    True
    """
    if 'class="doc doc-' in output:
        return output
    return _MKDOCSTRINGS_CSS.sub("", output)


_PALETTE_FORM = 'data-md-component="palette"'


def own_palette(output: str) -> str:
    """``output`` with the header's palette form left to ``javascripts/palette.js`` instead of Material's bundle.

    Examples
    --------
    >>> own_palette('<form class="md-header__option" data-md-component="palette"><input name="__palette">')
    '<form class="md-header__option" data-reader-component="palette"><input name="__palette">'
    """
    return output.replace(_PALETTE_FORM, 'data-reader-component="palette"')


def on_post_page(output, page, config):
    output = own_palette(without_unused_mkdocstrings_css(_pruned_notebook_css(output)))
    tags = f"<script>{SEARCH_SCRIPT.read_text(encoding='utf-8')}</script>"
    if "plotly-graph-div" in output:
        plotly = _shared.url_to(PLOTLY_ASSET, page)
        tags += f'<script data-plotly="{plotly}">{PLOTLY_LOADER.read_text(encoding="utf-8")}</script>'
    output = _insert(output, "</head>", tags, page)
    if _mathsvg.available(_mathjax_dir()):  # every page's formulas typeset now: no MathJax in the browser
        try:
            output = _mathsvg.typeset(output, _mathjax_dir())
        except ValueError as exc:
            raise _shared.error(HOOK, f"docs/{page.file.src_uri}: {exc}") from exc
    elif has_math(page, config):  # a vendor/ whose MathJax node cannot run (the tiny site's stand-in)
        bundle = _shared.url_to(f"{MATHJAX_SITE}/{MATHJAX_PARTS[0]}", page)
        output = _insert(output, "</body>", f'<script defer src="{_shared.url_to(MATHJAX_CONFIG, page)}" '
                         f'data-mathjax="{bundle}"></script>', page, last=True)
    return output



def on_post_template(output_content, template_name, config):
    """The 404 page is a template, not a page (``not_found.py``): no API entry, so no mkdocstrings stylesheet; its
    palette toggle is ``javascripts/palette.js``'s too."""
    return own_palette(without_unused_mkdocstrings_css(output_content)) if template_name == "404.html" \
        else output_content
