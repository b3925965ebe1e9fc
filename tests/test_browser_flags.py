"""The flags page in the built site: Chromium checks answers, and no file of the site holds one.

Run after ``mkdocs build --strict``::

    pytest -m "browser or build" tests/test_browser_flags.py

The right answers are computed here from ``mnist_tutorials.flags`` (so these tests are also
``reference``: they need the MNIST cache), never typed in.
"""

from __future__ import annotations

import json
import pathlib
import re
from decimal import Decimal

import numpy as np
import pytest
from plotly_data import figures_in_html, interpolate_at, xy_series

from mnist_tutorials import flags

CHEAP = ("DATA.1", "ML105.2")  # seconds to compute; ML105.1 and BINARY.1 take about a minute
TEXT_SUFFIXES = {".html", ".js", ".json", ".xml", ".txt", ".css", ".svg", ".map", ".ipynb", ".py", ".md", ".csv"}


@pytest.fixture(scope="module")
def cheap_answers() -> dict:
    return {label: flags.compute_answer(label) for label in CHEAP}


def _canonical(label, value) -> str:
    flag = flags.get_flag(label)
    return flags.normalize_answer(value, flag.kind, flag.decimals)


def _spellings(label: str, value) -> list[str]:
    """Every way of typing the answer that the page promises to accept."""
    flag = flags.get_flag(label)
    canonical = _canonical(label, value)
    if flag.kind == "integer":
        return [canonical, f"{int(canonical):,}", f"  {canonical} ", f"{canonical}.0"]
    if flag.kind == "number":
        return [canonical, f" {canonical} "]
    percent = format((Decimal(canonical) * 100).normalize(), "f")
    return [canonical, canonical[1:], f"{percent}%", f" {percent} % ", percent, repr(float(value))]


def _wrong(label: str, value) -> str:
    """A near miss: the canonical answer moved by one unit of the flag's precision."""
    flag = flags.get_flag(label)
    canonical = _canonical(label, value)
    step = Decimal(1).scaleb(-flag.decimals)
    moved = Decimal(canonical) - step if Decimal(canonical) - step >= 0 else Decimal(canonical) + step
    return format(moved, "f")


def _script_errors(page) -> list[str]:
    """Console errors other than blocked external resources (CDN fonts, MathJax: no network here)."""
    return [error for error in page.console_errors if not error.startswith("Failed to load resource")]


def _open(page, site_server):
    page.goto(site_server + "exercises/flags/")
    page.wait_for_selector("#flag-exercises[data-flags-ready='true']", timeout=15000)


def _check(page, label: str, typed: str):
    card = page.locator(f".flag-card[data-flag='{label}']")
    card.locator(".flag-input").fill(typed)
    card.locator(".flag-check").click()
    result = card.locator(".flag-result")
    page.wait_for_function(
        "el => el.className.includes('flag-result--')", arg=result.element_handle(), timeout=10000
    )
    return card, result


pytestmark = pytest.mark.reference


@pytest.mark.browser
def test_right_answer_succeeds_and_stays_solved_after_reload(page, site_server, cheap_answers):
    _open(page, site_server)
    label = "ML105.2"
    card, result = _check(page, label, _canonical(label, cheap_answers[label]))
    assert "flag-result--ok" in result.get_attribute("class")
    assert result.inner_text().startswith("Correct")
    assert "flag-card--solved" in card.get_attribute("class")
    assert card.locator(".flag-solved").is_visible()

    page.reload()
    page.wait_for_selector("#flag-exercises[data-flags-ready='true']")
    card = page.locator(f".flag-card[data-flag='{label}']")
    assert "flag-card--solved" in card.get_attribute("class")
    assert card.locator(".flag-solved").is_visible()
    other = page.locator(".flag-card[data-flag='DATA.1']")
    assert "flag-card--solved" not in other.get_attribute("class")

    page.locator(".flag-reset").click()
    assert "flag-card--solved" not in card.get_attribute("class")
    page.reload()
    page.wait_for_selector("#flag-exercises[data-flags-ready='true']")
    assert "flag-card--solved" not in page.locator(f".flag-card[data-flag='{label}']").get_attribute("class")
    assert _script_errors(page) == []


