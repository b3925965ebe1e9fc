"""Fit every model of the two logistic-regression tutorials once; print fit time and test accuracy.

Usage::

    python scripts/bench_logistic.py               # the models of docs/tutorials/08_logistic_regression.py
                                                   # and docs/tutorials/09_logistic_regression_features.py
    python scripts/bench_logistic.py --reference   # plus tol=1e-4 variants and the source notebook's pipeline

The data and split are the page's: ``fetch_mnist()``, ``train_test_split(test_size=0.2, random_state=42)``.
Each model is fitted once, sequentially; "fit s" is wall-clock time and "cpu s" the process CPU time spent in
``fit`` (on a shared machine the CPU time is the steadier number). The two polynomial models are the page's
``GridSearchCV`` over ``C`` on a validation split: their "fit s" covers the whole search (three candidates on
80 % of the training set plus the refit), and the row names the ``C`` it chose. The table is printed as
Markdown.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import warnings

from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, StratifiedShuffleSplit, train_test_split
from sklearn.preprocessing import StandardScaler

from mnist_tutorials import fetch_mnist
from mnist_tutorials.saved import deskewed, pca_logreg, pca_poly_logreg, scaled_logreg, source_poly_logreg

# The models are the pages' own: the functions of their `save` cells, copied into mnist_tutorials.saved by
# scripts/sync_saved.py. The settings below are the pages' too (the raw-pixel model of page 08, the C grid of 09).
TOL = 1e-3
C_GRID = [0.01, 0.03, 0.1]


def c_search(estimator) -> GridSearchCV:
    """The page's choice of C: one stratified 80/20 validation split of the training set."""
    validation = StratifiedShuffleSplit(n_splits=1, test_size=0.2, random_state=42)
    return GridSearchCV(estimator, {"logreg__C": C_GRID}, cv=validation)


def page_models():
    """(name, unfitted estimator) for each fit of the two tutorials, in page order (the second page refits the
    MinMaxScaler model as its baseline; it is listed once)."""
    return [
        ("raw pixels, max_iter=50", LogisticRegression(max_iter=50, tol=TOL)),
        ("MinMaxScaler", scaled_logreg()),
        ("MinMaxScaler, balanced", scaled_logreg(class_weight="balanced")),
        ("StandardScaler", scaled_logreg(StandardScaler())),
        ("MinMaxScaler + PCA(30)", pca_logreg()),
        ("MinMaxScaler + PCA(30) + Poly(2), C searched", c_search(pca_poly_logreg())),
        ("deskew + MinMaxScaler + PCA(30) + Poly(2), C searched", c_search(deskewed(pca_poly_logreg()))),
    ]


def reference_models():
    """Variants: sklearn's default tol=1e-4, the polynomial model at C=1, and the source notebook's pipeline."""
    default_tol = {"logisticregression__tol": 1e-4}
    return [
        ("MinMaxScaler, tol=1e-4", scaled_logreg().set_params(**default_tol)),
        ("StandardScaler, tol=1e-4", scaled_logreg(StandardScaler()).set_params(**default_tol)),
        ("MinMaxScaler + PCA(30) + Poly(2), C=1", pca_poly_logreg()),
        ("source notebook: MinMax + PCA(30) + Poly(2), balanced, max_iter=1000", source_poly_logreg()),
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
        if isinstance(model, GridSearchCV):
            name = f"{name} (C={model.best_params_['logreg__C']}, validation {model.best_score_:.4f})"
            model = model.best_estimator_
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
