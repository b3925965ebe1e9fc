"""Smoke test over every public ``plot_*`` function (mglearn's pattern), driven by their docstring examples.

Each function exported by ``mnist_tutorials.plotting`` must
* take ``ax=None`` or ``axes=None``,
* have an ``Examples`` section that assigns its result to ``fig``,
* return a matplotlib or plotly Figure when that example runs.
"""

from __future__ import annotations

import doctest
import inspect

import matplotlib
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from mnist_tutorials import plotting  # noqa: E402

PLOT_FUNCTIONS = sorted(name for name in plotting.__all__ if name.startswith("plot_"))


def _figure_types():
    types = [matplotlib.figure.Figure]
    try:
        import plotly.graph_objects as go

        types.append(go.Figure)
    except ImportError:  # plotly is a core dependency; keep the test honest if it is missing
        pass
    return tuple(types)


def test_there_are_plot_functions():
    assert len(PLOT_FUNCTIONS) >= 5, PLOT_FUNCTIONS


@pytest.mark.parametrize("name", PLOT_FUNCTIONS)
def test_plot_function_smoke(name):
    func = getattr(plotting, name)
    params = inspect.signature(func).parameters
    axes_param = params.get("ax") or params.get("axes")
    assert axes_param is not None and axes_param.default is None, f"{name} must take ax=None (or axes=None)"

    examples = doctest.DocTestParser().get_examples(inspect.getdoc(func) or "")
    assert any(ex.source.lstrip().startswith("fig = ") for ex in examples), (
        f"{name}: expected an Examples section with a line `fig = {name}(...)`"
    )
    module = inspect.getmodule(func)
    globs = {**vars(module), "np": np}
    for example in examples:
        if "doctest: +SKIP" in example.source:
            continue
        exec(compile(example.source, f"<{name} example>", "exec"), globs)
    assert isinstance(globs["fig"], _figure_types()), f"{name} returned {type(globs['fig'])}, not a Figure"
    plt.close("all")


def test_plot_functions_draw_on_a_given_axes():
    fig, (ax1, ax2) = plt.subplots(1, 2)
    assert plotting.plot_digit(np.zeros(784), ax=ax1) is fig
    assert plotting.plot_class_balance(np.array([0, 1, 1]), ax=ax2) is fig
    plt.close(fig)
