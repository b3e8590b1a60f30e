"""ConceptScorer: grounding, quantile scores in [0, 1], RoboShot on embedding extractors."""

from __future__ import annotations

import numpy as np
import pytest

from alchemist.concepts.robust import project, spurious_basis
from alchemist.concepts.scoring import ConceptScorer, zero_shot_predict
from alchemist.concepts.signals import SignalExtractor
from alchemist.errors import ConceptError, NotFittedError
from alchemist.task import Concept


def _word_encoder(texts):
    """A bag-of-words stand-in for MiniLM: enough to ground 'tall spike' in 'peak height'."""
    words = ["peak", "height", "tall", "spike", "interval", "width", "wide", "trend", "level"]
    synonyms = {"tall": "height", "spike": "peak", "wide": "width"}
    out = np.zeros((len(texts), len(words)))
    for i, text in enumerate(texts):
        for w in text.lower().replace(":", " ").split():
            w = synonyms.get(w, w)
            if w in words:
                out[i, words.index(w)] += 1
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms > 0, norms, 1)


def test_signal_concepts_ground_in_measurements_and_score_by_rank() -> None:
    items = [np.r_[np.zeros(10), h, np.zeros(10)] for h in (1.0, 2.0, 3.0, 4.0)]
    scorer = ConceptScorer(
        SignalExtractor(), [Concept("tall spike", "a high spike")], encoder=_word_encoder
    ).fit(items)
    assert scorer.grounding_["tall spike"]["measured_as"].startswith("peak height")
    scores = scorer.transform(items + [np.r_[np.zeros(10), 9.0, np.zeros(10)]])
    assert list(scores.columns) == ["tall spike"]
    assert scores["tall spike"].is_monotonic_increasing
    assert scores["tall spike"].between(0, 1).all() and scores["tall spike"].iloc[-1] == 1.0


def test_unscorable_items_get_the_middle_score() -> None:
    scorer = ConceptScorer(SignalExtractor(), [Concept("peak height")], encoder=_word_encoder).fit(
        [[0, 1, 0, 0, 0], [0, 2, 0, 0, 0]]
    )
    assert scorer.transform([[1, 2]])["peak height"].tolist() == [0.5]


def test_misuse_and_bad_settings_raise_clear_errors() -> None:
    with pytest.raises(NotFittedError):
        ConceptScorer(SignalExtractor(), [Concept("a")]).transform([[1, 2, 3, 4]])
    with pytest.raises(ConceptError, match="no concepts"):
        ConceptScorer(SignalExtractor(), []).fit([[1, 2, 3, 4]])
    with pytest.raises(ConceptError, match="embedding extractor"):
        ConceptScorer(SignalExtractor(), [Concept("a")], roboshot=True).fit([[1, 2, 3, 4]])
    with pytest.raises(ConceptError, match="no zero-shot"):
        zero_shot_predict(SignalExtractor(), ["a", "b"], [[1, 2, 3, 4]])


class _AxisExtractor:
    """Items are 2-D embeddings already; concept texts map to fixed directions."""

    name = "axes"
    DIRECTIONS = {
        "object": [1.0, 0.0],
        "background: water": [0.6, 0.8],
        "background: land": [0.6, -0.8],
    }

    def get_params(self):
        return {}

    def describe(self, text):
        return {"direction": self.DIRECTIONS[text]}

    def embed(self, items):
        return np.asarray(items, dtype=float)

    def directions(self, texts):
        return np.array([self.DIRECTIONS[t] for t in texts])

    def score_embeddings(self, embeddings, texts):
        unit = embeddings / np.linalg.norm(embeddings, axis=1, keepdims=True)
        return unit @ self.directions(texts).T


def test_roboshot_removes_the_spurious_direction_before_scoring() -> None:
    # Two items: one leans to the water background, the other to land; both show the object
    # equally. Without RoboShot the background sways the object score; with it, it does not.
    items = [[1.0, 0.9], [1.0, -0.2]]
    concepts = [Concept("object")]
    spurious = [
        Concept("background", "water", "spurious"),
        Concept("background", "land", "spurious"),
    ]
    plain = ConceptScorer(_AxisExtractor(), concepts).fit(items)
    robust = ConceptScorer(_AxisExtractor(), concepts, spurious=spurious, roboshot=True).fit(items)
    raw_plain, raw_robust = plain.raw_scores(items)[:, 0], robust.raw_scores(items)[:, 0]
    assert abs(raw_plain[0] - raw_plain[1]) > 0.1
    assert raw_robust == pytest.approx([1.0, 1.0])
    # The distilled model's features are the embeddings, without the spurious directions too.
    assert plain.features(items) == pytest.approx(np.asarray(items))
    water, land = (
        np.array(_AxisExtractor.DIRECTIONS[f"background: {b}"]) for b in ("water", "land")
    )
    assert robust.features(items) @ (water - land) == pytest.approx([0.0, 0.0], abs=1e-9)
    with pytest.raises(ConceptError, match="no spurious concept"):
        ConceptScorer(_AxisExtractor(), concepts, roboshot=True).fit(items)


def test_group_prompts_score_a_class_by_its_best_group_text() -> None:
    # With one text per class the item leaning to land goes to "object"; given the second
    # class as two group prompts (water, land), its "land" text wins that item.
    items = [[0.2, 0.9], [0.2, -0.9]]
    assert list(zero_shot_predict(_AxisExtractor(), ["object", "background: water"], items)) == [
        1,
        0,
    ]
    grouped = [["object"], ["background: water", "background: land"]]
    assert list(zero_shot_predict(_AxisExtractor(), grouped, items)) == [1, 1]


def test_projection_keeps_norms_and_boosts_helpful_directions() -> None:
    embeddings = np.array([[3.0, 4.0, 1.0]])
    spurious = np.array([[0.0, 1.0, 0.0], [0.0, -1.0, 0.0]])
    helpful = np.array([[1.0, 0.0, 0.0]])
    basis = spurious_basis(spurious, helpful)
    assert basis.shape == (1, 3) and abs(basis[0, 1]) == pytest.approx(1.0)
    out = project(embeddings, spurious, helpful)
    assert out[0, 1] == pytest.approx(0.0)
    assert np.linalg.norm(out) == pytest.approx(np.linalg.norm(embeddings))
    boosted = project(embeddings, spurious, helpful, boost=1.0)
    assert boosted[0, 0] / boosted[0, 2] > out[0, 0] / out[0, 2]
