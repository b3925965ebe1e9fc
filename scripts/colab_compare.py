"""The comparison behind scripts/colab_check.py: a page's output text against a notebook run's, number by number.

Pure functions (text in, lists and dicts out), tested in tests/test_colab_check.py.
"""

from __future__ import annotations

import difflib
import html
import html.parser
import re

TABLE_START, TABLE_END = "<!-- colab-check -->", "<!-- /colab-check -->"
_TIMING = re.compile(r"\b(s|secs?|seconds?|ms|minutes?|min|hours?|wall|CPU|took|timings?|step|it/s)\b", re.I)
_TOKEN = re.compile(r"[^\W\d]\w*|\d+(?:,\d{3})*(?:\.\d+)?(?:[eE][-+]?\d+)?|[^\w\s]", re.U)




class _OutputText(html.parser.HTMLParser):
    """Text of HTML, one line per block; with ``outputs_only`` only inside mkdocs-jupyter's output areas."""

    BLOCKS = {"p", "div", "li", "tr", "br", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "ul", "ol",
              "blockquote", "caption", "details", "summary", "dt", "dd"}
    SKIP = {"script", "style", "svg", "math"}
    # What the site's build adds around a figure: a plotly figure with its caption, a figure's long description,
    # a figure's data table (confusion matrices included).
    SITE_ONLY = {"reader-plotly", "reader-figure-description", "reader-plotly-data"}
    VOID = {"br", "img", "hr", "input", "meta", "link", "source", "area", "col", "embed", "wbr"}

    def __init__(self, outputs_only: bool):
        super().__init__(convert_charrefs=True)
        self.outputs_only = outputs_only
        self.stack: list[tuple[str, bool, bool]] = []  # tag, inside an output, skipped
        self.chunks: list[str] = []

    def _state(self):
        return self.stack[-1][1:] if self.stack else (not self.outputs_only, False)

    def handle_starttag(self, tag, attrs):
        inside, skipped = self._state()
        classes = (dict(attrs).get("class") or "").split()
        inside = inside or "jp-OutputArea-output" in classes
        # Skipped: the site's own rendering of a figure (its text alternative and data table), which the notebook
        # has no counterpart of, and scikit-learn's HTML display of an estimator (classes sk-*), whose parameter
        # tables and docs change with scikit-learn's version: it is the library's rendering, not the page's prose.
        skipped = (skipped or tag in self.SKIP or bool(self.SITE_ONLY.intersection(classes))
                   or any(c.startswith("sk-") for c in classes))
        if tag in self.BLOCKS:
            self.chunks.append("\n")
        elif tag in ("td", "th") and inside and not skipped:
            self.chunks.append(" | ")
        if tag not in self.VOID:
            self.stack.append((tag, inside, skipped))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
        if tag in self.BLOCKS:
            self.chunks.append("\n")

    def handle_data(self, data):
        inside, skipped = self._state()
        if inside and not skipped:
            self.chunks.append(data)


def text_lines(markup: str, outputs_only: bool = False) -> list[str]:
    """The non-empty text lines of HTML (block elements break lines), whitespace collapsed.

    >>> text_lines('<p>Accuracy <b>0.97</b>.</p><script>x = 1</script><table><tr><td>a</td><td>2</td></tr></table>')
    ['Accuracy 0.97.', '| a | 2']
    >>> text_lines('<div class="jp-InputArea">x = 3</div><div class="jp-OutputArea-output"><pre>3</pre></div>', True)
    ['3']
    """
    parser = _OutputText(outputs_only)
    parser.feed(markup)
    parser.close()
    lines = []
    for line in "".join(parser.chunks).splitlines():
        line = " ".join(line.split())
        if line:
            lines.extend(sentences(line))
    return lines


