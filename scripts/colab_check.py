"""Run every generated notebook on Google Colab's library versions and compare its numbers with the page's.

Usage::

    python3 -m mkdocs build --strict           # first: builds site/tutorials/*.ipynb and the pages
    python3 scripts/colab_check.py              # all notebooks; the table goes on docs/maintainers/index.md
    python3 scripts/colab_check.py --notebooks 01 02      # a subset (prefixes of the notebook names)
    python3 scripts/colab_check.py --quick      # the part CI runs (scripts/test.sh): no Keras stack, 3 pages
    python3 scripts/colab_check.py --stack floors --notebooks 01 02 03   # the floors of pyproject.toml

What it does, as a reader in Colab would meet it:

1. A virtualenv from ``requirements/colab.txt`` (Colab's published CPU-runtime list) on Python 3.13 (pyenv's, else
   3.12). It is kept in ``~/.cache/mnist-tutorials-colab-check/`` under the hash of its requirement lines, so a
   rerun reuses it. ``--stack floors`` makes one from the lower bounds of ``pyproject.toml`` on Python 3.10
   instead (the oldest versions the package claims to support).
2. The package, installed the way each notebook's first cell does it (``%pip install "mnist-tutorials[extras]
   @ git+…@<commit>" …``), but from this checkout (``pip install "<checkout>[extras]" …``). Every other
   requirement of the install cell is installed as written. A library that ``PINNED`` lists and the install cell
   does not pin is pinned here to its version in ``requirements/constraints.txt`` (the site's), and the script
   says so: that is the pin the install cell is meant to carry.
3. Every notebook executed with nbclient in a kernel of that virtualenv, from an empty working folder, without the
   ``%pip`` cell (its install is step 2) and without the site build's settings.
4. The numbers compared: the text of every output on the built page (``site/tutorials/<page>/index.html``: the
   computed sentences, tables and printed values; the site-only figure tables are skipped) against the same
   outputs of the notebook's run, line by line. Lines are matched by their words (numbers masked), so a number
   that changed is reported with both values, and a sentence whose wording changed is reported whole.

It prints progress while it runs, then a table: notebook | passed | wall s | numbers equal | differing (page →
Colab stack). ``--write`` puts that table on the Maintainers page, between ``<!-- colab-check -->`` markers.
Exit status 1 when a notebook fails to run (a number that differs is reported, not fatal: some, like timings,
must differ; the Maintainers page explains each).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import colab_compare  # noqa: E402  (sibling module: scripts/colab_compare.py)

ROOT = pathlib.Path(__file__).resolve().parents[1]
COLAB_REQUIREMENTS = ROOT / "requirements" / "colab.txt"
CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
MAINTAINERS = ROOT / "docs" / "maintainers" / "index.md"
VENV_HOME = pathlib.Path.home() / ".cache" / "mnist-tutorials-colab-check"
# Each notebook's last run on a stack: runs-<stack>/<stem>.ipynb (with outputs) and <stem>.json (wall s, error).
DISTRIBUTION = "mnist-tutorials"
# Libraries whose version moves a number on a page: the install cell pins them to the site's version.
PINNED = ("scikit-learn",)
# --quick: the pages CI runs (the fastest ones, no Keras), and the Keras stack it leaves out of the virtualenv.
# The two cheapest pages (10 and 17 CPU s in the site build), which between them use MNIST, Fashion-MNIST and
# plotly (its notebook renderer): what a Colab reader meets first. The full check runs every notebook.
QUICK_NOTEBOOKS = ("01", "10")
KERAS_STACK = ("tensorflow", "keras", "tensorboard", "tensorboard-data-server")
PYTHONS = {"colab": ("3.13", "3.12"), "floors": ("3.10",)}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


# ------------------------------------------------------------------------------------- requirements


def requirement_lines(text: str, exclude: tuple = ()) -> list[str]:
    """The requirement lines of a requirements file, without comments, blanks and the ``exclude`` names.

    >>> requirement_lines("# Colab\\nnumpy==2.1.3\\n\\ntensorflow==2.20.0  # Keras\\n", exclude=("tensorflow",))
    ['numpy==2.1.3']
    """
    lines = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line and _norm(re.split(r"[=<>!~\[; ]", line, maxsplit=1)[0]) not in {_norm(e) for e in exclude}:
            lines.append(line)
    return lines


def pinned_version(constraints: str, name: str) -> str:
    """The version ``constraints`` (a ``name==version`` file) pins ``name`` to.

    >>> pinned_version("numpy==2.4.0\\nscikit_learn==1.9.1\\n", "scikit-learn")
    '1.9.1'
    """
    for line in requirement_lines(constraints):
        left, _, version = line.partition("==")
        if _norm(left) == _norm(name) and version:
            return version
    raise SystemExit(f"error: requirements/constraints.txt pins no version of {name}; expected a line "
                     f"'{name}==<version>'. Run scripts/lock.py in the site's environment.")


def floor_requirements(pyproject: str, extras: tuple = ("keras",)) -> list[str]:
    """``name==floor`` for every dependency of pyproject.toml (and ``extras``) declared with a ``>=`` bound.

    >>> floor_requirements('[project]\\ndependencies = ["numpy>=1.24", "tqdm"]\\n'
    ...                    '[project.optional-dependencies]\\nkeras = ["tensorflow>=2.16,<3"]\\n')
    ['numpy==1.24', 'tensorflow==2.16']
    """
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    project = tomllib.loads(pyproject)["project"]
    lines = list(project["dependencies"])
    for extra in extras:
        lines += project.get("optional-dependencies", {}).get(extra, [])
    floors = []
    for line in lines:
        name = re.split(r"[=<>!~\[; ]", line, maxsplit=1)[0]
        found = re.search(r">=\s*([\w.]+)", line)
        if found:
            floors.append(f"{name}=={found.group(1)}")
    return floors


_INSTALL = re.compile(r"^\s*[%!]\s*pip\s+install\s+(.*)$", re.M)


def install_cell_requirements(source: str) -> tuple[tuple, list[str]]:
    """The package's extras and the other requirements of a notebook's ``%pip install`` cell.

    >>> install_cell_requirements('%pip install "mnist-tutorials[keras] @ git+https://x/y@abc" scikit-learn==1.9.1')
    (('keras',), ['scikit-learn==1.9.1'])
    """
    found = _INSTALL.search(source)
    if not found:
        raise ValueError(f"expected a '%pip install' line in the notebook's first cell, found {source[:80]!r}")
    extras, others = (), []
    for word in re.findall(r'"[^"]*"|\'[^\']*\'|\S+', found.group(1)):
        if len(word) >= 2 and word[0] == word[-1] and word[0] in "\"'":  # a quoted word: its quotes only
            word = word[1:-1]
        if word.startswith("-"):
            continue
        name = re.match(r"[\w.-]+", word)
        if name and _norm(name.group()) == DISTRIBUTION:
            bracket = re.match(r"[\w.-]+\[([^\]]*)\]", word)
            extras = tuple(e.strip() for e in bracket.group(1).split(",")) if bracket else ()
        else:
            others.append(word)
    return extras, others


def with_pins(others: list[str], constraints: str, pinned: tuple = PINNED) -> tuple[list[str], list[str]]:
    """``others`` plus ``name==<constraints' version>`` for each ``pinned`` library they leave unpinned.

    Returns the requirements and the names added.

    >>> with_pins(["jinja2"], "scikit-learn==1.9.1\\n")
    (['jinja2', 'scikit-learn==1.9.1'], ['scikit-learn'])
    >>> with_pins(["scikit-learn==1.8.0"], "scikit-learn==1.9.1\\n")
    (['scikit-learn==1.8.0'], [])
    """
    names = {_norm(re.match(r"[\w.-]+", o).group()) for o in others}
    added = [name for name in pinned if _norm(name) not in names]
    return others + [f"{name}=={pinned_version(constraints, name)}" for name in added], added


# ---------------------------------------------------------------------------------------- virtualenv


def find_python(versions: tuple) -> str:
    """The first interpreter of ``versions`` found in pyenv or on PATH (``python3.13``, then ``python3.12``)."""
    for version in versions:
        for candidate in sorted((pathlib.Path.home() / ".pyenv" / "versions").glob(f"{version}*/bin/python"),
                                reverse=True):
            return str(candidate)
        found = shutil.which(f"python{version}")
        if found:
            return found
    raise SystemExit(f"error: no Python {' or '.join(versions)} found (looked in ~/.pyenv/versions and on PATH); "
                     "install one (pyenv install 3.13) to run this check.")


def _say(message: str) -> None:
    print(f"[colab-check {time.strftime('%H:%M:%S')}] {message}", flush=True)


def _pip(venv: pathlib.Path, *args: str) -> None:
    command = [str(venv / "bin" / "python"), "-m", "pip", "install", "--disable-pip-version-check",
               "--progress-bar", "off", "--quiet", *args]
    result = subprocess.run(command, cwd=tempfile.gettempdir(), env=_clean_env())
    if result.returncode:
        raise SystemExit(f"error: {' '.join(command)} failed (exit {result.returncode}); see pip's message above.")


def _clean_env() -> dict:
    """The environment of a reader's kernel: none of this checkout's settings."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"  # ipykernel's debugger note on frozen modules, noise here
    return env


