"""MkDocs hook: what a reader of a tutorial page gets around the executed notebook.

Everything is derived from three settings of ``mkdocs.yml``: ``repo_url`` (a GitHub repository),
``extra.repo_branch`` (the branch the sources and the installed package come from) and ``remote_branch``
(the branch ``mkdocs gh-deploy`` publishes the built site to, which therefore holds the generated notebooks).

What it does, in build order:

- ``on_config``: read those settings; check that MathJax has been vendored (``scripts/setup.sh`` does it).
- ``on_files``: for every tutorial (each file mkdocs-jupyter renders), generate ``<tutorial>.ipynb`` next to
  its page, in memory, from the jupytext source: a first cell ``%pip install "mnist-tutorials @
  git+<repo_url>@<ref>"``, then the tutorial's cells, unexecuted. ``<ref>`` is the commit the site is built
  from (``git rev-parse HEAD``), so the notebook installs exactly the code that computed the page's numbers;
  without git (a source archive) it falls back to ``extra.repo_branch``. Relative links in the Markdown
  cells (``../02_five_detector/``) become absolute URLs under ``site_url``, so they work in Colab. Add the
  vendored MathJax files to the site as ``assets/vendor/mathjax/...``, so math renders without a CDN.
- ``on_page_content`` (tutorial pages): remove the CDN scripts mkdocs-jupyter's template ships (MathJax 2,
  mermaid; the site loads its own MathJax) and add, under the title, the "Open in Colab", "Download
  notebook (.ipynb)" and "View source" links and, after the introduction, the install cell Colab runs.
- ``on_env`` (every page is rendered by now): cross-links. In each tutorial's code cells, names imported from
  ``mnist_tutorials`` (``from mnist_tutorials.x import name``, ``import mnist_tutorials.x as m`` then
  ``m.name``) link to their entry in the API reference: to the anchor mkdocstrings generated
  (``id="mnist_tutorials.x.name"``), found in the rendered reference pages. Each API entry used by a
  tutorial gets a "Used in" line listing those tutorials, in navigation order (sphinx-gallery's
  backreferences).
- ``on_page_context``: notebook outputs (text, tables, images, plotly figures), prompts and the hidden copies
  of the cells' code are kept out of the search index; prose, headings and code stay searchable.
- ``on_post_page``: MathJax (its configuration ``javascripts/mathjax.js``, then the vendored bundle, deferred)
  is loaded only by pages that have math: arithmatex output on Markdown pages, ``$...$``, ``$$...$$``,
  ``\\(...\\)`` or ``\\[...\\]`` in the prose of a notebook page (its Markdown cells and Markdown outputs).

Colab opens notebooks from GitHub only (``colab.research.google.com/github/<owner>/<repo>/blob/<branch>/<path>``),
not from a URL such as the published site. The generated notebooks are not committed to ``main``: the publish
workflow (``.github/workflows/publish.yml``) pushes the built site, notebooks included, to ``remote_branch``,
and the "Open in Colab" links point there. See the README's "Publishing" section.
"""

from __future__ import annotations

import ast
import hashlib
import html
import logging
import os
import re
import subprocess
from pathlib import Path
from urllib.parse import urljoin, urlparse

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

log = logging.getLogger("mkdocs.hooks.reader")

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "mnist_tutorials"
DISTRIBUTION = "mnist-tutorials"
JUPYTER_PLUGIN = "mkdocs-jupyter"
COLAB = "https://colab.research.google.com/github"

# MathJax 3, unpacked from the npm registry by scripts/setup.sh (`npm pack mathjax@3...`) into a git-ignored
# folder. Only what the CommonHTML bundle loads is published: the bundle, TeX extensions (autoloaded by
# macros), CHTML fonts, the menu and its accessibility extensions.
MATHJAX_DIR = ROOT / "vendor" / "mathjax" / "es5"
MATHJAX_SITE = "assets/vendor/mathjax"
MATHJAX_PARTS = ("tex-mml-chtml.js", "input/tex/extensions", "output/chtml/fonts/woff-v2", "ui", "a11y")

# Icons shipped with Material for MkDocs (inlined, so nothing is fetched from elsewhere).
ICONS = {"colab": "simple/googlecolab.svg", "download": "material/download.svg", "source": "simple/github.svg"}

