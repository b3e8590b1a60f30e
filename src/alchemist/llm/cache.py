"""A persistent response cache: a re-run with the same requests is free and reproducible.

One JSON file per request under ``folder/<2 hex>/<64 hex>.json``, keyed by the SHA-256 of
(provider name, endpoint, model, messages, sampling parameters incl. seed). Files are written
atomically (temporary file + rename), so threads and concurrent runs can share a folder, and a
run killed midway keeps every answer it had paid for.

Identical requests share one entry: to draw several samples from one prompt, vary ``seed``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from alchemist.llm.base import Completion, Message, Provider, ProviderWrapper, SamplingParams

CACHE_FORMAT = 1


def request_key(provider: Provider, messages: list[Message], params: SamplingParams) -> str:
    """The cache key of one request: a hex SHA-256 of everything that shapes the answer."""
    material = {
        "format": CACHE_FORMAT,
        "provider": provider.name,
        "endpoint": getattr(provider, "endpoint", None),
        "model": provider.model,
        "messages": messages,
        "params": params.to_dict(),
    }
    blob = json.dumps(material, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()


class ResponseCache:
    """Completions on disk under ``folder``, looked up by ``request_key``."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def get(self, key: str) -> Completion | None:
        """The stored completion for ``key`` (marked ``cached``), or None; unreadable = miss."""
        try:
            record = json.loads(self._path(key).read_text(encoding="utf-8"))
            return Completion(**{**record["completion"], "cached": True})
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, completion: Completion, request: dict[str, Any]) -> None:
        """Store ``completion`` for ``key``, with the ``request`` it answered (for audit)."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        record = {
            "request": request,
            "completion": {**dataclasses.asdict(completion), "cached": False},
        }
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(record, f, ensure_ascii=False)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def __len__(self) -> int:
        return sum(1 for _ in self.folder.glob("*/*.json"))

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"


class CachedProvider(ProviderWrapper):
    """``inner`` behind ``cache``: a hit returns the stored completion (``cached=True``) without
    calling ``inner``; a miss calls it and stores the answer at once.

    ``bypass=True`` never reads the cache but still writes fresh answers to it (a refresh).
    Failed calls are not cached.
    """

    def __init__(self, inner: Provider, cache: ResponseCache, *, bypass: bool = False) -> None:
        super().__init__(inner)
        self.cache = cache
        self.bypass = bypass

    def lookup(self, messages: list[Message], params: SamplingParams) -> Completion | None:
        """The cached answer to this request, or None (always None when bypassing)."""
        if self.bypass:
            return None
        return self.cache.get(request_key(self.inner, messages, params))

    def complete(self, messages: list[Message], params: SamplingParams) -> Completion:
        hit = self.lookup(messages, params)
        if hit is not None:
            return hit
        completion = self.inner.complete(messages, params)
        request = {
            "provider": self.inner.name,
            "endpoint": self.endpoint,
            "model": self.inner.model,
            "messages": messages,
            "params": params.to_dict(),
        }
        self.cache.put(request_key(self.inner, messages, params), completion, request)
        return completion