def make_venv(stack: str, requirements: list[str], python: str) -> pathlib.Path:
    """A virtualenv with ``requirements`` and ipykernel, reused when one with the same lines exists."""
    version = subprocess.run([python, "-c", "import sys; print(sys.version.split()[0])"], capture_output=True,
                             text=True, check=True).stdout.strip()
    key = hashlib.sha256(json.dumps([version, requirements]).encode()).hexdigest()[:12]
    venv = VENV_HOME / f"{stack}-py{version}-{key}"
    if (venv / ".complete").is_file():
        _say(f"reusing the virtualenv {venv} (Python {version}, {len(requirements)} requirement lines)")
        return venv
    shutil.rmtree(venv, ignore_errors=True)  # an interrupted earlier attempt: this script's own folder
    _say(f"making the virtualenv {venv} (Python {version}, {len(requirements)} requirement lines); the first time "
         "takes minutes")
    subprocess.run([python, "-m", "venv", str(venv)], check=True)
    _pip(venv, "--upgrade", "pip")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(requirements) + "\n")
    try:
        _pip(venv, "-r", handle.name, *([] if any(_norm(r).startswith("ipykernel") for r in requirements)
                                        else ["ipykernel"]))
    finally:
        os.unlink(handle.name)
    (venv / ".complete").write_text("\n".join(requirements) + "\n", encoding="utf-8")
    return venv


