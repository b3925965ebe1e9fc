"""The site's notebook rendering: read a tutorial, execute it, convert it to the page's HTML, its contents and title.

Not a hook (mkdocs.yml does not list it). The only module of the build that imports nbclient and nbconvert
(``tests/test_build_structure.py`` checks it); the worker (``_notebook_worker.py``) executes with it,
``execution_cache.py`` converts with it. The steps, each a function:

* :func:`read`: the tutorial (a jupytext script) as a notebook, through ``_fill.read_tutorial`` (cells tagged
  ``fill`` become hidden code cells), normalised as nbformat reads an ``.ipynb`` file;
* :func:`execute`: nbclient runs it in a fresh kernel (:func:`kernel_arguments`: IPython first runs
  ``_kernel_setup.py``), each cell at most ``timeout`` seconds, ``on_cell_start`` told of each cell (the worker's
  error messages name the cell), failing on the first error;
* :func:`to_html`: nbconvert's ``HTMLExporter`` with the template in ``notebook_template/mkdocs_html``, cells
  whose tags are in ``NOTEBOOKS["remove_input_tags"]`` shown without their input (nbconvert's
  ``TagRemovePreprocessor``);
* :func:`toc`: the page's table of contents (Python-Markdown's toc tokens) and title (its first level-1 heading),
  read from a Markdown conversion of the prose cells.

This reproduces what mkdocs-jupyter 0.26.3 (Apache-2.0, Daniel Rodriguez; ``notebook_template/NOTICE``) made of
the tutorials, byte for byte, without its plugin: the template and its assets are its own, copied; the exporter is
configured as its ``nbconvert2.get_nbconvert_app`` configured it; code is highlighted by pygments with its classes
(``highlight-ipynb hl-python``) and followed by the hidden copy its copy button reads (``cell-<n>``); headings get
its lower-case anchors. What differs from it, on purpose: nothing is monkeypatched (its heading anchors are a
renderer subclass, its ``clean_html`` a filter of this exporter only), the copy-button counter belongs to one
conversion (not a module global), and executing is a step of its own, so the executed notebook can be kept
(``execution_cache.py``) and converted again when only the conversion changed.
"""

from __future__ import annotations

import pathlib
import re
from types import MappingProxyType

import _fill  # sibling module: docs/hooks/_fill.py
from _settings import NOTEBOOKS  # sibling module: docs/hooks/_settings.py

HERE = pathlib.Path(__file__).resolve().parent
#: nbconvert's extra template folder: ``mkdocs_html`` (the page) and ``mkdocs_md`` (for the table of contents).
TEMPLATES = HERE / "notebook_template"
#: Run by each kernel at start-up, before the tutorial's first cell (the site's plotly renderer, figures as
#: ``<img alt>``); part of every tutorial's execution key (``execution_cache.py``).
KERNEL_SETUP = HERE / "_kernel_setup.py"
#: What the conversion is made of besides the notebook: part of every page's conversion key.
CONVERSION_FILES = (pathlib.Path(__file__).resolve(), *sorted(p for p in TEMPLATES.rglob("*") if p.is_file()))
#: The distributions that execute a tutorial, and those that convert it: their versions are in the keys.
EXECUTION_LIBRARIES = ("nbclient", "ipykernel", "jupyter-client", "jupytext", "nbformat")
CONVERSION_LIBRARIES = ("nbconvert", "mistune", "pygments", "markdown", "jupytext", "nbformat")
# The notebook's language, for the code cells' highlighting and their `hl-<language>` class.
_LANGUAGE = "python"
# Code the table of contents never reads headings from: fenced blocks, inline spans, spans across lines.
_CODE_SPANS = MappingProxyType({"fenced": re.compile(r"```.*?```", re.DOTALL),
                                "inline": re.compile(r"`[^`\n]*`"), "spanning": re.compile(r"`[^`]*`")})


def kernel_arguments() -> list[str]:
    """The arguments each kernel that executes a tutorial for the site is started with (nbclient's
    ``extra_arguments``): IPython runs :data:`KERNEL_SETUP` before the first cell.

    Examples
    --------
    >>> kernel_arguments()[0].startswith("--InteractiveShellApp.exec_files=") and kernel_arguments()[0].endswith(
    ...     "_kernel_setup.py")
    True
    """
    return [f"--InteractiveShellApp.exec_files={KERNEL_SETUP}"]


def read(path):
    """The tutorial at ``path`` as an nbformat v4 notebook, its ``fill`` cells made code (``_fill``).

    It goes through ``.ipynb`` text once, as nbconvert reads a notebook file, so executing and converting see
    what they would see reading the file.
    """
    import jupytext
    import nbformat

    return nbformat.reads(jupytext.writes(_fill.read_tutorial(path), fmt="ipynb"), as_version=4)


