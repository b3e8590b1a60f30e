"""The strongest simple reference, and the end model that never loses to it (do no harm)."""

from __future__ import annotations

from itertools import product

import numpy as np
import pandas as pd

from alchemist._util.numeric import stratified_folds
from alchemist.distill import BalancedLogistic, DistilledModel
from alchemist.distill import gold as gold_module
from alchemist.distill.candidates import best_scoring, choice_out_of_fold
from alchemist.distill.do_no_harm import clears_noise, out_of_fold_reference
from alchemist.distill.featurizers import make_featurizer
from alchemist.distill.gold import GoldSettings, fit_with_gold, versus_reference
from alchemist.distill.reference import cross_validated


def blobs(n: int, shares: tuple[float, ...], seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    y = rng.choice(len(shares), size=n, p=shares)
    centres = np.array([[0.0, 0.0], [1.2, 1.2], [-1.2, 1.2]])[: len(shares)]
    return centres[y] + rng.normal(size=(n, 2)), y


def test_balanced_weights_find_the_rare_class_and_C_comes_from_the_grid():
    X, y = blobs(300, (0.9, 0.1), 0)
    model = BalancedLogistic().fit(X, y, n_classes=2)
    assert model.C_ in model.C_grid
    test, truth = blobs(2000, (0.9, 0.1), 1)
    rare = model.predict(test)[truth == 1]
    # Unweighted, the rare class is almost never answered; balanced, most of it is found.
    assert (rare == 1).mean() > 0.6
    proba = model.predict_proba(test)
    assert proba.shape == (2000, 2) and np.allclose(proba.sum(axis=1), 1)


def test_a_class_missing_from_the_training_rows_is_never_answered():
    X, y = blobs(120, (0.5, 0.5), 0)
    model = BalancedLogistic().fit(X, y, n_classes=3)
    assert model.predict_proba(X).shape == (120, 3) and not (model.predict(X) == 2).any()
    alone = BalancedLogistic().fit(X[y == 0], y[y == 0], n_classes=3)
    assert (alone.predict(X) == 0).all()


def test_the_reference_saves_and_loads_as_a_distilled_model(tmp_path):
    frame = pd.DataFrame({"text": ["good fun", "great song", "bad noise", "awful spam"] * 10})
    gold = np.array([1, 1, 0, 0] * 10)
    model = DistilledModel(featurizer="tfidf", classifier="balanced_logistic").fit(
        frame, gold, n_classes=2
    )
    model.save(tmp_path / "m")
    again = DistilledModel.load(tmp_path / "m")
    assert again.classifier_.C_ == model.classifier_.C_  # type: ignore[attr-defined]
    assert np.allclose(again.predict_proba(frame), model.predict_proba(frame))


def test_the_reference_is_scored_out_of_fold():
    X, y = blobs(100, (0.5, 0.5), 0)
    X[:, 0] += np.arange(100) * 1e-3  # rows told apart
    assignment = stratified_folds(y, 5, 0)
    proba = cross_validated(X, y, assignment, n_classes=2)
    held = assignment == 0
    alone = BalancedLogistic().fit(X[~held], y[~held], n_classes=2)
    assert np.allclose(proba[held], alone.predict_proba(X[held]))


WORDS = {c: [f"w{c}x{i}" for i in range(60)] for c in (0, 1)}


def texts(n: int, seed: int) -> tuple[pd.DataFrame, np.ndarray]:
    """Two classes, each of 60 words of its own, two per row: 40 dev rows see few of them, so
    the dev labels alone miss most rows' words, and pseudolabels over many rows see them all."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    return pd.DataFrame({"text": [" ".join(rng.choice(WORDS[c], 2)) for c in y]}), y


def test_useless_programs_leave_the_reference_as_the_end_model():
    frame, y = texts(400, 0)
    dev, dev_y = texts(40, 1)
    useless = np.full((400, 2), 0.5)  # pseudolabels that say nothing
    fitted = fit_with_gold(
        frame, useless, dev, dev_y, n_classes=2, settings=GoldSettings(["tfidf"])
    )
    assert fitted.winner == "reference" and fitted.reference is not None
    assert fitted.model is fitted.reference.model is fitted.model.reference_
    assert fitted.model.classifier_.name == "balanced_logistic"
    predicted = fitted.model.dev_predictions_
    assert predicted is not None
    np.testing.assert_array_equal(predicted["distilled"], predicted["reference"])
    saved = fitted.to_dict()
    assert saved["end_model"] == "reference"
    assert "not beyond the noise on both counts" in saved["why"]
    assert saved["reference"]["featurizer"] == "tfidf"
    # Its probabilities are tempered by its own out-of-fold answers on dev.
    assert fitted.model.temperature_ != 1.0 and 1e-3 <= fitted.model.temperature_ <= 1e3


def test_the_text_reference_weighs_words_of_the_labeled_rows_alone(tmp_path):
    """A user's TF-IDF: fitted on the labeled rows, words only. The pseudolabeled rows' words
    (here 60 per class that no dev row holds) and word pairs would take most of each row's
    norm and leave the labeled words little weight."""
    frame, _ = texts(400, 0)
    frame["text"] += " " + pd.Series([f"only{i % 300} pool{i % 300}" for i in range(400)])
    dev, dev_y = texts(40, 1)
    fitted = fit_with_gold(
        frame, np.full((400, 2), 0.5), dev, dev_y, n_classes=2, settings=GoldSettings(["tfidf"])
    )
    assert fitted.reference is not None
    terms = set(fitted.reference.model.featurizer_.vectorizer_.vocabulary_)
    assert terms == {word for text in dev["text"] for word in text.split()}
    fitted.reference.model.save(tmp_path / "reference")
    again = DistilledModel.load(tmp_path / "reference")
    assert np.allclose(again.predict_proba(dev), fitted.reference.model.predict_proba(dev))


def test_the_reference_is_tempered_with_the_C_it_was_fitted_with(monkeypatch):
    """The folds may choose a C far from the one chosen on every dev row: the end model's
    temperature comes from out-of-fold answers at its own C. Here the folds would choose a
    sharp C = 100 and all 40 rows a flat C = 0.01 (answers near 0.5): tempered, the end model's
    confidence follows how often it is right on new rows."""
    own_choice = BalancedLogistic._choose_C

    def choose(self, X, y, k):
        if len(self.C_grid) == 1:
            return own_choice(self, X, y, k)
        return 0.01 if len(y) == 40 else 100.0

    monkeypatch.setattr(BalancedLogistic, "_choose_C", choose)
    frame, _ = texts(400, 0)
    dev, dev_y = texts(40, 1)
    test, test_y = texts(400, 2)
    fitted = fit_with_gold(
        frame, np.full((400, 2), 0.5), dev, dev_y, n_classes=2, settings=GoldSettings(["tfidf"])
    )
    assert fitted.winner == "reference" and fitted.reference is not None
    assert fitted.reference.C == 0.01
    untempered = fitted.model.classifier_.predict_proba(
        fitted.model.featurizer_.transform(test)
    ).max(axis=1)
    proba = fitted.model.predict_proba(test)
    accuracy = (proba.argmax(axis=1) == test_y).mean()
    assert untempered.mean() < 0.52 < accuracy - 0.05
    assert abs(proba.max(axis=1).mean() - accuracy) < 0.1


def test_programs_that_clearly_help_win_over_the_reference():
    frame, y = texts(400, 0)
    dev, dev_y = texts(40, 1)
    test, test_y = texts(300, 2)
    fitted = fit_with_gold(
        frame, np.eye(2)[y], dev, dev_y, n_classes=2, settings=GoldSettings(["tfidf"])
    )
    assert fitted.winner == "programs", fitted.versus_reference
    assert fitted.versus_reference["macro_f1_gain"] > fitted.versus_reference["standard_error"]
    assert fitted.model.reference_ is not None and fitted.model.reference_ is not fitted.model
    ours = (fitted.model.predict(test) == test_y).mean()
    theirs = (fitted.model.reference_.predict(test) == test_y).mean()
    assert ours > theirs + 0.1
    assert "is the end model" in fitted.to_dict()["why"]


def test_a_gain_within_its_noise_is_no_gain():
    gold = np.array([0, 1] * 25)
    assignment = stratified_folds(gold, 5, 0)
    same = versus_reference(gold, assignment, gold, gold, 2)
    assert same["macro_f1_gain"] == 0 and same["standard_error"] == 0
    better = versus_reference(gold, assignment, gold, np.where(assignment == 0, 1 - gold, gold), 2)
    assert better["macro_f1_gain"] > 0 and better["fold_gains"].count(0.0) == 4
    # One fold better, four equal: a gain of one standard error exactly, not beyond it.
    assert np.isclose(better["macro_f1_gain"], better["standard_error"])


def test_a_gain_must_clear_its_noise_on_both_counts():
    """The YouTube case at 50 labels: the best of twenty candidates cleared one standard error
    in macro-F1 by luck (+6.8, noise 5.7) while its accuracy gain did not (+5.9, noise 6.5),
    and it lost to the reference on the test split by 9 points."""
    lucky = {
        "macro_f1_gain": 0.068,
        "standard_error": 0.057,
        "accuracy_gain": 0.059,
        "accuracy_standard_error": 0.065,
    }
    assert not clears_noise(lucky)
    assert clears_noise({**lucky, "accuracy_gain": 0.07})
    assert not clears_noise({**lucky, "accuracy_gain": 0.07, "macro_f1_gain": 0.05})
    # Real out-of-fold predictions: better on every fold and every row it changes.
    gold = np.array([0, 1] * 50)
    assignment = stratified_folds(gold, 5, 0)
    worse = np.where(np.arange(100) % 5 == 0, 1 - gold, gold)
    assert clears_noise(versus_reference(gold, assignment, gold, worse, 2))
    assert not clears_noise(versus_reference(gold, assignment, worse, gold, 2))


def _lucky_candidates(gold: np.ndarray, draw: int, n: int = 20) -> dict[str, np.ndarray]:
    """``n`` candidates each right on a random 70% of the rows, as the reference is: none
    better than it but by luck."""
    rng = np.random.default_rng(draw)
    return {
        f"c{i}": np.eye(2)[np.where(rng.random(len(gold)) < 0.7, gold, 1 - gold)] * 0.6 + 0.2
        for i in range(n)
    }


def _best(proba: dict[str, np.ndarray], gold: np.ndarray) -> list[str]:
    return [best_scoring(proba, gold, 2)]


def test_the_gain_is_the_choices_not_the_luckiest_candidates():
    """The best of twenty candidates no better than the reference shows a gain of luck alone;
    the choice, each fold answered by the candidate chosen without it, shows none beyond its
    noise, and clears the noise rule no more often than chance lets an equal do."""
    gold = np.array([0, 1] * 25)
    assignment = stratified_folds(gold, 5, 0)
    gains: dict[str, list[float]] = {"chosen": [], "choice": []}
    cleared = {"chosen": 0, "choice": 0}
    for draw in range(100):
        rng = np.random.default_rng(1000 + draw)
        reference = np.where(rng.random(50) < 0.7, gold, 1 - gold)
        probas = _lucky_candidates(gold, draw)
        chosen = probas[_best(probas, gold)[0]].argmax(axis=1)
        choice = choice_out_of_fold(probas, gold, assignment, _best).argmax(axis=1)
        for name, ours in (("chosen", chosen), ("choice", choice)):
            versus = versus_reference(gold, assignment, ours, reference, 2)
            gains[name].append(versus["accuracy_gain"])
            cleared[name] += clears_noise(versus)
    assert np.mean(gains["chosen"]) > 0.1 and abs(np.mean(gains["choice"])) < 0.04, gains
    assert cleared["choice"] <= cleared["chosen"] / 2, cleared


def test_the_end_model_is_not_the_luckiest_of_many_candidates(monkeypatch):
    frame, _ = texts(200, 0)
    dev, dev_y = texts(50, 1)
    assignment = stratified_folds(dev_y, 5, 0)
    reference = np.eye(2)[np.where(np.arange(50) % 10 < 7, dev_y, 1 - dev_y)] * 0.6 + 0.2
    for draw in range(100):  # a draw whose best candidate beats the reference by luck
        lucky = _lucky_candidates(dev_y, draw, n=10)
        best = lucky[_best(lucky, dev_y)[0]].argmax(axis=1)
        versus = versus_reference(dev_y, assignment, best, reference.argmax(axis=1), 2)
        if clears_noise(versus):
            break
    shares = (0.0, 0.25, 0.5, 0.75, 1.0)
    grid = dict(zip(product(("mlp", "logistic"), shares), lucky.values(), strict=True))

    def scored(features, fold_softs, gold, folds, candidates, n_classes, settings):
        np.testing.assert_array_equal(folds, assignment)
        return {c: grid[c] for c in candidates}, {}

    monkeypatch.setattr(gold_module, "cross_validate", scored)
    monkeypatch.setattr(gold_module, "cross_validated", lambda *a, **k: reference)
    fitted = fit_with_gold(
        frame,
        np.full((200, 2), 0.5),
        dev,
        dev_y,
        n_classes=2,
        settings=GoldSettings(["tfidf"], averaged=1),
    )
    assert fitted.winner == "reference", fitted.versus_reference


def test_the_reference_out_of_fold_says_which_dev_rows_the_labels_alone_miss():
    """Rows that share their class's word are taught by the other labels; a row labeled against
    its word is not (the search shows such rows to the programs)."""
    text = [f"alpha x{i}" for i in range(20)] + [f"beta y{i}" for i in range(20)]
    text += ["alpha z1", "beta z2"]
    gold = np.array([0] * 20 + [1] * 20 + [1, 0])
    frame = pd.DataFrame({"text": text})
    proba = out_of_fold_reference(frame, gold, n_classes=2, featurizers=["tfidf"], seed=0)
    assert proba is not None and proba.shape == (42, 2)
    assert np.allclose(proba.sum(axis=1), 1.0)
    on_gold = proba[np.arange(42), gold]
    assert (on_gold[:40] > 0.5).all() and (on_gold[40:] < 0.5).all()
    # Each row answered by a model fitted on the other folds' rows, on words of the dev rows.
    X = make_featurizer("tfidf", ngram_range=(1, 1)).fit(frame).transform(frame)
    folds = stratified_folds(gold, 5, 0)
    assert np.allclose(proba, cross_validated(X, gold, folds, n_classes=2, seed=0))
    lonely = np.array([0] * 20 + [1] * 20 + [1, 2])  # a class with one row: no folds
    assert out_of_fold_reference(frame, lonely, n_classes=3, featurizers=["tfidf"]) is None
