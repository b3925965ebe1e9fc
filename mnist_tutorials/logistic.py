"""Logistic regression: the sigmoid, a hand-made simulation, and the pipelines of the tutorial.

The functions here are the plumbing behind ``docs/tutorials/08_logistic_regression.py`` and
``docs/tutorials/09_logistic_regression_features.py``:

- :func:`sigmoid` and :func:`simulate_logistic_regression` show what one logistic unit computes,
  ``y_hat = sigmoid(X @ weights + bias)``.
- :func:`make_scaled_logreg`, :func:`make_pca_logreg` and :func:`make_pca_poly_logreg` build the
  scikit-learn pipelines of those pages. The pages write each pipeline out with scikit-learn's own API
  where they introduce it, and check that it equals the builder's; the builders repeat them elsewhere
  (the flag answers, ``scripts/bench_logistic.py``). They return *unfitted* estimators.
- :func:`pipeline_steps` describes a pipeline by its steps' names, classes and parameters, so that a
  pipeline written out on a page can be checked against the builder that repeats it.
- :func:`search_table` summarises a fitted :class:`~sklearn.model_selection.GridSearchCV`: one row per
  candidate, with its validation score and fit time.

Every pipeline starts with a scaler, because an unscaled 0…255 pixel matrix makes the optimiser of
:class:`~sklearn.linear_model.LogisticRegression` crawl (see the tutorial's section on convergence).
"""

from __future__ import annotations

import numpy as np
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MinMaxScaler, PolynomialFeatures, StandardScaler
from sklearn.utils import Bunch

from .deskew import make_deskewer

__all__ = [
    "SCALERS",
    "sigmoid",
    "simulate_logistic_regression",
    "make_scaler",
    "make_scaled_logreg",
    "make_pca_logreg",
    "make_pca_poly_logreg",
    "pipeline_steps",
    "search_table",
]

#: Names accepted by the ``scaler`` argument of the pipeline builders.
SCALERS = ("standard", "minmax")


