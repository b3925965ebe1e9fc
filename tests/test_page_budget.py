"""Every tutorial stays readable (issue 24): a budget on its size, its visible cells and its hidden code.

The budget, per ``docs/tutorials/*.py`` (jupytext percent format, read as text):

- at most ``MAX_LINES`` source lines;
- no visible code cell over ``MAX_CELL`` lines (blank lines not counted);
- hidden code (cells tagged ``remove_input``: the checks and the sentences they render) at most
  ``MAX_HIDDEN_SHARE`` of the visible code, in non-blank lines.

Every page meets it. ``EXCEPTIONS`` is kept for a page that must go over budget for a while: it records the
page's numbers then; such a page may not get worse on any count, and a page that meets the budget must leave the
list. It is empty: page 11, the last page over budget (646 lines), became two pages (11 and 12). The
test prints the table of every page (``pytest -s tests/test_page_budget.py``, or
``python3 tests/test_page_budget.py``).
"""

from __future__ import annotations

import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
TUTORIALS = sorted((ROOT / "docs" / "tutorials").glob("*.py"))
MAX_LINES, MAX_CELL, MAX_HIDDEN_SHARE = 500, 15, 1 / 3

# stem -> (source lines, longest visible cell, hidden code lines, visible code lines), measured when the page was
# last over budget. Lower these as pages get shorter; remove a page once it meets the budget.
EXCEPTIONS: dict[str, tuple[int, int, int, int]] = {}

_CELL = re.compile(r"^# %%(.*)$")


def page_numbers(path: pathlib.Path) -> tuple[int, int, int, int]:
    """(source lines, longest visible code cell, hidden code lines, visible code lines) of one tutorial.

    Code lines are non-blank lines of code cells; a cell is hidden when tagged ``remove_input``.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    cells, current = [], None
    for line in lines:
        marker = _CELL.match(line)
        if marker:
            current = {"header": marker.group(1), "lines": []}
            cells.append(current)
        elif current is not None:
            current["lines"].append(line)
    visible, hidden, longest = 0, 0, 0
    for cell in cells:
        if "[markdown]" in cell["header"]:
            continue
        count = sum(1 for line in cell["lines"] if line.strip())
        if "remove_input" in cell["header"]:
            hidden += count
        else:
            visible += count
            longest = max(longest, count)
    return len(lines), longest, hidden, visible


def over_budget(numbers: tuple[int, int, int, int]) -> list[str]:
    lines, longest, hidden, visible = numbers
    return ([f"{lines} lines > {MAX_LINES}"] * (lines > MAX_LINES)
            + [f"a visible cell of {longest} lines > {MAX_CELL}"] * (longest > MAX_CELL)
            + [f"hidden code {hidden} > a third of visible {visible}"] * (hidden > MAX_HIDDEN_SHARE * visible))


def table() -> str:
    rows = ["| page | lines | longest visible cell | hidden / visible code | over budget |", "|---|---|---|---|---|"]
    for path in TUTORIALS:
        numbers = page_numbers(path)
        rows.append(f"| {path.stem} | {numbers[0]} | {numbers[1]} | {numbers[2]} / {numbers[3]} "
                    f"| {'; '.join(over_budget(numbers)) or 'no'} |")
    return "\n".join(rows)


def test_the_counts_read_cells_and_tags(tmp_path):
    import textwrap

    source = textwrap.dedent("""\
        # %% [markdown]
        # # Title

        # %%
        x = 1

        y = 2

        # %% tags=["remove_input"]
        assert x
    """)
    path = tmp_path / "99_probe.py"
    path.write_text(source, encoding="utf-8")
    assert page_numbers(path) == (10, 2, 1, 2)
    assert over_budget((10, 2, 1, 2)) == ["hidden code 1 > a third of visible 2"]
    assert over_budget((501, 16, 1, 3)) == ["501 lines > 500", "a visible cell of 16 lines > 15"]


@pytest.mark.parametrize("path", TUTORIALS, ids=[path.stem for path in TUTORIALS])
def test_every_page_meets_the_budget_or_does_not_get_worse(path):
    print("\n" + table())
    numbers = page_numbers(path)
    problems = over_budget(numbers)
    if path.stem not in EXCEPTIONS:
        assert not problems, f"{path.name} is over the page budget: {'; '.join(problems)}"
        return
    assert problems, f"{path.name} meets the budget now: remove it from EXCEPTIONS in {pathlib.Path(__file__).name}"
    lines, longest, hidden, visible = numbers
    was_lines, was_longest, was_hidden, was_visible = EXCEPTIONS[path.stem]
    assert lines <= was_lines and longest <= was_longest, (
        f"{path.name} grew: {lines} lines (was {was_lines}), longest visible cell {longest} (was {was_longest})")
    assert hidden * was_visible <= was_hidden * visible, (
        f"{path.name}'s hidden code grew relative to its visible code: {hidden}/{visible} (was "
        f"{was_hidden}/{was_visible})")


def test_every_exception_is_a_tutorial():
    assert set(EXCEPTIONS) <= {path.stem for path in TUTORIALS}


if __name__ == "__main__":
    print(table())
