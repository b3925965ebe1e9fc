"""Predict, then reveal: a question asked before a result, answered with one click.

- :func:`predict_then_reveal` renders one of the course's questions (``_question_bank.QUESTIONS``) as a plain
  ``<details>``: without JavaScript the summary is the question and opening it shows every answer with its
  explanation. With JavaScript the answers become buttons; a click says right or wrong at once, with that
  answer's explanation, and the choice is kept in the browser (``localStorage``), like the solved flags.
- :func:`check_answer` is what a page calls, in a hidden cell, once it has computed the result, with its own test
  of the question's ``check``: it raises if that test fails, so the build fails.
- :func:`flag_question` shows a flag's question where the page asks it, in the words of the flag registry
  (``mnist_tutorials.flags``), so that the page, the flags page and ``python -m mnist_tutorials flags`` ask it in
  the same words: each question is written once, in ``mnist_tutorials/_flag_questions.py``.
"""

from __future__ import annotations

import html
import re

from ._question_bank import QUESTIONS

__all__ = ["FlagQuestion", "QuestionCard", "check_answer", "flag_question", "predict_then_reveal"]

FLAGS_PAGE = "../../exercises/flags/"
"""The flags page, relative to a tutorial page of the site (``tutorials/<page>/``)."""

STORAGE_KEY = "mnist-tutorials:questions:answered"

_CSS = """
.mtq{border:1px solid var(--md-default-fg-color--lightest,rgba(128,128,128,.35));border-left:4px solid
var(--md-accent-fg-color,#526cfe);border-radius:4px;padding:.4em .8em;margin:1em 0;font-size:.8rem}
.mtq>summary{cursor:pointer;font-weight:600}
.mtq .mtq-tag{display:inline-block;font-size:.7rem;font-weight:400;text-transform:uppercase;letter-spacing:.04em;
margin-right:.5em;color:inherit}
.mtq ol{margin:.5em 0 .3em 1.2em;padding:0}
.mtq.mtq-js ol.mtq-static{display:none}
.mtq .mtq-choices{display:flex;flex-wrap:wrap;gap:.4em;margin:.5em 0}
.mtq .mtq-choices button{font:inherit;color:inherit;background:transparent;cursor:pointer;text-align:left;
border:1px solid var(--md-default-fg-color--lighter,rgba(128,128,128,.5));border-radius:3px;padding:.3em .7em;
min-height:32px;max-width:100%}
.mtq .mtq-choices button:focus-visible{outline:2px solid var(--md-accent-fg-color,#526cfe);outline-offset:2px}
.mtq .mtq-choices button[aria-pressed=true]{border-width:2px;font-weight:600}
.mtq .mtq-feedback:empty{display:none}
.mtq .mtq-feedback{margin:.3em 0;padding:.3em .6em;border-radius:3px;background:var(--md-code-bg-color,
rgba(128,128,128,.1))}
.mtq .mtq-progress{color:var(--md-default-fg-color--light,#595959);font-size:.7rem;margin:.2em 0 0}
@media print{.mtq .mtq-choices{display:none}.mtq.mtq-js ol.mtq-static{display:block}}
"""

