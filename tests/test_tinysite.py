"""Every build hook together, on the tiny test site (tests/tinysite), in seconds: sphinx-gallery's "tinybuild".

The site has two three-cell tutorials (``tiny/01_digit.py`` draws a figure and has a solution cell;
``tiny/02_math.py`` has math and a hidden ``remove_input`` cell that renders a sentence), a reference page
(mkdocstrings) and the execution-times page. It has the real site's one hook, ``docs/hooks/wiring.py``, and is
built once per test session (the ``tinysite`` fixture of ``tests/conftest.py``), in a copy under ``tmp_path``
(its caches go there too), with ``mkdocs build --strict``. The tutorials are executed (the execution cache starts
empty). It stands alone: no flag answers and no build-time figures (it has no flags page and shows no
``generated/`` figure), MathJax and plotly.js are small stand-ins in the copy's own ``vendor/``, so the test
needs neither the real data nor ``vendor/`` from ``scripts/setup.sh`` (``tests/tinysite_build.py`` says how). Broken builds of the tiny site
(hanging cells, signals, malformed caches) are tested in ``tests/test_tinysite_robustness.py``.
"""

from __future__ import annotations

import json
import pathlib
import re

from file_module import require
from tinysite_build import HOOKS, ROOT, TINYSITE

require("mkdocs", "nbconvert", "nbclient", "jupytext")  # builds the tiny site


def _site_hooks(config: pathlib.Path) -> list[str]:
    return re.findall(r"^\s*-\s*(\S*docs/hooks/\w+\.py)\s*$", config.read_text(encoding="utf-8"), re.M)


def _page(project: pathlib.Path, path: str) -> str:
    return (project / "site" / path).read_text(encoding="utf-8")


def test_the_tiny_site_has_the_one_hook_of_the_real_site():
    real = [pathlib.PurePosixPath(path).name for path in _site_hooks(ROOT / "mkdocs.yml")]
    tiny = [pathlib.PurePosixPath(path).name for path in _site_hooks(TINYSITE / "mkdocs.yml")]
    assert tiny == real == ["wiring.py"] and (HOOKS / "wiring.py").is_file()


def test_the_site_builds_with_mkdocs_jupyter_not_importable(tinysite):
    """The tiny site is built (the ``tinysite`` fixture) where ``import mkdocs_jupyter`` fails, in MkDocs' process,
    the workers and the kernels alike: the build renders its notebooks itself (``docs/hooks/_render.py``)."""
    import subprocess
    import sys

    from tinysite_build import environment

    project, _, _ = tinysite
    result = subprocess.run([sys.executable, "-c", "import mkdocs_jupyter"], cwd=project, env=environment(),
                            capture_output=True, text=True)
    assert result.returncode == 1 and "mkdocs_jupyter is hidden from the tiny site's builds" in result.stderr
    for page in ("tiny/01_digit/index.html", "tiny/02_math/index.html"):
        html = _page(project, page)
        assert html.count('<div class="jp-Cell ') >= 3 and "clipboard-copy-txt" in html  # rendered notebooks
        assert 'class="highlight-ipynb hl-python' in html  # the template's highlighting classes
    assert (project / "site" / "tiny" / "01_digit" / "01_digit.py").is_file()  # the source beside its page


def test_both_tutorials_were_executed_into_the_cache(tinysite):
    project, log, _ = tinysite
    assert sorted(re.findall(r"Executed tiny/(\w+)\.py in [\d.]+ s", log)) == ["01_digit", "02_math"]
    assert len(list((project / ".cache" / "notebooks").glob("*.json"))) == 2  # the pages
    assert len(list((project / ".cache" / "notebooks").glob("*.ipynb"))) == 2  # the executed notebooks
    digit, math = _page(project, "tiny/01_digit/index.html"), _page(project, "tiny/02_math/index.html")
    assert "brightest pixel: 255" in digit and "<img" in digit  # the printed output and the figure
    assert "Their mean is <strong>3.0</strong>" in math
    assert "celltag_remove_input" in math and '<span class="n">Markdown</span>' not in math  # its code is hidden
    times = _page(project, "times/index.html")
    assert times.count("executed in this build") == 2 and 'href="../tiny/02_math/"' in times


