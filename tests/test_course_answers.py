"""The course answers committed in mnist_tutorials/course_answers.json are what the course's scikit-learn computes.

ML105.2 asks the ML 105 handout's computation; scikit-learn 1.8 changed SGDClassifier's stopping rule, so the flag
also accepts the answer of the handout's scikit-learn. ``scripts/course_answers.py`` computes it in a throw-away
venv; the reference test below does that again (pip install from PyPI, the MNIST cache) and compares.
"""

from __future__ import annotations

import importlib.util
import json
import math
import pathlib
import subprocess

import pytest

from mnist_tutorials import _flag_tasks, flags

ROOT = pathlib.Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "course_answers.py"


def _script():
    spec = importlib.util.spec_from_file_location("course_answers_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_file_covers_every_also_accepted_answer():
    committed = json.loads(_flag_tasks.COURSE_ANSWERS_FILE.read_text(encoding="utf-8"))
    script = _script()
    assert set(committed) == set(script.COURSES)
    for label, (source, version, task) in script.COURSES.items():
        record = committed[label]
        assert record["sklearn"] == version and record["source"] == source
        assert record["task"] == f"mnist_tutorials._flag_tasks.{task}" and hasattr(_flag_tasks, task)
        assert record["command"] == "python scripts/course_answers.py"
        assert 0 <= record["value"] <= 1 and flags.get_flag(label).kind == "fraction"
        assert [extra.compute(None) for extra in flags.get_flag(label).also_accepted] == [record["value"]]


def test_a_label_missing_from_the_file_says_how_to_add_it():
    with pytest.raises(KeyError, match="scripts/course_answers.py"):
        _flag_tasks.course_answer("NOPE.1")(None)


@pytest.mark.reference
def test_course_answers_recomputed_under_the_course_scikit_learn(tmp_path):
    """Make the venv, run the task there on the cached MNIST, compare with the committed value."""
    script = _script()
    committed = json.loads(_flag_tasks.COURSE_ANSWERS_FILE.read_text(encoding="utf-8"))
    try:
        answers = script.compute(tmp_path)
    except subprocess.CalledProcessError as exc:
        if "pip" in " ".join(map(str, exc.cmd)):
            pytest.skip(f"pip could not install the course's scikit-learn ({exc}); is PyPI reachable?")
        raise
    for label, record in answers.items():
        assert record["sklearn"] == committed[label]["sklearn"]
        assert math.isclose(record["value"], committed[label]["value"], rel_tol=0, abs_tol=1e-12), label
    import sklearn

    if tuple(int(part) for part in sklearn.__version__.split(".")[:2]) >= (1, 8):
        # Why ML105.2 needs two answers: since 1.8 today's rounds to another whole percentage than the handout's.
        flag = flags.get_flag("ML105.2")
        today = flags.normalize_answer(flags.compute_answer("ML105.2"), flag.kind, flag.decimals)
        assert today != flags.normalize_answer(answers["ML105.2"]["value"], flag.kind, flag.decimals)


def test_page_04_names_the_course_scikit_learn_the_file_records():
    """Page 04's note types the course's scikit-learn version; it must be the one the answer was computed with."""
    committed = json.loads(_flag_tasks.COURSE_ANSWERS_FILE.read_text(encoding="utf-8"))
    page = (ROOT / "docs" / "tutorials" / "06_multiclass.py").read_text(encoding="utf-8")
    assert f"scikit-learn {committed['ML105.2']['sklearn']}" in page