def sigmoid(z):
    r"""Logistic sigmoid :math:`\sigma(z) = 1 / (1 + e^{-z})`, computed without overflow.

    The naive formula overflows ``np.exp(-z)`` for large negative ``z`` (NumPy warns and returns
    ``inf``). This version evaluates ``exp(-|z|)`` only, which always lies in ``(0, 1]``.

    Parameters
    ----------
    z : float or array-like
        Any real numbers: a scalar, a list or an array of any shape.

    Returns
    -------
    float or ndarray
        ``sigma(z)``, in ``[0, 1]``, with the shape of ``z``: a Python float for a scalar input,
        a float array otherwise.

    Examples
    --------
    >>> from mnist_tutorials.logistic import sigmoid
    >>> float(sigmoid(0.0))
    0.5
    >>> sigmoid([-1000.0, 0.0, 1000.0]).tolist()
    [0.0, 0.5, 1.0]
    """
    z_arr = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z_arr))  # in (0, 1]: never overflows
    out = np.where(z_arr >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    if out.ndim == 0:
        return float(out)
    return out


def _check_positive_int(func: str, name: str, value, hint: str = "") -> None:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{func}: {name} must be a positive integer, got {value!r}.{hint}")


def simulate_logistic_regression(
    n_samples: int = 100,
    n_features: int = 3,
    *,
    threshold: float = 0.5,
    random_state: int | np.random.Generator | None = None,
) -> Bunch:
    """Draw random weights, a bias and inputs, and push them through one logistic unit.

    This is the forward pass of logistic regression with made-up parameters: no training.
    Weights, bias and the inputs ``X`` are standard normal draws.

    Parameters
    ----------
    n_samples : int, default=100
        Number of rows of ``X``.
    n_features : int, default=3
        Number of columns of ``X`` (and of weights).
    threshold : float, default=0.5
        Decision threshold on the probability: ``y_pred = (y_hat >= threshold)``.
    random_state : int, numpy.random.Generator or None, default=None
        Seed (or generator) for the draws; pass an int for reproducible results.

    Returns
    -------
    sklearn.utils.Bunch
        With keys ``X`` (n_samples, n_features), ``weights`` (n_features,), ``bias`` (float),
        ``z`` = ``X @ weights + bias`` (n_samples,), ``y_hat`` = ``sigmoid(z)`` (n_samples,),
        ``y_pred`` (n_samples,) int array of 0/1 and ``threshold``.

    Raises
    ------
    ValueError
        If ``n_samples`` or ``n_features`` is not a positive integer, or ``threshold`` is not
        strictly between 0 and 1.

    Examples
    --------
    >>> from mnist_tutorials.logistic import simulate_logistic_regression
    >>> sim = simulate_logistic_regression(100, 3, random_state=42)
    >>> sim.X.shape, sim.weights.shape, sim.z.shape
    ((100, 3), (3,), (100,))
    >>> bool(((sim.y_hat > 0) & (sim.y_hat < 1)).all())
    True
    """
    for name, value in (("n_samples", n_samples), ("n_features", n_features)):
        _check_positive_int("simulate_logistic_regression", name, value, hint=f" Pass e.g. {name}=100.")
    if not 0.0 < threshold < 1.0:
        raise ValueError(
            f"simulate_logistic_regression: threshold must lie strictly between 0 and 1, got "
            f"{threshold!r}. A probability threshold of 0.5 is the usual choice."
        )
    rng = np.random.default_rng(random_state)
    weights = rng.standard_normal(n_features)
    bias = float(rng.standard_normal())
    X = rng.standard_normal((n_samples, n_features))
    z = X @ weights + bias
    y_hat = sigmoid(z)
    y_pred = (y_hat >= threshold).astype(int)
    return Bunch(X=X, weights=weights, bias=bias, z=z, y_hat=y_hat, y_pred=y_pred, threshold=threshold)


def make_scaler(scaler: str = "minmax"):
    """Return an unfitted scaler by name.

    Parameters
    ----------
    scaler : {"standard", "minmax"}, default="minmax"
        ``"standard"``: :class:`~sklearn.preprocessing.StandardScaler` (each pixel to mean 0,
        standard deviation 1). ``"minmax"``: :class:`~sklearn.preprocessing.MinMaxScaler` (each
        pixel to ``[0, 1]``; for MNIST that is ``X / 255`` wherever a pixel reaches 0 and 255).

    Returns
    -------
    StandardScaler or MinMaxScaler

    Raises
    ------
    ValueError
        If ``scaler`` is not one of :data:`SCALERS`.

    Examples
    --------
    >>> from mnist_tutorials.logistic import make_scaler
    >>> make_scaler("standard")
    StandardScaler()
    """
    if scaler == "standard":
        return StandardScaler()
    if scaler == "minmax":
        return MinMaxScaler()
    raise ValueError(
        f"Unknown scaler {scaler!r}: expected one of {SCALERS}. "
        "Use 'standard' for StandardScaler or 'minmax' for MinMaxScaler."
    )


def _logreg(*, C, max_iter, tol, class_weight, solver, random_state) -> LogisticRegression:
    return LogisticRegression(
        C=C, max_iter=max_iter, tol=tol, class_weight=class_weight, solver=solver,
        random_state=random_state,
    )


def make_scaled_logreg(
    scaler: str = "minmax",
    *,
    C: float = 1.0,
    max_iter: int = 1000,
    tol: float = 1e-4,
    class_weight: str | dict | None = None,
    solver: str = "lbfgs",
    random_state: int | None = 42,
) -> Pipeline:
    """Build ``scaler -> LogisticRegression`` as an unfitted pipeline.

    Parameters
    ----------
    scaler : {"standard", "minmax"}, default="minmax"
        Which scaler comes first; see :func:`make_scaler`.
    C : float, default=1.0
        Inverse regularisation strength of the logistic regression.
    max_iter : int, default=1000
        Iteration budget of the solver.
    tol : float, default=1e-4
        Stopping tolerance of the solver.
    class_weight : "balanced", dict or None, default=None
        Passed to :class:`~sklearn.linear_model.LogisticRegression`.
    solver : str, default="lbfgs"
        Passed to :class:`~sklearn.linear_model.LogisticRegression`.
    random_state : int or None, default=42
        Passed to :class:`~sklearn.linear_model.LogisticRegression` (used by the stochastic
        solvers "sag"/"saga"/"liblinear" only).

    Returns
    -------
    sklearn.pipeline.Pipeline
        Steps ``"scaler"`` and ``"logreg"``.

    Examples
    --------
    >>> from mnist_tutorials.logistic import make_scaled_logreg
    >>> pipe = make_scaled_logreg("standard", max_iter=200)
    >>> list(pipe.named_steps)
    ['scaler', 'logreg']
    """
    return Pipeline([
        ("scaler", make_scaler(scaler)),
        ("logreg", _logreg(C=C, max_iter=max_iter, tol=tol, class_weight=class_weight,
                           solver=solver, random_state=random_state)),
    ])


def make_pca_logreg(
    n_components: int = 30,
    *,
    scaler: str = "minmax",
    C: float = 1.0,
    max_iter: int = 1000,
    tol: float = 1e-4,
    class_weight: str | dict | None = None,
    solver: str = "lbfgs",
    random_state: int | None = 42,
) -> Pipeline:
    """Build ``scaler -> PCA(n_components) -> LogisticRegression`` as an unfitted pipeline.

    Parameters
    ----------
    n_components : int, default=30
        Number of principal components kept.
    scaler : {"standard", "minmax"}, default="minmax"
        Which scaler comes first; see :func:`make_scaler`.
    C, max_iter, tol, class_weight, solver : see :func:`make_scaled_logreg`
    random_state : int or None, default=42
        Seeds both the PCA (randomised SVD on large inputs) and the logistic regression.

    Returns
    -------
    sklearn.pipeline.Pipeline
        Steps ``"scaler"``, ``"pca"`` and ``"logreg"``. ``pipe[:2].inverse_transform`` maps the
        PCA features back to (scaled) pixels.

    Raises
    ------
    ValueError
        If ``n_components`` is not a positive integer, or ``scaler`` is unknown.

    Examples
    --------
    >>> from mnist_tutorials.logistic import make_pca_logreg
    >>> pipe = make_pca_logreg(30)
    >>> pipe.named_steps["pca"].n_components
    30
    """
    _check_positive_int("make_pca_logreg", "n_components", n_components)
    return Pipeline([
        ("scaler", make_scaler(scaler)),
        ("pca", PCA(n_components=n_components, random_state=random_state)),
        ("logreg", _logreg(C=C, max_iter=max_iter, tol=tol, class_weight=class_weight,
                           solver=solver, random_state=random_state)),
    ])


def make_pca_poly_logreg(
    n_components: int = 30,
    degree: int = 2,
    *,
    scaler: str = "minmax",
    C: float = 1.0,
    max_iter: int = 1000,
    tol: float = 1e-4,
    class_weight: str | dict | None = None,
    solver: str = "lbfgs",
    random_state: int | None = 42,
    deskew: bool = False,
) -> Pipeline:
    """Build ``[deskew ->] scaler -> PCA -> PolynomialFeatures -> StandardScaler -> LogisticRegression``.

    The polynomial step turns the ``n_components`` PCA features into all their monomials up to
    ``degree`` (no bias column): for 30 components and degree 2 that is 30 + 30 * 31 / 2 = 495
    features. Squares and products of PCA scores have very different spreads, so a
    :class:`~sklearn.preprocessing.StandardScaler` re-scales them before the logistic regression;
    without it the solver needs many more iterations to converge.

    Parameters
    ----------
    n_components : int, default=30
        Number of principal components kept.
    degree : int, default=2
        Maximal degree of the polynomial features.
    scaler : {"standard", "minmax"}, default="minmax"
        Which scaler comes first; see :func:`make_scaler`.
    C, max_iter, tol, class_weight, solver : see :func:`make_scaled_logreg`
    random_state : int or None, default=42
        Seeds both the PCA and the logistic regression.
    deskew : bool, default=False
        Prepend a ``"deskew"`` step, :func:`mnist_tutorials.deskew.make_deskewer`, which straightens
        slanted 28 x 28 digits before they are scaled.

    Returns
    -------
    sklearn.pipeline.Pipeline
        Steps ``"scaler"``, ``"pca"``, ``"poly"``, ``"poly_scaler"`` and ``"logreg"``, preceded by
        ``"deskew"`` when ``deskew=True``.

    Raises
    ------
    ValueError
        If ``n_components`` or ``degree`` is not a positive integer, or ``scaler`` is unknown.

    Examples
    --------
    >>> from mnist_tutorials.logistic import make_pca_poly_logreg
    >>> pipe = make_pca_poly_logreg(n_components=30, degree=2)
    >>> list(pipe.named_steps)
    ['scaler', 'pca', 'poly', 'poly_scaler', 'logreg']
    >>> list(make_pca_poly_logreg(deskew=True).named_steps)[0]
    'deskew'
    """
    _check_positive_int("make_pca_poly_logreg", "n_components", n_components)
    _check_positive_int("make_pca_poly_logreg", "degree", degree)
    first = [("deskew", make_deskewer())] if deskew else []
    return Pipeline(first + [
        ("scaler", make_scaler(scaler)),
        ("pca", PCA(n_components=n_components, random_state=random_state)),
        ("poly", PolynomialFeatures(degree=degree, include_bias=False)),
        ("poly_scaler", StandardScaler()),
        ("logreg", _logreg(C=C, max_iter=max_iter, tol=tol, class_weight=class_weight,
                           solver=solver, random_state=random_state)),
    ])


def pipeline_steps(pipeline) -> list[tuple[str, str, dict]]:
    """Describe a pipeline by its steps: ``(name, class name, parameters)`` for each step, in order.

    Two pipelines with equal descriptions build the same model: same step names, same estimators, same
    parameters (``get_params(deep=False)`` of each step). Fitting changes none of it, so a fitted pipeline
    can be compared with an unfitted one.

    Parameters
    ----------
    pipeline : sklearn.pipeline.Pipeline
        Fitted or not.

    Returns
    -------
    list of (str, str, dict)

    Raises
    ------
    TypeError
        If ``pipeline`` has no ``steps`` (it is not a :class:`~sklearn.pipeline.Pipeline`).

    Examples
    --------
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.pipeline import Pipeline
    >>> from sklearn.preprocessing import MinMaxScaler
    >>> from mnist_tutorials.logistic import make_scaled_logreg, pipeline_steps
    >>> inline = Pipeline([("scaler", MinMaxScaler()),
    ...                    ("logreg", LogisticRegression(max_iter=1000, random_state=42))])
    >>> pipeline_steps(inline) == pipeline_steps(make_scaled_logreg("minmax"))
    True
    >>> pipeline_steps(inline)[0]
    ('scaler', 'MinMaxScaler', {'clip': False, 'copy': True, 'feature_range': (0, 1)})
    """
    steps = getattr(pipeline, "steps", None)
    if steps is None:
        raise TypeError(
            f"pipeline_steps: expected a sklearn Pipeline, got {type(pipeline).__name__}, which has no steps. "
            "Pass the pipeline itself, e.g. search.best_estimator_ rather than the search."
        )
    return [(name, type(step).__name__, step.get_params(deep=False)) for name, step in steps]


def search_table(search):
    """Summarise a fitted :class:`~sklearn.model_selection.GridSearchCV`: one row per candidate.

    Parameters
    ----------
    search : GridSearchCV or RandomizedSearchCV
        A fitted search (it has ``cv_results_``).

    Returns
    -------
    pandas.DataFrame
        Indexed by the searched parameters, named without their pipeline prefix (``logreg__C`` becomes
        ``C``), with columns ``"validation score"`` (mean over the splits: with one
        ``StratifiedShuffleSplit`` it is the score on the validation set), ``"fit seconds"`` (mean time
        of one fit) and ``"rank"`` (1 is the candidate that ``best_estimator_`` was refitted from).

    Raises
    ------
    ValueError
        If ``search`` has not been fitted.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from sklearn.model_selection import GridSearchCV, StratifiedShuffleSplit
    >>> from mnist_tutorials.logistic import make_scaled_logreg, search_table
    >>> X, y = make_classification(200, n_features=5, random_state=0)
    >>> search = GridSearchCV(make_scaled_logreg("standard"), {"logreg__C": [0.1, 1.0]},
    ...                       cv=StratifiedShuffleSplit(n_splits=1, test_size=0.25, random_state=0))
    >>> search_table(search.fit(X, y)).columns.tolist()
    ['validation score', 'fit seconds', 'rank']
    >>> search_table(search).index.name
    'C'
    """
    import pandas as pd

    if not hasattr(search, "cv_results_"):
        raise ValueError(
            f"search_table: expected a fitted GridSearchCV, but {type(search).__name__} has no cv_results_. "
            "Call search.fit(X_train, y_train) first."
        )
    results = pd.DataFrame(search.cv_results_)
    params = [column for column in results if column.startswith("param_")]
    names = {column: column.removeprefix("param_").split("__")[-1] for column in params}
    table = results[params + ["mean_test_score", "mean_fit_time", "rank_test_score"]].rename(columns={
        **names, "mean_test_score": "validation score", "mean_fit_time": "fit seconds", "rank_test_score": "rank",
    })
    return table.set_index(list(names.values()))