def sentences(line: str) -> list[str]:
    """A long line cut into sentences (a full stop, then a capital), so one changed word spoils one sentence.

    >>> sentences("SGD stopped after 71 epochs. It scored 0.91 on e.g. fold 2.")
    ['SGD stopped after 71 epochs.', 'It scored 0.91 on e.g. fold 2.']
    """
    return [part for part in re.split(r"(?<=[.!?])\s+(?=[A-Z(“\"])", line) if part]


_PRIORITY = ("text/html", "text/markdown", "text/latex", "text/plain")


def output_lines(outputs: list[dict], markdown_to_html) -> list[str]:
    """The text lines of one code cell's outputs, choosing the MIME type nbconvert's HTML shows.

    ``markdown_to_html`` renders ``text/markdown`` as the site does (nbconvert's mistune filter).

    >>> output_lines([{"output_type": "stream", "name": "stdout", "text": "F1 0.80\\n"},
    ...               {"output_type": "display_data", "data": {"text/markdown": "**1** of 2", "text/plain": "x"}}],
    ...              lambda md: md.replace("**1**", "<b>1</b>"))
    ['F1 0.80', '1 of 2']
    """
    lines = []
    for output in outputs:
        kind = output.get("output_type")
        if kind == "stream":
            lines += text_lines(f"<pre>{html.escape(output.get('text', ''))}</pre>")
        elif kind in ("display_data", "execute_result"):
            data = output.get("data", {})
            mime = next((m for m in _PRIORITY if m in data), None)
            if mime is None:
                continue  # images, plotly JSON: figures, compared by the page's tests, not here
            value = data[mime] if isinstance(data[mime], str) else "".join(data[mime])
            if mime == "text/markdown":
                value = markdown_to_html(value)
            elif mime in ("text/plain", "text/latex"):
                value = f"<pre>{html.escape(value)}</pre>"
            lines += text_lines(value)
        elif kind == "error":
            lines.append(f"{output.get('ename')}: {output.get('evalue')}")
    return lines


def tokens(line: str) -> list[str]:
    """Words, numbers and punctuation; a word keeps its digits (``y_train_5``, ``F1`` are words).

    >>> tokens("F1 = 0.80 on 1,000 images (92.16%)")
    ['F1', '=', '0.80', 'on', '1,000', 'images', '(', '92.16', '%', ')']
    """
    return _TOKEN.findall(line)


_NUMPY_SCALAR = re.compile(r"\bnp\.(?:float|int|uint)\d*\(([^()]*)\)")


def template(line: str) -> tuple[str, list[str]]:
    """The line with its numbers masked, and the numbers; numpy 2's scalar repr reads as numpy 1's.

    >>> template("14 errors out of 113")
    ('# errors out of #', ['14', '113'])
    >>> template("np.float64(3370.5)") == template("3370.5")
    True
    """
    words, numbers = [], []
    for token in tokens(_NUMPY_SCALAR.sub(r"\1", line)):
        if token[0].isdigit():
            numbers.append(token)
            words.append("#")
        else:
            words.append(token)
    return " ".join(words), numbers


def is_timing(line: str) -> bool:
    """Whether a line states a duration (such numbers are expected to differ between machines).

    >>> is_timing("Fitting took 3.2 s on this machine"), is_timing("Recall is 0.83")
    (True, False)
    """
    return bool(_TIMING.search(line))


