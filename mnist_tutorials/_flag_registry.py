"""The flag registry (private; use it through `mnist_tutorials.flags`): every flag's question, kind, precision and computation.

To add a flag: write its computation in ``_flag_tasks.py`` (``compute(data_home)`` returns the unrounded
answer, scikit-learn only, ``random_state=42``) and its words (title, question, tutorial) in
``_flag_questions.py``, then add a [`Flag`][mnist_tutorials.flags.Flag] below. The site's flags page,
``python -m mnist_tutorials flags`` and [`check_flag`][mnist_tutorials.flags.check_flag] pick it up from
``FLAGS``. Show the question on the tutorial's page, where it is asked, with a hidden cell
``flag_question("<label>")`` (``mnist_tutorials.plotting.questions``): never write the question on the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from . import _flag_tasks as _tasks
from ._answers import KINDS
from ._flag_questions import QUESTIONS

__all__ = ["AlsoAccepted", "Flag", "FLAGS"]


@dataclass(frozen=True)
class AlsoAccepted:
    """A further answer a flag accepts, besides the one its computation gives today, and where it comes from.

    Parameters
    ----------
    source : str
        Where this answer comes from, e.g. ``"ML 105 handout's computation, re-run here with scikit-learn 1.7.2"``.
    compute : callable
        ``compute(data_home)`` returns that answer (unrounded, as ``Flag.compute``).
    why : str
        One sentence, in Markdown, on why it differs from today's answer; shown on the flags page (never a number).

    Examples
    --------
    >>> from mnist_tutorials.flags import get_flag
    >>> [extra.source for extra in get_flag("ML105.2").also_accepted]
    ["ML 105 handout's computation, re-run here with scikit-learn 1.7.2"]
    """

    source: str
    compute: Callable[[object], float]
    why: str


@dataclass(frozen=True)
class Flag:
    """One flag: its question, where it comes from, how to compare answers and how to compute it.

    Parameters
    ----------
    label : str
        Short identifier such as ``"ML105.1"``; letters, digits and dots only. It is part of the
        hash salt, so two flags with the same answer have different hashes.
    title : str
        A few words shown as the flag's heading.
    question : str
        The question, in Markdown, as shown on the flags page, by ``python -m mnist_tutorials flags`` and on the
        tutorial's page, which shows it with ``flag_question(label)`` (``mnist_tutorials.plotting.questions``).
        The registry's flags take it (with ``title`` and ``tutorial``) from ``_flag_questions.QUESTIONS``, the one
        text of each question. Inline Markdown only (`` `code` ``, ``**strong**``, ``*emphasis*``).
    tutorial : str
        The tutorial the flag belongs to, as a path relative to ``docs/`` (``"tutorials/03_….py"``).
    kind : {"fraction", "integer", "number"}
        How answers are read; see [`normalize_answer`][mnist_tutorials.flags.normalize_answer].
    decimals : int
        Decimals of the canonical answer (``0`` for integers). For a fraction, ``3`` means
        ``0.375`` / ``37.5%``.
    compute : callable
        ``compute(data_home)`` returns the answer (a float or int) from the package's data;
        ``data_home`` is passed on to ``fetch_mnist`` (None: the default cache).
    cost : str
        Rough cost of ``compute`` on a laptop, shown before a slow computation starts.
    also_accepted : tuple of AlsoAccepted, default=()
        Further answers that count as right: for a flag that asks a course's computation, the answer that
        course's (older) scikit-learn gives, when today's gives another.
    """

    label: str
    title: str
    question: str
    tutorial: str
    kind: str
    decimals: int
    compute: Callable[[object], float]
    cost: str
    also_accepted: tuple[AlsoAccepted, ...] = ()

    def __post_init__(self):
        if not re.fullmatch(r"[A-Za-z0-9.]+", self.label):
            raise ValueError(f"Flag label {self.label!r}: use letters, digits and dots only.")
        if self.kind not in KINDS:
            raise ValueError(f"Flag {self.label}: kind must be one of {KINDS}, got {self.kind!r}.")
        if not isinstance(self.decimals, int) or self.decimals < 0:
            raise ValueError(f"Flag {self.label}: decimals must be an int >= 0, got {self.decimals!r}.")
        if self.kind == "integer" and self.decimals != 0:
            raise ValueError(f"Flag {self.label}: an integer flag has decimals=0, got {self.decimals}.")


FLAGS: dict[str, Flag] = {
    flag.label: flag
    for flag in (
        Flag(
            label="DATA.1",
            **QUESTIONS["DATA.1"],
            kind="integer",
            decimals=0,
            compute=_tasks.ones_in_test_set,
            cost="a few seconds to load MNIST",
        ),
        Flag(
            label="BINARY.1",
            **QUESTIONS["BINARY.1"],
            kind="integer",
            decimals=0,
            compute=_tasks.threes_called_five,
            cost="about 30-60 s: three SGDClassifier fits on 40,000 images, shared with ML105.1",
        ),
        Flag(
            label="ML105.1",
            **QUESTIONS["ML105.1"],
            kind="fraction",
            decimals=3,
            compute=_tasks.precision_at_3000,
            cost="about 30-60 s: three SGDClassifier fits on 40,000 images",
        ),
        Flag(
            label="ML105.2",
            **QUESTIONS["ML105.2"],
            kind="fraction",
            decimals=2,
            compute=_tasks.scaled_sgd_zero_recall,
            cost="about 5 s",
            also_accepted=(
                AlsoAccepted(
                    source=_tasks.course_answers()["ML105.2"]["source"],
                    compute=_tasks.course_answer("ML105.2"),
                    why="scikit-learn 1.8 changed when `SGDClassifier` stops training: between epochs it now "
                        "compares the regularized objective (loss plus penalty) where 1.7 and earlier compared "
                        "the loss alone, so the ten one-versus-rest fits stop after other numbers of epochs.",
                ),
            ),
        ),
        Flag(
            label="LOGREG.1",
            **QUESTIONS["LOGREG.1"],
            kind="fraction",
            decimals=2,
            compute=_tasks.pca20_logreg_accuracy,
            cost="about 10-20 s: PCA and a logistic regression on 56,000 images",
        ),
        Flag(
            label="FASHION.1",
            **QUESTIONS["FASHION.1"],
            kind="number",
            decimals=1,
            compute=_tasks.trouser_mean_pixel,
            cost="a few seconds to load Fashion-MNIST",
        ),
        Flag(
            label="KNN97.1",
            **QUESTIONS["KNN97.1"],
            kind="fraction",
            decimals=3,
            compute=_tasks.knn_grid_best_score_2000,
            cost="a few seconds: 24 KNN fits on 2,000 images",
        ),
        Flag(
            label="AUG.1",
            **QUESTIONS["AUG.1"],
            kind="fraction",
            decimals=3,
            compute=_tasks.augmented_knn_accuracy,
            cost="a few seconds: one KNN prediction of 2,000 images against 25,000",
        ),
    )
}
"""Every flag, by label, in the order of the tutorials."""

if list(FLAGS) != list(QUESTIONS):  # every flag has its words, and every question a flag, in the same order
    raise RuntimeError(f"_flag_questions.QUESTIONS {list(QUESTIONS)} and FLAGS {list(FLAGS)} differ: add the flag "
                       "to both, in the order of the tutorials.")
