"""The tutorials' renumbering (issue 24): file numbers follow the reading order, and every old address still works.

The renames are listed once, in ``docs/hooks/moved_pages.json``, which the ``redirects`` hook also reads. The unit
tests check the sources (numbers in nav order, no file or link left under an old name); the ``build`` tests check
the built site: each old page address is a redirect page to an existing page, kept out of the sitemap and the search
index, and each old notebook address serves the new page's notebook.
"""

from __future__ import annotations

import json
import pathlib
import re
import subprocess
from urllib.parse import urljoin

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
MOVED = json.loads((ROOT / "docs" / "hooks" / "moved_pages.json").read_text(encoding="utf-8"))["moved"]
TUTORIALS = ROOT / "docs" / "tutorials"


def _nav_tutorials() -> list[str]:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return re.findall(r"^\s*-\s.*?:\s*tutorials/(\w+)\.py\s*$", text, re.M)


def test_the_file_numbers_follow_the_reading_order():
    nav = _nav_tutorials()
    assert sorted(nav) == sorted(path.stem for path in TUTORIALS.glob("*.py")), "every tutorial is in the nav"
    numbers = [int(stem.split("_", 1)[0]) for stem in nav]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers), (
        f"the tutorials' numbers in nav order should rise, each used once; found {list(zip(numbers, nav))}")


def test_every_rename_points_to_a_tutorial_and_no_old_file_is_left():
    assert MOVED, "moved_pages.json lists the renames"
    for old, new in MOVED.items():
        assert (TUTORIALS / f"{new}.py").is_file(), f"{old} -> {new}: docs/tutorials/{new}.py does not exist"
        assert not (TUTORIALS / f"{old}.py").exists(), f"docs/tutorials/{old}.py exists again: it would be hidden"
    assert not set(MOVED) & set(MOVED.values()), "map each old name to the final one (no chains)"


def test_no_file_of_the_repository_names_a_tutorial_by_its_old_name():
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    old_name = re.compile(r"(?<![A-Za-z0-9_])(" + "|".join(sorted(map(re.escape, MOVED), key=len, reverse=True))
                          + r")(?![a-z0-9])")
    found = []
    for name in files:
        path = ROOT / name
        if name == "docs/hooks/moved_pages.json" or not path.is_file() or path.suffix not in {
                ".py", ".md", ".yml", ".yaml", ".toml", ".sh", ".txt", ".json", ".cfg", ".ini", ".html", ".js"}:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            found += [f"{name}:{number}: {match.group(1)}" for match in old_name.finditer(line)]
    assert not found, "old tutorial names (use the new ones of docs/hooks/moved_pages.json):\n" + "\n".join(found)


def _redirect_target(page: str) -> tuple[str, str, str]:
    refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', page)
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', page)
    visible = re.search(r"<body>.*<a href=\"([^\"]+)\">[^<]+</a>", page, re.S)
    assert refresh and canonical and visible, f"a redirect page has a refresh, a canonical and a visible link:\n{page}"
    return refresh.group(1), canonical.group(1), visible.group(1)


@pytest.mark.build
def test_every_old_address_redirects_to_an_existing_page(site_dir):
    site_url = "https://mnist-tutorials.github.io/mnist-tutorials/"
    for old, new in MOVED.items():
        old_page = site_dir / "tutorials" / old / "index.html"
        assert old_page.is_file(), f"no redirect page at tutorials/{old}/ (the old address of {new})"
        page = old_page.read_text(encoding="utf-8")
        refresh, canonical, visible = _redirect_target(page)
        assert refresh == visible
        target = urljoin(f"https://host/tutorials/{old}/", refresh).removeprefix("https://host/")
        assert target == f"tutorials/{new}/" and (site_dir / target / "index.html").is_file(), (old, target)
        assert canonical == site_url + f"tutorials/{new}/"
        assert '<meta name="robots" content="noindex">' in page


@pytest.mark.build
def test_old_notebook_addresses_serve_the_new_notebooks(site_dir):
    copies = 0
    for old, new in MOVED.items():
        for suffix in ("", "_solutions"):
            notebook = site_dir / "tutorials" / f"{new}{suffix}.ipynb"
            old_copy = site_dir / "tutorials" / f"{old}{suffix}.ipynb"
            if notebook.is_file():
                assert old_copy.is_file() and old_copy.read_bytes() == notebook.read_bytes(), old_copy
                copies += 1
            else:
                assert not old_copy.exists(), f"{old_copy} has no new notebook behind it"
    assert copies >= len(MOVED), "every renamed tutorial publishes a notebook"


@pytest.mark.build
def test_redirect_pages_are_in_neither_the_sitemap_nor_the_search_index(site_dir):
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {entry["location"].split("#")[0] for entry in index["docs"]}
    for old, new in MOVED.items():
        assert f"tutorials/{old}/" not in sitemap and f"tutorials/{new}/" in sitemap
        assert f"tutorials/{old}/" not in locations and f"tutorials/{new}/" in locations
