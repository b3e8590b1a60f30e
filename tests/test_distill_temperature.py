"""The distilled model's temperature: probabilities that match how often it is right."""

from __future__ import annotations

import numpy as np
import pandas as pd

from alchemist.distill import DistilledModel
from alchemist.distill.model import fit_class_bias, fit_temperature, shifted, tempered
from alchemist.labels.calibration import calibration


def overconfident(n: int, power: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Gold labels drawn from calibrated probabilities, and those probabilities sharpened."""
    rng = np.random.default_rng(seed)
    calibrated = rng.dirichlet([1.0, 1.0, 1.0], size=n)
    gold = np.array([rng.choice(3, p=p) for p in calibrated])
    sharp = calibrated**power
    return sharp / sharp.sum(axis=1, keepdims=True), gold


def test_the_temperature_undoes_overconfidence_without_changing_a_prediction():
    proba, gold = overconfident(3000, 3.0, 0)
    temperature = fit_temperature(proba, gold)
    assert 2.5 < temperature < 3.5
    fixed = tempered(proba, temperature)
    assert np.array_equal(fixed.argmax(axis=1), proba.argmax(axis=1))
    assert np.allclose(fixed.sum(axis=1), 1.0)
    test, test_gold = overconfident(3000, 3.0, 1)
    before = calibration(test, test_gold)["ece"]
    after = calibration(tempered(test, temperature), test_gold)["ece"]
    assert after < 0.04 and before > 0.1, (before, after)
    shy, shy_gold = overconfident(3000, 0.5, 2)
    assert 0.35 < fit_temperature(shy, shy_gold) < 0.7


def test_the_temperature_is_saved_with_the_model(tmp_path):
    frame = pd.DataFrame({"text": ["good fun", "great song", "bad noise", "awful spam"] * 10})
    gold = np.array([1, 1, 0, 0] * 10)
    model = DistilledModel(featurizer="tfidf", classifier="logistic").fit(frame, gold, n_classes=2)
    raw = model.predict_proba(frame)
    model.temperature_ = 4.0
    assert np.array_equal(model.predict(frame), raw.argmax(axis=1))
    assert np.abs(model.predict_proba(frame) - 0.5).max() < np.abs(raw - 0.5).max()
    model.save(tmp_path / "m")
    again = DistilledModel.load(tmp_path / "m")
    assert again.temperature_ == 4.0
    assert np.allclose(again.predict_proba(frame), model.predict_proba(frame))


def test_class_biases_make_the_answers_take_the_stated_shares(tmp_path):
    """Probabilities that lean to class 0 (answered for ~70% of rows) take the shares 0.2, 0.3,
    0.5 once shifted; each row's probabilities still sum to one, and the shift is saved."""
    rng = np.random.default_rng(0)
    proba = rng.dirichlet([1.0, 1.0, 1.0], size=4000) * [6.0, 1.0, 1.0]
    proba /= proba.sum(axis=1, keepdims=True)
    assert np.bincount(proba.argmax(axis=1))[0] / 4000 > 0.6
    bias = fit_class_bias(proba, [0.2, 0.3, 0.5])
    moved = shifted(proba, bias)
    np.testing.assert_allclose(np.bincount(moved.argmax(axis=1)) / 4000, [0.2, 0.3, 0.5], atol=0.01)
    assert np.allclose(moved.sum(axis=1), 1.0)
    frame = pd.DataFrame({"text": ["good fun", "great song", "bad noise", "awful spam"] * 10})
    gold = np.array([1, 1, 0, 0] * 10)
    model = DistilledModel(featurizer="tfidf", classifier="logistic").fit(frame, gold, n_classes=2)
    model.class_bias_ = np.array([3.0, -3.0])
    assert (model.predict(frame) == 0).all()
    model.save(tmp_path / "m")
    again = DistilledModel.load(tmp_path / "m")
    np.testing.assert_array_equal(again.class_bias_, [3.0, -3.0])
    assert np.allclose(again.predict_proba(frame), model.predict_proba(frame))
