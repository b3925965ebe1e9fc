"""The MkDocs hooks: the execution-cache configuration and the shared-asset rewriting (no build needed)."""

from __future__ import annotations

import pathlib
import re
import types

import pytest
from file_module import load_file_module, require

require("mkdocs")  # the build hooks are MkDocs plugins

HOOKS = pathlib.Path(__file__).resolve().parents[1] / "docs" / "hooks"


def _load(name):
    return load_file_module(HOOKS / f"{name}.py", f"hook_{name}")


@pytest.fixture
def cache_hook():
    return _load("execution_cache")


def test_the_tutorials_become_pages_without_a_plugin():
    """tutorial_pages.on_files makes each tutorial script a documentation page (was mkdocs-jupyter's on_files), the
    site's own globs (``extra: tutorial_pages:``) before the default; other files stay as they are."""
    from mkdocs.structure.files import File, Files

    hook = _load("tutorial_pages")

    def files():
        return Files([File(path, "docs", "site", use_directory_urls=True) for path in
                      ("index.md", "tutorials/01_x.py", "tiny/01_y.py", "javascripts/a.js", "tutorials/data.csv")])

    real = hook.on_files(files(), types.SimpleNamespace(extra={}))
    assert [f.src_uri for f in real if f.is_documentation_page()] == ["index.md", "tutorials/01_x.py"]
    assert real.get_file_from_path("tutorials/01_x.py").url == "tutorials/01_x/"
    tiny = hook.on_files(files(), types.SimpleNamespace(extra={"tutorial_pages": ["tiny/*.py"]}))
    assert [f.src_uri for f in tiny if f.is_documentation_page()] == ["index.md", "tiny/01_y.py"]
    assert not files().get_file_from_path("tutorials/01_x.py").is_documentation_page()  # MkDocs alone: a static file


def test_assets_hook_cuts_the_notebook_css_to_the_rules_the_page_uses():
    # Issue 28: the 575 KB notebook stylesheet was render-blocking and mostly unused (JupyterLab's widgets, icons).
    hook = _load("assets")

    class Page:
        url = "tutorials/01_meet_the_data/"

    big = ".jp-Dialog{color:red}" * 3000 + ".jp-Cell{margin:var(--jp-used)}.jupyter-wrapper{--jp-used:1px;--jp-unused:2px}"
    html = f'<style type="text/css">{big}</style><style type="text/css">small{{}}</style><p class="jp-Cell">text</p>'
    content = hook.on_page_content(html, Page(), None, None)
    assert big not in content and "small{}" in content
    page = f'<html><head></head><body><div class="jupyter-wrapper">{content}</div></body></html>'
    out = hook._pruned_notebook_css(page)
    assert ".jp-Cell{margin:var(--jp-used)}" in out and ".jupyter-wrapper{--jp-used:1px}" in out
    assert "jp-Dialog" not in out and "--jp-unused" not in out and "<link" not in out


def test_assets_hook_loads_plotly_only_where_needed():
    hook = _load("assets")

    class Page:
        url = "tutorials/x/"
        content = "<p>no math</p>"

        class file:
            src_uri = "tutorials/x.py"

    from mkdocs.exceptions import PluginError

    config = types.SimpleNamespace(plugins={})
    plain = "<html><head></head><body>no chart</body></html>"
    out = hook.on_post_page(plain, Page(), config)
    assert "plotly" not in out and "search_index" in out  # every page holds the search index back
    chart = '<html><head></head><body><div class="plotly-graph-div"></div></body></html>'
    out = hook.on_post_page(chart, Page(), config)
    assert out.count("plotly.min.js") == 1 and '<script data-plotly="../../assets/javascripts/plotly.min.js">' in out
    assert "window.readerPlotly" in out  # the loader that fetches it when a figure comes near
    with pytest.raises(PluginError, match="no </head>"):
        hook.on_post_page('<div class="plotly-graph-div"></div>', Page(), config)


