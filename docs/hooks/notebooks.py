"""Build part: the downloadable notebooks, and the links and install cell around each tutorial page.

Everything is derived from three settings of ``mkdocs.yml``: ``repo_url`` (a GitHub repository),
``extra.repo_branch`` (the branch the sources and the installed package come from) and ``remote_branch``
(the branch ``mkdocs gh-deploy`` publishes the built site to, which therefore holds the generated notebooks).

What it does, in build order:

- ``on_config``: read those settings.
- ``on_files``: for every tutorial (each page ``tutorial_pages.py`` makes), generate the learner's ``<tutorial>.ipynb``
  next to its page, in memory, from the jupytext source (``learner_notebooks``), unexecuted:

  1. the install cell, ``%pip install "mnist-tutorials @ git+<repo_url>@<ref>" "scikit-learn==<version>; <marker>"``.
     ``<ref>`` is the commit the site is built from (``git rev-parse HEAD``), so the notebook installs exactly
     the code that computed the page; without git (a source archive) it falls back to ``extra.repo_branch``.
     The libraries in ``PINNED`` (scikit-learn: its version changes the pages' numbers) are pinned to the
     version the build runs, with the marker of that release's ``Requires-Python`` (so that on an older
     Python pip skips the pin instead of failing); numpy and the other libraries Colab preinstalls are never
     pinned.
  2. the version cell: ``mnist_tutorials.versions.show_versions`` with the versions the build runs, and the
     page's ``version_notes`` (jupytext header, ``mnist_tutorials: version_notes: <library>: {since, effect}``).
  3. the tutorial's cells as ``_learner.py`` makes them: the hidden cells' checks removed, their prose folded.
     Relative links in Markdown cells and in code cells' string literals (``../02_five_detector/``) become
     absolute URLs under ``site_url``, so they work in Colab.

  An exercise (cells tagged ``solution``) gets two notebooks: ``<tutorial>.ipynb`` with the task and a link
  where the solution starts, and ``<tutorial>_solutions.ipynb`` with everything.
- ``on_page_content`` (tutorial pages): remove the CDN scripts the notebook template ships (MathJax 2,
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
import copy
import hashlib
import html
import json
import logging
import re
import subprocess
from pathlib import Path
from urllib.parse import urljoin, urlparse
from types import MappingProxyType

from mkdocs.structure.files import File

import _fill  # sibling module: docs/hooks/_fill.py
import _learner  # sibling module: docs/hooks/_learner.py
import _shared  # sibling module: docs/hooks/_shared.py
from _buildstate import STATE  # sibling module: docs/hooks/_buildstate.py (the build's one state object)

log = logging.getLogger("mkdocs.hooks.notebooks")

HOOK = "notebooks"
PACKAGE = "mnist_tutorials"
DISTRIBUTION = "mnist-tutorials"
COLAB = "https://colab.research.google.com/github"

# Icons shipped with Material for MkDocs (inlined, so nothing is fetched from elsewhere).
ICONS = MappingProxyType({"colab": "simple/googlecolab.svg", "download": "material/download.svg",
                          "source": "simple/github.svg"})

# The notebook template (mkdocs-jupyter's, docs/hooks/notebook_template) loads MathJax 2 from a CDN (an empty src
# here) and mermaid from a CDN.
_NB_MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
_NB_MERMAID = re.compile(r"<script type=\"module\">(?:(?!</script>).)*?mermaid(?:(?!</script>).)*</script>", re.S)
_NB_CELL = re.compile(r'<div class="jp-Cell ')
_H1_END = re.compile(r"</h1>")



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
    docs_dir = Path(config.docs_dir).resolve()
    config_dir = Path(config.config_file_path).resolve().parent
    STATE.notebooks.clear()
    STATE.notebooks.update(
        repo_url=repo_url,
        owner_repo="/".join(parts),
        branch=branch,
        install_ref=install_ref(_shared.REPO, branch),
        site_url=site_url.rstrip("/") + "/",
        notebooks_branch=config.remote_branch,
        docs_prefix=docs_dir.relative_to(config_dir).as_posix(),
        tutorials={},  # src_uri -> notebook (site) uri
        installs={},  # src_uri -> the notebook's install cell
        versions={},  # src_uri -> the library versions the page is computed with
    )
    return config


def install_command(repo_url: str, ref: str, extras: tuple = (), pins: dict | None = None) -> str:
    """The notebook's first cell: install this package (with ``extras``) from the repository at ``ref``.

    ``pins`` (``{distribution: version}``) are installed at exactly those versions, beside the package.
    """
    name = f"{DISTRIBUTION}[{','.join(extras)}]" if extras else DISTRIBUTION
    pinned = "".join(f' "{pinned_requirement(library, version)}"' for library, version in (pins or {}).items())
    return f'%pip install "{name} @ git+{repo_url}@{ref}"{pinned}'


def python_marker(requires_python: str | None) -> str:
    """An environment marker that holds exactly where ``requires_python`` (a release's ``Requires-Python``) does.

    A pinned release that does not support the reader's Python is then skipped by pip, instead of failing the
    whole install cell: the reader keeps the scikit-learn pip picks, and the version cell says it differs.

    >>> python_marker(">=3.11")
    "python_version >= '3.11'"
    >>> python_marker(">=3.10.1, <4")
    "python_full_version >= '3.10.1' and python_version < '4'"
    >>> python_marker(None)
    ''
    """
    parts = []
    for spec in (requires_python or "").split(","):
        found = re.fullmatch(r"\s*(~=|==|!=|<=|>=|<|>)\s*([0-9][0-9.]*)\s*", spec)
        if not found:
            continue
        operator, version = found.groups()
        variable = "python_full_version" if version.count(".") >= 2 else "python_version"
        parts.append(f"{variable} {operator} '{version}'")
    return " and ".join(parts)


def pinned_requirement(library: str, version: str) -> str:
    """``library==version``, with the marker of that release's ``Requires-Python`` when it is installed here.

    The build runs the pinned release, so its metadata is the release's own.
    """
    from importlib import metadata
    try:
        found = metadata.metadata(library)
        requires = found.get("Requires-Python") if found.get("Version") == version else None
    except metadata.PackageNotFoundError:
        requires = None
    marker = python_marker(requires)
    return f"{library}=={version}; {marker}" if marker else f"{library}=={version}"


# The libraries the install cell pins to the version the site was built with, and why. Only those whose version
# changes a number on the pages: scikit-learn 1.8 changed how SGDClassifier trains (the multiclass page, flag
# ML 105.2), 1.4 what LogisticRegression's tol means (the logistic regression pages), and Colab ships an older
# release. Never numpy, scipy, pandas or tensorflow: Colab's preinstalled packages are compiled against its own
# versions of them, and the pages' numbers do not depend on them.
PINNED = ("scikit-learn",)
NEVER_PINNED = ("numpy", "scipy", "pandas", "tensorflow", "keras", "matplotlib")
# The libraries the version cell lists: what computes the pages' numbers (plus keras and tensorflow where used).
VERSION_CELL = ("python", "numpy", "scipy", "pandas", "scikit-learn", "matplotlib")
VERSION_CELL_EXTRAS = MappingProxyType({"keras": ("keras", "tensorflow")})


def pins(versions: dict) -> dict:
    """``{library: version}`` for the install cell, from the versions the site is built with."""
    if set(PINNED) & set(NEVER_PINNED):
        raise _shared.error(HOOK, f"PINNED names {sorted(set(PINNED) & set(NEVER_PINNED))}, which Colab's "
                                  "preinstalled packages are built against; pinning them breaks Colab. Remove them.")
    missing = [name for name in PINNED if not versions.get(name)]
    if missing:
        raise _shared.error(HOOK, f"expected {', '.join(missing)} installed in the build environment (the notebooks "
                                  "pin the version the site is built with), found none; run scripts/setup.sh.")
    return {name: versions[name] for name in PINNED}


def version_cell(built_with: dict, notes: dict | None) -> str:
    """The notebook's second cell: the versions the page was computed with beside the reader's.

    ``notes`` is the page's ``version_notes`` (``{library: {"since": version, "effect": sentence}}``).
    """
    def entries(items):
        return "".join(f"\n    {json.dumps(key)}: {value}," for key, value in items) + "\n"

    call = f"show_versions(built_with={{{entries((k, json.dumps(v)) for k, v in built_with.items())}}}"
    if notes:
        call += (", notes={" + entries((k, f"({json.dumps(str(n['since']))}, {json.dumps(n['effect'])})")
                                       for k, n in notes.items()) + "}")
    return f"from mnist_tutorials.versions import show_versions\n\n{call})"


def version_notes(metadata: dict, where: str) -> dict:
    """A page's ``version_notes`` from its jupytext header (``mnist_tutorials: version_notes:``), checked."""
    notes = (metadata.get(PACKAGE) or {}).get("version_notes") or {}
    for library, note in notes.items():
        if not isinstance(note, dict) or set(note) != {"since", "effect"}:
            raise _shared.error(HOOK, f"{where}: expected `version_notes: {library}:` to hold `since:` (the version "
                                      f"that moved the numbers) and `effect:` (one sentence), found {note!r}.")
    return notes


# Imports that need an optional extra of the package (pyproject.toml's [project.optional-dependencies]).
EXTRAS = MappingProxyType({"keras": "keras", "tensorflow": "keras", f"{PACKAGE}.keras_lab": "keras"})


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


# In a string literal of a code cell a link's text may end in an earlier literal: "… [random-forest " "detector](…)".
_STRING_LINK = re.compile(r'(\]\()(<[^>]*>|[^)\s]+)((?:\s+"[^"]*")?\))')


def absolute_links(markdown: str, page_url: str, site_url: str, pattern: re.Pattern = _MD_LINK) -> str:
    """Every relative link of a Markdown cell made absolute (see ``absolute_url``).

    ``pattern`` finds Markdown links; ``_STRING_LINK`` finds them in a fragment of Markdown (a string literal).
    """
    def md(match):
        target = match.group(2)
        bracketed = target.startswith("<")
        url = absolute_url(target.strip("<>"), page_url, site_url)
        return match.group(1) + (f"<{url}>" if bracketed else url) + match.group(3)

    def tag(match):
        return match.group(1) + html.escape(absolute_url(html.unescape(match.group(2)), page_url, site_url)) + match.group(3)

    return _HTML_LINK.sub(tag, pattern.sub(md, markdown))


# ----------------------------------------------------------------------------------------------- files


def _notebook_uri(src_uri: str, suffix: str = "") -> str:
    return src_uri.rsplit(".", 1)[0] + suffix + ".ipynb"


SOLUTIONS_SUFFIX = "_solutions"


def _colab_url(uri: str) -> str:
    return f"{COLAB}/{STATE.notebooks['owner_repo']}/blob/{STATE.notebooks['notebooks_branch']}/{uri}"


def _pointer(colab_url: str, download_url: str):
    """The cells that stand, in an exercise notebook, where the solution's cells stand on the page."""
    import nbformat

    text = ("**Your turn.** Work in the cell below, adding cells as you need them. When you have tried, compare "
            f"with the worked solution: [open the solutions notebook in Colab]({colab_url}) or "
            f"[download it]({download_url}).")
    return lambda: [nbformat.v4.new_markdown_cell(text), nbformat.v4.new_code_cell("")]


def learner_notebooks(path: str, install: str, built_with: dict, page_url: str, site_url: str,
                      solutions_colab: str) -> dict:
    """The learner's notebooks of the tutorial at ``path``: ``{"": notebook}``, plus ``{SOLUTIONS_SUFFIX: …}``
    for an exercise (a page with cells tagged ``solution``).

    Each starts with the install cell and the version cell, then the tutorial's cells as ``_learner`` makes them
    (checks removed, hidden prose folded), every link absolute under ``site_url``. An exercise notebook points
    to its solutions notebook: ``solutions_colab`` (its "Open in Colab" address) and its download address.
    """
    import nbformat

    where = f"docs/{page_url.rstrip('/')}.py"
    nb = _fill.read_tutorial(path)  # `fill` cells become the hidden cells that render them
    notes = version_notes(nb.metadata, where)
    nb.metadata.pop("jupytext", None)
    nb.metadata.pop(PACKAGE, None)

    def string_links(text):
        return absolute_links(text, page_url, site_url, _STRING_LINK)

    for cell in nb.cells:
        cell.source = absolute_links(cell.source, page_url, site_url) if cell.cell_type == "markdown" else \
            _learner.string_links(cell.source, string_links) if cell.cell_type == "code" else cell.source
    cells = [nbformat.v4.new_code_cell(install), nbformat.v4.new_code_cell(version_cell(built_with, notes))]
    cells += _learner.learner_cells(nb.cells, where)
    if any(_learner.SOLUTION_TAG in _learner.tags(cell) for cell in cells):
        exercise, solutions = _learner.split_solutions(
            cells, _pointer(solutions_colab, urljoin(site_url, _notebook_uri(where[len("docs/"):], SOLUTIONS_SUFFIX))))
        variants = {"": exercise, SOLUTIONS_SUFFIX: solutions}
    else:
        variants = {"": cells}
    notebooks = {}
    for suffix, variant in variants.items():
        notebook = copy.deepcopy(nb)
        notebook.cells = copy.deepcopy(variant)
        for index, cell in enumerate(notebook.cells):  # stable ids: the same source gives the same bytes
            digest = hashlib.sha256(f"{index}\0{cell.cell_type}\0{cell.source}".encode()).hexdigest()
            cell["id"] = digest[:12]
        nbformat.validate(notebook)
        notebooks[suffix] = notebook
    return notebooks


def _built_with(extras: tuple) -> dict:
    from mnist_tutorials.versions import installed_versions

    names = VERSION_CELL + tuple(name for extra in extras for name in VERSION_CELL_EXTRAS.get(extra, ()))
    return {name: version for name, version in installed_versions(names).items() if version}


def on_files(files, config):
    import jupytext

    for file in list(files):
        if not _shared.is_tutorial(file, config):
            continue
        if not file.src_uri.endswith(".py"):
            raise _shared.error(HOOK, f"tutorial docs/{file.src_uri} is not a jupytext .py script; the generated "
                                      "notebook would overwrite it. Write tutorials as docs/tutorials/NN_slug.py.")
        extras = tutorial_extras(file.abs_src_path)
        built_with = _built_with(extras)
        install = install_command(STATE.notebooks["repo_url"], STATE.notebooks["install_ref"], extras, pins(built_with))
        notebooks = learner_notebooks(file.abs_src_path, install, built_with, file.url, STATE.notebooks["site_url"],
                                      _colab_url(_notebook_uri(file.src_uri, SOLUTIONS_SUFFIX)))
        for suffix, notebook in notebooks.items():
            uri = _notebook_uri(file.src_uri, suffix)
            if files.get_file_from_path(uri) is not None:
                raise _shared.error(HOOK, f"docs/{uri} exists, but the build generates it from docs/{file.src_uri}; "
                                          "delete it.")
            files.append(File.generated(config, uri, content=jupytext.writes(notebook, fmt="ipynb")))
        STATE.notebooks["tutorials"][file.src_uri] = _notebook_uri(file.src_uri)
        STATE.notebooks["installs"][file.src_uri] = install
        STATE.notebooks["versions"][file.src_uri] = built_with
    return files


# ------------------------------------------------------------------------------------ tutorial links


def _icon(name: str) -> str:
    import material

    path = Path(material.__file__).parent / "templates" / ".icons" / ICONS[name]
    if not path.is_file():
        raise _shared.error(HOOK, f"expected Material's icon {path}, found nothing; reinstall mkdocs-material.")
    return path.read_text(encoding="utf-8").strip()


def _links(page) -> dict:
    uri = STATE.notebooks["tutorials"][page.file.src_uri]
    return {
        "colab": _colab_url(uri),
        "download": _shared.url_to(uri, page),
        "source": f"{STATE.notebooks['repo_url']}/blob/{STATE.notebooks['branch']}/{STATE.notebooks['docs_prefix']}/{page.file.src_uri}",
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
    command = html.escape(STATE.notebooks["installs"][page.file.src_uri], quote=False)
    versions = ", ".join(f"{'Python' if name == 'python' else name} {version}"
                         for name, version in STATE.notebooks["versions"][page.file.src_uri].items())
    return (
        '<div class="reader-install">'
        "<p>The notebook's first cell installs this package, and the scikit-learn this page was computed with; "
        "Colab runs it before the cells below:</p>"
        f'<pre><code>{command}</code></pre>'  # Material's code block (and copy button), not the notebook's CSS
        f"<p>Its second cell prints the versions this page was computed with ({html.escape(versions)}) beside "
        "yours.</p>"
        "</div>"
    )


def on_page_content(html_content, page, config, files):
    if page.file.src_uri not in STATE.notebooks["tutorials"]:
        return html_content
    html_content = _NB_MERMAID.sub("", _NB_MATHJAX.sub("", html_content))
    cells = [m.start() for m in _NB_CELL.finditer(html_content)]
    if not cells:
        raise _shared.error(HOOK, f"docs/{page.file.src_uri} rendered without notebook cells; the notebook "
                                  "HTML changed, update docs/hooks/notebooks.py.")
    after_intro = cells[1] if len(cells) > 1 else len(html_content)
    html_content = html_content[:after_intro] + _install_html(page) + html_content[after_intro:]
    title_end = _H1_END.search(html_content, cells[0])
    at = title_end.end() if title_end and title_end.start() < after_intro else cells[0]
    return html_content[:at] + _links_html(page) + html_content[at:]
