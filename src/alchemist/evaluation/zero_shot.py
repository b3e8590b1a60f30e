"""The paper's main baseline: zero-shot labeling, one LLM call per data point.

Each item gets the per-item prompt (``prompts/zero_shot.txt``: task description, the classes,
the item; answer with a class). Answers are parsed leniently (a class name anywhere, else a
class id); an answer that names no class, or a call that failed, gives -1 and is listed in
``failures``. Calls go through the same ledger as the rest of a run, under stage "baseline", so
``comparison_table`` can set its cost and accuracy beside the programs'.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import numpy as np

from alchemist.llm.base import Message, Provider, SamplingParams
from alchemist.llm.batch import complete_many
from alchemist.llm.ledger import Ledger, PriceTable
from alchemist.llm.plan import PlanLine, estimate_stage
from alchemist.llm.tokens import estimate_message_tokens
from alchemist.task import ABSTAIN, Task

STAGE = "baseline"
# Greedy and short: the answer is one class name. A fixed seed keeps cache keys stable.
ZERO_SHOT_PARAMS = SamplingParams(
    temperature=0.0, top_p=1.0, max_tokens=16, repeat_penalty=1.0, seed=0
)


@dataclass(frozen=True)
class BaselineFailure:
    index: int
    kind: str  # "unparseable" (the answer named no class), "error" (the call failed), "not_run"
    detail: str


@dataclass
class BaselineResult:
    """Zero-shot labels (class indices, -1 where none) and what they took."""

    labels: np.ndarray
    answers: list[str | None]
    failures: list[BaselineFailure] = field(default_factory=list)
    n_calls: int = 0
    n_cached: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    seconds: float = 0.0

    @property
    def n_failed_calls(self) -> int:
        """Calls that gave no answer: errors, and calls never made (a budget stop)."""
        return sum(f.kind != "unparseable" for f in self.failures)

    def failure_reasons(self, top: int = 3) -> dict[str, int]:
        """The most common reasons calls failed or answers named no class, with their counts."""
        reasons = Counter(
            f"{f.kind}: {f.detail.splitlines()[0][:120]}" if f.detail else f.kind
            for f in self.failures
        )
        return dict(reasons.most_common(top))

    def accuracy(self, gold: np.ndarray) -> float:
        """Share of items with a gold label (>= 0) labeled correctly; -1 counts as wrong."""
        gold = np.asarray(gold)
        known = gold >= 0
        if not known.any():
            raise ValueError("accuracy needs at least one gold label >= 0.")
        return float((self.labels[known] == gold[known]).mean())


def zero_shot_messages(task: Task, item: Any) -> list[Message]:
    """The per-item prompt for ``item`` (a text, or a mapping of the task's input fields)."""
    classes = "\n".join(
        f"- {c.name}: {c.description}" if c.description else f"- {c.name}" for c in task.classes
    )
    if isinstance(item, dict):
        shown = "\n".join(f"{k}: {v}" for k, v in item.items())
    else:
        shown = str(item)
    prompt = _template().format(description=task.description, classes=classes, item=shown)
    return [{"role": "user", "content": prompt}]


def parse_answer(text: str, task: Task) -> int:
    """The class index an answer names, or -1.

    A class name (case-insensitive, whole word, not after "not") wins, the earliest one
    first; else the first integer, when it is a class id.
    """
    found = []
    for index, c in enumerate(task.classes):
        for m in re.finditer(rf"(?<![\w-]){re.escape(c.name)}(?![\w-])", text, re.IGNORECASE):
            if not _NEGATED.search(text[: m.start()]):
                found.append((m.start(), -len(c.name), index))
    if found:
        return min(found)[2]
    number = re.search(r"-?\d+", text)
    if number is not None:
        ids = task.class_ids
        value = int(number.group())
        if value in ids:
            return ids.index(value)
    return ABSTAIN


def zero_shot(
    task: Task,
    items: Sequence[Any],
    provider: Provider,
    *,
    params: SamplingParams = ZERO_SHOT_PARAMS,
    ledger: Ledger | None = None,
    concurrency: int = 4,
    progress: Callable[[int, int], None] | None = None,
) -> BaselineResult:
    """Label every item with one call each; record the calls in ``ledger`` under "baseline".

    Failed calls are recorded and the rest go on; a ``BudgetExceeded`` stops new calls (the
    items not reached are failures of kind "not_run"). Wrap ``provider`` in a ``CachedProvider``
    to make a re-run free.
    """
    metered = ledger.meter(provider, STAGE) if ledger is not None else provider
    start = time.perf_counter()
    batch = complete_many(
        metered,
        [zero_shot_messages(task, x) for x in items],
        params,
        concurrency=concurrency,
        progress=progress,
    )
    result = BaselineResult(
        labels=np.full(len(items), ABSTAIN, dtype=np.int64),
        answers=[None] * len(items),
        seconds=time.perf_counter() - start,
    )
    for i, completion in enumerate(batch.completions):
        if completion is None:
            error = batch.errors.get(i)
            result.failures.append(
                BaselineFailure(i, "error" if error else "not_run", str(error or batch.stopped))
            )
            continue
        result.answers[i] = completion.text
        result.n_calls += 1
        result.n_cached += completion.cached
        result.input_tokens += completion.input_tokens
        result.output_tokens += completion.output_tokens
        result.labels[i] = parse_answer(completion.text, task)
        if result.labels[i] == ABSTAIN:
            result.failures.append(BaselineFailure(i, "unparseable", completion.text[:200]))
    return result


def plan_zero_shot(
    task: Task,
    items: Sequence[Any],
    model: str,
    *,
    prices: PriceTable,
    params: SamplingParams = ZERO_SHOT_PARAMS,
    local: bool = False,
) -> PlanLine:
    """The dry-run plan line of ``zero_shot`` on ``items``: exact prompts, estimated tokens."""
    tokens = [estimate_message_tokens(zero_shot_messages(task, x)) for x in items]
    return estimate_stage(
        STAGE,
        model,
        calls=len(items),
        prompt_tokens=tokens,
        max_tokens=params.max_tokens,
        prices=prices,
        local=local,
    )


@dataclass(frozen=True)
class MethodCost:
    """One row of the side-by-side table. Tokens count every answered call, cached included
    (the work done once); ``cost_usd`` is what was actually paid."""

    method: str
    accuracy: float | None
    calls: int
    input_tokens: int
    output_tokens: int
    cost_usd: float


def method_cost(
    method: str, ledger: Ledger, *, accuracy: float | None, stages: Sequence[str] | None = None
) -> MethodCost:
    """A table row from ``ledger``'s records of ``stages`` (all stages when None)."""
    entries = [
        e for e in ledger.entries if e.error is None and (stages is None or e.stage in stages)
    ]
    return MethodCost(
        method,
        accuracy,
        len(entries),
        sum(e.input_tokens for e in entries),
        sum(e.output_tokens for e in entries),
        sum(e.cost_usd for e in entries),
    )


def comparison_table(
    rows: Sequence[MethodCost], *, prices: PriceTable | None = None, reprice_as: Sequence[str] = ()
) -> str:
    """A Markdown table of the methods side by side: accuracy, calls, tokens, cost paid, and the
    same token counts priced as each model in ``reprice_as`` (e.g. "gpt-3.5-turbo", "gpt-4")."""
    prices = prices or PriceTable.default()
    head = ["method", "accuracy", "LLM calls", "input tokens", "output tokens", "cost paid USD"]
    head += [f"at {m} USD" for m in reprice_as]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    for r in rows:
        cells = [
            r.method,
            "n/a" if r.accuracy is None else f"{r.accuracy:.3f}",
            str(r.calls),
            str(r.input_tokens),
            str(r.output_tokens),
            f"{r.cost_usd:.4f}",
        ]
        cells += [f"{prices.cost(m, r.input_tokens, r.output_tokens):.4f}" for m in reprice_as]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


_NEGATED = re.compile(r"\bnot\s+(an?\s+)?$", re.IGNORECASE)


def _template() -> str:
    return resources.files("alchemist").joinpath("prompts/zero_shot.txt").read_text("utf-8")
