"""Every docstring example of the package runs and prints what it claims (``Examples`` sections).

Examples that need the real datasets or the network carry ``# doctest: +SKIP``; everything else runs
here on every test run, so an example that drifts from the code fails CI.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from file_module import require  # noqa: E402

import mnist_tutorials  # noqa: E402

MODULES = sorted(
    info.name for info in pkgutil.walk_packages(mnist_tutorials.__path__, "mnist_tutorials.")
    if info.name != "mnist_tutorials.__main__"
)


def test_every_public_module_is_collected():
    assert {"mnist_tutorials.deskew", "mnist_tutorials.logistic", "mnist_tutorials.plotting.images"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    if name.startswith("mnist_tutorials.keras_lab."):
        require("tensorflow")  # the Keras lab's examples build and train models
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    tests = [t for t in finder.find(module, name) if t.examples]  # globals: the module's, like testmod
    try:
        for test in tests:
            runner.run(test)
    finally:
        plt.close("all")
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} docstring examples in {name} failed (see the output above)"