def install_package(venv: pathlib.Path, extras: tuple, others: list[str]) -> None:
    """The notebook's install cell, from this checkout: ``pip install "<checkout>[extras]" <others>``."""
    target = f"{ROOT}[{','.join(extras)}]" if extras else str(ROOT)
    _say(f"pip install \"{target}\" {' '.join(others)}  (the install cell, from this checkout)")
    # A reused virtualenv holds an earlier install of the same version: remove it, so this checkout's code is used.
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "uninstall", "--yes", "--quiet", DISTRIBUTION],
                   env=_clean_env(), check=False, capture_output=True)
    _pip(venv, target, *others)


def kernel_spec(venv: pathlib.Path, where: pathlib.Path) -> str:
    """Write a Jupyter kernel spec that starts the virtualenv's Python; return its name."""
    name = f"colab-check-{venv.name}"
    folder = where / "kernels" / name
    folder.mkdir(parents=True, exist_ok=True)
    argv = [str(venv / "bin" / "python"), "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (folder / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": name, "language": "python"}))
    return name


def stack_versions(venv: pathlib.Path) -> dict:
    """The versions of the libraries that make the numbers, as installed in the virtualenv."""
    names = ["numpy", "pandas", "scikit-learn", "scipy", "matplotlib", "plotly", "tensorflow", "keras"]
    code = ("import importlib.metadata as m, json, sys\nout = {'python': sys.version.split()[0]}\n"
            f"for n in {names!r}:\n    try: out[n] = m.version(n)\n    except m.PackageNotFoundError: pass\n"
            "print(json.dumps(out))")
    result = subprocess.run([str(venv / "bin" / "python"), "-c", code], capture_output=True, text=True, check=True,
                            env=_clean_env())
    return json.loads(result.stdout)


