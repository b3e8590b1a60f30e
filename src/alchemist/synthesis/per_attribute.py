"""Per-attribute programs for tables (the paper's Appendix D on Census): one prompt per input
column, so that each program judges the label from one attribute alone.

The prompt for attribute ``age`` is the task's, restricted to ``row["age"]``, with a short
summary of the values the column takes in the training data (its range, or its most common
categories). An answer that reads another attribute of the row is refused like any invalid
answer (recorded with its reason). The programs still take the whole ``row``, so execution,
label models and distillation are unchanged.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from alchemist.llm.base import Provider
from alchemist.programs import Program, ProgramStore
from alchemist.synthesis.asking import Asking
from alchemist.synthesis.oneshot import Progress, SynthesisResult, synthesize
from alchemist.synthesis.search_prompts import other_attributes
from alchemist.task import Task


def synthesize_per_attribute(
    task: Task,
    provider: Provider,
    *,
    n: int,
    asking: Asking,
    store: ProgramStore | None = None,
    known: Sequence[Program] = (),
    progress: Progress | None = None,
) -> SynthesisResult:
    """At least ``n`` programs in all, an equal share per column of ``asking.focus`` (at least
    one each; ``search_prompts.column_prompts`` makes it from the training table).

    Column ``k`` is asked with seed ``asking.seed + 100 * k`` and on. Programs are numbered as
    ``asking`` says and added to ``store`` as they are kept; each records its ``attribute`` in
    provenance. An empty result is returned as any other: ``raise_if_empty`` raises.
    """
    if not asking.focus:
        raise ValueError(
            "synthesize_per_attribute asks one column at a time: give Asking(focus="
            "column_prompts(task, frame)), one prompt task per column."
        )
    fields = list(task.input_fields)
    each = max(1, math.ceil(n / len(asking.focus)))
    merged = SynthesisResult(model=provider.model)
    number = asking.first_number(store)
    known = list(known)
    for k, (_, prompt_task) in enumerate(asking.focus):
        attribute = prompt_task.input_fields[0]
        kept, calls = 0, 0
        while kept < each and calls < 2 * each and not merged.budget_reached:
            batch = synthesize(
                prompt_task,
                provider,
                n=each - kept,
                asking=replace(asking, seed=asking.seed + 100 * k + calls, start=number, focus=()),
                max_attempts=2 * each - calls,
                known=known,
                progress=progress,
            )
            calls += max(1, batch.n_calls)
            for program in batch.programs:
                extra = other_attributes(program.source, attribute, fields)
                if extra:
                    merged.failures.append(
                        {
                            "attempt": -1,
                            "attribute": attribute,
                            "reason": f"reads other attributes {extra}",
                            "raw": program.source,
                        }
                    )
                    continue
                program = replace(
                    program,
                    id=asking.program_id(number),
                    function_name=task.function_name,
                    provenance={**program.provenance, "attribute": attribute},
                )
                number, kept = number + 1, kept + 1
                if store is not None:
                    store.add(program)
                merged.programs.append(program)
                known.append(program)
            merged.failures += [{**f, "attribute": attribute} for f in batch.failures]
            merged.n_calls += batch.n_calls
            merged.input_tokens += batch.input_tokens
            merged.output_tokens += batch.output_tokens
            merged.seconds += batch.seconds
            merged.budget_reached = merged.budget_reached or batch.budget_reached
    return merged


__all__ = ["synthesize_per_attribute"]
