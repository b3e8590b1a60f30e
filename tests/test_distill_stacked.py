"""The end model for a few labels: the programs' model and the reference, weighed by the labels."""

from __future__ import annotations

import numpy as np
import pandas as pd

from alchemist.distill import BalancedLogistic, DistilledModel, StackedClassifier, fit_stacked


def data(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two classes told apart by the first feature, 20 features of noise beside it."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, size=n)
    X = rng.normal(size=(n, 21))
    X[:, 0] += 2.0 * y - 1.0
    return X, y


def soft(y: np.ndarray, accuracy: float, seed: int) -> np.ndarray:
    """Pseudolabels right on ``accuracy`` of the rows, confident either way."""
    rng = np.random.default_rng(seed)
    said = np.where(rng.random(len(y)) < accuracy, y, 1 - y)
    return np.where(said[:, None] == np.arange(2), 0.9, 0.1)


def test_good_programs_carry_a_handful_of_labels():
    X, y = data(2000, 0)
    X_gold, y_gold = data(12, 1)
    X_test, y_test = data(2000, 2)
    stacked = StackedClassifier().fit(X, soft(y, 0.9, 3), X_dev=X_gold, y_dev=y_gold)
    reference = BalancedLogistic().fit(X_gold, y_gold, n_classes=2)
    ours = (stacked.predict(X_test) == y_test).mean()
    alone = (reference.predict(X_test) == y_test).mean()
    assert stacked.weights_[0] > stacked.weights_[1]
    assert ours > alone + 0.02, (ours, alone)


def test_programs_that_are_wrong_get_no_weight_and_the_reference_decides():
    X, y = data(2000, 0)
    X_gold, y_gold = data(40, 1)
    X_test, y_test = data(2000, 2)
    stacked = StackedClassifier().fit(X, soft(y, 0.1, 3), X_dev=X_gold, y_dev=y_gold)
    reference = BalancedLogistic().fit(X_gold, y_gold, n_classes=2)
    assert 0 <= stacked.weights_[0] < 0.05 < stacked.weights_[1]
    ours = (stacked.predict(X_test) == y_test).mean()
    alone = (reference.predict(X_test) == y_test).mean()
    assert ours > 0.75 and ours >= alone - 0.02, (ours, alone)


def test_labels_neither_model_answers_well_do_not_leave_a_constant_classifier():
    X, y = data(2000, 0)
    X_gold, _ = data(10, 1)
    y_gold = np.array([0, 1] * 5)  # labels unrelated to the features
    stacked = StackedClassifier().fit(X, soft(y, 0.9, 3), X_dev=X_gold, y_dev=y_gold)
    X_test, _ = data(2000, 2)
    assert max(stacked.shares_) > 0.1
    assert 0.2 < stacked.predict(X_test).mean() < 0.8  # both classes answered


def test_two_labels_of_a_rare_class_do_not_make_it_the_common_answer():
    """Class-balanced, two labels of a class seen on one row in ten weigh as much as eighteen of
    the other; the bias must not turn that into answering it on half the rows."""
    rng = np.random.default_rng(0)
    y = (rng.random(3000) < 0.1).astype(int)
    X = rng.normal(size=(3000, 21))
    X[:, 0] += 1.5 * (2 * y - 1)
    pseudo = soft(y, 0.9, 3)
    rates = []
    for seed in range(6):
        pick = np.random.default_rng(seed)
        gold_rows = np.concatenate(
            [
                pick.choice(np.flatnonzero(y == 1), 2, replace=False),
                pick.choice(np.flatnonzero(y == 0), 18, replace=False),
            ]
        )
        stacked = StackedClassifier().fit(X, pseudo, X_dev=X[gold_rows], y_dev=y[gold_rows])
        rates.append(stacked.predict(X).mean())
    assert max(rates) < 0.3, rates


def test_without_two_labels_of_each_class_the_programs_decide():
    X, y = data(500, 0)
    X_gold, y_gold = X[:10], np.array([0] * 9 + [1])
    stacked = StackedClassifier().fit(X, soft(y, 0.9, 3), X_dev=X_gold, y_dev=y_gold)
    assert list(stacked.weights_) == [1.0, 0.0]
    programs = stacked.members_[0]
    assert np.array_equal(stacked.predict(X), programs.predict(X))


def test_the_stacked_model_saves_loads_and_keeps_its_reference(tmp_path):
    words = ["good fun", "great song", "bad noise", "awful spam"]
    frame = pd.DataFrame({"text": words * 25})
    pseudo = np.tile([[0.2, 0.8], [0.3, 0.7], [0.8, 0.2], [0.9, 0.1]], (25, 1))
    gold_frame = pd.DataFrame({"text": words * 3 + ["unknown"]})
    gold = np.array([1, 1, 0, 0] * 3 + [-1])
    model = fit_stacked(frame, pseudo, gold_frame, gold, n_classes=2, featurizer="tfidf")
    assert model.classifier_.name == "stacked" and model.reference_ is not None
    assert model.temperature_ != 1.0  # fitted on the gold rows' combined answers
    assert model.reference_.classifier_ is model.classifier_.members_[1]  # type: ignore[attr-defined]
    model.save(tmp_path / "m")
    again = DistilledModel.load(tmp_path / "m")
    assert np.allclose(again.predict_proba(frame), model.predict_proba(frame))
    assert list(again.predict(pd.DataFrame({"text": ["great fun", "awful noise"]}))) == [1, 0]


def test_the_reference_is_judged_on_each_label_by_a_reference_trained_on_all_the_others():
    """Its weight is learned from answers as strong as the reference that answers new rows:
    each gold row's from the reference trained on every other gold row, at its C."""
    X, y = data(500, 0)
    X_gold, y_gold = data(14, 1)
    stacked = StackedClassifier().fit(X, soft(y, 0.7, 3), X_dev=X_gold, y_dev=y_gold)
    reference = stacked.members_[1]
    programs = np.log(np.maximum(stacked.members_[0].predict_proba(X_gold), 1e-9))
    for row in (0, 7, 13):
        others = np.arange(14) != row
        alone = BalancedLogistic(C_grid=(reference.C_,)).fit(
            X_gold[others], y_gold[others], n_classes=2
        )
        answer = np.log(np.maximum(alone.predict_proba(X_gold[[row]]), 1e-9))[0]
        logits = stacked.weights_[0] * programs[row] + stacked.weights_[1] * answer
        expected = np.exp(logits + stacked.bias_ - (logits + stacked.bias_).max())
        np.testing.assert_allclose(stacked.gold_proba_[row], expected / expected.sum())


def test_a_shy_reference_that_is_mostly_right_is_not_drowned_by_confident_programs():
    """Twenty labels: the reference's C comes out small and it answers barely above one half,
    right on most rows; the programs' model is sure of a skewed rule. Weighed on the scale at
    which each is right, the end model follows the reference, where on the raw scale an
    equal share left it to the programs (about 4 points lower)."""
    X, y = data(2000, 0)
    X_test, y_test = data(2000, 2)
    said = (X[:, 0] + 2.0 * X[:, 1] > 0).astype(int)  # the programs' rule, not the truth
    pseudo = np.where(said[:, None] == np.arange(2), 0.9, 0.1)
    ours, alone = [], []
    for seed in range(6):
        X_gold, y_gold = data(20, 10 + seed)
        reference = BalancedLogistic().fit(X_gold, y_gold, n_classes=2)
        if reference.C_ != min(reference.C_grid):
            continue
        stacked = StackedClassifier().fit(X, pseudo, X_dev=X_gold, y_dev=y_gold)
        ours.append((stacked.predict(X_test) == y_test).mean())
        alone.append((reference.predict(X_test) == y_test).mean())
    assert len(ours) >= 3
    assert np.mean(ours) > np.mean(alone) - 0.015, (ours, alone)
