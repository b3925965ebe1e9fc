"""The computations behind the flags of `mnist_tutorials.flags` (private).

Each task takes ``data_home`` (as for ``fetch_mnist``) and returns one flag's unrounded answer. They are the computations the
tutorials show, with ``random_state=42`` everywhere: scikit-learn only, never Keras training, so the
answers are deterministic for a given data set, scikit-learn and NumPy. The datasets and the slow
5-detector scores are loaded once and shared; `release()` frees them.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np

COURSE_ANSWERS_FILE = Path(__file__).with_name("course_answers.json")
"""Answers computed under a course's own scikit-learn by ``scripts/course_answers.py`` (committed)."""


@lru_cache(maxsize=1)
def mnist_split(data_home=None):
    """MNIST as ``X_train, X_test, y_train, y_test`` (first 60,000 rows train), loaded once."""
    from .datasets import fetch_mnist

    mnist = fetch_mnist(data_home=data_home)
    X, y = mnist.data, mnist.target
    return X[:60000], X[60000:], y[:60000], y[60000:]


@lru_cache(maxsize=1)
def five_detector_scores(data_home=None) -> np.ndarray:
    """Cross-validated decision scores of the 5-detector on the training set (the slow part).

    The model is page 02's ``five_detector`` (a ``save`` cell, copied into ``mnist_tutorials.saved``).
    """
    from sklearn.model_selection import cross_val_predict

    from .saved import five_detector

    X_train, _, y_train, _ = mnist_split(data_home)
    y_train_5 = y_train == "5"
    return cross_val_predict(five_detector(), X_train, y_train_5, cv=3, method="decision_function")


@lru_cache(maxsize=1)
def course_answers() -> dict:
    """``course_answers.json``: label -> ``{"value", "source", "sklearn", "numpy", "task", "command"}``."""
    return json.loads(COURSE_ANSWERS_FILE.read_text(encoding="utf-8"))


def course_answer(label: str):
    """A ``compute(data_home)`` that returns flag ``label``'s answer under the course's scikit-learn.

    The value was computed by ``scripts/course_answers.py`` (a venv with that scikit-learn) and committed;
    the reference test ``tests/test_course_answers.py`` recomputes it.
    """
    def compute(data_home=None) -> float:
        answers = course_answers()
        if label not in answers:
            raise KeyError(f"{COURSE_ANSWERS_FILE.name} has no answer for {label} (it has {sorted(answers)}). "
                           f"Add {label} to COURSES in scripts/course_answers.py and run that script.")
        return float(answers[label]["value"])

    return compute


def release() -> None:
    """Drop the arrays the tasks keep (hundreds of MB) once the answers are known."""
    mnist_split.cache_clear()
    five_detector_scores.cache_clear()


def ones_in_test_set(data_home=None) -> int:
    """DATA.1: images of the digit 1 in the MNIST test set."""
    _, _, _, y_test = mnist_split(data_home)
    return int(np.count_nonzero(y_test == "1"))



def threes_called_five(data_home=None) -> int:
    """BINARY.1: training 3s that the cross-validated 5-detector calls a 5."""
    # SGDClassifier.predict is decision_function > 0, so these are the predictions of
    # cross_val_predict(sgd_clf, X_train, y_train_5, cv=3): same folds, same fits.
    _, _, y_train, _ = mnist_split(data_home)
    y_train_pred = five_detector_scores(data_home) > 0
    return int(np.count_nonzero(y_train_pred & (y_train == "3")))


def precision_at_3000(data_home=None) -> float:
    """ML105.1: precision of the 5-detector's cross-validated scores thresholded at 3000."""
    from sklearn.metrics import precision_score

    _, _, y_train, _ = mnist_split(data_home)
    y_train_5 = y_train == "5"
    return float(precision_score(y_train_5, five_detector_scores(data_home) >= 3000))