@pytest.mark.browser
@pytest.mark.parametrize("label", CHEAP)
def test_wrong_answer_fails(page, site_server, cheap_answers, label):
    _open(page, site_server)
    wrong = _wrong(label, cheap_answers[label])
    card, result = _check(page, label, wrong)
    assert "flag-result--wrong" in result.get_attribute("class")
    assert "not the answer" in result.inner_text()
    assert "flag-card--solved" not in card.get_attribute("class")
    assert page.evaluate("localStorage.getItem('mnist-tutorials:flags:solved')") is None


@pytest.mark.browser
@pytest.mark.parametrize("label", CHEAP)
def test_every_accepted_spelling_succeeds(page, site_server, cheap_answers, label):
    _open(page, site_server)
    for typed in _spellings(label, cheap_answers[label]):
        _, result = _check(page, label, typed)
        assert "flag-result--ok" in result.get_attribute("class"), f"{typed!r} was not accepted"
        page.locator(".flag-reset").click()


@pytest.mark.browser
def test_the_course_answer_is_accepted_too(page, site_server, cheap_answers):
    """ML105.2 also accepts the ML 105 handout's answer (its scikit-learn), and the card says so."""
    label = "ML105.2"
    course = flags.get_flag(label).also_accepted[0].compute(None)
    _open(page, site_server)
    card = page.locator(f".flag-card[data-flag='{label}']")
    assert "Two answers are accepted" in card.inner_text()
    for value in (cheap_answers[label], course):
        card, result = _check(page, label, _canonical(label, value))
        assert "flag-result--ok" in result.get_attribute("class"), f"{value!r} was not accepted"
        assert "flag-card--solved" in card.get_attribute("class")
        page.locator(".flag-reset").click()
    assert _script_errors(page) == []


@pytest.mark.browser
def test_input_is_shown_as_text_never_as_html(page, site_server):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    _open(page, site_server)
    attack = "<img src=x onerror=alert(1)>"
    card, result = _check(page, "ML105.1", attack)
    assert "flag-result--error" in result.get_attribute("class")
    assert attack in result.inner_text()
    assert card.locator(".flag-result img").count() == 0
    page.wait_for_timeout(300)
    assert dialogs == []
    assert _script_errors(page) == []


@pytest.mark.browser
def test_the_answer_never_goes_into_the_url(page, site_server, cheap_answers):
    _open(page, site_server)
    url = page.url
    typed = _canonical("ML105.2", cheap_answers["ML105.2"])
    card, result = _check(page, "ML105.2", typed)
    card.locator(".flag-input").press("Enter")  # implicit submission too
    page.wait_for_timeout(1500)
    assert page.url == url and "?" not in page.url
    assert card.locator(".flag-input").get_attribute("name") is None


