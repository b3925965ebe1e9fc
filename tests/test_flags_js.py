"""The answer rules of the flags page (docs/javascripts/flags.js) and of mnist_tutorials.flags agree.

One table of inputs, with the canonical answer each must give (None: rejected), is run through
``normalize_answer`` in Python and ``normalizeAnswer`` in node; the PBKDF2 hashes are compared the same way,
on a shared table that includes the real iteration count and a 100,000-digit answer (past Python's 4,300-digit
``int()`` limit, which JavaScript's BigInt does not have).
"""

from __future__ import annotations

import hashlib
import json
import pathlib
import shutil
import subprocess

import pytest

from mnist_tutorials.flags import KDF_ITERATIONS, hash_answer, normalize_answer

HUGE = "7" * 99_997 + "123"  # 100,000 digits
ROOT = pathlib.Path(__file__).resolve().parents[1]
FLAGS_JS = ROOT / "docs" / "javascripts" / "flags.js"
NODE = shutil.which("node")

# (answer as typed, kind, decimals, canonical answer or None when it must be rejected)
CASES = [
    # fractions to 3 decimals: every accepted spelling of the same answer
    ("0.375", "fraction", 3, "0.375"),
    (".375", "fraction", 3, "0.375"),
    ("37.5%", "fraction", 3, "0.375"),
    ("37.5 %", "fraction", 3, "0.375"),
    ("  0.375  ", "fraction", 3, "0.375"),
    ("\t.375\n", "fraction", 3, "0.375"),
    ("\u00a037.5%\u00a0", "fraction", 3, "0.375"),
    ("37.5", "fraction", 3, "0.375"),  # a bare number above 1 is a percentage
    ("+0.375", "fraction", 3, "0.375"),
    ("0.3752", "fraction", 3, "0.375"),  # more digits are rounded ...
    ("0.3755", "fraction", 3, "0.376"),  # ... half up, on the decimal digits
    ("0.37549999999", "fraction", 3, "0.375"),
    ("37.55%", "fraction", 3, "0.376"),
    ("0.37", "fraction", 3, "0.370"),  # fewer digits: a different answer
    ("0.375%", "fraction", 3, "0.004"),  # 0.375 percent
    ("0", "fraction", 3, "0.000"),
    ("0%", "fraction", 3, "0.000"),
    ("-0", "fraction", 3, "0.000"),
    ("1", "fraction", 3, "1.000"),
    ("1.0", "fraction", 3, "1.000"),
    ("100%", "fraction", 3, "1.000"),
    ("100", "fraction", 3, "1.000"),
    ("100.04%", "fraction", 3, "1.000"),
    ("5.", "fraction", 3, "0.050"),
    ("0.", "fraction", 3, "0.000"),
    ("100.05%", "fraction", 3, None),  # rounds above 1
    ("250%", "fraction", 3, None),
    ("-0.5", "fraction", 3, None),
    ("0,375", "fraction", 3, None),
    ("1e-3", "fraction", 3, None),
    ("37.5%%", "fraction", 3, None),
    ("% 37.5", "fraction", 3, None),
    (".", "fraction", 3, None),
    ("", "fraction", 3, None),
    ("   ", "fraction", 3, None),
    ("0.3 75", "fraction", 3, None),
    ("\u0663", "fraction", 3, None),  # an Arabic-Indic digit: Python's \d would take it, JS's would not
    ("<img src=x onerror=alert(1)>", "fraction", 3, None),
    ("NaN", "fraction", 3, None),
    ("Infinity", "fraction", 3, None),
    # whole percentages (fractions to 2 decimals)
    ("92%", "fraction", 2, "0.92"),
    ("92", "fraction", 2, "0.92"),
    ("0.92", "fraction", 2, "0.92"),
    (".915", "fraction", 2, "0.92"),
    ("91.5%", "fraction", 2, "0.92"),
    ("91.49%", "fraction", 2, "0.91"),
    ("1.5", "fraction", 2, "0.02"),
    # counts
    ("12345", "integer", 0, "12345"),
    (" 12,345 ", "integer", 0, "12345"),
    ("1,234,567", "integer", 0, "1234567"),
    ("12345.0", "integer", 0, "12345"),
    ("12345.", "integer", 0, "12345"),
    ("007", "integer", 0, "7"),
    ("+7", "integer", 0, "7"),
    ("-7", "integer", 0, "-7"),
    ("-0", "integer", 0, "0"),
    ("12345.5", "integer", 0, None),
    ("12,34", "integer", 0, None),
    ("1,2345", "integer", 0, None),
    (",123", "integer", 0, None),
    ("5%", "integer", 0, None),
    ("12 345", "integer", 0, None),
    # plain numbers to 1 decimal
    ("56.84", "number", 1, "56.8"),
    ("56.85", "number", 1, "56.9"),
    ("56", "number", 1, "56.0"),
    (".5", "number", 1, "0.5"),
    ("-0.04", "number", 1, "0.0"),
    ("-0.05", "number", 1, "-0.1"),
    ("-12.34", "number", 1, "-12.3"),
    ("5%", "number", 1, None),
    ("1,234.5", "number", 1, None),
    ("12.3.4", "number", 1, None),
    # past Python's 4,300-digit int() limit: both languages read them exactly
    (HUGE, "integer", 0, HUGE),
    (f"{HUGE[:3]},{HUGE[3:6]}", "integer", 0, HUGE[:6]),
    (HUGE + ".5", "number", 1, HUGE + ".5"),
    ("-" + HUGE + ".45", "number", 1, "-" + HUGE + ".5"),
    ("0." + HUGE, "fraction", 3, "0.778"),
    (HUGE, "fraction", 3, None),
    (HUGE + "%", "fraction", 3, None),
    (HUGE + ".5", "integer", 0, None),
]

