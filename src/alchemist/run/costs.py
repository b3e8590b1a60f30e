"""What labeling costs, on a run: the zero-shot baseline, the side-by-side comparison, the plan.

``run_baseline`` labels a split of a run with one LLM call per item (the paper's baseline),
through the run's cache and ledger; ``compare`` sets its cost and accuracy beside the programs';
``plan`` estimates, before anything is spent, what a run would cost.
"""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from alchemist._util.paths import atomic_path
from alchemist.errors import LLMError, RunError
from alchemist.evaluation.zero_shot import (
    STAGE,
    comparison_table,
    method_cost,
    plan_zero_shot,
    zero_shot,
)
from alchemist.llm import (
    Ledger,
    RunPlan,
    estimate_message_tokens,
    estimate_run,
    estimate_stage,
)
from alchemist.llm.tokens import CHARS_PER_TOKEN
from alchemist.run.folder import RunDir, load_splits
from alchemist.run.settings import RunConfig
from alchemist.synthesis.oneshot import Progress, build_messages
from alchemist.synthesis.quality import MAX_FAILING_EXAMPLES, repair_messages
from alchemist.synthesis.supplementary import (
    SUPPLEMENTARY_KINDS,
    SUPPLEMENTARY_PARAMS,
    supplementary_messages,
)
from alchemist.task import Task

logger = logging.getLogger(__name__)


def run_baseline(
    run: RunDir, *, split: str = "test", limit: int | None = None, progress: Progress | None = None
) -> dict[str, Any]:
    """The paper's zero-shot baseline on a split of the run: one LLM call per item.

    Calls go through the run's cache and ledger (stage "baseline"); labels are written to
    ``baseline/<split>.csv`` and the figures to ``baseline/<split>.json``.
    """
    task, config = run.task(), run.config()
    splits = load_splits(task, config)
    if split not in splits:
        raise RunError(
            f"The run has no {split!r} split; it has {sorted(splits)}. "
            f"Pass --split with one of them.",
            path=str(run.folder),
            split=split,
        )
    dataset = (
        splits[split]
        if limit is None
        else splits[split].subset(np.arange(min(limit, len(splits[split]))))
    )
    provider, ledger = config.open_llm(), run.open_ledger(config)
    logger.info("Zero-shot baseline: %d calls to %s...", len(dataset), config.provider.model)

    def report(done: int, total: int) -> None:
        if progress is not None:
            progress({"stage": "baseline", "split": split, "done": done, "total": total})

    result = zero_shot(
        task,
        dataset.items,
        provider,
        ledger=ledger,
        concurrency=config.provider.concurrency,
        progress=report,
    )
    labels = pd.DataFrame(
        {
            "label": [task.classes[i].id if i >= 0 else -1 for i in result.labels],
            "answer": result.answers,
        }
    )
    with atomic_path(run.folder / "baseline" / f"{split}.csv") as temporary:
        labels.to_csv(temporary, index=False)
    figures = {
        "split": split,
        "items": len(dataset),
        "calls": result.n_calls,
        "cached": result.n_cached,
        "failures": len(result.failures),
        "failed_calls": result.n_failed_calls,
        "failure_reasons": result.failure_reasons(),
        "input_tokens": result.input_tokens,
        "output_tokens": result.output_tokens,
        "seconds": result.seconds,
        "accuracy": result.accuracy(dataset.gold)
        if dataset.gold is not None and dataset.has_gold
        else None,
    }
    run.write_json(f"baseline/{split}.json", figures)
    if len(dataset) and not result.n_calls:
        raise LLMError(
            f"All {len(dataset)} zero-shot calls to {config.provider.model!r} failed, "
            f"so nothing was labeled ({_reasons(figures)}). Check the model and its "
            "server, then run the baseline again.",
            provider=config.provider.kind,
        )
    if result.failures:
        logger.warning(
            "%d of %d zero-shot items got no label (%s).",
            len(result.failures),
            len(dataset),
            _reasons(figures),
        )
    return figures