def compare(page: list[str], notebook: list[str]) -> dict:
    """Match the page's output lines with the notebook run's and compare the numbers they state.

    Returns ``equal`` (how many of the page's numbers the run reproduced) and ``differing``: one entry per number
    (or whole sentence) that does not match, with the page's value, the run's and whether it is a timing.

    >>> result = compare(["Accuracy 0.97", "Fitting took 2.0 s", "Precision 0.8"],
    ...                  ["Accuracy 0.97", "Fitting took 3.5 s", "Precision 0.8", "a warning"])
    >>> result["equal"], [(d["page"], d["notebook"], d["timing"]) for d in result["differing"]]
    (2, [('2.0', '3.5', True)])
    """
    masked_page, masked_nb = [template(line) for line in page], [template(line) for line in notebook]
    matcher = difflib.SequenceMatcher(None, [t for t, _ in masked_page], [t for t, _ in masked_nb], autojunk=False)
    equal, differing = 0, []
    for op, p0, p1, n0, n1 in matcher.get_opcodes():
        if op == "equal":
            for i, j in zip(range(p0, p1), range(n0, n1)):
                for a, b in zip(masked_page[i][1], masked_nb[j][1]):
                    if a == b:
                        equal += 1
                    else:
                        differing.append({"page": a, "notebook": b, "line": page[i], "timing": is_timing(page[i])})
        elif op in ("replace", "delete"):
            others = notebook[n0:n1]
            for k, i in enumerate(range(p0, p1)):
                if not masked_page[i][1]:
                    continue  # a line without numbers states nothing to compare
                counterpart = others[k] if k < len(others) else "(no such line in the run)"
                differing.append({"page": page[i], "notebook": counterpart, "line": page[i],
                                  "timing": is_timing(page[i]) and is_timing(counterpart)})
    return {"equal": equal, "differing": differing}


# ------------------------------------------------------------------------------------------ table


def table(rows: list[dict]) -> str:
    """The Markdown table of a run (one row per notebook), differences listed with both values.

    >>> print(table([{"notebook": "01_x", "passed": True, "wall_s": 12.3, "equal": 40, "differing": [
    ...     {"page": "2.0", "notebook": "3.5", "line": "took 2.0 s", "timing": True}]}]))
    | notebook | passed | wall s | numbers equal | differing (page → Colab stack) |
    |---|---|---:|---:|---|
    | 01_x | yes | 12 | 40 | 1: 2.0 → 3.5 (timing) |
    >>> print(table([{"notebook": "11_x", "passed": True, "wall_s": 9.6, "equal": None, "differing": [],
    ...               "compared_in": "11_x_solutions"}]).splitlines()[-1])
    | 11_x | yes | 10 | – | the task only; compared in 11_x_solutions |
    """
    out = ["| notebook | passed | wall s | numbers equal | differing (page → Colab stack) |", "|---|---|---:|---:|---|"]
    for row in rows:
        diffs = row["differing"]
        listed = "; ".join(
            f"{_cell(d['page'])} → {_cell(d['notebook'])}" + (" (timing)" if d["timing"] else "") for d in diffs)
        passed = "yes" if row["passed"] else f"**no**: {_cell(row.get('error', ''))}"
        if row["equal"] is None:  # an exercise's task notebook, compared through its solutions notebook
            out.append(f"| {row['notebook']} | {passed} | {row['wall_s']:.0f} | – | the task only; compared in "
                       f"{row['compared_in']} |")
            continue
        out.append(f"| {row['notebook']} | {passed} | {row['wall_s']:.0f} | {row['equal']} | "
                   f"{len(diffs)}{': ' + listed if diffs else ''} |")
    return "\n".join(out)


def _cell(text: str) -> str:
    text = " ".join(str(text).split()).replace("|", "\\|")
    return text if len(text) <= 160 else text[:157] + "…"


def replace_between_markers(page: str, block: str) -> str:
    """``page`` with the text between the colab-check markers replaced by ``block``.

    >>> replace_between_markers("a\\n<!-- colab-check -->\\nold\\n<!-- /colab-check -->\\nb", "new")
    'a\\n<!-- colab-check -->\\nnew\\n<!-- /colab-check -->\\nb'
    """
    start, end = page.find(TABLE_START), page.find(TABLE_END)
    if start < 0 or end < start:
        raise ValueError(f"expected the markers {TABLE_START} and {TABLE_END} on the Maintainers page; add them "
                         "where the Colab-stack table belongs.")
    return page[: start + len(TABLE_START)] + "\n" + block + "\n" + page[end:]


