"""Dry-run cost plans: how many calls, tokens and dollars a run would take, before spending.

A plan is a list of ``PlanLine`` (one per stage and model), built by ``estimate_stage`` from a
call count, the prompt tokens of one call (measure real prompts with
``alchemist.llm.tokens.estimate_message_tokens``) and the output-token bound (``max_tokens``,
the worst case). ``evaluation.zero_shot.plan_zero_shot`` builds the zero-shot line from the data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from alchemist.llm.ledger import PriceTable


@dataclass(frozen=True)
class PlanLine:
    stage: str
    model: str
    calls: int
    input_tokens: int
    output_tokens: int
    cost_usd: float | None  # None: the model has no price (add it to a price file)


@dataclass(frozen=True)
class RunPlan:
    lines: tuple[PlanLine, ...]

    @property
    def calls(self) -> int:
        return sum(line.calls for line in self.lines)

    @property
    def input_tokens(self) -> int:
        return sum(line.input_tokens for line in self.lines)

    @property
    def output_tokens(self) -> int:
        return sum(line.output_tokens for line in self.lines)

    @property
    def cost_usd(self) -> float | None:
        """The total, or None when some line has no price."""
        costs = [line.cost_usd for line in self.lines]
        return None if any(c is None for c in costs) else sum(c for c in costs if c is not None)

    def to_markdown(self) -> str:
        rows = [
            (ln.stage, ln.model, ln.calls, ln.input_tokens, ln.output_tokens, ln.cost_usd)
            for ln in self.lines
        ]
        rows.append(("total", "", self.calls, self.input_tokens, self.output_tokens, self.cost_usd))
        out = [
            "| stage | model | calls | input tokens | output tokens (max) | cost USD |",
            "|---|---|---:|---:|---:|---:|",
        ]
        for stage, model, calls, tin, tout, cost in rows:
            usd = "unknown" if cost is None else f"{cost:.4f}"
            out.append(f"| {stage} | {model} | {calls} | {tin} | {tout} | {usd} |")
        return "\n".join(out)


def estimate_stage(
    stage: str,
    model: str,
    *,
    calls: int,
    prompt_tokens: int | Sequence[int],
    max_tokens: int,
    prices: PriceTable,
    local: bool = False,
) -> PlanLine:
    """One plan line: ``calls`` calls, each at most ``max_tokens`` out.

    ``prompt_tokens`` is the input of one call, or a sequence of one count per call.
    ``local`` models (the embedded one, a loopback server) cost 0 unless the table prices them.
    """
    per_call = [prompt_tokens] * calls if isinstance(prompt_tokens, int) else list(prompt_tokens)
    if len(per_call) != calls:
        raise ValueError(f"prompt_tokens has {len(per_call)} counts for {calls} calls.")
    if calls < 0 or max_tokens < 0 or any(t < 0 for t in per_call):
        raise ValueError(
            "calls, prompt_tokens and max_tokens must be >= 0; got "
            f"{calls}, {prompt_tokens}, {max_tokens}."
        )
    tin, tout = sum(per_call), calls * max_tokens
    if prices.knows(model):
        cost: float | None = prices.cost(model, tin, tout)
    else:
        cost = 0.0 if local else None
    return PlanLine(stage, model, calls, tin, tout, cost)


def estimate_run(lines: Sequence[PlanLine]) -> RunPlan:
    """The plan of a run made of ``lines``."""
    return RunPlan(tuple(lines))
