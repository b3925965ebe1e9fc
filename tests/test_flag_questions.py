"""Each flag's question is written once, in the registry: the tutorial shows it with ``flag_question(label)``.

Fast checks over the sources (no tutorial writes a flag's question by hand; every flag's page calls
``flag_question`` with its label, in a hidden cell), the admonition's HTML, and, with ``-m build``, the built pages
(each shows its flags' registry text, word for word).
"""

from __future__ import annotations

import html
import pathlib
import re

import pytest

from mnist_tutorials.flags import FLAGS, get_flag
from mnist_tutorials.plotting.questions import FlagQuestion, _inline_markdown, flag_question

ROOT = pathlib.Path(__file__).resolve().parents[1]
TUTORIALS = sorted((ROOT / "docs" / "tutorials").glob("*.py"))
CELL = re.compile(r"^# %%.*$", re.M)
CALL = re.compile(r"""flag_question\(\s*["']([^"']+)["']\s*\)""")


def _cells(path: pathlib.Path) -> list[tuple[str, str]]:
    """(header, body) of each jupytext cell of a page."""
    text = path.read_text(encoding="utf-8")
    starts = [m.start() for m in CELL.finditer(text)] + [len(text)]
    return [(text[a:b].split("\n", 1)[0], text[a:b]) for a, b in zip(starts, starts[1:])]


def _label_pattern(label: str) -> re.Pattern:
    """A flag's label as prose may write it: ``ML105.1``, ``ML 105.1``, ``ml105.1``."""
    letters, rest = re.match(r"([A-Za-z]+)(.*)", label).groups()
    return re.compile(rf"\b{letters}\s?{re.escape(rest)}(?![\d.]*\d)", re.I)


def _text(markup: str) -> str:
    """The visible text of some HTML, whitespace collapsed."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S | re.I)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


@pytest.mark.parametrize("tutorial", TUTORIALS, ids=lambda p: p.stem)
def test_no_tutorial_writes_a_flag_question_by_hand(tutorial):
    for header, body in _cells(tutorial):
        if "[markdown]" not in header:
            continue
        assert "admonition question" not in body and "!!! question" not in body, (
            f"{tutorial.name}: a hand-written question admonition; show the flag's question from the registry "
            f"with a hidden cell `flag_question(\"<label>\")` (mnist_tutorials.plotting.questions):\n{body[:300]}")
        named = [label for label in FLAGS if _label_pattern(label).search(body)]
        assert not named, (f"{tutorial.name}: prose names flag {named}; its question is shown by flag_question(), "
                           f"from the registry, so the page does not word it again:\n{body[:300]}")


@pytest.mark.parametrize("label", sorted(FLAGS))
def test_each_flag_page_shows_its_registry_question(label):
    page = ROOT / "docs" / FLAGS[label].tutorial
    assert page.is_file(), f"{label}: tutorial={FLAGS[label].tutorial!r} is not a file under docs/"
    calls = [(header, body) for header, body in _cells(page) if label in CALL.findall(body)]
    assert len(calls) == 1, f"{page.name}: expected one cell calling flag_question({label!r}), found {len(calls)}"
    header, body = calls[0]
    assert "[markdown]" not in header and '"remove_input"' in header, (
        f"{page.name}: flag_question({label!r}) belongs in a code cell tagged remove_input (only the question shows)")
    assert body.rstrip().endswith(f'flag_question("{label}")'), "the call is the cell's last line, so it displays"


def test_no_page_asks_a_flag_that_does_not_exist_or_belongs_elsewhere():
    for tutorial in TUTORIALS:
        for label in CALL.findall(tutorial.read_text(encoding="utf-8")):
            assert FLAGS[get_flag(label).label].tutorial == f"tutorials/{tutorial.name}", (tutorial.name, label)


@pytest.mark.parametrize("label", sorted(FLAGS))
def test_the_admonition_holds_the_title_the_question_and_where_to_check(label):
    flag = FLAGS[label]
    card = flag_question(label.lower())
    assert isinstance(card, FlagQuestion) and card._repr_html_() == card.html and card.label == label
    assert card.html.startswith('<div class="admonition question"') and card.html.endswith("</div>")
    assert card.html.count("<div") == card.html.count("</div>") == 1
    text = _text(card.html)
    assert text.startswith(f"Flag {label}: {flag.title} ")
    assert _text(_inline_markdown(flag.question)) in text
    assert '<a href="../../exercises/flags/">flags page</a>' in card.html
    assert f'check_flag("{label}", your_answer)' in text
    assert "**" not in card.html and "`" not in card.html, "the registry's Markdown is rendered, not shown"


def test_inline_markdown_renders_code_strong_and_emphasis_and_escapes_the_rest():
    assert _inline_markdown("a **1** in `y_test < 2` and *not* `a*b*c`") == (
        "a <strong>1</strong> in <code>y_test &lt; 2</code> and <em>not</em> <code>a*b*c</code>")
    assert _inline_markdown("2 * 3 * 4 <b>") == "2 * 3 * 4 &lt;b&gt;"


def test_an_unknown_flag_names_the_known_ones():
    with pytest.raises(KeyError, match="Known flags: DATA.1"):
        flag_question("NOPE.1")


@pytest.mark.build
@pytest.mark.parametrize("label", sorted(FLAGS))
def test_the_built_page_shows_the_registry_question(site_dir, label):
    flag = FLAGS[label]
    page = site_dir / pathlib.Path(flag.tutorial).with_suffix("") / "index.html"
    assert page.is_file(), f"expected {page} in the built site"
    text = _text(page.read_text(encoding="utf-8"))
    assert f"Flag {label}: {flag.title}" in text, f"{page}: the flag's title is missing"
    assert _text(_inline_markdown(flag.question)) in text, f"{page}: the registry's question is missing"


def test_showing_a_question_does_not_make_the_page_depend_on_the_flags_computations():
    # The execution cache keys a page by the package modules it reaches: a page that shows a question must not be
    # re-executed when a flag's computation (or a module it uses) changes, only when the question's words do.
    from mnist_tutorials import _cachekey

    reached = {path.name for path in _cachekey.module_closure([ROOT / "docs" / "tutorials" / "01_meet_the_data.py"])}
    assert "_flag_questions.py" in reached and "questions.py" in reached
    assert not reached & {"flags.py", "_flag_registry.py", "_flag_tasks.py", "saved.py", "augment.py"}, reached


def test_the_registry_takes_every_flag_s_words_from_the_one_text():
    from mnist_tutorials._flag_questions import QUESTIONS

    assert list(QUESTIONS) == list(FLAGS)
    for label, flag in FLAGS.items():
        assert QUESTIONS[label] == {"title": flag.title, "question": flag.question, "tutorial": flag.tutorial}