# mkdocs-jupyter's template loads MathJax 2 from a CDN (an empty src here) and mermaid from a CDN.
_NB_MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
_NB_MERMAID = re.compile(r"<script type=\"module\">(?:(?!</script>).)*?mermaid(?:(?!</script>).)*</script>", re.S)
_NB_CELL = re.compile(r'<div class="jp-Cell ')
_H1_END = re.compile(r"</h1>")
_HIGHLIGHT = re.compile(r'(<div class="highlight-ipynb[^"]*"><pre>)(.*?)(</pre>)', re.S)
_ANCHOR_ID = re.compile(r'\bid="(' + PACKAGE + r'(?:\.\w+)*)"')
_NAME = r'<span class="n">(\w+)</span>'
_CHAIN = re.compile(r'(?<!<span class="o">\.</span>)' + _NAME + r'(?:<span class="o">\.</span>' + _NAME + r')*')
_CHAIN_PART = re.compile(_NAME)
_MODULE_SPAN = re.compile(r'<span class="nn">(' + PACKAGE + r'(?:\.\w+)*)</span>')
_DOC_CONTENTS = re.compile(r'<div class="doc doc-contents[^"]*">')
_HEADING_START = re.compile(r"<h[1-6]\b")

_state: dict = {}


# --------------------------------------------------------------------------------------------- settings


def on_config(config):
    repo_url = (config.repo_url or "").rstrip("/")
    parsed = urlparse(repo_url)
    parts = [p for p in parsed.path.split("/") if p]
    if parsed.netloc != "github.com" or len(parts) != 2:
        raise PluginError(f"reader hook: expected repo_url to be https://github.com/<owner>/<repo>, found {repo_url!r}; "
                          "the Colab, source and notebook links are derived from it.")
    branch = (config.extra or {}).get("repo_branch")
    if not branch:
        raise PluginError("reader hook: expected `extra: repo_branch: <branch>` in mkdocs.yml (the branch the "
                          "'View source' links and the notebooks' install cell use); found none.")
    site_url = config.site_url or ""
    if urlparse(site_url).scheme not in ("http", "https"):
        raise PluginError(f"reader hook: expected site_url in mkdocs.yml to be the published site's https:// address, "
                          f"found {site_url!r}; the links inside the downloadable notebooks are made absolute with it.")
    if JUPYTER_PLUGIN not in config.plugins:
        raise PluginError(f"reader hook: expected the {JUPYTER_PLUGIN!r} plugin in mkdocs.yml, found {list(config.plugins)}")
    if not (MATHJAX_DIR / MATHJAX_PARTS[0]).is_file():
        raise PluginError(f"reader hook: MathJax is not vendored: expected {MATHJAX_DIR / MATHJAX_PARTS[0]}, found "
                          "nothing. Run `bash scripts/setup.sh` (step 'MathJax'), which unpacks it from the npm registry.")
    docs_dir = Path(config.docs_dir).resolve()
    config_dir = Path(config.config_file_path).resolve().parent
    _state.clear()
    _state.update(
        repo_url=repo_url,
        owner_repo="/".join(parts),
        branch=branch,
        install_ref=install_ref(ROOT, branch),
        site_url=site_url.rstrip("/") + "/",
        notebooks_branch=config.remote_branch,
        docs_prefix=docs_dir.relative_to(config_dir).as_posix(),
        plugin=config.plugins[JUPYTER_PLUGIN],
        tutorials={},  # src_uri -> notebook (site) uri
        installs={},  # src_uri -> the notebook's install cell
    )
    return config


def install_command(repo_url: str, ref: str, extras: tuple = ()) -> str:
    """The notebook's first cell: install this package (with ``extras``) from the repository at ``ref``."""
    name = f"{DISTRIBUTION}[{','.join(extras)}]" if extras else DISTRIBUTION
    return f'%pip install "{name} @ git+{repo_url}@{ref}"'


# Imports that need an optional extra of the package (pyproject.toml's [project.optional-dependencies]).
EXTRAS = {"keras": "keras", "tensorflow": "keras", f"{PACKAGE}.keras_lab": "keras"}


