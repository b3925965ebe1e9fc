"""Every build hook together, on the tiny test site (tests/tinysite), in seconds: sphinx-gallery's "tinybuild".

The site has two three-cell tutorials (``tiny/01_digit.py`` draws a figure and has a solution cell;
``tiny/02_math.py`` has math and a hidden ``remove_input`` cell that renders a sentence), a reference page
(mkdocstrings), the flags page and the execution-times page. It lists every hook of ``docs/hooks/`` in the order
of the site's own ``mkdocs.yml``, and is built once per test session, in a copy under ``tmp_path`` (its caches go
there too), with ``mkdocs build --strict``. The tutorials are executed (the execution cache starts empty).

Two slow inputs come from seeded cache entries, as a warm rebuild finds them: the flag answers (computing them
trains models on the real MNIST for minutes) and the build-time figures (drawn from the real data). Their cold
paths have tests of their own (``test_flags.py``, ``test_serve_flags.py``, ``test_cachekey.py``). The flags hook
checks that every flag's tutorial exists: the copy gets an empty file at each of those paths (a static file, not
a tutorial of the tiny site). MathJax and plotly.js are small stand-ins (``tests/tinysite_build.py``), so the
test needs no ``vendor/`` from ``scripts/setup.sh``.
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import time

import pytest
from file_module import load_file_module, require
from tinysite_build import write_standins

require("mkdocs", "mkdocs_jupyter", "jupytext")  # builds the tiny site

ROOT = pathlib.Path(__file__).resolve().parents[1]
TINYSITE = ROOT / "tests" / "tinysite"
HOOKS = ROOT / "docs" / "hooks"
SALT = "5a17" * 8
PNG = b"\x89PNG\r\n\x1a\n" + b"seeded figure" + b"\x00\x00\x00\x00IEND\xaeB`\x82"


def _site_hooks(config: pathlib.Path) -> list[str]:
    return re.findall(r"^\s*-\s*(\S*docs/hooks/\w+\.py)\s*$", config.read_text(encoding="utf-8"), re.M)


def _seed_caches(project: pathlib.Path) -> None:
    """The flag hashes and the figures a warm build would find (see the module docstring)."""
    from mnist_tutorials import flags

    flags_hook = load_file_module(HOOKS / "flags.py", "flags_hook_tinysite")
    labels = list(flags.FLAGS)
    entry = {"version": flags_hook._FORMAT, "key": flags.cache_key(), "salt": SALT, "kdf": flags.KDF,
             "flags": {label: {"kind": flag.kind, "decimals": flag.decimals, "iterations": 1000,
                               "hashes": [f"{index:064x}"]}
                       for index, (label, flag) in enumerate(flags.FLAGS.items())}}
    path = project / ".cache" / "flags" / f"{entry['key']}.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(entry), encoding="utf-8")
    assert flags_hook._read_cache(path, labels) is not None, "the seeded flag answers are not what the hook reads"
    for flag in flags.FLAGS.values():
        placeholder = project / "docs" / flag.tutorial
        placeholder.parent.mkdir(parents=True, exist_ok=True)
        placeholder.touch()

    figures_hook = load_file_module(HOOKS / "figures.py", "figures_hook_tinysite")
    folder = project / ".cache" / "figures" / figures_hook._key()
    folder.mkdir(parents=True)
    for name in figures_hook.FIGURES:
        (folder / f"{name}.png").write_bytes(PNG)


@pytest.fixture(scope="session")
def tinysite(tmp_path_factory):
    """The tiny site built once: (project folder, build log, wall seconds of the build)."""
    project = tmp_path_factory.mktemp("tinysite") / "tinysite"
    shutil.copytree(TINYSITE, project, ignore=shutil.ignore_patterns("site", ".cache"))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("../../", f"{ROOT.as_posix()}/"), encoding="utf-8")
    _seed_caches(project)
    env = {**os.environ, "MNIST_TUTORIALS_JOBS": "2", "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    env.pop("MNIST_TUTORIALS_EXECUTE", None)
    env.pop("MNIST_TUTORIALS_NO_CACHE", None)
    start = time.perf_counter()
    standins = write_standins(project / "vendor-standins")  # no need for scripts/setup.sh's vendor/
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "tinysite_build.py"), str(standins)], cwd=project,
                            env=env, capture_output=True, text=True, timeout=300)
    seconds = time.perf_counter() - start
    assert result.returncode == 0, result.stderr[-6000:]
    return project, result.stderr, seconds


def _page(project: pathlib.Path, path: str) -> str:
    return (project / "site" / path).read_text(encoding="utf-8")


def test_the_tiny_site_lists_every_hook_in_the_order_of_the_real_site():
    real = [pathlib.PurePosixPath(path).name for path in _site_hooks(ROOT / "mkdocs.yml")]
    tiny = [pathlib.PurePosixPath(path).name for path in _site_hooks(TINYSITE / "mkdocs.yml")]
    on_disk = sorted(path.name for path in HOOKS.glob("[!_]*.py"))
    assert tiny == real and sorted(real) == on_disk


def test_both_tutorials_were_executed_into_the_cache(tinysite):
    project, log, _ = tinysite
    assert sorted(re.findall(r"Executed tiny/(\w+)\.py in [\d.]+ s", log)) == ["01_digit", "02_math"]
    assert len(list((project / ".cache" / "notebooks").glob("*.json"))) == 2
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
    for path in ("index.html", "tiny/01_digit/index.html", "exercises/flags/index.html", "times/index.html"):
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


def test_flags_figures_and_the_404_page(tinysite):
    project, _, _ = tinysite
    from mnist_tutorials import flags

    published = json.loads(_page(project, "exercises/flags.json"))
    assert published["salt"] == SALT and list(published["flags"]) == list(flags.FLAGS)
    assert _page(project, "exercises/flags/index.html").count('class="flag-card"') == len(flags.FLAGS)
    assert (project / "site" / "generated" / "home_datasets.png").read_bytes() == PNG
    not_found = _page(project, "404.html")
    assert 'var root="/tiny/"' in not_found and "document.write(" in not_found