# ------------------------------------------------------------------------------------------ running


def run_notebook(path: pathlib.Path, kernel: str, timeout: int) -> tuple[object, float, str]:
    """Execute a generated notebook (without its %pip cell) like a reader's "Run all"; return it, wall s, error."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    nb = nbformat.read(path, as_version=4)
    nb.cells = [cell for cell in nb.cells if not (cell.cell_type == "code" and _INSTALL.search(cell.source))]
    code_cells = sum(cell.cell_type == "code" for cell in nb.cells)
    done = {"n": 0, "last": time.monotonic()}
    start = time.monotonic()

    def on_cell_executed(cell, cell_index, execute_reply):
        done["n"] += 1
        if time.monotonic() - done["last"] > 30 or done["n"] == code_cells:
            done["last"] = time.monotonic()
            _say(f"  {path.stem}: {done['n']} of {code_cells} code cells ({time.monotonic() - start:.0f} s)")

    workdir = pathlib.Path(tempfile.mkdtemp(prefix="colab-check-"))
    client = NotebookClient(nb, kernel_name=kernel, timeout=timeout, allow_errors=False,
                            resources={"metadata": {"path": str(workdir)}}, on_cell_executed=on_cell_executed)
    error = ""
    saved, clean = dict(os.environ), _clean_env()
    os.environ.clear()
    os.environ.update(clean)  # the kernel inherits it
    try:
        client.execute()
    except CellExecutionError as exc:
        error = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
    except (CellTimeoutError, DeadKernelError) as exc:
        error = f"{type(exc).__name__}: {exc}"
    finally:
        os.environ.clear()
        os.environ.update(saved)
        shutil.rmtree(workdir, ignore_errors=True)
    return nb, time.monotonic() - start, error


def page_lines(site: pathlib.Path, stem: str) -> list[str]:
    page = site / "tutorials" / stem / "index.html"
    if not page.is_file():
        raise SystemExit(f"error: expected the built page {page}, found nothing; run `mkdocs build` first.")
    lines = colab_compare.text_lines(page.read_text(encoding="utf-8"), outputs_only=True)
    if not lines:
        raise SystemExit(f"error: the built page {page} shows no outputs; it was built without executing "
                         "(MNIST_TUTORIALS_EXECUTE=0?). Run `mkdocs build` and try again.")
    return lines


def notebook_lines(nb) -> list[str]:
    from nbconvert.filters.markdown import markdown2html_mistune  # what renders text/markdown outputs on the site

    lines = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            lines += colab_compare.output_lines(cell.get("outputs", []), markdown2html_mistune)
    return lines


MOVED_PAGES = ROOT / "docs" / "hooks" / "moved_pages.json"  # renamed tutorials: old stem -> new stem


def current_notebooks(notebooks: list[pathlib.Path], moved: pathlib.Path = MOVED_PAGES) -> list[pathlib.Path]:
    """``notebooks`` without the copies the site keeps at renamed tutorials' old addresses (``moved_pages.json``)."""
    old = set(json.loads(moved.read_text(encoding="utf-8"))["moved"]) if moved.is_file() else set()
    return [nb for nb in notebooks if nb.stem.removesuffix(SOLUTIONS) not in old]


def select(notebooks: list[pathlib.Path], prefixes: list[str] | None) -> list[pathlib.Path]:
    if not prefixes:
        return notebooks
    stems = {nb.stem for nb in notebooks}
    chosen = [nb for nb in notebooks
              if any(nb.stem == p if p in stems else nb.stem.startswith(p) for p in prefixes)]
    unknown = [p for p in prefixes if not any(nb.stem.startswith(p) for nb in notebooks)]
    if unknown:
        raise SystemExit(f"error: no notebook in site/tutorials/ starts with {', '.join(unknown)}; found "
                         f"{', '.join(nb.stem for nb in notebooks)}.")
    return chosen