_JS = r"""
(function () {
  "use strict";
  var KEY = "%KEY%";
  function load() { try { return JSON.parse(localStorage.getItem(KEY) || "{}") || {}; } catch (e) { return {}; } }
  function save(v) { try { localStorage.setItem(KEY, JSON.stringify(v)); } catch (e) { /* storage off */ } }
  function enhance(box) {
    if (box.getAttribute("data-mtq-ready")) { return; }
    box.setAttribute("data-mtq-ready", "1");
    box.classList.add("mtq-js");
    var id = box.getAttribute("data-mtq"), total = +box.getAttribute("data-total");
    var items = Array.prototype.slice.call(box.querySelectorAll("ol.mtq-static > li"));
    var choices = document.createElement("div");
    choices.className = "mtq-choices";
    choices.setAttribute("role", "group");
    choices.setAttribute("aria-label", "Your prediction");
    var feedback = document.createElement("p");
    feedback.className = "mtq-feedback";
    feedback.setAttribute("aria-live", "polite");
    var progress = document.createElement("p");
    progress.className = "mtq-progress";
    var buttons = items.map(function (li, n) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = li.querySelector(".mtq-option").textContent;
      b.setAttribute("aria-pressed", "false");
      b.addEventListener("click", function () { choose(n, true); });
      choices.appendChild(b);
      return b;
    });
    var body = box.querySelector(".mtq-body");
    body.insertBefore(progress, body.firstChild);
    body.insertBefore(feedback, body.firstChild);
    body.insertBefore(choices, body.firstChild);
    function showProgress() {
      var n = Object.keys(load()).length;
      progress.textContent = "Questions answered in this browser: " + n + " of the course's " + total + ".";
    }
    function choose(n, store) {
      var li = items[n], right = li.getAttribute("data-correct") === "true";
      buttons.forEach(function (b, k) { b.setAttribute("aria-pressed", String(k === n)); });
      var correct = items.filter(function (x) { return x.getAttribute("data-correct") === "true"; })[0];
      feedback.textContent = (right ? "Right. " : "Not quite. ") + li.querySelector(".mtq-why").textContent +
        (right ? "" : " The answer: " + correct.querySelector(".mtq-option").textContent + " " +
         correct.querySelector(".mtq-why").textContent);
      feedback.setAttribute("data-verdict", right ? "right" : "wrong");
      if (store) { var done = load(); done[id] = n; save(done); }
      showProgress();
    }
    box.open = true;
    var done = load();
    if (Object.prototype.hasOwnProperty.call(done, id) && items[done[id]]) { choose(done[id], false); } else { showProgress(); }
  }
  Array.prototype.forEach.call(document.querySelectorAll(".mtq:not([data-mtq-ready])"), enhance);
})();
""".replace("%KEY%", STORAGE_KEY)


class QuestionCard:
    """One predict-then-reveal question; displayed by notebooks through :meth:`_repr_html_`.

    Attributes
    ----------
    question_id : str
        Its key in the course's question bank.
    html : str
        A ``<details>`` with the question, every answer and its explanation, and the script that turns the
        answers into buttons.
    """

    def __init__(self, question_id, html_text):
        self.question_id, self.html = question_id, html_text

    def _repr_html_(self):
        return self.html

    def __repr__(self):
        return f"<QuestionCard {self.question_id}: {QUESTIONS[self.question_id]['question']}>"


def _question(question_id):
    if question_id not in QUESTIONS:
        raise KeyError(f"no question {question_id!r}; the course has {', '.join(sorted(QUESTIONS))}.")
    return QUESTIONS[question_id]


def predict_then_reveal(question_id):
    """One of the course's questions, to answer before the page shows the result.

    Parameters
    ----------
    question_id : str
        The question's key, e.g. ``"TRADEOFF.recall"``.

    Returns
    -------
    QuestionCard
        Display it (last expression of a cell).

    Raises
    ------
    KeyError
        If there is no such question (the message lists those there are).

    Examples
    --------
    >>> from mnist_tutorials.plotting.questions import predict_then_reveal
    >>> card = predict_then_reveal("TRADEOFF.recall")
    >>> card.html.startswith('<details class="mtq"')
    True
    """
    q = _question(question_id)
    items = "".join(
        f'<li data-correct="{str(n == q["answer"]).lower()}"><strong class="mtq-option">{html.escape(text)}</strong> '
        f'<em>{"right" if n == q["answer"] else "wrong"}</em>: <span class="mtq-why">{html.escape(why)}</span></li>'
        for n, (text, why) in enumerate(q["options"])
    )
    question = html.escape(q["question"]).replace("`", "")
    markup = (f'<details class="mtq" data-mtq="{html.escape(question_id)}" data-total="{len(QUESTIONS)}">'
              f'<style>{_CSS}</style><summary><span class="mtq-tag">Predict, then reveal</span>{question}</summary>'
              f'<div class="mtq-body"><ol class="mtq-static">{items}</ol></div><script>{_JS}</script></details>')
    return QuestionCard(question_id, markup)


