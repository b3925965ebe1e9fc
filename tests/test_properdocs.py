"""The way off MkDocs 1.x: ProperDocs (a maintained fork that reads mkdocs.yml) builds the same site.

``scripts/test.sh`` builds the site twice: ``mkdocs build --strict`` into ``site/``, then ``properdocs build
--strict -d site-properdocs`` from the execution cache the first build filled. The ``build`` test here compares
the visible text of every page of the two builds; the unit test does the same on a copy of the tiny site (every
hook), so a ProperDocs release that breaks a hook fails plain ``pytest`` too.

One difference is expected and normalised: the execution-times table says "executed in this build" where the
first build executed a tutorial and "cache" where the second found it in the cache.
"""

from __future__ import annotations

import pathlib
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from file_module import require
from tinysite_build import ROOT, command, environment

PROPERDOCS_SITE = ROOT / "site-properdocs"
_HIDDEN = {"script", "style", "template", "noscript"}


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in _HIDDEN

    def handle_endtag(self, tag):
        self.hidden -= tag in _HIDDEN and self.hidden > 0

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The text a reader sees on a page: no scripts, styles or tags; whitespace runs made one space.

    >>> visible_text('<p>Hello <b>you</b></p><script>var x = "<p>no</p>";</script><style>p{}</style>')
    'Hello you'
    """
    parser = _VisibleText()
    parser.feed(html)
    text = " ".join(" ".join(parser.parts).split())
    return text.replace("executed in this build", "cache")  # the one expected difference (module docstring)


def _differences(first: pathlib.Path, second: pathlib.Path) -> tuple[list[str], list[str]]:
    """(pages only one build has, pages whose visible text differs), as paths relative to the sites."""
    pages = {path.relative_to(first).as_posix() for path in first.rglob("*.html")}
    others = {path.relative_to(second).as_posix() for path in second.rglob("*.html")}
    differ = [page for page in sorted(pages & others)
              if visible_text((first / page).read_text(encoding="utf-8"))
              != visible_text((second / page).read_text(encoding="utf-8"))]
    return sorted(pages ^ others), differ


def test_visible_text_leaves_out_scripts_and_styles_and_its_example_runs():
    import doctest
    import sys

    result = doctest.testmod(sys.modules[__name__])
    assert result.attempted >= 1 and result.failed == 0
    assert visible_text("<main><h1>A</h1>\n\n <p>b</p></main>") == "A b"
    assert visible_text("<p>a</p>") != visible_text("<p>b</p>")


def test_properdocs_builds_the_tiny_site_from_the_cache_with_the_same_visible_text(tinysite, tmp_path):
    require("properdocs")
    project = tmp_path / "tinysite"
    shutil.copytree(tinysite[0], project)
    result = subprocess.run(command(project, "properdocs", "build", "--strict", "-d", "site-properdocs"),
                            cwd=project, env=environment(), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-4000:]
    assert not re.search(r"Executing tiny/", result.stderr), "the second build executed again instead of reusing"
    only_one, differ = _differences(project / "site", project / "site-properdocs")
    assert (project / "site-properdocs" / "tiny" / "01_digit" / "index.html").is_file()
    assert only_one == [] and differ == [], (only_one, differ)


@pytest.mark.build
def test_the_properdocs_build_shows_every_page_of_the_mkdocs_build_with_the_same_text(site_dir):
    if not (PROPERDOCS_SITE / "index.html").is_file():
        pytest.fail(f"expected the ProperDocs build in {PROPERDOCS_SITE}; run `properdocs build --strict -f "
                    "mkdocs.yml -d site-properdocs` after `mkdocs build --strict` (scripts/test.sh does)")
    only_one, differ = _differences(site_dir, PROPERDOCS_SITE)
    assert only_one == [], f"pages only one build has: {only_one}"
    assert differ == [], f"pages whose visible text differs between MkDocs and ProperDocs: {differ}"


def test_ci_runs_the_properdocs_build_the_maintainers_page_describes():
    script = (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8")
    command_line = re.search(r'^time "\$PYTHON" -m (properdocs build .*)$', script, re.M)
    assert command_line is not None, "scripts/test.sh no longer builds the site with ProperDocs"
    maintainers = (ROOT / "docs" / "maintainers" / "index.md").read_text(encoding="utf-8")
    assert f"`{command_line.group(1)}`" in " ".join(maintainers.split())
    assert script.index("-m mkdocs build --strict") < script.index(command_line.group(0))  # reuses its cache
    plan = " ".join(maintainers[maintainers.index("**The plan for 2027-05-05.**"):].split())
    for condition in ("runs Python hooks or modules", "installs from PyPI", "renders notebooks"):
        assert condition in plan[:plan.index("What ties us to Material")], condition
