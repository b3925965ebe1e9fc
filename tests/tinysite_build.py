"""``mkdocs build --strict`` (or ``serve``) of a copy of the tiny site, which stands alone.

The tiny site needs nothing the real site's set-up makes and seeds nothing of the real site's state:

* no ``vendor/`` from ``scripts/setup.sh``: the assets part reads the npm files (MathJax, plotly.js) from the
  ``vendor/`` folder beside the ``mkdocs.yml`` being built, and :func:`prepare` writes small stand-ins
  (:func:`write_standins`) into the copy's own ``vendor/``;
* no mkdocs-jupyter: :func:`environment` hides it (``tests/without_mkdocs_jupyter/``), as the site renders its
  notebooks itself;
* no flag answers and no build-time figures: its pages show no ``generated/`` figure and it has no flags page, so
  those parts do nothing (their cold paths have tests of their own: ``test_flags.py``, ``test_serve_flags.py``,
  ``test_cachekey.py``), and no real data is read.

:func:`command` runs this file as ``python tinysite_build.py [mkdocs arguments]`` from the copy's folder (default
arguments: ``build --strict``; ``properdocs build ...`` runs ProperDocs instead): MkDocs' (or ProperDocs') own
command line. ``tests/tinysite/failing/`` holds a tutorial that fails, which tests add to a copy.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
TINYSITE = ROOT / "tests" / "tinysite"
HOOKS = ROOT / "docs" / "hooks"
FAILING = TINYSITE / "failing" / "03_fails.py"  # a tutorial whose second code cell raises
# First on the builds' PYTHONPATH: its mkdocs_jupyter.py refuses to load, so the builds show the site needs none.
WITHOUT_MKDOCS_JUPYTER = ROOT / "tests" / "without_mkdocs_jupyter"


def prepare(parent: pathlib.Path) -> pathlib.Path:
    """A copy of the tiny site in ``parent / "tinysite"``: paths pointed at this repository, its own ``vendor/``."""
    project = parent / "tinysite"
    shutil.copytree(TINYSITE, project, ignore=shutil.ignore_patterns("site", ".cache", "vendor", "failing"))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("../../", f"{ROOT.as_posix()}/"), encoding="utf-8")
    write_standins(project / "vendor")  # never scripts/setup.sh's vendor/
    return project


def environment(**settings: str) -> dict:
    """The environment of a tiny-site build: this repository's package, mkdocs-jupyter not importable
    (:data:`WITHOUT_MKDOCS_JUPYTER`), two jobs, no leftover settings."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": os.pathsep.join([str(WITHOUT_MKDOCS_JUPYTER),
                                                                                    str(ROOT)])}
    for name in [name for name in env if name.startswith("MNIST_TUTORIALS_") and name != "MNIST_TUTORIALS_DATA"]:
        env.pop(name)
    env.update(MNIST_TUTORIALS_JOBS="2", **settings)
    return env


def command(project: pathlib.Path, *arguments: str) -> list[str]:
    """The command line that runs MkDocs (``build --strict`` unless ``arguments`` say otherwise) on ``project``."""
    return [sys.executable, str(pathlib.Path(__file__).resolve()), *arguments]


def write_standins(folder: pathlib.Path) -> pathlib.Path:
    """Files where the assets hook looks for the vendored MathJax and plotly.js; returns ``folder``.

    MathJax: the bundle and one file in each folder the hook publishes. plotly.js: the cartesian bundle with the
    version banner of the plotly.js inside the installed Python plotly (the hook checks that the two match).
    """
    import re

    import plotly

    es5 = folder / "mathjax" / "es5"
    for part in ("tex-mml-chtml.js", "input/tex/extensions/standin.js", "output/chtml/fonts/woff-v2/standin.woff",
                 "ui/standin.js", "a11y/standin.js"):
        (es5 / part).parent.mkdir(parents=True, exist_ok=True)
        (es5 / part).write_text("/* a stand-in for MathJax 3 (tests/tinysite_build.py) */\n", encoding="utf-8")
    python_js = pathlib.Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    found = re.search(r"plotly\.js v(\d+\.\d+\.\d+)|plotly\.js \([^)]*\) v(\d+\.\d+\.\d+)",
                      python_js.read_text(encoding="utf-8", errors="replace")[:400])
    if found is None:
        raise AssertionError(f"no plotly.js version banner at the top of {python_js}")
    (folder / "plotly").mkdir(parents=True, exist_ok=True)
    (folder / "plotly" / "plotly-cartesian.min.js").write_text(
        f"/** plotly.js (cartesian - minified) v{found.group(1) or found.group(2)} (a stand-in, "
        "tests/tinysite_build.py) */\n", encoding="utf-8")
    return folder


def main(arguments: list[str]) -> None:
    """MkDocs' command line with ``arguments``; ``properdocs ...`` runs ProperDocs' instead (the way off MkDocs)."""
    tool = "mkdocs"
    if arguments[:1] == ["properdocs"]:
        tool, arguments = "properdocs", arguments[1:]
        import properdocs.__main__  # noqa: F401  (aliases every mkdocs.* import to properdocs.*)
    from mkdocs.__main__ import cli

    cli.main(args=arguments or ["build", "--strict"], prog_name=tool)


if __name__ == "__main__":
    main(sys.argv[1:])