# ----------------------------------------------------------------------- the Maintainers page's hook tables

MAINTAINERS = HOOKS.parents[0] / "maintainers" / "index.md"
REPOSITORY = HOOKS.parents[1]


def _hook_names() -> list[str]:
    import re

    text = (REPOSITORY / "mkdocs.yml").read_text(encoding="utf-8")
    return re.findall(r"^\s*-\s*docs/hooks/(\w+)\.py\s*$", text, re.M)


def _table_rows(heading: str) -> list[list[str]]:
    """The rows of the first Markdown table after the line starting with ``heading`` on the Maintainers page."""
    text = MAINTAINERS.read_text(encoding="utf-8")
    at = text.index(heading)
    rows, started = [], False
    for line in text[at:].splitlines():
        if line.startswith("|"):
            started = True
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if not set("".join(cells)) <= set("-: "):
                rows.append(cells)
        elif started:
            break
    return rows[1:]  # without the header


def test_mkdocs_yml_lists_the_one_hook_and_the_maintainers_page_every_part_it_wires():
    assert _hook_names() == ["wiring"], "mkdocs.yml must list docs/hooks/wiring.py alone under hooks:"
    wiring = _load("_events").load_wiring()
    on_disk = sorted(path.stem for path in HOOKS.glob("*.py") if not path.name.startswith("_") and path.stem != "wiring")
    parts = [part.__name__ for part in wiring.PARTS]
    assert sorted(parts) == on_disk, "every docs/hooks/<name>.py without a leading _ is a part that wiring.py wires"
    listed = [row[0].strip("`").removesuffix(".py") for row in _table_rows("| hook | its job |")]
    assert listed == ["wiring", *parts]


def test_wiring_calls_every_event_function_of_every_part_and_nothing_else_orders_them():
    import inspect

    wiring = _load("_events").load_wiring()
    wired = {(event, function) for event, groups in wiring.EVENTS.items() for _, functions in groups
             for function in functions}
    for part in wiring.PARTS:
        source = inspect.getsource(part)
        assert "event_priority" not in source and "CombinedEvent" not in source, (
            f"{part.__name__}.py orders events itself; the order lives in wiring.py only")
        for name, function in vars(part).items():
            if name.startswith("on_") and callable(function) and function.__module__ == part.__name__:
                assert (name[3:], function) in wired, f"{part.__name__}.{name} is not wired in wiring.EVENTS"
    for event in wiring.EVENTS:
        handler = getattr(wiring, f"on_{event}")
        methods = handler.methods if hasattr(handler, "methods") else [handler]
        assert [tuple(method.steps) for method in methods] == [
            functions for _, functions in sorted(wiring.EVENTS[event], key=lambda group: -group[0])]
    from mkdocs.plugins import EVENTS

    assert {name[3:] for name in vars(wiring) if name.startswith("on_")} == set(wiring.EVENTS) <= set(EVENTS)


def test_the_events_table_is_made_from_the_wiring():
    events = _load("_events")
    table = {row[0].strip("`"): [part.strip() for part in row[1].split(";")]
             for row in _table_rows("| event | what runs, in order")}
    assert table == events.handlers()
    assert events.markdown_table() in MAINTAINERS.read_text(encoding="utf-8")
    # The order rule: execution_cache's times table before search swaps the page, both before the search plugin (0).
    assert events.handlers()["on_page_context"][0] == "execution_cache.on_page_context, search.search_view (100)"
    # The tutorials become pages, then the missing ones execute, before any other part looks at the files.
    assert events.handlers()["on_files"][0].startswith("tutorial_pages.on_files, execution_cache.on_files")


