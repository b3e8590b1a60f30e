"""Text similarity between concepts and what an extractor can measure (its vocabulary).

A classifier knows 1000 ImageNet classes, a signal extractor knows a few dozen measurements:
each concept is grounded in the vocabulary entries whose descriptions are nearest to its own,
by cosine similarity of sentence embeddings from the packaged all-MiniLM-L6-v2 (the same model
``distill.featurizers`` uses; embeddings are cached on disk by content).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from alchemist.distill.featurizers import SentenceEmbeddingFeaturizer

Encoder = Callable[[Sequence[str]], np.ndarray]


def minilm_encoder(texts: Sequence[str]) -> np.ndarray:
    """Unit-length MiniLM embeddings of ``texts`` (cached on disk by content)."""
    featurizer = SentenceEmbeddingFeaturizer(columns=["text"])
    frame = pd.DataFrame({"text": list(texts)})
    return np.asarray(featurizer.fit(frame).transform(frame), dtype=np.float32)


def nearest(
    queries: Sequence[str],
    vocabulary: Sequence[str],
    *,
    k: int = 1,
    encoder: Encoder = minilm_encoder,
) -> tuple[np.ndarray, np.ndarray]:
    """Indices (q, k) of the ``k`` vocabulary entries nearest each query, and similarities."""
    similarity = encoder(list(queries)) @ encoder(list(vocabulary)).T
    order = np.argsort(-similarity, axis=1, kind="stable")[:, :k]
    return order, np.take_along_axis(similarity, order, axis=1)


__all__ = ["Encoder", "minilm_encoder", "nearest"]
