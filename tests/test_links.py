"""The built site's reader links: Colab / source / notebook links, cross-links, "Start here", search index.

Like TensorFlow's nblint button checks: every "Open in Colab", "View source" and "Download notebook" link must
name a file that exists, in the repository working tree (sources) or in the built site (notebooks; the site is
what ``mkdocs gh-deploy`` pushes to ``remote_branch``, the branch Colab opens them from).
Run ``mkdocs build --strict`` first (``scripts/test.sh`` does).
"""

from __future__ import annotations

import ast
import importlib
import html
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest
from file_module import require

require("yaml")  # reads mkdocs.yml
import yaml  # noqa: E402

pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parents[1]
TUTORIALS = sorted((ROOT / "docs" / "tutorials").glob("[0-9][0-9]_*.py"))
COLAB = "https://colab.research.google.com/github/"


class _AnyTagLoader(yaml.SafeLoader):
    """mkdocs.yml may hold ``!!python/name:`` tags; their values do not matter here."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@pytest.fixture(scope="module")
def config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)


class _Links(HTMLParser):
    """Collect every <a> with its attributes and text."""

    def __init__(self):
        super().__init__()
        self.links, self._open = [], []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open.append({**dict(attrs), "text": ""})

    def handle_data(self, data):
        for link in self._open:
            link["text"] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            self.links.append(self._open.pop())


def _links(page_html: str) -> list[dict]:
    parser = _Links()
    parser.feed(page_html)
    return parser.links


def _classes(link: dict) -> set:
    return set((link.get("class") or "").split())


def _page_path(site: Path, stem: str) -> Path:
    return site / "tutorials" / stem / "index.html"


def _resolve(site: Path, page: Path, href: str) -> tuple[Path, str]:
    """The site file a relative href from ``page`` points to, and its fragment."""
    url, fragment = urldefrag(href)
    target = posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), unquote(url)))
    path = site / target
    if url.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, fragment


def _tutorial_pages(site_dir):
    pages = []
    for source in TUTORIALS:
        page = _page_path(site_dir, source.stem)
        assert page.is_file(), f"tutorial {source.name} has no page in the built site: expected {page}"
        pages.append((source, page, page.read_text(encoding="utf-8")))
    return pages


def test_there_are_tutorials():
    assert TUTORIALS, "expected tutorials docs/tutorials/NN_*.py; found none"


def test_every_tutorial_page_has_colab_source_and_download_links(site_dir, config):
    repo_url = config["repo_url"].rstrip("/")
    owner_repo = urlparse(repo_url).path.strip("/")
    branch, notebooks_branch = config["extra"]["repo_branch"], config.get("remote_branch", "gh-pages")
    for source, page, text in _tutorial_pages(site_dir):
        links = _links(text)
        by_kind = {kind: [link for link in links if f"reader-{kind}" in _classes(link)]
                   for kind in ("colab", "source", "download")}
        for kind, found in by_kind.items():
            assert len(found) == 1, f"{page}: expected one '{kind}' link, found {len(found)}"
        colab, source_link, download = (by_kind[k][0] for k in ("colab", "source", "download"))
        assert "Open in Colab" in colab["text"] and "View source" in source_link["text"]
        assert "Download notebook (.ipynb)" in download["text"]

        # Open in Colab: the notebook in the published branch, i.e. in the built site.
        prefix = f"{COLAB}{owner_repo}/blob/{notebooks_branch}/"
        assert colab["href"].startswith(prefix), f"{page}: Colab link {colab['href']} does not start with {prefix}"
        colab_path = colab["href"][len(prefix):]
        assert colab_path.endswith(".ipynb"), colab["href"]
        assert (site_dir / colab_path).is_file(), f"{page}: Colab opens {colab_path}, which the built site lacks"

        # View source: this page's own .py in the working tree, on the configured branch.
        prefix = f"{repo_url}/blob/{branch}/"
        assert source_link["href"].startswith(prefix), f"{page}: source link {source_link['href']}"
        source_path = source_link["href"][len(prefix):]
        assert (ROOT / source_path).resolve() == source.resolve(), \
            f"{page}: 'View source' names {source_path}, expected {source.relative_to(ROOT)}"

        # Download: a relative link to the generated notebook next to the page; the same file Colab opens.
        assert not urlparse(download["href"]).scheme, download["href"]
        target, _ = _resolve(site_dir, page, download["href"])
        assert target.is_file(), f"{page}: download link {download['href']} points to missing {target}"
        assert target == site_dir / colab_path, f"{page}: Colab opens {colab_path} but the download is {target}"


def _reader_hook():
    pytest.importorskip("mkdocs")
    from file_module import load_file_module

    return load_file_module(ROOT / "docs" / "hooks" / "notebooks.py", "notebooks_hook_links")


def _install(config, source: Path) -> str:
    """The install cell the build wrote: the commit it was built from (the branch without git), with extras and pins."""
    reader = _reader_hook()
    extras = reader.tutorial_extras(str(source))
    return reader.install_command(config["repo_url"].rstrip("/"),
                                  reader.install_ref(ROOT, config["extra"]["repo_branch"]),
                                  extras, reader.pins(reader._built_with(extras)))


def test_notebooks_are_the_learner_notebooks_of_the_sources(site_dir, config):
    nbformat = pytest.importorskip("nbformat")
    reader = _reader_hook()
    site_url = config["site_url"].rstrip("/") + "/"
    for source in TUTORIALS:
        install = _install(config, source)
        if (ROOT / ".git").exists():  # a checkout: the notebook pins the commit (an archive falls back to the branch)
            assert re.search(r"@[0-9a-f]{40}\" ", install), f"expected the install cell pinned to a commit: {install}"
        extras = reader.tutorial_extras(str(source))
        expected = reader.learner_notebooks(str(source), install, reader._built_with(extras),
                                            f"tutorials/{source.stem}/", site_url, "")
        for suffix, wanted in expected.items():
            path = site_dir / "tutorials" / f"{source.stem}{suffix}.ipynb"
            notebook = nbformat.read(path, as_version=4)
            nbformat.validate(notebook)
            first = notebook.cells[0]
            assert (first.cell_type, first.source) == ("code", install), f"{path}: first cell is {first.source!r}"
            assert not any(cell.get("outputs") for cell in notebook.cells), f"{path}: expected no outputs"
            strip = (lambda text: re.sub(r"https://colab\.research\.google\.com/\S+?\)", ")", text))
            assert [(c.cell_type, strip(c.source)) for c in notebook.cells] == \
                [(c.cell_type, strip(c.source)) for c in wanted.cells], f"{path}: cells differ from {source.name}'s"


def test_page_shows_the_install_cell(site_dir, config):
    for source, page, text in _tutorial_pages(site_dir):
        install = _install(config, source)
        block = re.search(r'<div class="reader-install">.*?<code>(.*?)</code>', text, re.S)
        assert block, f"{page}: no install cell block"
        assert html.unescape(block.group(1)) == install


def _imported_package_names(source: Path) -> set:
    import jupytext

    names = set()
    for cell in jupytext.read(source).cells:
        if cell.cell_type != "code" or "remove_input" in cell.metadata.get("tags", []):
            continue  # a hidden cell's code is not on the page, so there is nothing to link
        code = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in cell.source.splitlines())
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "mnist_tutorials":
                module = importlib.import_module(node.module)
                # Functions and classes get API links; constants (e.g. augment.FOUR_SHIFTS) are not linked.
                names.update(alias.asname or alias.name for alias in node.names
                             if not alias.name.startswith("_") and callable(getattr(module, alias.name, None)))
    return names


def test_code_cells_link_package_names_to_their_api_entry(site_dir):
    for source, page, text in _tutorial_pages(site_dir):
        xrefs = [link for link in _links(text) if "reader-xref" in _classes(link)]
        linked = {link["text"] for link in xrefs}
        missing = _imported_package_names(source) - linked
        assert not missing, f"{page}: names imported from mnist_tutorials without a link to the API: {missing}"
        for link in xrefs:
            target, fragment = _resolve(site_dir, page, link["href"])
            assert target.is_file() and "/reference/" in target.as_posix(), f"{page}: {link['href']} -> {target}"
            assert f'id="{fragment}"' in target.read_text(encoding="utf-8"), \
                f"{page}: {link['href']} names anchor {fragment!r}, which {target} lacks"


def test_api_entries_list_the_tutorials_that_use_them(site_dir):
    expected: dict = {}  # (reference page, anchor) -> tutorial pages linking to it
    for _, page, text in _tutorial_pages(site_dir):
        for link in _links(text):
            if "reader-xref" in _classes(link):
                target, anchor = _resolve(site_dir, page, link["href"])
                expected.setdefault((target, anchor), set()).add(page)
    assert expected, "no tutorial links to the API reference"
    for (reference, anchor), users in expected.items():
        text = reference.read_text(encoding="utf-8")
        heading = re.search(r'<h(\d) id="' + re.escape(anchor) + r'"[^>]*>(.*?)</h\1>', text, re.S)
        assert heading, f"{reference}: no heading with id {anchor!r}"
        if "doc-module-name" in heading.group(2):
            continue  # a module: its page is the list of what it offers
        following = re.compile(r"<h\d[ >]").search(text, heading.end())
        section = text[heading.end():following.start() if following else len(text)]
        block = re.search(r'<p class="reader-used-in">(.*?)</p>', section, re.S)
        assert block, f"{reference}#{anchor}: no 'Used in' line under the heading"
        listed = {_resolve(site_dir, reference, link["href"])[0] for link in _links(block.group(1))}
        assert users <= listed, f"{reference}#{anchor}: 'Used in' lists {sorted(listed)}, expected {sorted(users)}"


def test_no_page_loads_anything_from_another_site(site_dir, config):
    external = re.compile(r'<script[^>]*\ssrc="(?:https?:)?//|<link[^>]*rel="stylesheet"[^>]*href="(?:https?:)?//'
                          r'|import\(\s*["\'](?:https?:)?//|<link[^>]*href="(?:https?:)?//[^"]*"[^>]*rel="stylesheet"')
    pages = sorted(site_dir.rglob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        found = external.search(text)
        assert found is None, f"{page} loads from another site: {text[found.start():found.start() + 160]}"
        for src in re.findall(r'<script[^>]*\ssrc="([^"]+)"', text):
            if src.startswith("/"):  # 404.html links from the site's root path (site_url)
                root = urlparse(config.get("site_url") or "/").path
                assert src.startswith(root), f"{page}: script {src} is outside the site's path {root}"
                path = site_dir / src[len(root):]
            else:
                path, _ = _resolve(site_dir, page, src)
            assert path.is_file(), f"{page}: script {src} is not in the site"


def test_search_index_keeps_prose_and_code_but_no_outputs(site_dir):
    path = site_dir / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    by_page: dict = {}
    for doc in index["docs"]:
        by_page.setdefault(doc["location"].split("#")[0], []).append(doc["title"] + " " + doc["text"])
    # The tutorials' entries hold no outputs (an API page may quote such a string in the source code it shows).
    raw = json.dumps([doc for doc in index["docs"] if doc["location"].startswith("tutorials/")])
    assert "tutorials/" in raw, "no tutorial in the search index"
    for token in ("data:image", "plotly-graph-div", "Copied!", "In\\u00a0[", "Out[", "application/vnd.plotly"):
        assert token not in raw, f"search index contains {token!r}"
    for source, page, text in _tutorial_pages(site_dir):
        source_text = source.read_text(encoding="utf-8")
        entries = " ".join(by_page.get(f"tutorials/{source.stem}/", []))
        title = re.search(r"<h1[^>]*>(.*?)<", text, re.S).group(1).strip()
        assert html.unescape(title) in entries, f"{page}: its title is not in the search index"
        assert "import" in entries, f"{page}: its code is not in the search index"
        outputs = re.findall(r'data-mime-type="text/plain"[^>]*>\s*<pre>(.*?)</pre>', text, re.S)
        for output in outputs:
            plain = html.unescape(re.sub(r"<[^>]+>", "", output)).strip()
            # Skip outputs that repeat the code's own text (a print of a string literal): the code is indexed.
            if len(plain) >= 25 and not plain.startswith(("(", "[", "'")) and plain[:60] not in source_text:
                assert plain[:60] not in entries, f"{page}: output {plain[:60]!r} is in the search index"


def _flatten(items) -> list[str]:
    pages = []
    for item in items:
        value = list(item.values())[0] if isinstance(item, dict) else item
        pages.extend(_flatten(value) if isinstance(value, list) else [value])
    return pages


def _nav_tutorials(config) -> list[str]:
    """The nav's tutorial pages (sub-sections included), in reading order."""
    for section in config["nav"]:
        if isinstance(section, dict) and "Tutorials" in section:
            return [page for page in _flatten(section["Tutorials"]) if page.startswith("tutorials/")]
    raise AssertionError("mkdocs.yml nav has no 'Tutorials' section")