# (label, normalized answer, salt, iterations): the PBKDF2 hashes both languages must agree on.
KDF_CASES = [
    ("ML105.1", "0.375", "00", 1000),
    ("DATA.1", "12345", "9f" * 16, KDF_ITERATIONS),  # the count the site uses
    ("X.1", "-0.1", "s\u00e9l", 1),
    ("FASHION.1", "56.8", "0123456789abcdef", 2),
    ("BIG.1", HUGE, "ab" * 16, 1000),  # a 100,000-byte password: HMAC hashes keys longer than a block
]

# (typed, kind, decimals, label, salt, iterations): normalization then hashing, end to end.
END_TO_END = [
    (" 37.5 % ", "fraction", 3, "ML105.1", "ab" * 16, 1000),
    ("1,135", "integer", 0, "DATA.1", "cd" * 16, 1000),
    (HUGE, "integer", 0, "DATA.1", "cd" * 16, 1000),
    ("-" + HUGE + ".45", "number", 1, "FASHION.1", "ef" * 16, 1000),
    ("not a number", "fraction", 3, "ML105.1", "ab" * 16, 1000),
]

# A flag with two accepted answers (as ML105.2: today's scikit-learn and a course's): flags.json carries one
# hash per accepted answer; (typed, accepted?) for a fraction flag with 2 decimals accepting 0.40 and 0.45.
TWO_ANSWERS = ("TWO.1", ("0.40", "0.45"), "12" * 16, 1000)
TWO_ANSWER_CASES = [("40%", True), (".45", True), ("0.449", True), ("0.4049", True), ("42%", False),
                    ("0.46", False), ("", False)]
# flags.json entries the checker must refuse (None) or read (their hashes).
SPECS = [
    ({"iterations": 1000, "hashes": ["a" * 64, "b" * 64]}, ["a" * 64, "b" * 64]),
    ({"iterations": 1000, "hash": "a" * 64}, None),  # format 2: one hash, not a list
    ({"iterations": 1000, "hashes": []}, None),
    ({"iterations": 1000, "hashes": ["a" * 63]}, None),
    ({"iterations": 1000, "hashes": ["a" * 64, 7]}, None),
    ({"hashes": ["a" * 64]}, None),
    (None, None),
]


