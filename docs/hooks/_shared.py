"""What the build hooks share: where things are, which pages are tutorials, links between pages, notebook HTML.

Not a hook itself (mkdocs.yml does not list it): the hooks import it as a sibling module, like ``_buildcache.py``
(MkDocs puts a hook's folder on ``sys.path`` while it loads the hook, and so does ``tests/file_module.py``; a hook
run as a script has its folder on ``sys.path`` anyway).

* :data:`REPO`: the repository these hooks belong to, the one place a hook finds it. The package the site
  documents, the assets ``scripts/setup.sh`` vendors (``vendor/``) and the git commit the notebooks install
  are read from there.
* :func:`cache_dir`: the build caches of the site being built, ``.cache/`` next to its ``mkdocs.yml``. For this
  repository's site that is ``REPO/.cache``; the tiny test site (``tests/tinysite``) keeps its own.
* :func:`is_tutorial`: whether a file is a tutorial (a page the build renders from a notebook);
  :func:`code_cell_trees`: its code cells, parsed.
* :func:`url_to`: a link from a page to a file of the site, relative, so the site works under any path.
* :func:`div_spans`: the ``<div>`` elements of a notebook page that start where a pattern matches (the one
  scanner of notebook HTML: solution cells, outputs); :func:`without_outputs`: a notebook page's prose and code.
* :func:`error`: a :class:`~mkdocs.exceptions.PluginError` that names the hook (the message names the file and
  the fix).
"""

from __future__ import annotations

import ast
import pathlib
import re

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

import _fill  # sibling module: docs/hooks/_fill.py

REPO = pathlib.Path(__file__).resolve().parents[2]
_DIV_TAG = re.compile(r"<div\b|</div\s*>")
# What a notebook page shows besides its prose and code: outputs (except Markdown ones, which are prose), prompts,
# the hidden copies of the cells' code, and the install cell notebooks.py adds.
_OUTPUT_DIV = re.compile(
    r'<div class="[^"]*\b(?:jp-InputPrompt|jp-OutputPrompt|zeroclipboard-container|clipboard-copy-txt|celltoolbar|'
    r'reader-install)\b[^"]*"[^>]*>'
    r'|<div class="[^"]*\bjp-OutputArea-output\b[^"]*"(?![^>]*data-mime-type="text/markdown")[^>]*>'
)


def error(hook: str, message: str) -> PluginError:
    """The error a hook raises: ``<hook> hook: <message>``; MkDocs prints it and stops the build.

    Examples
    --------
    >>> str(error("reader", "expected X in docs/y.md, found Z; fix it."))
    'reader hook: expected X in docs/y.md, found Z; fix it.'
    """
    return PluginError(f"{hook} hook: {message}")


def cache_dir(config) -> pathlib.Path:
    """The folder of the build caches of the site ``config`` describes: ``.cache/`` next to its mkdocs.yml."""
    return pathlib.Path(config.config_file_path).resolve().parent / ".cache"


def tutorial_globs(config) -> tuple[str, ...]:
    """The globs that name the tutorials of the site ``config`` describes: its mkdocs.yml's
    ``extra: tutorial_pages:`` (the tiny test site's ``tiny/*.py``), else ``_settings.NOTEBOOKS["include"]``."""
    import _settings  # sibling module: docs/hooks/_settings.py (it imports this one)

    extra = getattr(config, "extra", None) or {}
    return tuple(extra.get("tutorial_pages") or _settings.NOTEBOOKS["include"])


def is_tutorial(file, config) -> bool:
    """Whether ``file`` is a tutorial: a ``.py`` file of ``docs/`` whose path ends as one of
    :func:`tutorial_globs` (``tutorial_pages.py`` makes it a page; ``_render.py`` renders it).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> file = SimpleNamespace(abs_src_path="/site/docs/tutorials/01_x.py")
    >>> tiny = SimpleNamespace(extra={"tutorial_pages": ["tiny/*.py"]})
    >>> is_tutorial(file, SimpleNamespace(extra={})), is_tutorial(file, tiny)
    (True, False)
    """
    path = getattr(file, "abs_src_path", None)
    if path is None or not path.endswith(".py"):
        return False
    return any(pathlib.PurePath(path).match(pattern) for pattern in tutorial_globs(config))


def code_cell_trees(source_path: str) -> list[ast.Module]:
    """The parsed code cells of a jupytext tutorial; IPython lines (``%pip``, ``!ls``) are left out.

    A cell that is not valid Python is skipped (executing the tutorial reports it).
    """
    trees = []
    for cell in _fill.read_tutorial(source_path).cells:
        if cell.cell_type != "code":
            continue
        code = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in cell.source.splitlines())
        try:
            trees.append(ast.parse(code))
        except SyntaxError:
            continue
    return trees


def url_to(target: str, page) -> str:
    """The link from ``page`` to ``target`` (a path in the site, such as ``assets/x.css``), relative.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> url_to("assets/x.css", SimpleNamespace(url="tutorials/01_meet_the_data/"))
    '../../assets/x.css'
    >>> url_to("assets/x.css", SimpleNamespace(url=""))
    'assets/x.css'
    """
    return get_relative_url(target, page.url)


def div_spans(html: str, start: re.Pattern, where: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each ``<div>`` element whose opening tag ``start`` matches, in page order.

    Elements inside a found one are not searched. ``where`` names the page and the hook for the error raised
    when a ``<div>`` is never closed.

    Examples
    --------
    >>> html = '<p>a</p><div class="out"><div>x</div></div><div class="out">y</div>'
    >>> [html[s:e] for s, e in div_spans(html, re.compile(r'<div class="out">'), "doctest")]
    ['<div class="out"><div>x</div></div>', '<div class="out">y</div>']
    """
    spans, position = [], 0
    while True:
        match = start.search(html, position)
        if match is None:
            return spans
        depth = 0
        for tag in _DIV_TAG.finditer(html, match.start()):
            depth += 1 if tag.group(0).startswith("<div") else -1
            if depth == 0:
                spans.append((match.start(), tag.end()))
                position = tag.end()
                break
        else:
            raise PluginError(f"{where}: unbalanced <div> after offset {match.start()} of the page's HTML; "
                              "the notebook HTML changed (docs/hooks/_render.py), update docs/hooks/_shared.py.")


def without_spans(html: str, spans: list[tuple[int, int]]) -> str:
    """``html`` minus the ``(start, end)`` spans (in page order, not overlapping)."""
    pieces, position = [], 0
    for begin, end in spans:
        pieces.append(html[position:begin])
        position = end
    pieces.append(html[position:])
    return "".join(pieces)


def without_outputs(content: str, where: str) -> str:
    """A notebook page minus outputs (except Markdown ones, which are prose), prompts and hidden copies of the code.

    Examples
    --------
    >>> page = ('<p>prose</p><div class="jp-OutputArea-output"><div>42</div></div>'
    ...         '<div class="jp-OutputArea-output" data-mime-type="text/markdown"><p>told</p></div>')
    >>> without_outputs(page, "doctest")
    '<p>prose</p><div class="jp-OutputArea-output" data-mime-type="text/markdown"><p>told</p></div>'
    """
    return without_spans(content, div_spans(content, _OUTPUT_DIV, where))
