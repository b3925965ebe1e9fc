"""MkDocs hook: the downloadable notebooks, and the links and install cell around each tutorial page.

Everything is derived from three settings of ``mkdocs.yml``: ``repo_url`` (a GitHub repository),
``extra.repo_branch`` (the branch the sources and the installed package come from) and ``remote_branch``
(the branch ``mkdocs gh-deploy`` publishes the built site to, which therefore holds the generated notebooks).

What it does, in build order:

- ``on_config``: read those settings.
- ``on_files``: for every tutorial (each file mkdocs-jupyter renders), generate ``<tutorial>.ipynb`` next to
  its page, in memory, from the jupytext source: a first cell ``%pip install "mnist-tutorials @
  git+<repo_url>@<ref>"``, then the tutorial's cells, unexecuted. ``<ref>`` is the commit the site is built
  from (``git rev-parse HEAD``), so the notebook installs exactly the code that computed the page's numbers;
  without git (a source archive) it falls back to ``extra.repo_branch``. Relative links in the Markdown
  cells (``../02_five_detector/``) become absolute URLs under ``site_url``, so they work in Colab.
- ``on_page_content`` (tutorial pages): remove the CDN scripts mkdocs-jupyter's template ships (MathJax 2,
  mermaid; the site loads its own MathJax, see ``assets.py``) and add, under the title, the "Open in Colab",
  "Download notebook (.ipynb)" and "View source" links and, after the introduction, the install cell Colab runs.

Colab opens notebooks from GitHub only (``colab.research.google.com/github/<owner>/<repo>/blob/<branch>/<path>``),
not from a URL such as the published site. The generated notebooks are not committed to ``main``: the publish
workflow (``.github/workflows/publish.yml``) pushes the built site, notebooks included, to ``remote_branch``,
and the "Open in Colab" links point there. See the README's "Publishing" section.

The other jobs around a tutorial page live in their own hooks: cross-links to the API reference
(``api_links.py``), the search-index view (``search.py``), MathJax (``assets.py``).
"""

from __future__ import annotations

import ast
import hashlib
import html
import logging
import re
import subprocess
from pathlib import Path
from urllib.parse import urljoin, urlparse

from mkdocs.structure.files import File

import _shared  # sibling module: docs/hooks/_shared.py

log = logging.getLogger("mkdocs.hooks.notebooks")

HOOK = "notebooks"
PACKAGE = "mnist_tutorials"
DISTRIBUTION = "mnist-tutorials"
COLAB = "https://colab.research.google.com/github"

# Icons shipped with Material for MkDocs (inlined, so nothing is fetched from elsewhere).
ICONS = {"colab": "simple/googlecolab.svg", "download": "material/download.svg", "source": "simple/github.svg"}

# mkdocs-jupyter's template loads MathJax 2 from a CDN (an empty src here) and mermaid from a CDN.
_NB_MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
_NB_MERMAID = re.compile(r"<script type=\"module\">(?:(?!</script>).)*?mermaid(?:(?!</script>).)*</script>", re.S)
_NB_CELL = re.compile(r'<div class="jp-Cell ')
_H1_END = re.compile(r"</h1>")

_state: dict = {}


# --------------------------------------------------------------------------------------------- settings


def on_config(config):
    repo_url = (config.repo_url or "").rstrip("/")
    parsed = urlparse(repo_url)
    parts = [p for p in parsed.path.split("/") if p]
    if parsed.netloc != "github.com" or len(parts) != 2:
        raise _shared.error(HOOK, f"expected repo_url in mkdocs.yml to be https://github.com/<owner>/<repo>, found "
                                  f"{repo_url!r}; the Colab, source and notebook links are derived from it.")
    branch = (config.extra or {}).get("repo_branch")
    if not branch:
        raise _shared.error(HOOK, "expected `extra: repo_branch: <branch>` in mkdocs.yml (the branch the 'View "
                                  "source' links and the notebooks' install cell use); found none. Add it.")
    site_url = config.site_url or ""
    if urlparse(site_url).scheme not in ("http", "https"):
        raise _shared.error(HOOK, f"expected site_url in mkdocs.yml to be the published site's https:// address, "
                                  f"found {site_url!r}; the links inside the downloadable notebooks are made "
                                  "absolute with it.")
    plugin = _shared.jupyter_plugin(config, HOOK)
    docs_dir = Path(config.docs_dir).resolve()
    config_dir = Path(config.config_file_path).resolve().parent
    _state.clear()
    _state.update(
        repo_url=repo_url,
        owner_repo="/".join(parts),
        branch=branch,
        install_ref=install_ref(_shared.REPO, branch),
        site_url=site_url.rstrip("/") + "/",
        notebooks_branch=config.remote_branch,
        docs_prefix=docs_dir.relative_to(config_dir).as_posix(),
        plugin=plugin,
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
    needed = set()
    for tree in _shared.code_cell_trees(source_path):
        for node in ast.walk(tree):
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
    log.info("notebooks hook: no git commit found in %s; the notebooks install the branch %r instead.", root.name,
             branch)
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
            raise _shared.error(HOOK, f"tutorial docs/{file.src_uri} is not a jupytext .py script; the generated "
                                      "notebook would overwrite it. Write tutorials as docs/tutorials/NN_slug.py.")
        uri = _notebook_uri(file.src_uri)
        if files.get_file_from_path(uri) is not None:
            raise _shared.error(HOOK, f"docs/{uri} exists, but the build generates it from docs/{file.src_uri}; "
                                      "delete it.")
        install = install_command(_state["repo_url"], _state["install_ref"], tutorial_extras(file.abs_src_path))
        files.append(File.generated(config, uri, content=_notebook_json(file.abs_src_path, install, file.url,
                                                                        _state["site_url"])))
        _state["tutorials"][file.src_uri] = uri
        _state["installs"][file.src_uri] = install
    return files


# ------------------------------------------------------------------------------------ tutorial links


def _icon(name: str) -> str:
    import material

    path = Path(material.__file__).parent / "templates" / ".icons" / ICONS[name]
    if not path.is_file():
        raise _shared.error(HOOK, f"expected Material's icon {path}, found nothing; reinstall mkdocs-material.")
    return path.read_text(encoding="utf-8").strip()


def _links(page) -> dict:
    uri = _state["tutorials"][page.file.src_uri]
    return {
        "colab": f"{COLAB}/{_state['owner_repo']}/blob/{_state['notebooks_branch']}/{uri}",
        "download": _shared.url_to(uri, page),
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
        raise _shared.error(HOOK, f"docs/{page.file.src_uri} rendered without notebook cells; mkdocs-jupyter's "
                                  "HTML changed, update docs/hooks/notebooks.py.")
    after_intro = cells[1] if len(cells) > 1 else len(html_content)
    html_content = html_content[:after_intro] + _install_html(page) + html_content[after_intro:]
    title_end = _H1_END.search(html_content, cells[0])
    at = title_end.end() if title_end and title_end.start() < after_intro else cells[0]
    return html_content[:at] + _links_html(page) + html_content[at:]
