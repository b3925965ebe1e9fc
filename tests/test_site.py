"""Checks on the built site (run `mkdocs build --strict` first; scripts/test.sh does)."""

from __future__ import annotations

import pathlib
import re

import pytest
from file_module import require

require("yaml")  # reads mkdocs.yml
import yaml  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]
TUTORIALS = sorted((ROOT / "docs" / "tutorials").glob("*.py"))
pytestmark = pytest.mark.build


def _nav_files(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, list):
        for item in node:
            yield from _nav_files(item)
    elif isinstance(node, dict):
        for value in node.values():
            yield from _nav_files(value)


def _mkdocs_config():
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # ignore !!python/name tags
    return yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=Loader)


def test_every_tutorial_is_in_the_nav():
    nav = set(_nav_files(_mkdocs_config()["nav"]))
    missing = [t.name for t in TUTORIALS if f"tutorials/{t.name}" not in nav]
    assert not missing, f"tutorials not in mkdocs.yml nav: {missing}"


@pytest.mark.parametrize("tutorial", TUTORIALS, ids=lambda p: p.stem)
def test_tutorial_page_was_executed(site_dir, tutorial):
    page = site_dir / "tutorials" / tutorial.stem / "index.html"
    assert page.is_file(), f"{tutorial.name} was not built to {page}"
    html = page.read_text(encoding="utf-8")
    outputs = re.findall(r'class="jp-OutputArea-child', html)
    assert len(outputs) >= 3, f"{tutorial.name}: expected executed outputs, found {len(outputs)}"
    assert "Traceback (most recent call last)" not in html


def test_pages_stay_small_and_never_inline_plotly(site_dir):
    for page in site_dir.rglob("*.html"):
        size = page.stat().st_size
        assert size <= 1_500_000, f"{page.relative_to(site_dir)} is {size / 1e6:.2f} MB (limit 1.5 MB)"
        assert "plotly.js v" not in page.read_text(encoding="utf-8"), f"{page} inlines plotly.js"
    assert (site_dir / "assets" / "javascripts" / "plotly.min.js").is_file()


def test_execution_times_page_lists_every_tutorial(site_dir):
    html = (site_dir / "maintainers" / "execution-times" / "index.html").read_text(encoding="utf-8")
    assert "<!-- execution-times -->" not in html
    for tutorial in TUTORIALS:
        assert f"tutorials/{tutorial.stem}/" in html, f"{tutorial.name} missing from the execution times"


def test_markdown_figures_were_generated(site_dir):
    for name in ("home_datasets", "score_histograms"):
        png = site_dir / "generated" / f"{name}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{png} is not a PNG"
    assert 'src="generated/home_datasets.png"' in (site_dir / "index.html").read_text(encoding="utf-8")