def execution_errors() -> tuple[type, type]:
    """nbclient's ``(CellTimeoutError, CellExecutionError)``: what :func:`execute` raises when a cell runs past its
    timeout or raises (the worker turns them into its messages)."""
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    return CellTimeoutError, CellExecutionError


def execute(nb, *, timeout: int | None = None, on_cell_start=None):
    """Execute ``nb`` in place with nbclient (a fresh kernel, :func:`kernel_arguments`) and return it.

    A cell that raises stops it with nbclient's ``CellExecutionError``; one that runs past ``timeout`` seconds
    with ``CellTimeoutError`` (:func:`execution_errors`). ``on_cell_start(cell=..., cell_index=...)`` is called
    before each cell runs.
    """
    from nbclient import NotebookClient

    options = {"on_cell_start": on_cell_start} if on_cell_start is not None else {}
    client = NotebookClient(nb, timeout=timeout, kernel_name=NOTEBOOKS["kernel_name"], allow_errors=False,
                            store_widget_state=True, extra_arguments=kernel_arguments(), resources={}, **options)
    client.execute()
    return nb


def _exporter_config():
    """What mkdocs-jupyter's ``get_nbconvert_app`` configured (its execution part aside: :func:`execute`)."""
    from traitlets.config import Config

    config = Config({
        "CSSHTMLHeaderPreprocessor": {"enabled": True, "highlight_class": ".highlight-ipynb"},
        "ExecutePreprocessor": {"enabled": False},
        "TemplateExporter": {"exclude_input": False},
    })
    tags = NOTEBOOKS["remove_input_tags"]
    if tags:
        config["TagRemovePreprocessor"] = Config({"enabled": True, "remove_input_tags": set(tags)})
    return config


def _heading_renderer():
    """nbconvert's Markdown renderer, its headings given mkdocs-jupyter's lower-case anchors (``_anchor``)."""
    from mistune import HTMLRenderer
    from nbconvert.filters.markdown_mistune import IPythonRenderer

    class HeadingRenderer(IPythonRenderer):
        def heading(self, text, level, **attrs):
            return _anchor(HTMLRenderer.heading(self, text, level, **attrs), self.anchor_link_text)

    return HeadingRenderer


def _slug(value: str) -> str:
    """mkdocs-jupyter's ``slugify``: ASCII, lower case, word characters and hyphens.

    Examples
    --------
    >>> _slug("Precision & recall: the 5-detector ")
    'precision-recall-the-5-detector'
    """
    import unicodedata

    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[-\s]+", "-", value)


def _anchor(html: str, anchor_link_text: str = "¶") -> str:
    """A heading's HTML given the id of its lower-case slug and a link to it (what the page's toc links to).

    Examples
    --------
    >>> _anchor("<h2>The Trade-off</h2>")
    '<h2 id="the-trade-off">The Trade-off<a class="anchor-link" href="#the-trade-off">&#182;</a></h2>'
    """
    from xml.etree.ElementTree import Element

    from defusedxml import ElementTree
    from nbconvert.filters.strings import _convert_header_id, html2text

    try:
        heading = ElementTree.fromstring(html)
    except Exception:  # not XML: left as it is (what mkdocs-jupyter does)
        return html
    link = _convert_header_id(_slug(html2text(heading)))
    heading.set("id", link)
    anchor = Element("a", {"class": "anchor-link", "href": "#" + link})
    try:
        anchor.append(ElementTree.fromstring(anchor_link_text))
    except Exception:
        anchor.text = anchor_link_text
    heading.append(anchor)
    return ElementTree.tostring(heading).decode("utf-8", "replace")


def _code_filter():
    """The ``highlight_code`` filter of one conversion: pygments with mkdocs-jupyter's classes, then the hidden copy
    of the source that the cell's copy button (``for="cell-<n>"``, counted by the template) copies."""
    import mistune
    from nbconvert.filters.highlight import _pygments_highlight
    from pygments.formatters import HtmlFormatter

    counter = [0]

    def highlight_code(source, language=None, metadata=None):
        counter[0] += 1
        language = language or _LANGUAGE
        formatter = HtmlFormatter(cssclass=f"highlight-ipynb hl-{language} ")
        output = _pygments_highlight(source, formatter, language, metadata)
        copy = f"""<div id="cell-{counter[0]}" class="clipboard-copy-txt">{mistune.escape(source)}</div>
        """
        return output + copy

    return highlight_code


def _clean_html(element):
    # mkdocs-jupyter's: SVG and other markup outputs are kept as they are (nbconvert issue 1894).
    return element.decode() if isinstance(element, bytes) else str(element)


