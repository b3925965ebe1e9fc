"""The course's predict-then-reveal questions, as data (rendered by :mod:`mnist_tutorials.plotting.questions`).

Each question sits on one tutorial page *before* the result it asks about. The page calls
``predict_then_reveal(id)`` where the question goes, and, after computing the result, ``check_answer(id,
holds)`` in a hidden cell, where ``holds`` is the page's own test of ``check`` (the fact that makes ``answer``
right): the build fails the day the page's numbers stop supporting the answer. Every
option carries its own explanation, shown when the reader picks it. ``tests/test_questions.py`` checks that each
page asks and checks its questions, in that order.
"""

QUESTIONS = {
    "TRADEOFF.recall": {
        "page": "tutorials/03_precision_recall_tradeoff.py",
        "question": "We are about to raise the 5-detector's threshold from 0 until precision reaches 90%. "
                    "What will happen to recall?",
        "options": [
            ("It rises.", "A higher threshold can only remove positive predictions; it never adds a detected 5, "
                          "so recall cannot rise."),
            ("It falls.", "Every 5 whose score lies between 0 and the new threshold is now missed, and recall "
                          "counts exactly those: it can only fall (or stay, if no 5 scores in between)."),
            ("It stays the same.", "It would only stay if no 5 scored between the two thresholds; the 5s are "
                                   "spread over that range, so some are lost."),
        ],
        "answer": 1,
        "check": "recall at the threshold that reaches 90% precision (above 0) is below recall at 0",
    },
    "TRADEOFF.cost": {
        "page": "tutorials/03_precision_recall_tradeoff.py",
        "question": "Set the explorer's cost control so that a missed 5 costs as much as 5 false alarms. Will its "
                    "cheapest threshold be above or below `predict`'s threshold, 0?",
        "options": [
            ("Above 0: flag fewer images.", "Flagging fewer images saves false alarms but misses more 5s, "
                                            "and each miss now costs five times as much."),
            ("Below 0: flag more images.", "Misses are the dear mistake, so it pays to flag more: a lower "
                                           "threshold trades cheap false alarms for expensive misses."),
            ("Exactly 0.", "0 is where the SGD model's training put the boundary; it knows nothing about "
                           "what the mistakes cost."),
        ],
        "answer": 1,
        "check": "with a missed 5 worth 5 false alarms, the cheapest of the explorer's thresholds is below 0",
    },
    "TRADEOFF.base_rate": {
        "page": "tutorials/03_precision_recall_tradeoff.py",
        "question": "If 5s made up only 1% of the images (far fewer than in MNIST), which of these would "
                    "change at a fixed threshold?",
        "options": [
            ("Recall.", "Recall is a share of the 5s only: the same 5s are found, however many non-5s "
                        "there are."),
            ("The false positive rate.", "The false positive rate is a share of the non-5s only, so it does "
                                         "not change either: the ROC curve stays put."),
            ("Precision.", "Precision compares the 5s found with the non-5s flagged, two different classes: "
                           "with fewer 5s, the same false positive rate means more false alarms per 5."),
        ],
        "answer": 2,
        "check": "reweighting the threshold-0 counts to 1% of 5s changes precision and leaves recall and the false positive rate as they were",
    },
    "FOREST.calibration": {
        "page": "tutorials/05_random_forest_detector.py",
        "question": "The forest gives some images a 50–60% chance of being a 5. What share of those images "
                    "are really 5s?",
        "options": [
            ("Less than 50%.", "That would be an over-confident model. The forest is the opposite: its "
                               "probabilities are pulled towards the middle."),
            ("About 55%, as announced.", "That is what a calibrated model would give. A random forest's "
                                         "probabilities are averages of tree votes, and they are not calibrated."),
            ("More than 60%.", "The forest is under-confident: a probability near 1 needs almost every tree to "
                               "agree, so many real 5s get only a middling probability."),
        ],
        "answer": 2,
        "check": "more than 60% of the images the forest gives 50-60% are 5s",
    },
    "FOREST.f1": {
        "page": "tutorials/05_random_forest_detector.py",
        "question": "At their default thresholds, which detector has the higher F1 score?",
        "options": [
            ("SGD.", "SGD is a single linear boundary: one weight per pixel cannot follow the many ways of "
                     "writing a 5."),
            ("The random forest.", "Its trees combine pixel tests, so it catches more 5s with fewer false "
                                   "alarms: both precision and recall are higher."),
            ("They tie.", "They are very different models, and their errors differ a lot."),
        ],
        "answer": 1,
        "check": "the forest's F1 at probability 0.5 is above SGD's at score 0",
    },
    "FOREST.balance": {
        "page": "tutorials/05_random_forest_detector.py",
        "question": "Keep every 5 and only as many non-5s, so half the images are 5s. Which summary will "
                    "change: ROC AUC or average precision?",
        "options": [
            ("ROC AUC.", "The ROC AUC is the chance that a random 5 outscores a random non-5: removing non-5s "
                         "at random does not change that chance."),
            ("Average precision.", "Average precision is the area under the PR curve, and precision depends on "
                                   "how many non-5s there are to raise false alarms."),
            ("Both, equally.", "Only one of them mixes the two classes in one ratio."),
        ],
        "answer": 1,
        "check": "balancing the classes moves average precision more than five times as much as ROC AUC",
    },
    "FASHION.sandal_scores": {
        "page": "tutorials/12_fashion_sandal_detector.py",
        "question": "The network's sandal probability for each validation image: will most of them be spread "
                    "between 0.1 and 0.9, or squeezed near 0 and 1?",
        "options": [
            ("Spread between 0.1 and 0.9.", "A softmax trained with cross-entropy is pushed to be sure: the "
                                            "loss keeps falling as the right class's probability nears 1."),
            ("Squeezed near 0 and 1.", "Cross-entropy rewards confident answers, and most images are easy: "
                                       "only a small share of them get a middling sandal probability."),
        ],
        "answer": 1,
        "check": "fewer than half of the validation images get a sandal probability between 0.1 and 0.9",
    },
}
