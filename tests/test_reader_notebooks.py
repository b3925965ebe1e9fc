"""The downloadable notebooks: pinned install cell and absolute links (docs/hooks/notebooks.py).

A notebook opened in Colab lives outside the site, so a relative link such as ``../02_five_detector/`` leads
nowhere there; the hook makes every link absolute under ``site_url``. Its install cell pins the package to
the commit the site was built from, so the notebook runs the code that computed the page. The fast tests
exercise the hook's functions; the ``build`` test reads every generated ``.ipynb`` of the built site.
"""

from __future__ import annotations

import pathlib
import re
import subprocess

import pytest
from file_module import load_file_module

ROOT = pathlib.Path(__file__).resolve().parents[1]
SITE_URL = "https://owner.github.io/repo/"


@pytest.fixture(scope="module")
def reader():
    pytest.importorskip("mkdocs")
    return load_file_module(ROOT / "docs" / "hooks" / "notebooks.py", "notebooks_hook_under_test")


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("../02_five_detector/", SITE_URL + "tutorials/02_five_detector/"),
        ("../../exercises/flags/", SITE_URL + "exercises/flags/"),
        ("../../exercises/flags/#ml1052", SITE_URL + "exercises/flags/#ml1052"),
        ("../09_logistic_regression_features/#1-scaling", SITE_URL + "tutorials/09_logistic_regression_features/#1-scaling"),
        ("../../concepts/metrics.md", SITE_URL + "concepts/metrics/"),
        ("../06_multiclass.py", SITE_URL + "tutorials/06_multiclass/"),
        ("../../index.md", SITE_URL),
        ("#cross-validation", SITE_URL + "tutorials/03_tradeoff/#cross-validation"),
        ("https://scikit-learn.org/stable/", "https://scikit-learn.org/stable/"),
        ("mailto:someone@example.org", "mailto:someone@example.org"),
    ],
)
def test_absolute_url(reader, target, expected):
    assert reader.absolute_url(target, "tutorials/03_tradeoff/", SITE_URL) == expected


def test_absolute_links_rewrites_markdown_and_html_links(reader):
    cell = ('See [the detector](../02_five_detector/ "title") and ![a figure](../../generated/x.png).\n'
            '<p>Check it on the <a href="../../exercises/flags/">flags page</a>, or '
            '[scikit-learn](https://scikit-learn.org/).</p>')
    out = reader.absolute_links(cell, "tutorials/03_tradeoff/", SITE_URL)
    assert out == (f'See [the detector]({SITE_URL}tutorials/02_five_detector/ "title") and '
                   f'![a figure]({SITE_URL}generated/x.png).\n'
                   f'<p>Check it on the <a href="{SITE_URL}exercises/flags/">flags page</a>, or '
                   '[scikit-learn](https://scikit-learn.org/).</p>')
    assert reader.absolute_links(out, "tutorials/03_tradeoff/", SITE_URL) == out  # idempotent


def test_install_ref_is_the_commit_or_the_branch(reader, tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    (repo / "f").write_text("x")
    subprocess.run([*git, "add", "f"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "first"], check=True)
    head = subprocess.run([*git, "rev-parse", "HEAD"], check=True, capture_output=True, text=True).stdout.strip()
    assert reader.install_ref(repo, "main") == head
    not_a_repo = tmp_path / "archive"
    not_a_repo.mkdir()
    assert reader.install_ref(not_a_repo, "main") == "main"
    assert reader.install_command("https://github.com/o/r", head) == \
        f'%pip install "mnist-tutorials @ git+https://github.com/o/r@{head}"'


# ------------------------------------------------------------------------------------- built site

_LINK = re.compile(r'\]\((<[^>]*>|[^)\s]+)|\b(?:href|src)="([^"]+)"')


@pytest.mark.build
def test_every_link_in_every_notebook_is_absolute_and_resolves(site_dir):
    import json

    import yaml

    config = yaml.safe_load("\n".join(line for line in (ROOT / "mkdocs.yml").read_text().splitlines()
                                      if "!!python" not in line))
    site_url = config["site_url"].rstrip("/") + "/"
    moved = json.loads((ROOT / "docs" / "hooks" / "moved_pages.json").read_text(encoding="utf-8"))["moved"]
    notebooks = sorted(path for path in (site_dir / "tutorials").glob("*.ipynb")  # not the copies at old addresses
                       if path.stem.removesuffix("_solutions") not in moved)
    tutorials = sorted((ROOT / "docs" / "tutorials").glob("[0-9][0-9]_*.py"))
    assert {p.stem for p in notebooks if not p.stem.endswith("_solutions")} == {p.stem for p in tutorials}
    checked = 0
    for path in notebooks:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            if cell["cell_type"] != "markdown":
                continue
            for match in _LINK.finditer("".join(cell["source"])):
                url = (match.group(1) or match.group(2)).strip("<>")
                assert re.match(r"(https?|mailto):", url), f"{path.name}: relative link {url!r} (dead in Colab)"
                checked += 1
                if url.startswith(site_url):  # a page of this site: it must exist in the build
                    rel = url[len(site_url):].split("#", 1)[0]
                    target = site_dir / rel
                    assert (target / "index.html").is_file() or target.is_file(), \
                        f"{path.name}: {url} names no page of the built site ({target})"
    assert checked > 0


def test_the_keras_page_installs_the_keras_extra(reader, tmp_path):
    page = tmp_path / "99_demo.py"
    page.write_text("# %%\n%pip install x\nimport numpy as np\n\n# %%\nimport tensorflow as tf\n", encoding="utf-8")
    assert reader.tutorial_extras(str(page)) == ("keras",)
    assert reader.install_command("https://github.com/o/r", "main", ("keras",)) == \
        '%pip install "mnist-tutorials[keras] @ git+https://github.com/o/r@main"'
    assert reader.tutorial_extras(str(ROOT / "docs" / "tutorials" / "11_fashion_keras.py")) == ("keras",)
    assert reader.tutorial_extras(str(ROOT / "docs" / "tutorials" / "02_five_detector.py")) == ()
