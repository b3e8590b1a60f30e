"""A fixed-memory text featurizer: hashed word n-grams, nothing learned.

``HashingFeaturizer`` ("hashing") maps word (1, 2)-grams to ``n_features`` columns by a hash, with
sublinear term frequency and rows scaled to unit length. It keeps no vocabulary, so its memory is
the same for a thousand rows or a billion, any chunk can be featurized alone, and the chunks of a
stream get the same columns: the featurizer of streamed distillation (``alchemist.scale``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

from alchemist.distill.featurizers import FEATURIZERS, Featurizer, _texts


class HashingFeaturizer(Featurizer):
    """Hashed word n-grams, log-scaled counts, L2-normalised rows; sparse float32 output."""

    name = "hashing"

    def __init__(
        self,
        *,
        columns: Sequence[str] | None = None,
        n_features: int = 1 << 18,
        ngram_range: tuple[int, int] = (1, 2),
        lowercase: bool = True,
    ) -> None:
        super().__init__(columns=columns)
        self.n_features = n_features
        self.ngram_range = ngram_range
        self.lowercase = lowercase

    def get_params(self) -> dict[str, Any]:
        return {
            **super().get_params(),
            "n_features": self.n_features,
            "ngram_range": list(self.ngram_range),
            "lowercase": self.lowercase,
        }

    def _fit(self, frame: pd.DataFrame) -> None:
        """Nothing to learn: the columns are fixed by the hash."""

    def _transform(self, frame: pd.DataFrame) -> sparse.csr_matrix:
        vectorizer = HashingVectorizer(
            n_features=self.n_features,
            ngram_range=tuple(self.ngram_range),
            lowercase=self.lowercase,
            alternate_sign=False,
            norm=None,
            dtype=np.float32,
        )
        counts = vectorizer.transform(_texts(frame)).tocsr()
        np.log1p(counts.data, out=counts.data)
        norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.csr_matrix(sparse.diags(1.0 / norms).astype(np.float32) @ counts)


FEATURIZERS[HashingFeaturizer.name] = HashingFeaturizer  # found by name like the others
