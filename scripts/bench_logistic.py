"""Fit every model of the logistic-regression tutorial once; print fit time and test accuracy.

Usage::

    python scripts/bench_logistic.py               # the models of docs/tutorials/05_logistic_regression.py
    python scripts/bench_logistic.py --reference   # plus tol=1e-4 and C=1 variants

The data and split are the page's: ``fetch_mnist()``, ``train_test_split(test_size=0.2, random_state=42)``.
Each model is fitted once, sequentially; "fit s" is wall-clock time and "cpu s" the process CPU time spent in
``fit`` (on a shared machine the CPU time is the steadier number). The table is printed as Markdown.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import warnings

from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

from mnist_tutorials import fetch_mnist
from mnist_tutorials.logistic import make_pca_logreg, make_pca_poly_logreg, make_scaled_logreg

# The tutorial's settings (keep in sync with docs/tutorials/05_logistic_regression.py).
TOL = 1e-3
POLY_KW = dict(n_components=30, degree=2, C=0.03, tol=1e-6)


def page_models():
    """(name, unfitted estimator) for each fit of the tutorial, in page order."""
    return [
        ("raw pixels, max_iter=50", LogisticRegression(max_iter=50, tol=TOL)),
        ("MinMaxScaler", make_scaled_logreg("minmax", tol=TOL)),
        ("MinMaxScaler, balanced", make_scaled_logreg("minmax", tol=TOL, class_weight="balanced")),
        ("StandardScaler", make_scaled_logreg("standard", tol=TOL)),
        ("MinMaxScaler + PCA(30)", make_pca_logreg(30, tol=TOL)),
        ("MinMaxScaler + PCA(30) + Poly(2)", make_pca_poly_logreg(**POLY_KW)),
    ]


def reference_models():
    """Variants of the page's pipelines: sklearn's default tol=1e-4, and the polynomial model at C=1."""
    return [
        ("MinMaxScaler, tol=1e-4", make_scaled_logreg("minmax", tol=1e-4)),
        ("StandardScaler, tol=1e-4", make_scaled_logreg("standard", tol=1e-4)),
        ("MinMaxScaler + PCA(30) + Poly(2), tol=1e-4", make_pca_poly_logreg(**{**POLY_KW, "tol": 1e-4})),
        ("MinMaxScaler + PCA(30) + Poly(2), C=1", make_pca_poly_logreg(**{**POLY_KW, "C": 1.0})),
    ]


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def bench(models, X_train, X_test, y_train, y_test):
    """Fit each model; yield (name, fit seconds, cpu seconds, iterations, converged, accuracy)."""
    for name, model in models:
        wall, cpu = time.perf_counter(), _cpu_seconds()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ConvergenceWarning)
            model.fit(X_train, y_train)
        wall, cpu = time.perf_counter() - wall, _cpu_seconds() - cpu
        converged = not any(issubclass(w.category, ConvergenceWarning) for w in caught)
        logreg = model[-1] if hasattr(model, "steps") else model
        yield name, wall, cpu, int(logreg.n_iter_.max()), converged, model.score(X_test, y_test)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", action="store_true", help="also fit the reference variants")
    args = parser.parse_args(argv)

    mnist = fetch_mnist()
    X_train, X_test, y_train, y_test = train_test_split(mnist.data, mnist.target, test_size=0.2,
                                                        random_state=42)
    models = page_models() + (reference_models() if args.reference else [])
    print("| model | fit s | cpu s | iterations | converged | test accuracy |")
    print("|---|---:|---:|---:|---|---:|")
    total_wall = total_cpu = 0.0
    for name, wall, cpu, n_iter, converged, acc in bench(models, X_train, X_test, y_train, y_test):
        total_wall, total_cpu = total_wall + wall, total_cpu + cpu
        print(f"| {name} | {wall:.1f} | {cpu:.1f} | {n_iter} | {'yes' if converged else 'no'} | {acc:.4f} |",
              flush=True)
    print(f"| total | {total_wall:.1f} | {total_cpu:.1f} | | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
