"""Predict-then-reveal questions: the bank is well formed, every question is asked on its page before the page
checks it against what it computed, and the card works without JavaScript (a ``<details>``) and with it
(Chromium: instant feedback, kept in localStorage)."""

from __future__ import annotations

import pathlib
import re

import pytest

from mnist_tutorials.plotting.questions import check_answer, predict_then_reveal
from mnist_tutorials.plotting._question_bank import QUESTIONS

ROOT = pathlib.Path(__file__).resolve().parents[1]
CELL = re.compile(r"^# %%.*$", re.M)


def _cells(page: str) -> list[tuple[str, str]]:
    """(header, body) of each jupytext cell of a page."""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    starts = [m.start() for m in CELL.finditer(text)] + [len(text)]
    return [(text[a:b].split("\n", 1)[0], text[a:b]) for a, b in zip(starts, starts[1:])]


def test_the_bank_holds_at_least_six_well_formed_questions():
    assert len(QUESTIONS) >= 6
    assert len({q["page"] for q in QUESTIONS.values()}) >= 3, "questions across the course, not on one page"
    for qid, q in QUESTIONS.items():
        assert set(q) == {"page", "question", "options", "answer", "check"}, qid
        assert len(q["check"]) > 20, f"{qid}: say what the page checks"
        assert len(q["options"]) >= 2 and 0 <= q["answer"] < len(q["options"]), qid
        assert all(text.strip() and len(why) > 30 for text, why in q["options"]), f"{qid}: an answer lacks its why"
        assert len({text for text, _ in q["options"]}) == len(q["options"]), qid
        assert (ROOT / "docs" / q["page"]).is_file(), q["page"]


@pytest.mark.parametrize("qid", sorted(QUESTIONS))
def test_each_question_is_asked_then_checked_on_its_page(qid):
    """Asked in a hidden cell (only the card shows), then checked in a hidden cell after the result."""
    cells = _cells(QUESTIONS[qid]["page"])
    asked = [i for i, (_, body) in enumerate(cells) if f'predict_then_reveal("{qid}")' in body]
    checked = [i for i, (_, body) in enumerate(cells) if f'check_answer("{qid}"' in body]
    assert len(asked) == 1 and len(checked) == 1, (qid, asked, checked)
    assert asked[0] < checked[0], f"{qid}: the question must come before the result it asks about"
    for i in (asked[0], checked[0]):
        assert cells[i][0] == '# %% tags=["remove_input"]', (qid, cells[i][0])
    # the check is a comparison of what the page computed, not a bare True
    call = cells[checked[0]][1].split(f'check_answer("{qid}"', 1)[1].split(")\n", 1)[0]
    assert re.search(r"[<>]|==", call) and re.search(r"[a-z_]\w*", call), (qid, call)


def test_check_answer_fails_on_a_wrong_answer():
    qid = "TRADEOFF.recall"
    right = QUESTIONS[qid]["options"][QUESTIONS[qid]["answer"]][0]
    assert check_answer(qid, 0.48 < 0.65) == right == "It falls."
    with pytest.raises(ValueError, match="do not support the answer 'It falls.'; its check is that recall"):
        check_answer(qid, 0.70 < 0.65)
    with pytest.raises(KeyError, match="TRADEOFF.recall"):
        predict_then_reveal("NOPE")


def test_without_javascript_the_card_is_a_details_with_every_answer_explained():
    for qid, q in QUESTIONS.items():
        html = predict_then_reveal(qid).html
        assert html.startswith('<details class="mtq"') and "<summary>" in html and " open" not in html.split(">")[0]
        for n, (text, why) in enumerate(q["options"]):
            verdict = "right" if n == q["answer"] else "wrong"
            assert f'data-correct="{str(n == q["answer"]).lower()}"' in html
            assert re.search(re.escape(f"{text}</strong> <em>{verdict}</em>"), html.replace("&#x27;", "'")), qid


@pytest.mark.browser
def test_one_click_gives_feedback_and_the_browser_remembers(browser, tmp_path):
    cards = "".join(predict_then_reveal(q).html for q in ("TRADEOFF.recall", "TRADEOFF.cost"))
    page_path = tmp_path / "q.html"
    page_path.write_text(f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>q</title></head>'
                         f"<body><main>{cards}</main></body></html>", encoding="utf-8")
    server_root = f"http://127.0.0.1:{_serve(tmp_path)}/q.html"  # localStorage needs an http origin
    context = browser.new_context()
    page = context.new_page()
    page.goto(server_root)
    first = page.locator(".mtq").first
    assert first.get_attribute("open") is not None, "with JavaScript the question is open, answers as buttons"
    assert first.locator("ol.mtq-static").is_hidden()
    first.get_by_role("button", name="It rises.").click()
    feedback = first.locator(".mtq-feedback")
    assert feedback.get_attribute("data-verdict") == "wrong"
    assert "Not quite" in feedback.text_content() and "The answer: It falls." in feedback.text_content()
    first.get_by_role("button", name="It falls.").click()
    assert feedback.get_attribute("data-verdict") == "right" and feedback.text_content().startswith("Right.")
    assert f"1 of the course's {len(QUESTIONS)}" in first.locator(".mtq-progress").text_content()
    page.reload()
    first = page.locator(".mtq").first
    assert first.locator(".mtq-feedback").get_attribute("data-verdict") == "right", "the choice survives a reload"
    assert first.get_by_role("button", name="It falls.").get_attribute("aria-pressed") == "true"
    assert page.locator(".mtq").nth(1).locator(".mtq-feedback").text_content() == ""
    context.close()
    nojs = browser.new_context(java_script_enabled=False)
    page = nojs.new_page()
    page.goto(server_root)
    first = page.locator(".mtq").first
    assert first.locator("summary").is_visible() and first.locator("ol.mtq-static").is_hidden()
    first.locator("summary").click()
    assert first.locator("ol.mtq-static").is_visible() and "It falls." in first.locator("ol.mtq-static").text_content()
    nojs.close()


def _serve(folder) -> int:
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]