def test_every_mnist_tutorials_setting_is_in_the_one_list_and_the_maintainers_table_is_that_list():
    import re

    settings = _load("_settings")
    used = set()
    for folder in ("mnist_tutorials", "docs/hooks", "scripts", "tests", ".ci", ".github"):
        for path in (REPOSITORY / folder).rglob("*"):
            if path.is_file() and path.suffix in (".py", ".sh", ".yml", ".yaml", "") and "tinysite" not in path.parts:
                used |= set(re.findall(r"\bMNIST_TUTORIALS_[A-Z][A-Z_]*\b", path.read_text(encoding="utf-8",
                                                                                           errors="replace")))
    listed = set(settings.BY_NAME)
    assert used, "found no MNIST_TUTORIALS_* setting in the code: the search is broken"
    assert used <= listed, f"settings used in the code, missing from docs/hooks/_settings.py: {sorted(used - listed)}"
    assert listed <= used, f"settings in docs/hooks/_settings.py that no code reads: {sorted(listed - used)}"
    text = MAINTAINERS.read_text(encoding="utf-8")
    assert settings.markdown_table() in text, "the Maintainers settings table is not `python docs/hooks/_settings.py`"


def test_the_hooks_read_settings_only_through_the_one_list():
    import re

    for path in sorted(HOOKS.glob("*.py")):
        if path.name == "_settings.py":
            continue
        reads = re.findall(r"(?:environ\.get|getenv)\(\s*[\"']MNIST_TUTORIALS_\w+", path.read_text(encoding="utf-8"))
        assert reads == [], f"{path.name} reads {reads}; read settings with _settings.read"


def test_the_package_reads_its_settings_with_the_defaults_of_the_one_list(monkeypatch):
    from mnist_tutorials import _cachefiles

    settings = _load("_settings")
    assert settings.BY_NAME["MNIST_TUTORIALS_DATA"].default == ""  # empty: the platform cache folder
    monkeypatch.setenv("MNIST_TUTORIALS_DATA", "")
    assert _cachefiles.get_data_home() == _cachefiles._platform_cache_dir()
    result = doctest_module(settings)
    assert result.attempted >= 4 and result.failed == 0


def doctest_module(module):
    import doctest

    return doctest.testmod(module, optionflags=doctest.ELLIPSIS)


# ------------------------------------------------------------------ errors: PluginError, the file, the fix


def test_a_bad_repo_url_stops_the_build_with_the_setting_and_the_fix():
    from mkdocs.exceptions import PluginError

    config = types.SimpleNamespace(repo_url="https://gitlab.com/o/r", extra={"repo_branch": "main"},
                                   site_url="https://o.github.io/r/", plugins={})
    with pytest.raises(PluginError, match=r"^notebooks hook: expected repo_url in mkdocs.yml to be "
                                          r"https://github.com/<owner>/<repo>, found 'https://gitlab.com/o/r'"):
        _load("notebooks").on_config(config)


def test_a_notebook_page_with_an_unclosed_div_names_the_page():
    from mkdocs.exceptions import PluginError

    page = types.SimpleNamespace(file=types.SimpleNamespace(src_uri="tutorials/99_x.py"))
    broken = '<div class="jp-Cell jp-CodeCell celltag_solution"><div class="jp-Cell-inputWrapper"></div>'
    with pytest.raises(PluginError, match=r"^solutions hook, docs/tutorials/99_x.py: unbalanced <div>"):
        _load("solutions").on_page_content(broken, page, None, None)


def test_a_missing_mathjax_says_to_run_setup(monkeypatch, tmp_path):
    from mkdocs.exceptions import PluginError

    assets = _load("assets")
    config = types.SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"))  # tmp_path holds no vendor/
    with pytest.raises(PluginError, match=r"^assets hook: MathJax is not vendored: expected "
                                          + re.escape(str(tmp_path / "vendor")) + r".*Run `bash scripts/setup.sh`"):
        assets.on_config(config)


def test_the_shared_helpers_examples_run():
    import doctest

    shared = load_file_module(HOOKS / "_shared.py", "hook_shared_doctest")
    result = doctest.testmod(shared, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 4 and result.failed == 0