def _python(answer, kind, decimals):
    try:
        return normalize_answer(answer, kind, decimals)
    except ValueError:
        return None


def _case_id(case) -> str:
    answer, kind, decimals, _ = case
    shown = answer if len(answer) <= 20 else f"{answer[:8]}...{len(answer)}chars"
    return f"{shown!r}-{kind}-{decimals}"


@pytest.mark.parametrize(("answer", "kind", "decimals", "expected"), CASES, ids=[_case_id(c) for c in CASES])
def test_python_normalizer_matches_table(answer, kind, decimals, expected):
    assert _python(answer, kind, decimals) == expected


_NODE_SCRIPT = r"""
const flags = require(process.argv[1]);
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", async () => {
  const request = JSON.parse(input);
  const subtle = globalThis.crypto.subtle;
  const normalized = request.cases.map(([answer, kind, decimals]) => {
    const result = flags.normalizeAnswer(answer, kind, decimals);
    return result.ok ? result.value : null;
  });
  const hashes = [];
  for (const [label, value, salt, iterations] of request.hashes) {
    hashes.push(await flags.hashAnswer(label, value, salt, iterations, subtle));
  }
  const checks = [];
  for (const [answer, kind, decimals, label, salt, iterations] of request.checks || []) {
    const result = flags.normalizeAnswer(answer, kind, decimals);
    checks.push(result.ok ? await flags.hashAnswer(label, result.value, salt, iterations, subtle) : null);
  }
  const refused = [];
  for (const [label, value, salt, iterations] of request.refused || []) {
    refused.push(await flags.hashAnswer(label, value, salt, iterations, subtle).then(() => "hashed", (e) => e.message));
  }
  const accepted = [];
  if (request.two) {
    const [label, answers, salt, iterations] = request.two.flag;
    const spec = { kind: "fraction", decimals: 2, iterations: iterations, hashes: [] };
    for (const answer of answers) spec.hashes.push(await flags.hashAnswer(label, answer, salt, iterations, subtle));
    const hashes = flags.acceptedHashes(spec);
    for (const typed of request.two.typed) {
      const result = flags.normalizeAnswer(typed, spec.kind, spec.decimals);
      accepted.push(result.ok && hashes.indexOf(await flags.hashAnswer(label, result.value, salt, iterations, subtle)) >= 0);
    }
  }
  const specs = (request.specs || []).map((spec) => flags.acceptedHashes(spec));
  process.stdout.write(JSON.stringify({ normalized, hashes, checks, refused, accepted, specs }));
});
"""


def _run_node(request: dict) -> dict:
    if NODE is None:
        pytest.skip("node is not installed (apt-get install nodejs); the JS rules cannot be checked")
    completed = subprocess.run(
        [NODE, "-e", _NODE_SCRIPT, str(FLAGS_JS)],
        input=json.dumps(request), capture_output=True, text=True, timeout=60, check=False,
    )
    assert completed.returncode == 0, f"node failed:\n{completed.stderr}"
    return json.loads(completed.stdout)


def test_js_normalizer_agrees_with_python_and_table():
    result = _run_node({"cases": [case[:3] for case in CASES], "hashes": []})
    mismatches = [
        (answer, kind, decimals, expected, js)
        for (answer, kind, decimals, expected), js in zip(CASES, result["normalized"])
        if js != expected or js != _python(answer, kind, decimals)
    ]
    assert not mismatches, f"(input, kind, decimals, expected, JS) that disagree: {mismatches}"


def test_js_hash_agrees_with_python():
    result = _run_node({"cases": [], "hashes": KDF_CASES})
    expected = [hash_answer(*case) for case in KDF_CASES]
    assert result["hashes"] == expected
    assert expected[0] == hashlib.pbkdf2_hmac("sha256", b"0.375", b"00:ML105.1", 1000).hex()


def test_js_and_python_agree_end_to_end():
    result = _run_node({"cases": [], "hashes": [], "checks": END_TO_END})
    expected = []
    for typed, kind, decimals, label, salt, iterations in END_TO_END:
        value = _python(typed, kind, decimals)
        expected.append(None if value is None else hash_answer(label, value, salt, iterations))
    assert result["checks"] == expected
    assert expected[-1] is None and all(expected[:-1])


