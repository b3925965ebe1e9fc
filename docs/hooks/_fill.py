"""Prose with computed numbers, written as Markdown: cells tagged ``fill``.

Not a hook itself (mkdocs.yml does not list it). A tutorial's sentence that states a computed number is a Markdown
cell tagged ``fill`` whose text is the body of a Python f-string::

    # %% [markdown] tags=["fill"]
    # The baseline is right **{never_5_accuracy.mean():.1%}** of the time: {1 - y_train_5.mean():.1%} of the
    # images are not 5s.

Before a tutorial is executed (the build's worker) or turned into a learner's notebook, :func:`read_tutorial`
turns each such cell into a hidden code cell (tag ``remove_input``) that renders the sentence from the kernel's
values at that point of the notebook::

    from IPython.display import Markdown, display
    display(Markdown(rf\"\"\"The baseline is right ...\"\"\"))

so the page shows the sentence with the numbers of this run, and a learner's "Run all" computes it from theirs
(``_learner`` folds the cell, as it folds every hidden cell that writes prose). The text is a raw f-string: a
backslash is a backslash (LaTeX works), and a literal brace is written twice (``{{``). This is the pattern of
MyST-NB's ``{eval}`` role, kept inside jupytext's percent format.

Every reader of a tutorial that executes it or derives a notebook from it uses :func:`read_tutorial` (the site's
rendering, ``_render.read``, too).
"""

from __future__ import annotations

import copy

FILL_TAG = "fill"
HIDDEN_TAG = "remove_input"
_IMPORT = "from IPython.display import Markdown, display"


class FillError(ValueError):
    """A ``fill`` cell that cannot become an f-string."""


def is_fill(cell) -> bool:
    """Whether ``cell`` is a Markdown cell tagged ``fill``."""
    return cell.get("cell_type") == "markdown" and FILL_TAG in cell.get("metadata", {}).get("tags", [])


def fill_code(text: str, where: str = "a fill cell") -> str:
    """The code that renders the ``fill`` text ``text`` as Markdown in the kernel.

    Examples
    --------
    >>> print(fill_code("Only **{share:.1%}** are 5s; $\\\\frac{{a}}{{b}}$."))
    from IPython.display import Markdown, display
    display(Markdown(rf\"\"\"Only **{share:.1%}** are 5s; $\\frac{{a}}{{b}}$.\"\"\"))
    """
    text = text.strip("\n")
    for quote in ('"""', "'''"):
        if quote not in text and not text.endswith(quote[0]):
            code = f"rf{quote}{text}{quote}"
            break
    else:
        raise FillError(f"{where}: its text holds both \"\"\" and ''' (or ends with a quote), so it cannot be an "
                        f"f-string; found {text[:80]!r}…. Reword it, or write the quote as {{chr(34)}}.")
    try:
        compile(code, where, "eval")
    except SyntaxError as error:
        raise FillError(f"{where}: its text is not a valid f-string body ({error.msg}); found {text[:120]!r}…. "
                        "Each {…} must hold a Python expression (with an optional :format); write a literal brace "
                        "as {{ or }}.") from None
    return f"{_IMPORT}\ndisplay(Markdown({code}))"


def fill_to_code(nb, where: str = "the tutorial"):
    """A copy of ``nb`` (nbformat) where each ``fill`` cell is a hidden code cell rendering its text."""
    import nbformat

    nb = copy.deepcopy(nb)
    for number, cell in enumerate(nb.cells, start=1):
        if is_fill(cell):
            tags = [tag for tag in cell.metadata.get("tags", []) if tag != FILL_TAG]
            code = nbformat.v4.new_code_cell(fill_code(cell.source, f"{where}, cell {number}"))
            code.metadata.update({key: value for key, value in cell.metadata.items() if key != "tags"})
            code.metadata["tags"] = [HIDDEN_TAG, *(tag for tag in tags if tag != HIDDEN_TAG)]
            nb.cells[number - 1] = code
    return nb


def read_tutorial(path, **kwargs):
    """The tutorial at ``path`` (a jupytext file) as a notebook, its ``fill`` cells made code (see the module)."""
    import jupytext

    return fill_to_code(jupytext.read(path, **kwargs), str(path))