def stack_requirements(args) -> list[str]:
    """The requirement lines of the virtualenv for ``--stack`` (without the Keras stack for ``--quick``)."""
    if args.stack == "colab":
        return requirement_lines(COLAB_REQUIREMENTS.read_text(encoding="utf-8"),
                                 exclude=KERAS_STACK if args.quick else ())
    return floor_requirements((ROOT / "pyproject.toml").read_text(encoding="utf-8"),
                              extras=() if args.quick else ("keras",))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notebooks", nargs="+", metavar="NN", help="prefixes of the notebooks to run (default: all)")
    parser.add_argument("--quick", action="store_true",
                        help=f"CI's part: notebooks {', '.join(QUICK_NOTEBOOKS)}, a virtualenv without the Keras stack")
    parser.add_argument("--stack", choices=sorted(PYTHONS), default="colab",
                        help="colab: requirements/colab.txt; floors: the lower bounds of pyproject.toml")
    parser.add_argument("--python", help="the interpreter for the virtualenv (default: pyenv's 3.13, else 3.12; "
                                         "3.10 for --stack floors)")
    parser.add_argument("--site", type=pathlib.Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--notebooks-from", type=pathlib.Path, metavar="SITE",
                        help="take the notebooks from another build of the site (default: --site); their pages "
                             "are still read from --site")
    parser.add_argument("--compare-only", action="store_true",
                        help="compare the runs an earlier call with the same --stack and --quick saved "
                             "(~/.cache/mnist-tutorials-colab-check/runs-<stack>[-quick]/) with the pages of "
                             "--site, without executing anything")
    parser.add_argument("--prepare", action="store_true",
                        help="only make (or reuse) the virtualenv of --stack and --quick, and exit: needs no built "
                             "site, so scripts/test.sh runs it beside the build")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds one cell may run (default: 1800)")
    parser.add_argument("--write", action="store_true", help="put the table on docs/maintainers/index.md")
    args = parser.parse_args(argv)

    if args.prepare:
        started = time.monotonic()
        venv = make_venv(f"{args.stack}{'-quick' if args.quick else ''}", stack_requirements(args),
                         args.python or find_python(PYTHONS[args.stack]))
        _say(f"virtualenv {venv} ready in {time.monotonic() - started:.0f} s")
        return 0
    source = args.notebooks_from or args.site
    runs_dir = VENV_HOME / f"runs-{args.stack}{'-quick' if args.quick else ''}"
    notebooks = select(current_notebooks(sorted((source / "tutorials").glob("*.ipynb"))),
                       list(QUICK_NOTEBOOKS) if args.quick and not args.notebooks else args.notebooks)
    if not notebooks:
        raise SystemExit(f"error: no notebooks in {source / 'tutorials'}; run `mkdocs build` first.")
    if args.compare_only:
        return report(args, notebooks, [_saved_run(runs_dir, path.stem) for path in notebooks], {},
                      time.monotonic())
    constraints = CONSTRAINTS.read_text(encoding="utf-8")
    requirements = stack_requirements(args)
    installs = {}
    for path in notebooks:
        first = next(cell for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]
                     if cell["cell_type"] == "code")
        installs[path] = install_cell_requirements("".join(first["source"]))
    extras = tuple(sorted({e for ex, _ in installs.values() for e in ex}))
    others = sorted({o for _, ot in installs.values() for o in ot})
    if args.stack == "colab":
        others, added = with_pins(others, constraints)
        if added:
            _say(f"the install cells pin no {', '.join(added)}; pinning the site's version "
                 f"(requirements/constraints.txt): {', '.join(o for o in others if _norm(o).split('=')[0] in added)}")
    started = time.monotonic()
    venv = make_venv(f"{args.stack}{'-quick' if args.quick else ''}", requirements,
                     args.python or find_python(PYTHONS[args.stack]))
    install_package(venv, extras, others)
    versions = stack_versions(venv)
    _say("stack: " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    _say(f"virtualenv and install ready in {time.monotonic() - started:.0f} s; running {len(notebooks)} notebooks")

    runs = []
    runs_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="colab-check-kernels-") as kernels:
        os.environ["JUPYTER_PATH"] = kernels + os.pathsep + os.environ.get("JUPYTER_PATH", "")
        kernel = kernel_spec(venv, pathlib.Path(kernels))
        for i, path in enumerate(notebooks, 1):
            _say(f"{path.stem} ({i} of {len(notebooks)})")
            nb, wall, error = run_notebook(path, kernel, args.timeout)
            _say(f"{path.stem}: {'ran' if not error else 'FAILED: ' + error} in {wall:.0f} s")
            import nbformat

            nbformat.write(nb, runs_dir / f"{path.stem}.ipynb")
            (runs_dir / f"{path.stem}.json").write_text(json.dumps({"wall_s": wall, "error": error, "stack": versions}))
            runs.append((nb, wall, error))
    return report(args, notebooks, runs, versions, started)