def test_js_refuses_an_empty_salt_or_bad_iterations_like_python():
    refused = [("X.1", "1", "", 1000), ("X.1", "1", "ab", 0), ("X.1", "1", "ab", 1.5)]
    result = _run_node({"cases": [], "hashes": [], "refused": refused})
    assert all(message != "hashed" for message in result["refused"]), result["refused"]
    for case in refused:
        with pytest.raises(ValueError):
            hash_answer(*case)


def test_js_rejects_unknown_kind_like_python():
    if NODE is None:
        pytest.skip("node is not installed (apt-get install nodejs); the JS rules cannot be checked")
    script = (
        "const f = require(process.argv[1]);"
        "try { f.normalizeAnswer('1', 'percent', 2); process.exit(3); } catch (e) { process.exit(0); }"
    )
    assert subprocess.run([NODE, "-e", script, str(FLAGS_JS)], timeout=60, check=False).returncode == 0
    with pytest.raises(ValueError, match="kind must be one of"):
        normalize_answer("1", "percent", 2)


def test_js_accepts_each_answer_of_a_two_answer_flag_like_python(monkeypatch, tmp_path, capsys):
    label, answers, salt, iterations = TWO_ANSWERS
    result = _run_node({"cases": [], "hashes": [], "two": {"flag": list(TWO_ANSWERS),
                                                           "typed": [typed for typed, _ in TWO_ANSWER_CASES]}})
    assert result["accepted"] == [expected for _, expected in TWO_ANSWER_CASES]

    # Python's check_flag, on a flag whose computation gives 0.40 and whose course gave 0.45, agrees.
    from mnist_tutorials import _flag_cache, flags

    two = flags.Flag(label, "two", "q", "tutorials/x.py", "fraction", 2, lambda data_home: 0.4, "now",
                     also_accepted=(flags.AlsoAccepted("a course", lambda data_home: 0.45, "it changed."),))
    monkeypatch.setitem(flags.FLAGS, label, two)
    monkeypatch.setattr(_flag_cache, "MEMORY", {})
    monkeypatch.setattr(flags, "KDF_ITERATIONS", iterations)
    assert [flags.check_flag(label, typed, data_home=tmp_path) for typed, _ in TWO_ANSWER_CASES] == result["accepted"]
    entry = flags.compute_flag_hashes(salt, [label], log=lambda line: None)[label]
    assert entry["hashes"] == [hash_answer(label, answer, salt, iterations) for answer in answers]


def test_js_reads_only_lists_of_hashes():
    result = _run_node({"cases": [], "hashes": [], "specs": [spec for spec, _ in SPECS]})
    assert result["specs"] == [expected for _, expected in SPECS]


def test_row10_a_long_answer_is_echoed_as_a_short_prefix_and_kinds_take_their_article():
    """Issue 23, row 10: a 100,000-digit answer gave a 200 KB message, and "this flag asks for a integer"."""
    if NODE is None:
        pytest.skip("node is not installed (apt-get install nodejs); the JS rules cannot be checked")
    script = r"""
const f = require(process.argv[1]);
const huge = process.argv[2];
process.stdout.write(JSON.stringify({
  huge: f.echoTyped("  " + huge + " "), short: f.echoTyped(" 0.375 "), max: f.ECHO_MAX,
  integer: f.normalizeAnswer("5%", "integer", 0).error, number: f.normalizeAnswer("5%", "number", 2).error,
}));
"""
    done = subprocess.run([NODE, "-e", script, str(FLAGS_JS), HUGE], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["short"] == "\u201c0.375\u201d"
    assert result["huge"] == "\u201c" + HUGE[:result["max"]] + "\u2026\u201d (100,000 characters)"
    assert result["max"] <= 40
    assert "asks for an integer, not a percentage" in result["integer"]
    assert "asks for a number, not a percentage" in result["number"]
