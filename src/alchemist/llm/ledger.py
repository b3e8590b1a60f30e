"""The cost ledger: every call's tokens and price, per stage and per model, with a budget cap.

``Ledger.meter(provider, stage)`` wraps a provider. Before each call it reserves the call's
worst-case cost (estimated prompt tokens + ``max_tokens`` at the model's price) and raises
``BudgetExceeded`` if that could push the spend over the cap, so the cap holds even with calls in
flight on several threads. After the call it records the tokens the API reported (estimated only
when absent) at that model's own price; answers served from the response cache are recorded as
cached, at cost 0. Failed calls are recorded too (cost 0, with the error).

With a ``path`` the ledger is an append-only JSON-lines file, one ``LedgerEntry`` a line; opening
an existing file resumes it, so the budget counts what earlier runs spent.
"""

from __future__ import annotations

import dataclasses
import json
import threading
import time
import tomllib
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from alchemist.errors import AlchemistWarning, BudgetExceeded, LLMError
from alchemist.llm.base import Completion, Message, Provider, ProviderWrapper, SamplingParams
from alchemist.llm.tokens import estimate_message_tokens

PER_MILLION = 1_000_000

# Public list prices in USD per 1M tokens (input, output), as published on
# https://openai.com/api/pricing (GPT-3.5-turbo and GPT-4 from its legacy-models table) and
# https://www.anthropic.com/pricing, in 2024. Prices change: re-check them, and override or add
# models with a price file (PriceTable.from_file).
DEFAULT_PRICES: dict[str, tuple[float, float]] = {
    "gpt-3.5-turbo": (0.50, 1.50),
    "gpt-4": (30.00, 60.00),
    "gpt-4-32k": (60.00, 120.00),
    "gpt-4-turbo": (10.00, 30.00),
    "gpt-4o": (2.50, 10.00),
    "gpt-4o-mini": (0.15, 0.60),
    "claude-3-haiku": (0.25, 1.25),
    "claude-3-5-haiku": (0.80, 4.00),
    "claude-3-sonnet": (3.00, 15.00),
    "claude-3-5-sonnet": (3.00, 15.00),
    "claude-3-7-sonnet": (3.00, 15.00),
    "claude-3-opus": (15.00, 75.00),
}


class PriceWarning(AlchemistWarning):
    """A call was made to a model with no known price; its cost is recorded as 0."""


class PriceTable:
    """Per-model prices in USD per 1M input and output tokens.

    A model matches its exact name, else the longest listed name it starts with followed by
    ``-`` (``gpt-4o-mini-2024-07-18`` is priced as ``gpt-4o-mini``). Immutable: ``extend``
    returns a new table.
    """

    def __init__(self, prices: Mapping[str, tuple[float, float]] | None = None) -> None:
        self._prices = {name: _checked(name, p) for name, p in (prices or {}).items()}

    @classmethod
    def default(cls) -> PriceTable:
        """The public prices above."""
        return cls(DEFAULT_PRICES)

    @classmethod
    def from_file(cls, path: str | Path, *, base: PriceTable | None = None) -> PriceTable:
        """``base`` (default: the public prices) extended by a YAML or TOML price file::

        gpt-4o: {input: 2.50, output: 10.00}     # USD per 1M tokens
        my-finetune: {input: 0.30, output: 1.20}
        """
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
            raw = tomllib.loads(text) if path.suffix == ".toml" else yaml.safe_load(text)
        except (OSError, yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
            raise LLMError(
                f"{path}: cannot read the price file ({exc}). Expected YAML or TOML "
                "mapping model names to {input: USD/1M, output: USD/1M}."
            ) from None
        if not isinstance(raw, dict):
            raise LLMError(
                f"{path}: a price file maps model names to {{input, output}} prices "
                f"in USD per 1M tokens; got {type(raw).__name__}."
            )
        table = {}
        for name, entry in raw.items():
            if not (isinstance(entry, dict) and {"input", "output"} <= set(entry)):
                raise LLMError(
                    f"{path}: the price of {name!r} must be {{input: USD/1M, output: "
                    f"USD/1M}}; got {entry!r}."
                )
            table[str(name)] = (entry["input"], entry["output"])
        return (base or cls.default()).extend(table)

    def extend(self, prices: Mapping[str, tuple[float, float]]) -> PriceTable:
        """A new table with ``prices`` added (replacing models listed in both)."""
        return PriceTable({**self._prices, **prices})

    def knows(self, model: str) -> bool:
        return self._match(model) is not None

    def price(self, model: str) -> tuple[float, float]:
        """(USD per 1M input tokens, USD per 1M output tokens) of ``model``."""
        match = self._match(model)
        if match is None:
            raise LLMError(
                f"No price for model {model!r}; the table knows "
                f"{sorted(self._prices)}. Add it to a price file "
                f"(PriceTable.from_file)."
            )
        return self._prices[match]

    def cost(self, model: str, input_tokens: int, output_tokens: int) -> float:
        """USD cost of the given tokens at ``model``'s price."""
        usd_in, usd_out = self.price(model)
        return (input_tokens * usd_in + output_tokens * usd_out) / PER_MILLION

    def _match(self, model: str) -> str | None:
        if model in self._prices:
            return model
        prefixes = [n for n in self._prices if model.startswith(n + "-")]
        return max(prefixes, key=len) if prefixes else None


@dataclass(frozen=True)
class LedgerEntry:
    """One provider call. ``cost_usd`` is 0 for cached, failed and local calls."""

    stage: str
    provider: str
    model: str
    input_tokens: int
    output_tokens: int
    cost_usd: float
    cached: bool = False
    tokens_estimated: bool = False
    priced: bool = True
    seconds: float = 0.0
    error: str | None = None
    timestamp: float = field(default_factory=time.time)  # Unix seconds

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False)