def test_every_tutorial_is_in_the_nav(config):
    in_nav = _nav_tutorials(config)
    missing = [f"tutorials/{t.name}" for t in TUTORIALS if f"tutorials/{t.name}" not in in_nav]
    assert not missing, f"tutorials missing from the mkdocs.yml nav (readers cannot reach them): {missing}"


def test_start_here_leads_through_the_tutorials_in_nav_order(site_dir, config):
    home = site_dir / "index.html"
    text = home.read_text(encoding="utf-8")
    start = text.index('id="start-here"')
    table = re.search(r"<table>.*?</table>", text[start:], re.S)
    assert table, "the home page's 'Start here' section has no table"
    listed = [_resolve(site_dir, home, link["href"])[0] for link in _links(table.group(0))]
    expected = [_page_path(site_dir, Path(src).stem) for src in _nav_tutorials(config)]
    assert listed == expected, f"'Start here' lists {listed}; the nav's tutorials are {expected}"


def test_each_tutorial_ends_with_a_link_to_the_next(site_dir, config):
    order = [_page_path(site_dir, Path(src).stem) for src in _nav_tutorials(config)]
    for page, following in zip(order, order[1:]):
        nexts = [link for link in _links(page.read_text(encoding="utf-8"))
                 if "md-footer__link--next" in _classes(link)]
        assert len(nexts) == 1, f"{page}: expected one 'Next' footer link, found {len(nexts)}"
        assert _resolve(site_dir, page, nexts[0]["href"])[0] == following, f"{page}: 'Next' is {nexts[0]['href']}"
