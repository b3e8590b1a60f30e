"""Concepts -> named scores: the ``ConceptScorer`` estimator.

``fit(items)`` grounds each concept in the extractor and learns, per concept, the distribution
of its raw measure over the training items; ``transform(items)`` gives a table with one column
per concept name holding scores in [0, 1]: the fraction of training items with a lower raw
measure (0.9 = stronger than 90% of the training items). Programs read these as
``scores["webbed feet"]``. Two kinds of extractor plug in:

- measuring extractors (``vocabulary()`` and ``measure(items)``, e.g. ``SignalExtractor``):
  each concept takes the measurement whose description is nearest to its own;
- embedding extractors (``embed(items)``, ``directions(texts)`` and
  ``score_embeddings(embeddings, texts)``, e.g. the ImageNet classifier or CLIP): items are
  embedded once; with ``roboshot`` the embeddings lose their spurious directions first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Self

import numpy as np
import pandas as pd

from alchemist.concepts.grounding import Encoder, minilm_encoder, nearest
from alchemist.concepts.robust import project
from alchemist.errors import ConceptError, NotFittedError
from alchemist.task import Concept

_QUANTILES = 1001


class ConceptScorer:
    """Scores items on named concepts with a local extractor."""

    def __init__(
        self,
        extractor: Any,
        concepts: Sequence[Concept],
        *,
        spurious: Sequence[Concept] = (),
        roboshot: bool = False,
        boost: float = 0.0,
        encoder: Encoder = minilm_encoder,
    ) -> None:
        self.extractor = extractor
        self.concepts = list(concepts)
        self.spurious = list(spurious)
        self.roboshot = roboshot
        self.boost = boost
        self.encoder = encoder

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.concepts]

    def fit(self, items: Sequence[Any]) -> Self:
        """Ground the concepts, then learn each one's distribution over ``items``."""
        self.ground()
        raw = self.raw_scores(items, fitted=False)
        quantiles = np.nanquantile(
            np.where(np.isfinite(raw), raw, np.nan), np.linspace(0, 1, _QUANTILES), axis=0
        ).T
        self.quantiles_ = np.nan_to_num(quantiles)
        return self

    def ground(self) -> Self:
        """Tie each concept to what the extractor measures (``grounding_``); no data needed."""
        if not self.concepts:
            raise ConceptError("There are no concepts to score; name some first.")
        if len(set(self.names)) != len(self.names):
            raise ConceptError(f"Concept names must be unique; got {self.names}.")
        if self.roboshot and not hasattr(self.extractor, "embed"):
            raise ConceptError(
                f"RoboShot needs an embedding extractor; the "
                f"{self.extractor.name!r} extractor measures, it does not embed."
            )
        if hasattr(self.extractor, "embed"):
            self.grounding_ = {c.name: self.extractor.describe(c.text()) for c in self.concepts}
            return self
        vocabulary = self.extractor.vocabulary()
        index, similarity = nearest(
            [c.text() for c in self.concepts], vocabulary, encoder=self.encoder
        )
        self.measure_index_ = index[:, 0]
        self.grounding_ = {
            c.name: {"measured_as": vocabulary[i], "similarity": round(float(s), 3)}
            for c, i, s in zip(self.concepts, index[:, 0], similarity[:, 0], strict=True)
        }
        return self

    def raw_scores(self, items: Sequence[Any], *, fitted: bool = True) -> np.ndarray:
        """(n, concepts) raw measures: a measurement, a class-probability mass or a cosine."""
        if fitted and not hasattr(self, "quantiles_"):
            raise NotFittedError("This ConceptScorer is not fitted yet; call fit first.")
        if not hasattr(self.extractor, "embed"):
            return self.extractor.measure(items)[:, self.measure_index_]
        return self.extractor.score_embeddings(
            self._embeddings(items), [c.text() for c in self.concepts]
        )

    def features(self, items: Sequence[Any]) -> np.ndarray | None:
        """What the distilled model reads beside the scores: the item embeddings (with
        ``roboshot``, without their spurious directions) or the extractor's ``features``
        (a signal's shape and measurements); None if the extractor has neither."""
        if hasattr(self.extractor, "embed"):
            return self._embeddings(items)
        return self.extractor.features(items) if hasattr(self.extractor, "features") else None

    def _embeddings(self, items: Sequence[Any]) -> np.ndarray:
        embeddings = self.extractor.embed(items)
        if self.roboshot:
            texts = [c.text() for c in self.spurious]
            if not texts:
                raise ConceptError(
                    "RoboShot is on but no spurious concept was named. Name "
                    "some (role: spurious) or turn RoboShot off."
                )
            embeddings = project(
                embeddings,
                self.extractor.directions(texts),
                self.extractor.directions([c.text() for c in self.concepts]),
                boost=self.boost,
            )
        return embeddings

    def transform(self, items: Sequence[Any]) -> pd.DataFrame:
        """One column per concept, scores in [0, 1] rounded to 3 decimals (NaN -> 0.5)."""
        raw = self.raw_scores(items)
        scores = np.full(raw.shape, 0.5)
        for j in range(raw.shape[1]):
            known = np.isfinite(raw[:, j])
            ranks = np.searchsorted(self.quantiles_[j], raw[known, j], side="right")
            scores[known, j] = ranks / _QUANTILES
        return pd.DataFrame(np.round(scores, 3), columns=self.names)


def zero_shot_predict(
    extractor: Any, class_texts: Sequence[str | Sequence[str]], items: Sequence[Any]
) -> np.ndarray:
    """The extractor's own zero-shot class indices: the class whose text scores highest
    (CLIP: cosine; classifier: probability mass of the ImageNet classes nearest the class).
    A class may come as several texts (RoboShot's group prompts: "a zero on water", "a zero
    on land"); it then scores as its best text."""
    if not hasattr(extractor, "embed"):
        raise ConceptError(
            f"The {extractor.name!r} extractor has no zero-shot prediction: its "
            "measurements are not class scores."
        )
    texts = [[t] if isinstance(t, str) else list(t) for t in class_texts]
    raw = extractor.score_embeddings(extractor.embed(items), [t for ts in texts for t in ts])
    owner = np.repeat(np.arange(len(texts)), [len(ts) for ts in texts])
    return np.argmax(
        np.stack([raw[:, owner == k].max(axis=1) for k in range(len(texts))], axis=1), axis=1
    )


__all__ = ["ConceptScorer", "zero_shot_predict"]