SOLUTIONS = "_solutions"  # an exercise's second notebook, ``<tutorial>_solutions.ipynb``: the whole page


def _saved_run(runs_dir: pathlib.Path, stem: str) -> tuple:
    import nbformat

    path = runs_dir / f"{stem}.ipynb"
    if not path.is_file():
        raise SystemExit(f"error: no saved run of {stem} in {runs_dir}; run the check without --compare-only first.")
    meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    return nbformat.read(path, as_version=4), meta["wall_s"], meta["error"], meta["stack"]


def report(args, notebooks: list[pathlib.Path], runs: list[tuple], versions: dict, started: float) -> int:
    """Compare each run with its page, print the table (and write it with --write); 1 if a notebook failed."""
    rows = []
    for path, (nb, wall, error, *saved) in zip(notebooks, runs):
        versions = versions or (saved[0] if saved else {})
        solutions = path.with_name(f"{path.stem}{SOLUTIONS}.ipynb")
        if solutions.is_file():  # an exercise's task: it stops where the solution starts, so it must only run
            rows.append({"notebook": path.stem, "passed": not error, "error": error, "wall_s": wall, "equal": None,
                         "differing": [], "compared_in": solutions.stem})
            _say(f"{path.stem}: {'passed' if not error else 'FAILED: ' + error} in {wall:.0f} s; the task only, "
                 f"its numbers are compared in {solutions.stem}")
            continue
        result = colab_compare.compare(page_lines(args.site, path.stem.removesuffix(SOLUTIONS)), notebook_lines(nb))
        rows.append({"notebook": path.stem, "passed": not error, "error": error, "wall_s": wall, **result})
        _say(f"{path.stem}: {'passed' if not error else 'FAILED: ' + error} in {wall:.0f} s; "
             f"{result['equal']} numbers equal, {len(result['differing'])} differing")
        for d in result["differing"]:
            _say(f"    {'timing ' if d['timing'] else ''}page {d['page']!r} -> run {d['notebook']!r}"
                 f"{'' if d['page'] == d['line'] else '  in: ' + d['line'][:120]}")
    block = (f"Run {time.strftime('%Y-%m-%d')} with `python3 scripts/colab_check.py"
             f"{' --stack ' + args.stack if args.stack != 'colab' else ''}` on "
             + ", ".join(f"{k} {v}" for k, v in versions.items()) + ".\n\n" + colab_compare.table(rows))
    print("\n" + block + "\n", flush=True)
    if args.write:
        MAINTAINERS.write_text(colab_compare.replace_between_markers(MAINTAINERS.read_text(encoding="utf-8"), block),
                               encoding="utf-8")
        _say(f"table written to {MAINTAINERS.relative_to(ROOT)}")
    failed = [row["notebook"] for row in rows if not row["passed"]]
    _say(f"{len(rows) - len(failed)} of {len(rows)} notebooks passed in {time.monotonic() - started:.0f} s"
         + (f"; failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
