"""Uncertainty of a test-set comparison: McNemar's exact test for two classifiers scored on the same images.

A confidence interval for one accuracy needs no helper: an accuracy is a count of successes among independent
test images, so ``scipy.stats.binomtest(n_correct, n_images).proportion_ci(method="wilson")`` is the interval.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

__all__ = ["McNemarResult", "mcnemar_test"]


class McNemarResult(NamedTuple):
    """The discordant counts of two classifiers and McNemar's exact p-value."""

    only_a_right: int
    """Images classifier A gets right and classifier B gets wrong."""
    only_b_right: int
    """Images classifier B gets right and classifier A gets wrong."""
    pvalue: float
    """Two-sided exact p-value: how surprising so lopsided a split of the discordant images would be if both
    classifiers had the same error rate."""


def mcnemar_test(y_true, y_pred_a, y_pred_b) -> McNemarResult:
    """McNemar's exact test: do two classifiers, scored on the *same* test images, have the same error rate?

    Only the images on which the two classifiers disagree about being right carry information: ``b`` images
    that A gets right and B wrong, ``c`` the reverse. If both had the same error rate, each such image would be
    a fair coin toss between the two, so ``b`` follows a binomial law with ``b + c`` trials and probability
    1/2; the p-value is that binomial test's two-sided p-value (``scipy.stats.binomtest``). Unlike comparing
    two confidence intervals, the test uses the pairing: the many images both get right, or both get wrong,
    do not dilute it.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels.
    y_pred_a, y_pred_b : array-like of shape (n_samples,)
        The two classifiers' predictions for the same images, in the same order.

    Returns
    -------
    McNemarResult
        ``(only_a_right, only_b_right, pvalue)``. With no discordant image the p-value is 1.

    Raises
    ------
    ValueError
        If the three arrays do not have the same length.

    Examples
    --------
    >>> y_true = [0, 1, 1, 0, 1, 0, 1, 1]
    >>> a = [0, 1, 1, 0, 1, 0, 1, 0]    # one mistake
    >>> b = [1, 0, 0, 0, 1, 1, 1, 0]    # five mistakes, four of them where A is right
    >>> mcnemar_test(y_true, a, b)
    McNemarResult(only_a_right=4, only_b_right=0, pvalue=0.125)
    """
    from scipy.stats import binomtest

    y_true, y_pred_a, y_pred_b = (np.asarray(v) for v in (y_true, y_pred_a, y_pred_b))
    if not len(y_true) == len(y_pred_a) == len(y_pred_b):
        raise ValueError(f"mcnemar_test needs the labels and both predictions for the same images; found lengths "
                         f"{len(y_true)}, {len(y_pred_a)} and {len(y_pred_b)}. Predict both models on one test set.")
    right_a, right_b = y_pred_a == y_true, y_pred_b == y_true
    b, c = int(np.sum(right_a & ~right_b)), int(np.sum(~right_a & right_b))
    pvalue = 1.0 if b + c == 0 else float(binomtest(b, b + c, 0.5).pvalue)
    return McNemarResult(b, c, pvalue)
