"""What a run config, a task file or CLI flags name: a ``ProviderSpec``, made by ``make_provider``.

Keys are read from environment variables only (``api_key_env``), never stored in configs. With
nothing configured, the spec names the embedded local model.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from alchemist.errors import LLMError
from alchemist.llm.anthropic import ANTHROPIC_BASE_URL, AnthropicProvider
from alchemist.llm.base import Provider
from alchemist.llm.embedded import DEFAULT_MODEL, EmbeddedProvider
from alchemist.llm.openai_compat import (
    LOOPBACK_HOSTS,
    OPENAI_BASE_URL,
    OpenAICompatProvider,
    key_from_env,
)

KINDS = ("embedded", "openai", "anthropic")
DEFAULT_KEY_ENV = {"openai": "OPENAI_API_KEY", "anthropic": "ANTHROPIC_API_KEY"}


@dataclass(frozen=True)
class ProviderSpec:
    """Which model to call and how.

    ``kind``: "embedded" (in-process GGUF model), "openai" (any OpenAI-compatible server at
    ``base_url``; default OpenAI's) or "anthropic". ``api_key_env`` names the environment variable
    holding the key (default ``OPENAI_API_KEY`` / ``ANTHROPIC_API_KEY``); the key is required for
    the official endpoints and optional elsewhere. ``concurrency`` is the number of calls in
    flight for batch stages (``complete_many``). ``slots`` is how many of them the embedded model
    decodes together (default 1: on a CPU one slot that keeps the prompts' shared head cached
    writes programs faster than several slots, which each read the head again;
    ``benchmarks/bench_parallel.py``). ``threads`` is the embedded model's CPU threads (default:
    the cores free when it loads, see ``free_cores``). ``draft`` turns on the embedded model's
    speculative decoding: "ngram" or a smaller model's name (see ``EmbeddedProvider``).
    """

    kind: str = "embedded"
    model: str = DEFAULT_MODEL
    base_url: str | None = None
    api_key_env: str | None = None
    timeout: float = 120.0
    max_retries: int = 5
    concurrency: int = 4
    slots: int = 1
    threads: int | None = None
    draft: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise LLMError(f"Unknown provider kind {self.kind!r}; expected one of {list(KINDS)}.")
        if not self.model:
            raise LLMError("A provider spec needs a model name.")
        if self.kind == "embedded" and (self.base_url or self.api_key_env):
            raise LLMError(
                "The embedded provider takes no base_url or api_key_env; use kind "
                "'openai' for a model server."
            )
        if self.threads is not None and (self.kind != "embedded" or self.threads < 1):
            raise LLMError(
                f"threads must be a positive count, for the embedded provider only; "
                f"got {self.threads} for {self.kind!r}."
            )
        if self.draft is not None and self.kind != "embedded":
            raise LLMError(
                f"draft (speculative decoding) is for the embedded provider only; "
                f"got it for {self.kind!r}."
            )
        if self.timeout <= 0 or self.max_retries < 0 or self.concurrency < 1 or self.slots < 1:
            raise LLMError(
                f"Need timeout > 0, max_retries >= 0, concurrency >= 1 and slots >= 1; got "
                f"{self.timeout}, {self.max_retries}, {self.concurrency}, {self.slots}."
            )

    @property
    def local(self) -> bool:
        """Whether calls cost nothing: the embedded model, or a server on this machine."""
        if self.kind == "embedded":
            return True
        return (
            self.kind == "openai"
            and self.base_url is not None
            and urlsplit(self.base_url).hostname in LOOPBACK_HOSTS
        )

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any]) -> ProviderSpec:
        """A spec from a config mapping, rejecting unknown settings."""
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise LLMError(
                f"Unknown provider setting(s) {unknown}; expected some of {sorted(known)}."
            )
        return cls(**raw)


def make_provider(spec: ProviderSpec) -> Provider:
    """The provider ``spec`` names. Raises ``LLMError`` when a required API key is missing."""
    if spec.kind == "embedded":
        return EmbeddedProvider(
            spec.model, threads=spec.threads, parallel=spec.slots, draft=spec.draft
        )
    default_url = OPENAI_BASE_URL if spec.kind == "openai" else ANTHROPIC_BASE_URL
    base_url = spec.base_url or default_url
    official = urlsplit(base_url).hostname == urlsplit(default_url).hostname
    key = key_from_env(
        spec.api_key_env or DEFAULT_KEY_ENV[spec.kind], required=official, provider=spec.kind
    )
    if spec.kind == "openai":
        return OpenAICompatProvider(
            spec.model,
            base_url=base_url,
            api_key=key,
            timeout=spec.timeout,
            max_retries=spec.max_retries,
        )
    return AnthropicProvider(
        spec.model,
        base_url=base_url,
        api_key=key,
        timeout=spec.timeout,
        max_retries=spec.max_retries,
    )
