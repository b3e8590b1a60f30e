"""One provider interface for every model: ``complete(messages, params) -> Completion``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Protocol, runtime_checkable

Message = dict[str, str]  # {"role": "system" | "user" | "assistant", "content": "..."}


@dataclass(frozen=True)
class SamplingParams:
    """Sampling settings. Small code models loop under greedy decoding: keep some temperature
    and a repeat penalty."""

    temperature: float = 0.7
    top_p: float = 0.95
    max_tokens: int = 512
    repeat_penalty: float = 1.1
    seed: int | None = None
    stop: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not 0 <= self.temperature <= 2:
            raise ValueError(f"temperature must be a float in [0, 2]; got {self.temperature}.")
        if not 0 < self.top_p <= 1:
            raise ValueError(f"top_p must be in (0, 1]; got {self.top_p}.")
        if self.max_tokens < 1:
            raise ValueError(f"max_tokens must be at least 1; got {self.max_tokens}.")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["stop"] = list(self.stop)
        return data


@dataclass
class Completion:
    text: str
    model: str
    provider: str
    input_tokens: int
    output_tokens: int
    seconds: float
    cached: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def tokens_per_second(self) -> float:
        return self.output_tokens / self.seconds if self.seconds > 0 else 0.0


@runtime_checkable
class Provider(Protocol):
    """Anything that turns chat messages into a completion."""

    name: str
    model: str

    def complete(self, messages: list[Message], params: SamplingParams) -> Completion: ...


class ProviderWrapper:
    """Base of providers that add behaviour around another one (cache, ledger): they keep its
    name, model, endpoint and locality, so cache keys and prices see the real model."""

    def __init__(self, inner: Provider) -> None:
        self.inner = inner
        self.name = inner.name
        self.model = inner.model

    @property
    def endpoint(self) -> str | None:
        return getattr(self.inner, "endpoint", None)

    @property
    def local(self) -> bool:
        return bool(getattr(self.inner, "local", False))