def is_local(provider: Provider) -> bool:
    """Whether calls to ``provider`` cost nothing (the embedded model, a loopback server)."""
    return bool(getattr(provider, "local", False))


class Ledger:
    """Append-only record of calls; see the module docstring. Thread-safe."""

    def __init__(
        self,
        path: str | Path | None,
        *,
        prices: PriceTable | None = None,
        budget_usd: float | None = None,
    ) -> None:
        if budget_usd is not None and budget_usd < 0:
            raise ValueError(f"budget_usd must be >= 0 or None; got {budget_usd}.")
        self.path = None if path is None else Path(path)
        self.prices = prices or PriceTable.default()
        self.budget_usd = budget_usd
        self._entries: list[LedgerEntry] = self._load() if self.path else []
        self._reserved = 0.0
        self._lock = threading.Lock()
        self._warned: set[str] = set()

    @property
    def entries(self) -> list[LedgerEntry]:
        with self._lock:
            return list(self._entries)

    @property
    def spent_usd(self) -> float:
        with self._lock:
            return sum(e.cost_usd for e in self._entries)

    def meter(self, provider: Provider, stage: str) -> Provider:
        """``provider`` with every call budget-checked and recorded under ``stage``."""
        return MeteredProvider(provider, self, stage)

    def record(self, entry: LedgerEntry) -> None:
        """Append ``entry`` (to the file too, at once, so a killed run loses nothing)."""
        with self._lock:
            self._entries.append(entry)
            if self.path is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with self.path.open("a+", encoding="utf-8") as f:
                    # After a line cut short by a killed run, start a line of our own.
                    f.seek(0, 2)
                    if f.tell() and not _ends_with_newline(self.path):
                        f.write("\n")
                    f.write(entry.to_json() + "\n")

    def totals(self) -> dict[str, Any]:
        """Sums over all entries, and the same ``by_stage`` and ``by_model``.

        Each sum has ``calls`` (answered, cached included), ``cached``, ``failed``, the tokens
        billed (``input_tokens``, ``output_tokens``: neither cached nor failed calls), the tokens
        of answers served from the cache (``cached_input_tokens``, ``cached_output_tokens``), and
        ``cost_usd``.
        """
        entries = self.entries
        result = _sum(entries)
        result["by_stage"] = {
            s: _sum([e for e in entries if e.stage == s])
            for s in sorted({e.stage for e in entries})
        }
        result["by_model"] = {
            m: _sum([e for e in entries if e.model == m])
            for m in sorted({e.model for e in entries})
        }
        return result

    # Called by MeteredProvider.
    def _reserve(
        self, provider: Provider, stage: str, messages: list[Message], params: SamplingParams
    ) -> float:
        """Reserve the worst-case cost of the coming call; raise if it could break the cap."""
        if not self.prices.knows(provider.model):
            if self.budget_usd is not None and not is_local(provider):
                self.prices.price(provider.model)  # raises: a cap needs a price
            return 0.0
        input_tokens = estimate_message_tokens(messages)
        worst = self.prices.cost(provider.model, input_tokens, params.max_tokens)
        if self.budget_usd is None:
            return 0.0
        with self._lock:
            spent = sum(e.cost_usd for e in self._entries)
            if spent + self._reserved + worst > self.budget_usd:
                raise BudgetExceeded(
                    f"Budget cap reached: the next {stage} call to {provider.model} could cost "
                    f"${worst:.4f} (~{input_tokens} input tokens estimated + up to "
                    f"{params.max_tokens} output tokens), and ${spent:.4f} of the "
                    f"${self.budget_usd:.4f} budget is spent (${self._reserved:.4f} more in "
                    "flight). Raise the budget or shrink the work; cached answers stay free.",
                    spent=spent,
                    budget=self.budget_usd,
                    estimate=worst,
                )
            self._reserved += worst
        return worst

    def _release(self, reserved: float) -> None:
        with self._lock:
            self._reserved -= reserved

    def _price_of(self, provider: Provider, completion: Completion) -> tuple[float, bool]:
        """(cost, priced) of a completed call."""
        if completion.cached:
            return 0.0, True
        if self.prices.knows(provider.model):
            return self.prices.cost(
                provider.model, completion.input_tokens, completion.output_tokens
            ), True
        if is_local(provider):
            return 0.0, True
        with self._lock:  # one warning per model, however many threads finish at once
            first = provider.model not in self._warned
            self._warned.add(provider.model)
        if first:
            warnings.warn(
                f"No price for model {provider.model!r} ({provider.name}); its calls "
                "are recorded at $0. Add it to a price file (PriceTable.from_file).",
                PriceWarning,
                stacklevel=4,
            )
        return 0.0, False

    def _load(self) -> list[LedgerEntry]:
        assert self.path is not None
        if not self.path.exists():
            return []
        entries = []
        names = {f.name for f in dataclasses.fields(LedgerEntry)}
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                raw = json.loads(line)
                entries.append(LedgerEntry(**{k: v for k, v in raw.items() if k in names}))
            except (ValueError, TypeError):
                continue  # a line cut short by a killed run
        return entries