def test_the_download_notebooks_start_with_the_install_cell_and_have_absolute_links(tinysite):
    project, _, _ = tinysite
    notebook = json.loads(_page(project, "tiny/01_digit.ipynb"))
    install = "".join(notebook["cells"][0]["source"])
    assert re.fullmatch(r'%pip install "mnist-tutorials @ git\+https://github\.com/owner/tiny@[0-9a-f]{40}" '
                        r'"scikit-learn==[0-9.]+(; python_version >= \'3\.[0-9]+\')?"', install), install
    assert "".join(notebook["cells"][1]["source"]).startswith("from mnist_tutorials.versions import show_versions")
    prose = "".join(notebook["cells"][2]["source"])
    assert "(https://tiny.example.org/tiny/tiny/02_math/)" in prose
    page = _page(project, "tiny/01_digit/index.html")
    assert 'href="../01_digit.ipynb" download="01_digit.ipynb"' in page
    assert ("https://colab.research.google.com/github/owner/tiny/blob/gh-pages/tiny/01_digit.ipynb" in page
            and "https://github.com/owner/tiny/blob/main/docs/tiny/01_digit.py" in page)
    assert page.count('class="reader-install"') == 1 and "Load mathjax" not in page  # mkdocs-jupyter's CDN MathJax


def test_code_links_to_the_api_reference_and_the_reference_lists_its_users(tinysite):
    project, _, _ = tinysite
    page = _page(project, "tiny/01_digit/index.html")
    assert re.search(r'<a class="reader-xref" href="../../reference/plot_digit/#mnist_tutorials\.plotting\.'
                     r'(images\.)?plot_digit"', page)
    reference = _page(project, "reference/plot_digit/index.html")
    used_in = re.findall(r'<p class="reader-used-in"><strong>Used in:</strong> (.*?)</p>', reference)
    assert used_in == ['<a href="../../tiny/01_digit/">A digit</a>']


def test_mathjax_only_on_the_page_with_math_and_plotly_nowhere(tinysite):
    project, _, _ = tinysite
    assert "assets/vendor/mathjax/tex-mml-chtml.js" in _page(project, "tiny/02_math/index.html")
    for path in ("index.html", "tiny/01_digit/index.html", "times/index.html"):
        html = _page(project, path)
        assert "tex-mml-chtml.js" not in html and "javascripts/mathjax.js" not in html, path
        assert "plotly.min.js" not in html, path
    assert (project / "site" / "assets" / "vendor" / "mathjax" / "tex-mml-chtml.js").is_file()


def test_the_solution_is_folded_and_outputs_stay_out_of_the_search_index(tinysite):
    project, _, _ = tinysite
    page = _page(project, "tiny/01_digit/index.html")
    assert re.search(r'<details class="success solution"><summary>Solution</summary>.*brightest pixel', page, re.S)
    index = json.loads(_page(project, "search/search_index.json"))
    text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("tiny/"))
    assert "image.max()" in text and "Their mean is" in text  # code and Markdown outputs are searchable
    assert "brightest pixel: 255" not in text and "values: [1, 2, 3, 4, 5]" not in text  # text outputs are not


def test_it_stands_alone_and_the_404_page(tinysite):
    project, log, _ = tinysite
    # Its own vendor/ (stand-ins), never the repository's: the published MathJax is the stand-in.
    published = (project / "site" / "assets" / "vendor" / "mathjax" / "tex-mml-chtml.js").read_text(encoding="utf-8")
    assert "a stand-in for MathJax" in published
    assert not (project / "site" / "exercises").exists() and not (project / "site" / "generated").exists()
    assert not (project / ".cache" / "flags").exists() and "flags:" not in log  # no flag answers computed
    assert not any((project / ".cache" / "figures").rglob("*.png"))  # no figure drawn from the real data
    not_found = _page(project, "404.html")
    assert 'var root="/tiny/"' in not_found and "document.write(" in not_found