def scaled_sgd_zero_recall(data_home=None) -> float:
    """ML105.2: diagonal cell of '0' in the row-normalized confusion matrix, scaled SGD, 2000 images.

    Exactly the ML 105 handout's computation: ``StandardScaler().fit_transform`` on the first 2,000
    training images (all of them at once, before cross-validation), then
    ``cross_val_predict(SGDClassifier(random_state=42), X_train_scaled, y_train[:2000], cv=3)``. The
    tutorial then shows why a per-fold pipeline is the better method; the flag keeps the handout's
    question, so that a student of that course who types the handout's answer is told it is right.

    The two steps are those of page 06's ``scaled_sgd`` pipeline (a ``save`` cell, copied into
    ``mnist_tutorials.saved``), used the handout's way: the scaler fitted once, outside the folds.
    """
    from sklearn.metrics import confusion_matrix
    from sklearn.model_selection import cross_val_predict

    from .saved import scaled_sgd

    scaler, sgd_clf = (step for _, step in scaled_sgd().steps)
    X_train, _, y_train, _ = mnist_split(data_home)
    X_train_scaled = scaler.fit_transform(X_train[:2000].astype("float64"))
    y_train_pred = cross_val_predict(sgd_clf, X_train_scaled, y_train[:2000], cv=3)
    labels = list(np.unique(y_train[:2000]))
    cm = confusion_matrix(y_train[:2000], y_train_pred, labels=labels, normalize="true")
    return float(cm[labels.index("0"), labels.index("0")])


def pca20_logreg_accuracy(data_home=None) -> float:
    """LOGREG.1: test accuracy of the tutorial's PCA pipeline with 20 components, on its 80/20 split.

    The pipeline is the page's own ``pca_logreg`` (a ``save`` cell, copied into ``mnist_tutorials.saved``).
    """
    from sklearn.model_selection import train_test_split

    from .datasets import fetch_mnist
    from .saved import pca_logreg

    mnist = fetch_mnist(data_home=data_home)
    X_train, X_test, y_train, y_test = train_test_split(mnist.data, mnist.target, test_size=0.2,
                                                        random_state=42)
    pca_clf = pca_logreg(n_components=20)
    return float(pca_clf.fit(X_train, y_train).score(X_test, y_test))

def trouser_mean_pixel(data_home=None) -> float:
    """FASHION.1: mean pixel value (0-255) over all pixels of the Trouser training images."""
    from .datasets import fetch_fashion_mnist

    fashion = fetch_fashion_mnist(data_home=data_home)
    X_train, y_train = fashion.data[:60000], fashion.target[:60000]
    trouser = list(fashion.target_names).index("Trouser")
    # Integer pixel values sum exactly in float64, so the mean does not depend on summation order.
    return float(X_train[y_train == trouser].mean())


def knn_grid_best_score_2000(data_home=None) -> float:
    """KNN97.1: best mean validation accuracy of the exercise's KNN grid, searched on 2,000 images.

    The grid of tutorial 11 (``weights`` uniform/distance × ``n_neighbors`` 3…6, ``cv=3``), on the
    first 2,000 training images instead of the page's 10,000: a few seconds instead of a minute.
    """
    from sklearn.model_selection import GridSearchCV
    from sklearn.neighbors import KNeighborsClassifier

    X_train, _, y_train, _ = mnist_split(data_home)
    param_grid = [{"weights": ["uniform", "distance"], "n_neighbors": [3, 4, 5, 6]}]
    grid_search = GridSearchCV(KNeighborsClassifier(), param_grid, cv=3)
    grid_search.fit(X_train[:2000], y_train[:2000])
    return float(grid_search.best_score_)


def augmented_knn_accuracy(data_home=None) -> float:
    """AUG.1: test accuracy of a default KNN on 5,000 training images plus their four one-pixel shifts.

    Scored on the first 2,000 test images (25,000 × 2,000 image pairs: a few seconds).
    """
    from sklearn.neighbors import KNeighborsClassifier

    from .augment import augment_with_shifts

    X_train, X_test, y_train, y_test = mnist_split(data_home)
    X_train_aug, y_train_aug = augment_with_shifts(X_train[:5000], y_train[:5000])
    knn_clf = KNeighborsClassifier().fit(X_train_aug, y_train_aug)
    return float(knn_clf.score(X_test[:2000], y_test[:2000]))