class MeteredProvider(ProviderWrapper):
    """A provider whose calls are budget-checked and recorded in a ``Ledger``."""

    def __init__(self, inner: Provider, ledger: Ledger, stage: str) -> None:
        super().__init__(inner)
        self.ledger = ledger
        self.stage = stage

    def complete(self, messages: list[Message], params: SamplingParams) -> Completion:
        lookup = getattr(self.inner, "lookup", None)
        hit = lookup(messages, params) if lookup is not None else None
        if hit is not None:
            self._record(hit)
            return hit
        reserved = self.ledger._reserve(self.inner, self.stage, messages, params)
        try:
            completion = self.inner.complete(messages, params)
        except LLMError as exc:
            self.ledger.record(
                LedgerEntry(self.stage, self.name, self.model, 0, 0, 0.0, error=str(exc))
            )
            raise
        finally:
            self.ledger._release(reserved)
        self._record(completion)
        return completion

    def _record(self, completion: Completion) -> None:
        cost, priced = self.ledger._price_of(self.inner, completion)
        self.ledger.record(
            LedgerEntry(
                self.stage,
                self.name,
                self.model,
                completion.input_tokens,
                completion.output_tokens,
                cost,
                cached=completion.cached,
                tokens_estimated=bool(completion.extra.get("tokens_estimated", False)),
                priced=priced,
                seconds=completion.seconds,
            )
        )


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as f:
        f.seek(-1, 2)
        return f.read(1) == b"\n"


def _sum(entries: list[LedgerEntry]) -> dict[str, Any]:
    ok = [e for e in entries if e.error is None]
    billed = [e for e in ok if not e.cached]
    cached = [e for e in ok if e.cached]
    return {
        "calls": len(ok),
        "cached": len(cached),
        "failed": len(entries) - len(ok),
        "input_tokens": sum(e.input_tokens for e in billed),
        "output_tokens": sum(e.output_tokens for e in billed),
        "cached_input_tokens": sum(e.input_tokens for e in cached),
        "cached_output_tokens": sum(e.output_tokens for e in cached),
        "cost_usd": sum(e.cost_usd for e in entries),
    }


def _checked(name: str, price: tuple[float, float]) -> tuple[float, float]:
    try:
        usd_in, usd_out = (float(p) for p in price)
    except (TypeError, ValueError):
        raise LLMError(
            f"The price of {name!r} must be two numbers (USD per 1M input and output "
            f"tokens); got {price!r}."
        ) from None
    if usd_in < 0 or usd_out < 0:
        raise LLMError(f"The price of {name!r} must not be negative; got {price!r}.")
    return usd_in, usd_out