def _reasons(figures: dict[str, Any]) -> str:
    return "; ".join(f"{count} x {reason}" for reason, count in figures["failure_reasons"].items())


def compare(
    run: RunDir, *, split: str = "test", reprice_as: tuple[str, ...] = ("gpt-3.5-turbo", "gpt-4")
) -> str:
    """Side by side: cost and accuracy of the programs and of the zero-shot baseline."""
    summary = run.read_json("summary.json")
    baseline_path = run.folder / "baseline" / f"{split}.json"
    if split not in summary["evaluation"] or not baseline_path.exists():
        raise RunError(
            f"Comparing needs gold labels on {split!r} and a baseline on it. "
            f"Run: alchemist zero-shot {run.folder} --split {split}",
            path=str(baseline_path),
            split=split,
        )
    ledger = Ledger(run.ledger_path, prices=run.config().prices())
    program_stages = [s for s in ledger.totals()["by_stage"] if s != STAGE]
    accuracy = summary["evaluation"][split]
    rows = [
        method_cost(
            "programs: label model",
            ledger,
            stages=program_stages,
            accuracy=accuracy["label_model"]["accuracy"],
        ),
        method_cost(
            "programs: distilled model",
            ledger,
            stages=program_stages,
            accuracy=accuracy["distilled"]["accuracy"],
        ),
        method_cost(
            "zero-shot LLM",
            ledger,
            stages=[STAGE],
            accuracy=json.loads(baseline_path.read_text())["accuracy"],
        ),
    ]
    return comparison_table(rows, prices=ledger.prices, reprice_as=reprice_as)


def plan(task: Task, config: RunConfig) -> RunPlan:
    """What a run would spend, before spending anything, beside zero-shot labeling of the data.

    The worst case of what the run can really ask: supplementary drafting when configured; then
    the program search (``search_candidates + search_refinements`` calls), one-shot synthesis
    (``2 x n_programs`` attempts) or the quality loop (``llm_call_cap`` calls, up to half of
    them repairs, whose prompts carry a program of ``max_tokens`` and failing
    inputs); every answer ``max_tokens`` long. Exemplars and drafted supplementary text make
    real prompts longer than this estimate can see.
    """
    prices, local, model = config.prices(), config.provider.local, config.provider.model
    lines = []
    if config.supplementary == "generate":
        drafts = [
            estimate_message_tokens(supplementary_messages(task, kind))
            for kind in SUPPLEMENTARY_KINDS
        ]
        lines.append(
            estimate_stage(
                "supplementary",
                model,
                calls=len(drafts),
                prompt_tokens=drafts,
                max_tokens=SUPPLEMENTARY_PARAMS.max_tokens,
                prices=prices,
                local=local,
            )
        )
    prompts = [
        estimate_message_tokens(build_messages(task, strategy=s))
        for s in config.strategies_for(task)
    ]
    if config.generator == "loop":
        calls = config.llm_call_cap
        longest = "x" * (config.max_tokens * CHARS_PER_TOKEN)
        repair = estimate_message_tokens(
            repair_messages(longest, [longest] * MAX_FAILING_EXAMPLES, task, error=longest)
        )
        asked = [prompts[i % len(prompts)] for i in range(calls - calls // 2)]
        asked += [repair] * (calls // 2)
    else:
        calls = (
            config.search_candidates + config.search_refinements
            if config.generator == "search"
            else 2 * config.n_programs
        )
        asked = [prompts[i % len(prompts)] for i in range(calls)]
    lines.append(
        estimate_stage(
            "synthesis",
            model,
            calls=len(asked),
            prompt_tokens=asked,
            max_tokens=config.max_tokens,
            prices=prices,
            local=local,
        )
    )
    items = load_splits(task, replace(config, dev=None, test=None))["train"].items
    lines.append(plan_zero_shot(task, items, model, prices=prices, local=local))
    return estimate_run(lines)


__all__ = ["compare", "plan", "run_baseline"]