def check_answer(question_id, holds):
    """Raise unless the page's numbers support a question's answer.

    Parameters
    ----------
    question_id : str
        The question's key.
    holds : bool
        The page's own test of the question's ``check``, the fact that makes its answer right (e.g.
        ``recall_90 < baseline_recall`` for "if the threshold rises, recall falls").

    Returns
    -------
    str
        The right option's text.

    Raises
    ------
    ValueError
        If ``holds`` is false: the question bank or the page is wrong.

    Examples
    --------
    >>> from mnist_tutorials.plotting.questions import check_answer
    >>> recall_at_0, recall_higher = 0.65, 0.48
    >>> check_answer("TRADEOFF.recall", recall_higher < recall_at_0)
    'It falls.'
    """
    q = _question(question_id)
    right = q["options"][q["answer"]][0]
    if not bool(holds):
        raise ValueError(f"{question_id}: the page's numbers do not support the answer {right!r}; its check is that "
                         f"{q['check']}. Fix the question in mnist_tutorials/plotting/_question_bank.py, or the page.")
    return right


class FlagQuestion:
    """A flag's question as an admonition; displayed by notebooks through :meth:`_repr_html_`.

    Attributes
    ----------
    label : str
        The flag's label, e.g. ``"DATA.1"``.
    html : str
        A ``<div class="admonition question">`` with the flag's title, its question and where to check the answer.
    """

    def __init__(self, label, html_text):
        self.label, self.html = label, html_text

    def _repr_html_(self):
        return self.html

    def __repr__(self):
        from .._flag_questions import find_question

        return f"<FlagQuestion {self.label}: {find_question(self.label)[1]['question']}>"


_CODE = re.compile(r"`([^`]+)`")
_STRONG = re.compile(r"\*\*(.+?)\*\*")
_EM = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])")


def _inline_markdown(text):
    """The inline Markdown of a flag's question as HTML: `` `code` ``, ``**strong**`` and ``*emphasis*``.

    The registry's questions use only these; anything else is escaped and shown as written.

    Parameters
    ----------
    text : str

    Returns
    -------
    str

    Examples
    --------
    >>> from mnist_tutorials.plotting.questions import _inline_markdown
    >>> _inline_markdown("How many **1**s are in `y_test` (*not* `y_train`)?")
    'How many <strong>1</strong>s are in <code>y_test</code> (<em>not</em> <code>y_train</code>)?'
    """
    parts = _CODE.split(str(text))  # odd positions: the code spans, shown as written
    out = []
    for n, part in enumerate(parts):
        if n % 2:
            out.append(f"<code>{html.escape(part, quote=False)}</code>")
        else:
            part = html.escape(part, quote=False)
            out.append(_EM.sub(r"<em>\1</em>", _STRONG.sub(r"<strong>\1</strong>", part)))
    return "".join(out)


def flag_question(label, *, flags_page=FLAGS_PAGE):
    """A flag's question, as the registry words it, to show where a tutorial asks it.

    The question is written once, in ``mnist_tutorials/_flag_questions.py``, where the flag registry takes it from;
    the flags page and ``python -m mnist_tutorials flags`` show the same text. Under it, where to check an answer: the site's flags page
    and, anywhere (Colab included), ``check_flag``.

    Parameters
    ----------
    label : str
        The flag's label, e.g. ``"DATA.1"`` (case and spaces ignored, as in ``get_flag``).
    flags_page : str, default="../../exercises/flags/"
        The link to the flags page, relative to the page that shows the question.

    Returns
    -------
    FlagQuestion
        Display it (last expression of a cell).

    Raises
    ------
    KeyError
        If there is no such flag (the message lists those there are).

    Examples
    --------
    >>> from mnist_tutorials.plotting.questions import flag_question
    >>> card = flag_question("DATA.1")
    >>> card.html.startswith('<div class="admonition question"')
    True
    >>> "Flag DATA.1: Ones in the test set" in card.html
    True
    """
    from .._flag_questions import find_question  # the words only: no flag computation is imported

    label, words = find_question(label)
    markup = (
        f'<div class="admonition question" data-flag="{html.escape(label)}">'
        f'<p class="admonition-title">Flag {html.escape(label)}: {_inline_markdown(words["title"])}</p>'
        f'<p>{_inline_markdown(words["question"])}</p>'
        f'<p>Check your answer on the <a href="{html.escape(flags_page)}">flags page</a>, or in Python with '
        f"<code>check_flag(\"{html.escape(label)}\", your_answer)</code> "
        f"(<code>from mnist_tutorials.flags import check_flag</code>).</p></div>"
    )
    return FlagQuestion(label, markup)
