"""Every docstring example of the package runs and prints what it claims (``Examples`` sections).

Examples that need the real datasets or the network carry ``# doctest: +SKIP``; everything else runs
here on every test run, so an example that drifts from the code fails CI.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from file_module import require  # noqa: E402

import mnist_tutorials  # noqa: E402

# numpy 2 writes a scalar as ``np.float64(2.0)``, numpy 1 (the floor, 1.24) as ``2.0``.
_NUMPY_SCALAR = re.compile(r"\bnp\.(?:float|int|uint|complex)\d*\(([^()]*)\)|\bnp\.(True|False)_")


class NumpyScalarChecker(doctest.OutputChecker):
    """Compares an example's output with numpy's scalar reprs unwrapped, so it passes on numpy 1.x and 2.x alike."""

    @staticmethod
    def unwrap(text: str) -> str:
        return _NUMPY_SCALAR.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)

    def check_output(self, want, got, optionflags):
        return super().check_output(self.unwrap(want), self.unwrap(got), optionflags)


def test_numpy_scalar_reprs_compare_equal_on_numpy_1_and_2():
    checker = NumpyScalarChecker()
    assert checker.check_output("(np.int64(60), 5)\n", "(60, 5)\n", 0)
    assert checker.check_output("np.float64(2.0)\n", "np.float64(2.0)\n", 0)
    assert checker.check_output("np.True_\n", "True\n", 0)
    assert not checker.check_output("np.float64(2.0)\n", "3.0\n", 0)


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
    runner = doctest.DocTestRunner(checker=NumpyScalarChecker(),
                                   optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    tests = [t for t in finder.find(module, name) if t.examples]  # globals: the module's, like testmod
    try:
        for test in tests:
            runner.run(test)
    finally:
        plt.close("all")
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} docstring examples in {name} failed (see the output above)"
