"""Each flag's words, by label: its title, its question and the tutorial that asks it (private).

The one text of each question. The registry (``_flag_registry.py``) adds each flag's kind, precision and
computation; the flags page and ``python -m mnist_tutorials flags`` show the question from there, and the tutorial
shows it where it is asked, with ``flag_question(label)`` (``mnist_tutorials.plotting.questions``). This module
imports nothing, so a page that shows a question does not depend on the flags' computations (the build's execution
cache keys each page by the package modules it reaches).

A question is Markdown with inline markup only: `` `code` ``, ``**strong**`` and ``*emphasis*``. A flag carrying a
seed's label (ML105.x) asks exactly the seed's computation.
"""

QUESTIONS = {
    "DATA.1": {
        "title": "Ones in the test set",
        "question": "The tutorial counts the images of each digit in the training set. How many images "
                    "of the digit **1** are in the MNIST **test** set, `y_test` (the last 10,000 rows of "
                    "`fetch_mnist()`)? Count them in a cell of your own.",
        "tutorial": "tutorials/01_meet_the_data.py",
    },
    "BINARY.1": {
        "title": "Threes that fool the 5-detector",
        "question": "The confusion matrix counts the 5-detector's false positives but does not say which "
                    "digits they are. Take the tutorial's cross-validated predictions, `y_train_pred = "
                    "cross_val_predict(SGDClassifier(random_state=42), X_train, y_train_5, cv=3)`. "
                    "How many images of the digit **3** in the training set does the 5-detector "
                    "call a 5? Combine `y_train` and `y_train_pred` in a cell of your own.",
        "tutorial": "tutorials/02_five_detector.py",
    },
    "ML105.1": {
        "title": "Precision for threshold 3000",
        "question": "Cross-validate the 5-detector's decision scores "
                    "(`cross_val_predict(SGDClassifier(random_state=42), X_train, y_train_5, cv=3, "
                    "method=\"decision_function\")`) and classify with `y_scores >= 3000` instead of 0. "
                    "What is the **precision**? Give it to 3 decimals (or as a percentage to 0.1 %).",
        "tutorial": "tutorials/03_precision_recall_tradeoff.py",
    },
    "ML105.2": {
        "title": "Correct percentage for 0s",
        "question": "As in the ML 105 handout: scale the first 2,000 training images with "
                    "`X_train_scaled = StandardScaler().fit_transform(X_train[:2000].astype(\"float64\"))`, "
                    "get cross-validated predictions with `y_train_pred = cross_val_predict("
                    "SGDClassifier(random_state=42), X_train_scaled, y_train[:2000], cv=3)` and plot the "
                    "confusion matrix normalized by row (`ConfusionMatrixDisplay.from_predictions("
                    "y_train[:2000], y_train_pred, normalize=\"true\", values_format=\".0%\")`). What "
                    "percentage of the **0**s is classified correctly? Give a whole percentage.",
        "tutorial": "tutorials/06_multiclass.py",
    },
    "LOGREG.1": {
        "title": "Twenty components",
        "question": "The tutorial's PCA pipeline, `pca_clf`: `MinMaxScaler()`, then `PCA(n_components=30, "
                    "random_state=42)`, then `LogisticRegression(max_iter=1000, tol=1e-3, random_state=42)`, "
                    "is fitted on the 80/20 split `train_test_split(X, y, test_size=0.2, "
                    "random_state=42)` of all 70,000 images. Keep only **20** components instead: what "
                    "is the pipeline's accuracy on the test set? Give a whole percentage.",
        "tutorial": "tutorials/09_logistic_regression_features.py",
    },
    "FASHION.1": {
        "title": "How much ink in a pair of trousers?",
        "question": "The tutorial prints the mean pixel value of all 60,000 Fashion-MNIST training "
                    "images. What is the mean pixel value of the **Trouser** training images alone "
                    "(label 1: every pixel of every Trouser image in the first 60,000 rows)? "
                    "Give it to 1 decimal, on the 0-255 scale.",
        "tutorial": "tutorials/10_fashion_eda.py",
    },
    "KNN97.1": {
        "title": "A grid search on a small budget",
        "question": "Run the exercise's grid search, `GridSearchCV(KNeighborsClassifier(), "
                    "[{\"weights\": [\"uniform\", \"distance\"], \"n_neighbors\": [3, 4, 5, 6]}], cv=3)`, "
                    "on the **first 2,000** training images only. What is the best mean validation accuracy "
                    "(`best_score_`)? Give it to 3 decimals (or as a percentage to 0.1 %).",
        "tutorial": "tutorials/16_exercise_knn_97.py",
    },
    "AUG.1": {
        "title": "Shifted copies, smaller scale",
        "question": "Augment the **first 5,000** training images with their four one-pixel shifts (left, "
                    "right, up, down; 25,000 images in all, originals included), train a default "
                    "`KNeighborsClassifier()` on them, and score it on the **first 2,000** test images. "
                    "What is its accuracy? Give it to 3 decimals (or as a percentage to 0.1 %).",
        "tutorial": "tutorials/17_exercise_augmentation.py",
    },
}
"""label -> ``{"title", "question", "tutorial"}``, in the order of the tutorials."""


def find_question(label: str) -> tuple[str, dict]:
    """``(label, words)`` of the flag called ``label``; case and spaces are ignored, as in ``get_flag``.

    Raises
    ------
    KeyError
        If no flag has that label; the message lists the labels that exist.
    """
    key = "".join(str(label).split()).upper()
    for known, words in QUESTIONS.items():
        if known.upper() == key:
            return known, words
    raise KeyError(f"No flag called {label!r}. Known flags: {', '.join(QUESTIONS)}. "
                   f"`python -m mnist_tutorials flags` lists them with their questions.")
