"""``mkdocs build --strict`` of the tiny site, with the assets hook pointed at stand-ins for ``vendor/``.

The real build publishes MathJax and plotly.js that ``scripts/setup.sh`` unpacks from the npm registry into the
git-ignored ``vendor/``. The tiny site tests the hooks, not those files, so that plain ``pytest`` passes in a fresh
clone: ``tests/test_tinysite.py`` writes small stand-ins (:func:`write_standins`) in the copy it builds and runs
this file as ``python tinysite_build.py <stand-ins folder>`` from the copy's folder. It is MkDocs' own command
line; the one difference is that, as MkDocs loads ``docs/hooks/assets.py``, its vendor paths are set to the
stand-ins.
"""

from __future__ import annotations

import pathlib
import sys


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


def main(standins: pathlib.Path) -> None:
    from mkdocs.__main__ import cli
    from mkdocs.config import config_options

    load_hook = config_options.Hooks._load_hook

    def load_with_standins(self, name, path):
        module = load_hook(self, name, path)
        if pathlib.Path(path).name == "assets.py":
            module.MATHJAX_DIR = standins / "mathjax" / "es5"
            module.PLOTLY_VENDOR = standins / "plotly"
            module.PLOTLY_BUNDLE = module.PLOTLY_VENDOR / "plotly-cartesian.min.js"
        return module

    config_options.Hooks._load_hook = load_with_standins
    cli.main(args=["build", "--strict"], prog_name="mkdocs")


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]).resolve())
