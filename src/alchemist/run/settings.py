"""A run's settings: ``RunConfig``, everything a run needs besides the task, saved as
``run.yaml`` in the run folder. Every setting is checked when the settings are made, before any
data is read or any model is called (``_setting_checks``); a run.yaml written by an older
version is read as the run it describes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from alchemist._util.paths import home
from alchemist.errors import RunError, SettingError
from alchemist.execution import ExecutionConfig
from alchemist.llm import (
    CachedProvider,
    PriceTable,
    Provider,
    ProviderSpec,
    ResponseCache,
    SamplingParams,
    make_provider,
)
from alchemist.run._setting_checks import generator_conflicts, setting_checks
from alchemist.synthesis.gate import GATES, ProgramGate
from alchemist.synthesis.oneshot import default_strategies
from alchemist.synthesis.search_pool import SearchPolicy
from alchemist.task import Task

_SAMPLING = SamplingParams()
_SEARCH = SearchPolicy()


@dataclass
class RunConfig:
    """Everything a run needs besides the task. Saved as ``run.yaml`` in the run directory."""

    data: str
    dev: str | None = None
    test: str | None = None
    limit: int | None = None
    dev_size: int | None = None  # without `dev`: hold out this many labeled data rows
    n_programs: int = 10
    provider: ProviderSpec = field(default_factory=ProviderSpec)
    temperature: float = _SAMPLING.temperature
    top_p: float = _SAMPLING.top_p
    max_tokens: int = _SAMPLING.max_tokens
    repeat_penalty: float = _SAMPLING.repeat_penalty
    seed: int = 0
    strategies: tuple[str, ...] | None = None  # None: the modality's (strategies_for)
    label_model: str = "auto"
    featurizer: str = "auto"
    call_timeout: float = 1.0
    workers: int | None = None
    budget_usd: float | None = None
    price_file: str | None = None  # YAML/TOML prices added to the built-in table
    use_cache: bool = True
    # Where programs come from: "search" (candidates scored on dev, refined, the best kept),
    # "loop" (gate, repair and regenerate until n_programs pass) or "oneshot" (ungated).
    generator: str = "search"
    # The gate's checks (synthesis.gate); None: the generator's own default.
    min_coverage: float | None = None
    min_accuracy: float | None = None  # on the gold rows a program votes on
    max_llm_calls: int | None = None  # the loop's cap; None: 3 x n_programs (llm_call_cap)
    search_candidates: int = _SEARCH.candidates
    search_refinements: int = _SEARCH.refinements
    supplementary: str = "task"  # "task": the task file's own; "generate": LLM drafts
    exemplars_per_class: int = 0  # labeled exemplars drawn from the dev split
    # The dev labels train the distilled model and a dev classifier that votes.
    use_gold: bool = True
    # Images and signals (alchemist.concepts): "concepts" (LLM-named concepts scored locally)
    # or "raw" (programs get the pixels or the series); "auto" = concepts.
    representation: str = "auto"
    n_concepts: int = 8
    roboshot: bool = False  # project spurious concept directions out
    roboshot_boost: float = 0.0  # and scale helpful ones by 1 + boost
    per_attribute: bool = False  # tables: each prompt asks about one input column

    def __post_init__(self) -> None:
        """Every setting is checked here, before any data is read or any model is called."""
        for name, allowed, ok in setting_checks(self):
            if not ok:
                raise SettingError(name, allowed, getattr(self, name))
        for name, needs in generator_conflicts(self):
            raise SettingError(name, needs, getattr(self, name))
        model = self.provider.model
        if (
            self.budget_usd is not None
            and not self.provider.local
            and not self.prices().knows(model)
        ):
            raise SettingError(
                "price_file",
                f"a price file giving {model!r} a price when a "
                f"budget is set (the built-in table has none; write "
                f"'{model}: {{input: USD per 1M tokens, output: USD per 1M "
                f"tokens}}')",
                self.price_file,
            )

    def prices(self) -> PriceTable:
        """The built-in price table, extended by ``price_file`` when one is set."""
        if self.price_file is None:
            return PriceTable.default()
        return PriceTable.from_file(self.price_file)

    def open_llm(self, inner: Provider | None = None) -> Provider:
        """The configured model (or ``inner``) behind the response cache."""
        provider: Provider = inner or make_provider(self.provider)
        if self.use_cache:
            provider = CachedProvider(provider, ResponseCache(home() / "cache" / "responses"))
        return provider

    def execution(self) -> ExecutionConfig:
        """The executor's settings: workers, time per call, the shared vote cache."""
        return ExecutionConfig(
            workers=self.workers,
            call_timeout=self.call_timeout,
            cache_dir=home() / "cache" / "votes",
        )

    def gate(self) -> ProgramGate | None:
        """The generator's gate with this run's checks (None: one-shot keeps every program)."""
        gate = GATES[self.generator]
        if gate is None:
            return None
        return gate.with_settings(min_coverage=self.min_coverage, min_accuracy=self.min_accuracy)

    @property
    def llm_call_cap(self) -> int:
        """The most LLM calls the quality loop may make (generation and repair together)."""
        return self.max_llm_calls or 3 * self.n_programs

    @property
    def sampling(self) -> SamplingParams:
        return SamplingParams(
            temperature=self.temperature,
            top_p=self.top_p,
            max_tokens=self.max_tokens,
            repeat_penalty=self.repeat_penalty,
            seed=self.seed,
        )

    def strategies_for(self, task: Task) -> tuple[str, ...]:
        """The prompt strategies used in turn: the run's own, else the defaults for the task's
        modality (``synthesis.default_strategies``)."""
        return self.strategies or default_strategies(task.modality)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["strategies"] = list(self.strategies) if self.strategies else None
        return data

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> RunConfig:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(raw) - known - {"search", "quality_loop"})
        if unknown:
            raise RunError(f"Unknown run setting(s) {unknown}; expected some of {sorted(known)}.")
        raw = _renamed(dict(raw))
        raw["provider"] = ProviderSpec.from_mapping(raw.get("provider") or {})
        raw["strategies"] = tuple(raw["strategies"]) if raw.get("strategies") else None
        return cls(**raw)


def _renamed(raw: dict[str, Any]) -> dict[str, Any]:
    """A run.yaml written before ``generator`` replaced the ``search`` and ``quality_loop``
    switches, as the run it describes ran: the loop won over the search, and the search ignored
    ``min_coverage``."""
    if "search" not in raw and "quality_loop" not in raw:
        return raw
    loop, searched = raw.pop("quality_loop", False), raw.pop("search", True)
    raw["generator"] = "loop" if loop else "search" if searched else "oneshot"
    if raw["generator"] != "loop":
        raw["min_coverage"] = None
    return raw


__all__ = ["RunConfig"]