def tutorial_extras(source_path: str) -> tuple:
    """The extras a tutorial needs, from what its code cells import (``import keras`` needs ``keras``)."""
    import jupytext

    needed = set()
    for cell in jupytext.read(source_path).cells:
        if cell.cell_type != "code":
            continue
        code = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in cell.source.splitlines())
        for node in ast.walk(ast.parse(code)):
            modules = [alias.name for alias in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
            for module in modules:
                for prefix, extra in EXTRAS.items():
                    if module == prefix or module.startswith(prefix + "."):
                        needed.add(extra)
    return tuple(sorted(needed))


def install_ref(root: Path, branch: str) -> str:
    """The commit ``root`` is checked out at (what the site is built from), or ``branch`` when git cannot say."""
    try:
        result = subprocess.run(["git", "-C", str(root), "rev-parse", "--verify", "HEAD"], capture_output=True,
                                text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        result = None
    commit = result.stdout.strip() if result is not None and result.returncode == 0 else ""
    if re.fullmatch(r"[0-9a-f]{40}", commit):
        return commit
    log.info("reader hook: no git commit found in %s; the notebooks install the branch %r instead.", root.name, branch)
    return branch


# Links in Markdown cells: [text](target "title"), ![alt](target), <a href="target">, <img src="target">.
_MD_LINK = re.compile(r'(!?\[[^\]]*\]\()(<[^>]*>|[^)\s]+)((?:\s+"[^"]*")?\))')
_HTML_LINK = re.compile(r'(\b(?:href|src)=")([^"]+)(")')


def absolute_url(target: str, page_url: str, site_url: str) -> str:
    """``target`` as written on the page at ``page_url``, as an absolute URL under ``site_url``.

    Absolute URLs (``https:``, ``mailto:`` …) are returned unchanged. A link to a Markdown or tutorial source
    (``../tutorials/02_five_detector.py``, ``../concepts/metrics.md``) becomes the address of its page.
    """
    if urlparse(target).scheme:
        return target
    path, hash_, fragment = target.partition("#")
    if path.endswith((".md", ".py")):
        path = path.rsplit(".", 1)[0] + "/"
        path = path[: -len("index/")] if path.endswith("/index/") or path == "index/" else path
    return urljoin(urljoin(site_url, page_url), path) + hash_ + fragment


def absolute_links(markdown: str, page_url: str, site_url: str) -> str:
    """Every relative link of a Markdown cell made absolute (see ``absolute_url``)."""
    def md(match):
        target = match.group(2)
        bracketed = target.startswith("<")
        url = absolute_url(target.strip("<>"), page_url, site_url)
        return match.group(1) + (f"<{url}>" if bracketed else url) + match.group(3)

    def tag(match):
        return match.group(1) + html.escape(absolute_url(html.unescape(match.group(2)), page_url, site_url)) + match.group(3)

    return _HTML_LINK.sub(tag, _MD_LINK.sub(md, markdown))


# ----------------------------------------------------------------------------------------------- files


def _notebook_uri(src_uri: str) -> str:
    return src_uri.rsplit(".", 1)[0] + ".ipynb"


def _notebook_json(path: str, install: str, page_url: str, site_url: str) -> str:
    import jupytext
    import nbformat

    nb = jupytext.read(path)
    nb.metadata.pop("jupytext", None)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = absolute_links(cell.source, page_url, site_url)
    nb.cells.insert(0, nbformat.v4.new_code_cell(install))
    for index, cell in enumerate(nb.cells):  # stable ids: the same source gives the same bytes
        digest = hashlib.sha256(f"{index}\0{cell.cell_type}\0{cell.source}".encode()).hexdigest()
        cell["id"] = digest[:12]
    nbformat.validate(nb)
    return jupytext.writes(nb, fmt="ipynb")


def on_files(files, config):
    plugin = _state["plugin"]
    for file in list(files):
        if not file.is_documentation_page() or not plugin.should_include(file):
            continue
        if not file.src_uri.endswith(".py"):
            raise PluginError(f"reader hook: tutorial {file.src_uri} is not a jupytext .py script; the generated "
                              "notebook would overwrite it. Write tutorials as docs/tutorials/NN_slug.py.")
        uri = _notebook_uri(file.src_uri)
        if files.get_file_from_path(uri) is not None:
            raise PluginError(f"reader hook: docs/{uri} exists, but the build generates it from {file.src_uri}; delete it.")
        install = install_command(_state["repo_url"], _state["install_ref"], tutorial_extras(file.abs_src_path))
        files.append(File.generated(config, uri, content=_notebook_json(file.abs_src_path, install, file.url,
                                                                        _state["site_url"])))
        _state["tutorials"][file.src_uri] = uri
        _state["installs"][file.src_uri] = install
    for part in MATHJAX_PARTS:
        source = MATHJAX_DIR / part
        paths = [source] if source.is_file() else sorted(p for p in source.rglob("*") if p.is_file())
        if not paths:
            raise PluginError(f"reader hook: expected MathJax files under {source}, found none; run `bash scripts/setup.sh`.")
        for path in paths:
            uri = f"{MATHJAX_SITE}/{path.relative_to(MATHJAX_DIR).as_posix()}"
            files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files


# ------------------------------------------------------------------------------------ tutorial links


def _icon(name: str) -> str:
    import material

    path = Path(material.__file__).parent / "templates" / ".icons" / ICONS[name]
    if not path.is_file():
        raise PluginError(f"reader hook: expected Material's icon {path}, found nothing; reinstall mkdocs-material.")
    return path.read_text(encoding="utf-8").strip()


def _links(page) -> dict:
    uri = _state["tutorials"][page.file.src_uri]
    return {
        "colab": f"{COLAB}/{_state['owner_repo']}/blob/{_state['notebooks_branch']}/{uri}",
        "download": get_relative_url(uri, page.url),
        "source": f"{_state['repo_url']}/blob/{_state['branch']}/{_state['docs_prefix']}/{page.file.src_uri}",
    }


def _links_html(page) -> str:
    links = _links(page)
    name = html.escape(Path(links["download"]).name)
    buttons = (
        f'<a class="md-button md-button--primary reader-colab" href="{html.escape(links["colab"])}" '
        f'target="_blank" rel="noopener">{_icon("colab")} Open in Colab</a>'
        f'<a class="md-button reader-download" href="{html.escape(links["download"])}" download="{name}">'
        f'{_icon("download")} Download notebook (.ipynb)</a>'
        f'<a class="md-button reader-source" href="{html.escape(links["source"])}">{_icon("source")} View source</a>'
    )
    return f'<p class="reader-links">{buttons}</p>'


def _install_html(page) -> str:
    command = html.escape(_state["installs"][page.file.src_uri], quote=False)
    return (
        '<div class="reader-install">'
        '<p>The notebook\'s first cell installs this package; Colab runs it before the cells below:</p>'
        f'<pre><code>{command}</code></pre>'  # Material's code block (and copy button), not the notebook's CSS
        "</div>"
    )


def on_page_content(html_content, page, config, files):
    if page.file.src_uri not in _state["tutorials"]:
        return html_content
    html_content = _NB_MERMAID.sub("", _NB_MATHJAX.sub("", html_content))
    cells = [m.start() for m in _NB_CELL.finditer(html_content)]
    if not cells:
        raise PluginError(f"reader hook: {page.file.src_uri} rendered without notebook cells; "
                          "mkdocs-jupyter's HTML changed, update docs/hooks/reader.py.")
    after_intro = cells[1] if len(cells) > 1 else len(html_content)
    html_content = html_content[:after_intro] + _install_html(page) + html_content[after_intro:]
    title_end = _H1_END.search(html_content, cells[0])
    at = title_end.end() if title_end and title_end.start() < after_intro else cells[0]
    return html_content[:at] + _links_html(page) + html_content[at:]


# ----------------------------------------------------------------------------------------- cross-links


def _griffe_package():
    import griffe

    return griffe.load(PACKAGE, search_paths=[str(ROOT)], resolve_aliases=True, resolve_external=False)


def _lookup(package, path: str):
    """The griffe object at dotted ``path`` (``mnist_tutorials.x.y``), or None."""
    if path == PACKAGE:
        return package
    if not path.startswith(PACKAGE + "."):
        return None
    try:
        return package[path[len(PACKAGE) + 1:]]
    except Exception:  # KeyError, or an alias that does not resolve
        return None


def _canonical(package, path: str) -> str | None:
    obj = _lookup(package, path)
    if obj is None:
        return None
    try:
        return obj.final_target.path if obj.is_alias else obj.path
    except Exception:
        return None


def _imported_names(source_path: str) -> dict:
    """Local name -> dotted path, for every ``mnist_tutorials`` import in the tutorial's code cells."""
    import jupytext

    names: dict = {}
    for cell in jupytext.read(source_path).cells:
        if cell.cell_type != "code":
            continue
        code = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in cell.source.splitlines())
        try:
            tree = ast.parse(code)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and \
                    (node.module == PACKAGE or node.module.startswith(PACKAGE + ".")):
                for alias in node.names:
                    if alias.name != "*":
                        names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name == PACKAGE or alias.name.startswith(PACKAGE + "."):
                        if alias.asname:
                            names[alias.asname] = alias.name
                        else:
                            names[PACKAGE] = PACKAGE
    return names


def _resolve(package, anchors: dict, path: str):
    """Pick the documented anchor for ``path``: as written if documented there, else its definition."""
    obj = _lookup(package, path)
    if obj is None or obj.name.startswith("_"):
        return None
    for candidate in (path, _canonical(package, path)):
        if candidate in anchors:
            return candidate
    return None


def _link_code(code: str, names: dict, package, anchors: dict, page, used: set) -> str:
    def href(anchor):
        return get_relative_url(anchors[anchor].url, page.url) + "#" + anchor

    def link(span, anchor):
        used.add(anchor)
        return f'<a class="reader-xref" href="{html.escape(href(anchor))}" title="{anchor}">{span}</a>'

    def chain(match):
        parts = _CHAIN_PART.findall(match.group(0))
        if parts[0] not in names:
            return match.group(0)
        path, best, best_index = names[parts[0]], None, -1
        for index, part in enumerate(parts):
            if index:
                path = f"{path}.{part}"
            anchor = _resolve(package, anchors, path)
            if anchor is not None:
                best, best_index = anchor, index
            elif _lookup(package, path) is None:
                break
        if best is None:
            return match.group(0)
        spans = list(_CHAIN_PART.finditer(match.group(0)))
        target = spans[best_index]
        text = match.group(0)
        return text[:target.start()] + link(target.group(0), best) + text[target.end():]

    def module(match):
        anchor = _resolve(package, anchors, match.group(1))
        return link(match.group(0), anchor) if anchor else match.group(0)

    return _MODULE_SPAN.sub(module, _CHAIN.sub(chain, code))


def _used_in_html(tutorials: list, page) -> str:
    links = ", ".join(f'<a href="{html.escape(get_relative_url(t.url, page.url))}">{html.escape(t.title or t.url)}</a>'
                      for t in tutorials)
    return f'<p class="reader-used-in"><strong>Used in:</strong> {links}</p>'


def _add_backreferences(content: str, users: dict, page) -> str:
    """Insert "Used in" at the top of each documented object's contents (after its heading and signature)."""
    pieces, last = [], 0
    for match in _ANCHOR_ID.finditer(content):
        anchor = match.group(1)
        if anchor not in users:
            continue
        contents = _DOC_CONTENTS.search(content, match.end())
        next_heading = _HEADING_START.search(content, match.end())
        if contents is None or (next_heading is not None and next_heading.start() < contents.start()):
            continue
        pieces.append(content[last:contents.end()])
        pieces.append(_used_in_html(users.pop(anchor), page))
        last = contents.end()
    pieces.append(content[last:])
    return "".join(pieces)


def on_env(env, config, files):
    pages = [f.page for f in files.documentation_pages() if f.page is not None and f.page.content]
    anchors: dict = {}
    for page in pages:
        if page.file.src_uri in _state["tutorials"]:
            continue
        for anchor in _ANCHOR_ID.findall(page.content):
            anchors.setdefault(anchor, page)
    package = _griffe_package()
    order = _state.get("nav_order", {})
    tutorials = sorted((p for p in pages if p.file.src_uri in _state["tutorials"]),
                       key=lambda p: (order.get(p.file.src_uri, len(order)), p.file.src_uri))
    used_by: dict = {}  # canonical path -> tutorial pages
    for page in tutorials:
        names = _imported_names(page.file.abs_src_path)
        used: set = set()
        page.content = _HIGHLIGHT.sub(
            lambda m: m.group(1) + _link_code(m.group(2), names, package, anchors, page, used) + m.group(3),
            page.content)
        for anchor in used:
            if (_lookup(package, anchor) or package).kind.value == "module":
                continue
            used_by.setdefault(_canonical(package, anchor), []).append(page)
        _state.setdefault("xrefs", {})[page.file.src_uri] = sorted(used)
    for page in {id(p): p for p in anchors.values()}.values():
        users = {anchor: used_by[_canonical(package, anchor)]
                 for anchor in set(_ANCHOR_ID.findall(page.content)) if _canonical(package, anchor) in used_by}
        if users:
            page.content = _add_backreferences(page.content, users, page)
    return env


def on_nav(nav, config, files):
    _state["nav_order"] = {page.file.src_uri: index for index, page in enumerate(nav.pages)}
    return nav


# ------------------------------------------------------------------------------------------------ search

_OUTPUT_DIV = re.compile(
    r'<div class="[^"]*\b(?:jp-InputPrompt|jp-OutputPrompt|zeroclipboard-container|clipboard-copy-txt|celltoolbar|'
    r'reader-install)\b[^"]*"[^>]*>'
    r'|<div class="[^"]*\bjp-OutputArea-output\b[^"]*"(?![^>]*data-mime-type="text/markdown")[^>]*>'
)
_DIV_TAG = re.compile(r"<div\b|</div>")


def _without_outputs(content: str) -> str:
    """The page minus outputs (except Markdown ones, which are prose), prompts and hidden copies of the code."""
    pieces, position = [], 0
    while True:
        start = _OUTPUT_DIV.search(content, position)
        if start is None:
            break
        depth, end = 0, None
        for tag in _DIV_TAG.finditer(content, start.start()):
            depth += 1 if tag.group(0) == "<div" else -1
            if depth == 0:
                end = tag.end()
                break
        if end is None:
            raise PluginError("reader hook: unbalanced <div> in a notebook page; cannot strip its outputs from search.")
        pieces.append(content[position:start.start()])
        position = end
    pieces.append(content[position:])
    return "".join(pieces)


@event_priority(50)  # after execution_cache (100), before the search plugin (0) indexes page.content
def _search_view(context, page, config, nav):
    if page.file.src_uri in _state["tutorials"] and page.content:
        _state["full_content"] = (page, page.content)
        page.content = _without_outputs(page.content)
    return context


@event_priority(-50)  # after the search plugin: the page itself keeps everything
def _reader_view(context, page, config, nav):
    saved = _state.pop("full_content", None)
    if saved is not None and saved[0] is page:
        page.content = saved[1]
    return context


on_page_context = CombinedEvent(_search_view, _reader_view)


# ------------------------------------------------------------------------------------------------- math

MATHJAX_CONFIG = "javascripts/mathjax.js"
_TEX = re.compile(r"\$\$|\\\(|\\\[|\$[^\s$][^$\n]*\$")
_CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.S)


def has_math(page) -> bool:
    """Whether MathJax has anything to typeset on ``page`` (see ``javascripts/mathjax.js`` for what it reads)."""
    content = page.content or ""
    if 'class="arithmatex"' in content:
        return True
    if page.file.src_uri not in _state["tutorials"]:
        return False
    return bool(_TEX.search(_CODE.sub("", _without_outputs(content))))


def on_post_page(output, page, config):
    if not has_math(page):
        return output
    to_root = "../" * page.url.count("/")
    tags = (f'<script src="{to_root}{MATHJAX_CONFIG}"></script>'
            f'<script defer src="{to_root}{MATHJAX_SITE}/{MATHJAX_PARTS[0]}"></script>')
    at = output.rfind("</body>")
    if at == -1:
        raise PluginError(f"reader hook: page {page.file.src_uri} has no </body>; cannot load MathJax.")
    return output[:at] + tags + output[at:]
