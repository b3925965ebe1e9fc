"""``mkdocs build --strict`` (or ``serve``) of a copy of the tiny site, with the assets hook pointed at stand-ins.

The real build publishes MathJax and plotly.js that ``scripts/setup.sh`` unpacks from the npm registry into the
git-ignored ``vendor/``. The tiny site tests the hooks, not those files, so that plain ``pytest`` passes in a fresh
clone: :func:`prepare` copies ``tests/tinysite`` and writes small stand-ins (:func:`write_standins`) in the copy,
and :func:`command` runs this file as ``python tinysite_build.py <stand-ins folder> [mkdocs arguments]`` from the
copy's folder (default arguments: ``build --strict``; ``properdocs build ...`` runs ProperDocs instead). It is
MkDocs' own command line; the one difference is that, as MkDocs loads ``docs/hooks/wiring.py``, the vendor paths of its
part ``assets.py`` are set to the stand-ins.

Two slow inputs come from seeded cache entries, as a warm rebuild finds them (:func:`seed_caches`): the flag
answers (computing them trains models on the real MNIST for minutes) and the build-time figures (drawn from the
real data). Their cold paths have tests of their own (``test_flags.py``, ``test_serve_flags.py``,
``test_cachekey.py``). The flags hook checks that every flag's tutorial exists: the copy gets an empty file at each
of those paths (a static file, not a tutorial of the tiny site).
"""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
TINYSITE = ROOT / "tests" / "tinysite"
HOOKS = ROOT / "docs" / "hooks"
SALT = "5a17" * 8
PNG = b"\x89PNG\r\n\x1a\n" + b"seeded figure" + b"\x00\x00\x00\x00IEND\xaeB`\x82"


def seed_caches(project: pathlib.Path) -> None:
    """The flag hashes and the figures a warm build would find (see the module docstring)."""
    from file_module import load_file_module

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


def prepare(parent: pathlib.Path) -> pathlib.Path:
    """A copy of the tiny site in ``parent / "tinysite"``: paths pointed at this repository, caches seeded."""
    project = parent / "tinysite"
    shutil.copytree(TINYSITE, project, ignore=shutil.ignore_patterns("site", ".cache"))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("../../", f"{ROOT.as_posix()}/"), encoding="utf-8")
    seed_caches(project)
    write_standins(project / "vendor-standins")  # no need for scripts/setup.sh's vendor/
    return project


def environment(**settings: str) -> dict:
    """The environment of a tiny-site build: this repository's package, two jobs, no leftover settings."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    for name in [name for name in env if name.startswith("MNIST_TUTORIALS_") and name != "MNIST_TUTORIALS_DATA"]:
        env.pop(name)
    env.update(MNIST_TUTORIALS_JOBS="2", **settings)
    return env


def command(project: pathlib.Path, *arguments: str) -> list[str]:
    """The command line that runs MkDocs (``build --strict`` unless ``arguments`` say otherwise) on ``project``."""
    return [sys.executable, str(pathlib.Path(__file__).resolve()), str(project / "vendor-standins"), *arguments]


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


def main(standins: pathlib.Path, arguments: list[str]) -> None:
    """MkDocs' command line with ``arguments``; ``properdocs ...`` runs ProperDocs' instead (the way off MkDocs)."""
    tool = "mkdocs"
    if arguments[:1] == ["properdocs"]:
        tool, arguments = "properdocs", arguments[1:]
        import properdocs.__main__  # noqa: F401  (aliases every mkdocs.* import to properdocs.*)
    from mkdocs.__main__ import cli
    from mkdocs.config import config_options

    load_hook = config_options.Hooks._load_hook

    def load_with_standins(self, name, path):
        module = load_hook(self, name, path)
        if pathlib.Path(path).name == "wiring.py":  # the one hook; its part assets.py publishes the vendor files
            module.assets.MATHJAX_DIR = standins / "mathjax" / "es5"
            module.assets.PLOTLY_VENDOR = standins / "plotly"
            module.assets.PLOTLY_BUNDLE = module.assets.PLOTLY_VENDOR / "plotly-cartesian.min.js"
        return module

    config_options.Hooks._load_hook = load_with_standins
    cli.main(args=arguments or ["build", "--strict"], prog_name=tool)


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]).resolve(), sys.argv[2:])
