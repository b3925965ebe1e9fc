"""The answer rules of the flags page (docs/javascripts/flags.js) and of mnist_tutorials.flags agree.

One table of inputs, with the canonical answer each must give (None: rejected), is run through
``normalize_answer`` in Python and ``normalizeAnswer`` in node; hashes are compared the same way.
"""

from __future__ import annotations

import hashlib
import json
import pathlib
import shutil
import subprocess

import pytest

from mnist_tutorials.flags import hash_answer, normalize_answer

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
]


def _python(answer, kind, decimals):
    try:
        return normalize_answer(answer, kind, decimals)
    except ValueError:
        return None


@pytest.mark.parametrize(("answer", "kind", "decimals", "expected"), CASES)
def test_python_normalizer_matches_table(answer, kind, decimals, expected):
    assert _python(answer, kind, decimals) == expected


_NODE_SCRIPT = r"""
const flags = require(process.argv[1]);
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", async () => {
  const request = JSON.parse(input);
  const normalized = request.cases.map(([answer, kind, decimals]) => {
    const result = flags.normalizeAnswer(answer, kind, decimals);
    return result.ok ? result.value : null;
  });
  const hashes = [];
  for (const [label, value, salt] of request.hashes) {
    hashes.push(await flags.hashAnswer(label, value, salt, globalThis.crypto.subtle));
  }
  process.stdout.write(JSON.stringify({ normalized, hashes }));
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
    triples = [("ML105.1", "0.375", "00"), ("DATA.1", "12345", "9f" * 16), ("X.1", "-0.1", "s\u00e9l")]
    result = _run_node({"cases": [], "hashes": triples})
    expected = [hash_answer(*triple) for triple in triples]
    assert result["hashes"] == expected
    assert expected[0] == hashlib.sha256(b"00:ML105.1:0.375").hexdigest()


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
