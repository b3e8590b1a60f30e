"""The label model that learns from dev gold labels, and its cross-validated choice."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from alchemist.errors import LabelModelError, NotFittedError
from alchemist.labelmodels import StackedLabelModel, choose_label_model, make_label_model


def votes_with_a_liar(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two decent programs and three that mostly vote the wrong class."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    columns = []
    for accuracy in (0.8, 0.75, 0.2, 0.2, 0.25):
        right = rng.random(n) < accuracy
        vote = np.where(right, y, 1 - y)
        vote[rng.random(n) < 0.2] = -1
        columns.append(vote)
    return np.stack(columns, axis=1).astype(np.int8), y


def test_stacked_model_learns_that_liars_lie():
    L, y = votes_with_a_liar(3000, 0)
    L_dev, y_dev = votes_with_a_liar(200, 1)
    base = make_label_model("dawid_skene").fit(L, 2)
    stacked = StackedLabelModel(C=1.0).fit(L, 2, L_dev, y_dev)
    L_test, y_test = votes_with_a_liar(2000, 2)
    covered = (L_test >= 0).any(axis=1)
    ours = (stacked.predict(L_test)[covered] == y_test[covered]).mean()
    unsupervised = (base.predict(L_test)[covered] == y_test[covered]).mean()
    assert ours > unsupervised + 0.05
    # Dev accuracies say who lies; probabilities are probabilities.
    assert stacked.accuracies_[3] < 0.35 < 0.6 < stacked.accuracies_[0]
    proba = stacked.predict_proba(L_test)
    assert np.allclose(proba.sum(axis=1), 1) and proba.shape == (2000, 2)
    silent = np.full((1, 5), -1, dtype=np.int8)
    assert stacked.predict(silent)[0] == -1
    assert np.allclose(stacked.predict_proba(silent)[0], stacked.class_balance_)


def test_a_fit_that_does_not_converge_is_used_without_a_warning(monkeypatch):
    from sklearn.linear_model import LogisticRegression

    import alchemist.labelmodels._stacked as stacked_module

    def one_step(**kwargs):
        return LogisticRegression(**{**kwargs, "max_iter": 1})

    monkeypatch.setattr(stacked_module, "LogisticRegression", one_step)
    L, _ = votes_with_a_liar(500, 0)
    L_dev, y_dev = votes_with_a_liar(200, 1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        stacked = StackedLabelModel(C=1.0).fit(L, 2, L_dev, y_dev)
    assert stacked.predict_proba(L).shape == (500, 2)


def test_choice_is_cross_validated_and_picks_the_stacked_model_when_it_helps():
    L, _ = votes_with_a_liar(3000, 0)
    L_dev, y_dev = votes_with_a_liar(200, 1)
    choice = choose_label_model(L, L_dev, y_dev, 2, folds=5)
    assert choice.name == "stacked"
    assert "unsupervised (chosen on dev)" in choice.scores
    assert max(choice.scores, key=choice.scores.get).startswith("stacked")
    assert isinstance(choice.model, StackedLabelModel)


def test_choice_keeps_the_unsupervised_model_when_programs_are_honest():
    rng = np.random.default_rng(3)

    def honest(n: int) -> tuple[np.ndarray, np.ndarray]:
        y = rng.integers(0, 2, n)
        cols = [np.where(rng.random(n) < 0.85, y, 1 - y) for _ in range(7)]
        return np.stack(cols, axis=1).astype(np.int8), y

    L, _ = honest(2000)
    L_dev, y_dev = honest(60)
    choice = choose_label_model(L, L_dev, y_dev, 2)
    assert (
        choice.name != "stacked"
        or choice.scores[next(s for s in choice.scores if s.startswith("stacked"))]
        > choice.scores["unsupervised (chosen on dev)"]
    )


def test_few_dev_rows_fall_back_to_the_dev_choice_and_bad_input_is_refused():
    L, _ = votes_with_a_liar(500, 0)
    L_dev, y_dev = votes_with_a_liar(6, 1)
    choice = choose_label_model(L, L_dev, y_dev, 2, folds=5)
    assert choice.name != "stacked"
    with pytest.raises(LabelModelError, match="two"):
        StackedLabelModel().fit(L, 2, L_dev, np.zeros(6, dtype=int))
    with pytest.raises(LabelModelError, match="C must be positive"):
        StackedLabelModel(C=0)
    with pytest.raises(NotFittedError):
        StackedLabelModel().predict(L)