def without_result_prompts(nb):
    """A copy of ``nb`` whose hidden cells (tags in ``NOTEBOOKS["remove_input_tags"]``) show no "Out[n]:" prompt.

    A hidden cell's result (a flag's question, a predict-then-reveal card) is part of the prose: with its input
    hidden, an "Out[n]:" before it numbers a cell the reader cannot see. Its ``execute_result`` outputs become
    ``display_data`` (the same data, no execution count), which the template shows without a prompt.

    Examples
    --------
    >>> import nbformat
    >>> cell = nbformat.v4.new_code_cell("1", metadata={"tags": ["remove_input"]}, execution_count=3, outputs=[
    ...     nbformat.v4.new_output("execute_result", {"text/plain": "1"}, execution_count=3)])
    >>> shown = without_result_prompts(nbformat.v4.new_notebook(cells=[cell]))
    >>> [(o.output_type, "execution_count" in o) for o in shown.cells[0].outputs], cell.outputs[0].output_type
    ([('display_data', False)], 'execute_result')
    """
    import copy

    import nbformat

    hidden_tags = set(NOTEBOOKS["remove_input_tags"])
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type != "code" or not hidden_tags & set(cell.metadata.get("tags", [])):
            continue
        cell.outputs = [
            nbformat.v4.new_output("display_data", output.get("data", {}), metadata=output.get("metadata", {}))
            if output.output_type == "execute_result" else output for output in cell.outputs]
    return nb


def to_html(nb) -> str:
    """The page's HTML of ``nb`` (executed or not): the notebook's cells, in the template's wrapper (hidden cells'
    results without their "Out[n]:" prompt: :func:`without_result_prompts`)."""
    from jinja2 import pass_context
    from nbconvert.exporters.html import HTMLExporter
    from nbconvert.filters.markdown_mistune import MarkdownWithMath

    renderer_class = _heading_renderer()

    class Exporter(HTMLExporter):
        @pass_context
        def markdown2html(self, context, source):
            cell = context.get("cell", {})
            renderer = renderer_class(
                escape=False, attachments=cell.get("attachments", {}), embed_images=self.embed_images,
                path=context.get("resources", {}).get("metadata", {}).get("path", ""),
                anchor_link_text=self.anchor_link_text, exclude_anchor_links=self.exclude_anchor_links,
                **self.lexer_options)
            return MarkdownWithMath(renderer=renderer).render(source)

    exporter = Exporter(config=_exporter_config(), template_file="mkdocs_html/notebook.html.j2",
                        extra_template_paths=[str(TEMPLATES)], theme=NOTEBOOKS["theme"], mathjax_url="",
                        filters={"highlight_code": _code_filter(), "clean_html": _clean_html})
    content, _ = exporter.from_notebook_node(without_result_prompts(nb),
                                             resources={"mkdocs": {"include_requirejs": False}})
    return content


def _markdown_for_toc(nb) -> str:
    """The notebook as Markdown without code cells or code spans (mkdocs-jupyter's ``nb2md``)."""
    from nbconvert.exporters.markdown import MarkdownExporter

    exporter = MarkdownExporter(template_file="mkdocs_md/md-no-codecell.md.j2", extra_template_paths=[str(TEMPLATES)])
    body, _ = exporter.from_notebook_node(nb)
    body = _CODE_SPANS["fenced"].sub("", body)
    body = _CODE_SPANS["inline"].sub("", body)
    # A span across lines goes unless it holds a heading (backticks unmatched across cells).
    return _CODE_SPANS["spanning"].sub(
        lambda m: m.group() if re.search(r"^#{1,6} ", m.group(), re.MULTILINE) else "", body)


def toc(nb) -> tuple[list[dict], str | None]:
    """The page's toc tokens (``markdown``'s ``toc`` extension, ``NOTEBOOKS["toc_depth"]`` deep) and its title (the
    first level-1 heading; None without one).

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Meet `the` data\\n\\n## A *first* look"),
    ...                                      nbformat.v4.new_code_cell("# not a heading")])
    >>> tokens, title = toc(nb)
    >>> title, [(t["level"], t["id"]) for t in tokens[0]["children"]]
    ('Meet data', [(2, 'a-first-look')])
    """
    import markdown
    from markdown.extensions.toc import TocExtension

    md = markdown.Markdown(extensions=[TocExtension(toc_depth=NOTEBOOKS["toc_depth"])])
    md.convert(_markdown_for_toc(nb))
    title = next((token["name"] for token in md.toc_tokens if token["level"] == 1), None)
    return md.toc_tokens, title


def page(nb) -> dict:
    """What the page of ``nb`` is made of: ``{"content": html, "toc_tokens": [...], "title": str | None}``."""
    tokens, title = toc(nb)
    return {"content": to_html(nb), "toc_tokens": tokens, "title": title}