@pytest.mark.browser
def test_without_javascript_a_note_shows_and_nothing_is_submitted(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    requests = []
    context.on("request", lambda req: requests.append(req.url))
    try:
        page = context.new_page()
        page.goto(site_server + "exercises/flags/", wait_until="load")
        note = page.locator(".flag-noscript")
        assert note.is_visible() and "needs JavaScript" in note.inner_text()
        assert "check-flag" in note.inner_text()
        url, before = page.url, len(requests)
        card = page.locator(".flag-card[data-flag='ML105.1']")
        card.locator(".flag-input").fill("0.123")
        card.locator(".flag-check").click()
        card.locator(".flag-input").press("Enter")
        page.wait_for_timeout(1000)
        assert page.url == url
        assert not [r for r in requests[before:] if "0.123" in r], requests[before:]
    finally:
        context.close()


# ------------------------------------------------------------------------------ the built files


@pytest.fixture(scope="module")
def all_answers() -> dict:
    return {label: flags.compute_answer(label) for label in flags.FLAGS}


@pytest.fixture(scope="module")
def every_answer(all_answers) -> dict:
    """label -> every accepted answer: today's, then each ``also_accepted`` (a course's scikit-learn)."""
    return {label: [value] + [extra.compute(None) for extra in flags.get_flag(label).also_accepted]
            for label, value in all_answers.items()}


def _forms_of_all(label, values, keep=lambda form: True) -> set[str]:
    return {form for value in values for form in _leak_forms(label, value) if keep(form)}


def _leak_forms(label: str, value) -> set[str]:
    """The accepted spellings of the answer as they would be printed, plus the unrounded value."""
    forms = {form.strip() for form in _spellings(label, value)}
    if flags.get_flag(label).kind == "fraction":
        forms.discard(format((Decimal(_canonical(label, value)) * 100).normalize(), "f"))  # bare "92": a count
        forms.update({repr(float(value)), f"{float(value):.4f}"})
    return forms


def _significant_digits(form: str) -> int:
    return len(re.sub(r"[^0-9]", "", form).lstrip("0"))


def _specific(form: str) -> bool:
    """Specific enough to mean the answer wherever it appears: '0.89137', '1135', not '218' or '0.923'.

    With a dozen executed pages full of metrics, 3- and 4-digit decimals recur by coincidence (a Keras log's
    'val_accuracy: 0.9230', a per-class recall '0.8953'), so decimals need 5 significant digits to count here;
    shorter spellings are still checked on the flags page and on the flag's own tutorial.
    """
    digits = _significant_digits(form)
    if any(mark in form for mark in ".%"):
        return digits >= 5
    return digits >= 4


def _pattern(forms) -> re.Pattern:
    """Any of the forms as a whole token: not inside a longer number, a word or an entity (&#218;)."""
    alternatives = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![0-9A-Za-z.,#&])(?:{alternatives})(?![0-9A-Za-z]|[.,][0-9])")


# The outlines of SVG shapes: the glyphs of the formulas typeset at build time (docs/hooks/_mathsvg.py) are paths
# whose coordinates are integers ("M645 554Q645 567..."), geometry that no reader sees as a number.
_SVG_GEOMETRY = re.compile(r'(<path\b[^>]*?\sd=")[^"]*(")')


def _find(patterns: dict, text: str, where: str) -> list[str]:
    text = _SVG_GEOMETRY.sub(r"\1\2", text)
    leaks = []
    for label, pattern in patterns.items():
        for match in pattern.finditer(text):
            context = text[max(0, match.start() - 60): match.end() + 60].replace("\n", " ")
            leaks.append(f"{label} in {where}: ...{context}...")
    return leaks


def _search_entries(site_dir, prefix: str) -> list[dict]:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    return [doc for doc in index["docs"] if doc["location"].startswith(prefix)]


@pytest.mark.build
def test_no_answer_on_the_flags_page_its_js_or_the_search_index(site_dir, every_answer):
    """Every spelling of every accepted answer, even a short one like '90%', is absent from what the flags page ships."""
    patterns = {label: _pattern(_forms_of_all(label, values)) for label, values in every_answer.items()}
    leaks = []
    for relative in ("exercises/flags/index.html", "exercises/flags.json", "javascripts/flags.js"):
        leaks += _find(patterns, (site_dir / relative).read_text(encoding="utf-8"), relative)
    entries = _search_entries(site_dir, "exercises/flags/")
    assert entries, "the flags page is missing from the search index"
    for doc in entries:
        leaks += _find(patterns, f"{doc['title']} {doc['text']}", f"search index {doc['location']}")
    assert not leaks, "answers found:\n" + "\n".join(leaks[:20])


@pytest.mark.build
def test_no_answer_on_the_flags_own_tutorial_page(site_dir, every_answer):
    """The page a flag belongs to shows no spelling of its accepted answers with 2+ significant digits."""
    leaks = []
    for label, values in every_answer.items():
        flag = flags.get_flag(label)
        forms = _forms_of_all(label, values, lambda form: _significant_digits(form) >= 2)
        pattern = {label: _pattern(forms)}
        slug = pathlib.PurePosixPath(flag.tutorial).stem
        page = site_dir / "tutorials" / slug / "index.html"
        assert page.is_file(), f"{label}: its tutorial page {page} is not in the built site"
        leaks += _find(pattern, page.read_text(encoding="utf-8"), f"tutorials/{slug}/index.html")
        for doc in _search_entries(site_dir, f"tutorials/{slug}/"):
            leaks += _find(pattern, f"{doc['title']} {doc['text']}", f"search index {doc['location']}")
    assert not leaks, "answers found on their tutorial pages:\n" + "\n".join(leaks[:20])


@pytest.mark.build
def test_no_answer_anywhere_in_the_built_site(site_dir, every_answer):
    """Spellings specific enough to mean the answer are in no text file of the site.

    Less specific ones ('218', '90%') also occur as unrelated numbers (line numbers of source
    listings, other figures), so they are checked on the flags page and the flag's own tutorial.
    Vendored libraries under ``assets/`` (Material, lunr, plotly.js) are not our content.
    """
    patterns = {}
    for label, values in every_answer.items():
        specific = _forms_of_all(label, values, _specific)
        if specific:
            patterns[label] = _pattern(specific)
    assert {"ML105.1", "DATA.1"} <= set(patterns)
    leaks = []
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir)
        if path.is_file() and path.suffix in TEXT_SUFFIXES and relative.parts[0] != "assets":
            text = path.read_text(encoding="utf-8", errors="replace")
            leaks += _find(patterns, text, str(relative))
    assert not leaks, "answers found in the built site:\n" + "\n".join(leaks[:20])


@pytest.mark.build
def test_published_hashes_match_the_package(site_dir, every_answer):
    data = json.loads((site_dir / "exercises" / "flags.json").read_text())
    assert data["version"] == 3 and data["kdf"] == "PBKDF2-SHA256" and len(data["salt"]) >= 32
    for label, values in every_answer.items():
        flag, entry = flags.get_flag(label), data["flags"][label]
        assert entry["kind"] == flag.kind and entry["decimals"] == flag.decimals
        assert entry["iterations"] == flags.KDF_ITERATIONS
        canonicals = dict.fromkeys(_canonical(label, value) for value in values)  # today's first, no repeats
        assert entry["hashes"] == [flags.hash_answer(label, canonical, data["salt"], entry["iterations"])
                                   for canonical in canonicals]
        assert set(entry) == {"kind", "decimals", "iterations", "hashes"}  # no fast hash next to the slow one
    assert len(every_answer["ML105.2"]) == 2  # the ML 105 handout's answer is also accepted


# Flags whose answer is a point on a curve a figure draws: (threshold, what is plotted against it).
ON_A_CURVE = {"ML105.1": 3000.0}  # precision at threshold 3000, next to the trade-off page's explorer
REACH = 5  # guesses: an interpolation closer than this many units of the flag's precision gives it away


def _plotly_pages(site_dir):
    for path in sorted(site_dir.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if "Plotly.newPlot" in text:
            yield path.relative_to(site_dir), figures_in_html(text)


def _explorer_pages(site_dir):
    """Pages with a threshold explorer (threshold_widget): per explorer, the precision and recall it carries at
    each of its thresholds, as (name, thresholds, values) series."""
    for path in sorted(site_dir.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        blocks = re.findall(r'<script[^>]*class="mtw-data"[^>]*>(.*?)</script>', text, re.S)
        explorers = []
        for block in blocks:
            series = []
            for model in json.loads(block.replace("<\\/", "</"))["models"]:
                c, x = np.array(model["counts"], dtype=float), np.array(model["stops"], dtype=float)
                with np.errstate(invalid="ignore", divide="ignore"):
                    series += [(f"explorer {model['name']} precision", x, c[:, 0] / (c[:, 0] + c[:, 1])),
                               (f"explorer {model['name']} recall", x, c[:, 0] / (c[:, 0] + c[:, 2]))]
            explorers.append(series)
        if explorers:
            yield path.relative_to(site_dir), explorers


@pytest.mark.build
def test_no_answer_within_reach_in_any_plotly_figure(site_dir, all_answers, every_answer):
    """Decode every plotly figure's data (typed arrays included) and every threshold explorer's counts: no series
    interpolates to within REACH guesses of a curve flag's answer at its threshold, and no non-integer answer is
    stored as a data value."""
    pages = [(path, [xy_series(figure) for figure in figures]) for path, figures in _plotly_pages(site_dir)]
    pages += list(_explorer_pages(site_dir))
    assert any("03_precision_recall_tradeoff" in str(path) for path, _ in pages), "the explorer is missing"
    leaks, checked = [], 0
    for path, figures in pages:
        for f, series in enumerate(figures):
            for label, at in ON_A_CURVE.items():
                flag, answer = flags.get_flag(label), all_answers[label]
                reach = REACH * 10.0 ** -flag.decimals
                for name, x, y in series:
                    estimate = interpolate_at(x, y, at)
                    if estimate is None or not 0 <= estimate <= 1:
                        continue
                    checked += 1
                    if abs(estimate - answer) < reach:
                        leaks.append(f"{label}: {path} figure {f} {name} interpolates to {estimate:.4f} at {at:g}")
            values = np.concatenate([y for _, _, y in series] + [np.zeros(0)])
            for label, answer in ((label, answer) for label, answers in every_answer.items() for answer in answers):
                if flags.get_flag(label).kind != "integer" and np.any(np.abs(values - float(answer)) < 1e-9):
                    leaks.append(f"{label}: {path} figure {f} stores the exact answer as a data value")
    assert checked, "no plotly series spans a curve flag's threshold; the check ran on nothing"
    assert not leaks, "answers within reach in figure data:\n" + "\n".join(leaks[:20])


# ------------------------------------------------------------------------ issue 23, rows 10 and 11


@pytest.mark.browser
def test_a_100000_digit_answer_is_echoed_as_a_short_prefix(page, site_server):
    """Row 10: the whole input came back (a 200 KB message); now a short prefix and the length."""
    _open(page, site_server)
    huge = "7" * 99_997 + "123"
    card, result = _check(page, "ML105.1", huge)  # a fraction: read as a percentage far above 100%
    text = result.inner_text()
    assert "flag-result--error" in result.get_attribute("class")
    assert len(text) < 200 and "(100,000 characters)" in text and text.startswith("\u201c7777")
    _, result = _check(page, "DATA.1", "5%")
    assert "this flag asks for an integer, not a percentage" in result.inner_text()
    assert _script_errors(page) == []


@pytest.mark.browser
def test_check_before_flags_json_arrives_says_still_loading_then_checks(page, site_server, cheap_answers):
    """Row 11: with flags.json held back, Check gave no feedback at all."""
    held = []
    page.route("**/flags.json", lambda route: held.append(route))
    page.goto(site_server + "exercises/flags/")
    for _ in range(100):  # the script has asked for flags.json: it is running, and its answer is held back
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the page never asked for flags.json"
    label = "DATA.1"
    card = page.locator(f".flag-card[data-flag='{label}']")
    card.locator(".flag-input").fill(_canonical(label, cheap_answers[label]))
    card.locator(".flag-check").click()
    result = card.locator(".flag-result")
    page.wait_for_function("el => el.textContent.length > 0", arg=result.element_handle(), timeout=5000)
    assert "Still loading" in result.inner_text()
    assert page.locator("#flag-exercises[data-flags-ready='true']").count() == 0

    held[0].continue_()  # the data arrives: the answer typed before is checked by itself
    page.wait_for_function("el => el.className.includes('flag-result--ok')", arg=result.element_handle(),
                           timeout=15000)
    assert result.inner_text().startswith("Correct")
    assert _script_errors(page) == []
