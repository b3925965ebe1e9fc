"""Compute the flag answers of a course's era with that course's scikit-learn; write them to the package.

Some flags carry a seed's label and ask exactly the seed's computation (ML105.2: the ML 105 handout).
The answer of that computation changed with scikit-learn 1.8: ``SGDClassifier``'s stopping rule now
compares the regularized objective (loss + penalty) between epochs, where 1.7 and earlier compared the
loss alone (``sklearn/linear_model/_sgd_fast.pyx.tp``), so the per-class fits stop at other epochs. No
public parameter restores the old rule, so this script runs the package's own computation under the
course's scikit-learn in a throw-away virtual environment and stores the unrounded answer, with the
versions and the command, in ``mnist_tutorials/course_answers.json``. The flags accept it besides
today's answer.

Usage::

    python scripts/course_answers.py            # compute and write mnist_tutorials/course_answers.json
    python scripts/course_answers.py --check    # compute and compare with the committed file

The venv is made with ``--system-site-packages`` (NumPy, SciPy and the package's other dependencies
come from the current environment) and gets ``scikit-learn==<version>`` from PyPI.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "mnist_tutorials" / "course_answers.json"

# label -> (where the answer comes from, scikit-learn version of the course, task in _flag_tasks)
COURSES = {
    "ML105.2": ("ML 105 handout's computation, re-run here with scikit-learn 1.7.2", "1.7.2", "scaled_sgd_zero_recall"),
}

_PROGRAM = """
import json, sys, numpy, sklearn
from mnist_tutorials import _flag_tasks
print(json.dumps({"value": float(getattr(_flag_tasks, sys.argv[1])()),
                  "sklearn": sklearn.__version__, "numpy": numpy.__version__}))
"""


def make_venv(path: Path, sklearn_version: str) -> Path:
    """Create a venv at ``path`` with ``scikit-learn==sklearn_version``; return its python."""
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(path)], check=True)
    python = path / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    f"scikit-learn=={sklearn_version}"], check=True)
    return python


def run_task(python: Path, task: str) -> dict:
    """Run ``mnist_tutorials._flag_tasks.<task>()`` with this checkout's package under ``python``."""
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    env.update({k: v for k, v in os.environ.items() if k in ("HOME", "MNIST_TUTORIALS_DATA", "SCIKIT_LEARN_DATA")})
    out = subprocess.run([str(python), "-c", _PROGRAM, task], check=True, capture_output=True, text=True,
                         env=env, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def compute(venv_dir: Path) -> dict:
    """Compute every course answer; one venv per scikit-learn version under ``venv_dir``."""
    pythons, answers = {}, {}
    for label, (source, version, task) in COURSES.items():
        if version not in pythons:
            pythons[version] = make_venv(venv_dir / f"sklearn-{version}", version)
        result = run_task(pythons[version], task)
        if result["sklearn"] != version:
            raise RuntimeError(f"{label}: expected scikit-learn {version} in the venv, found {result['sklearn']}.")
        answers[label] = {"source": source, "value": result["value"], "sklearn": result["sklearn"],
                          "numpy": result["numpy"], "task": f"mnist_tutorials._flag_tasks.{task}",
                          "command": "python scripts/course_answers.py"}
    return answers


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file instead of writing")
    parser.add_argument("--venv-dir", type=Path, default=None, help="where to make the venvs (default: a temp dir)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="course-answers-") as tmp:
        answers = compute(args.venv_dir or Path(tmp))
    if args.check:
        committed = json.loads(OUTPUT.read_text(encoding="utf-8"))
        bad = [label for label in answers
               if not math.isclose(answers[label]["value"], committed[label]["value"], rel_tol=0, abs_tol=1e-12)]
        for label in answers:
            print(f"{label}: computed {answers[label]['value']!r}, committed {committed[label]['value']!r}")
        return 1 if bad else 0
    OUTPUT.write_text(json.dumps(answers, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"Wrote {OUTPUT.relative_to(ROOT)}: {', '.join(answers)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
