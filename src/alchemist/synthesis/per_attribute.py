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
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial

import pandas as pd

from alchemist.errors import SynthesisError
from alchemist.llm.base import Provider, SamplingParams
from alchemist.programs import Program, ProgramStore
from alchemist.synthesis.oneshot import Progress, SynthesisResult, synthesize
from alchemist.synthesis.search_prompts import attribute_task, other_attributes
from alchemist.task import Task


def synthesize_per_attribute(
    task: Task,
    provider: Provider,
    frame: pd.DataFrame,
    *,
    n: int,
    params: SamplingParams | None = None,
    seed: int = 0,
    strategies: Sequence[str] = ("default",),
    store: ProgramStore | None = None,
    known: Sequence[Program] = (),
    raise_if_empty: bool = True,
    progress: Progress | None = None,
) -> SynthesisResult:
    """At least ``n`` programs in all, an equal share per input column (at least one each).

    Programs are numbered on from ``store`` and added to it as they are kept; each records its
    ``attribute`` in provenance.
    Raises ``SynthesisError`` when no program came back at all, unless ``raise_if_empty`` is
    False.
    """
    fields = list(task.input_fields)
    each = max(1, math.ceil(n / len(fields)))
    merged = SynthesisResult()
    number = store.next_number("p") if store is not None else 1
    known = list(known)
    for k, attribute in enumerate(fields):
        prompt_task = attribute_task(task, attribute, frame[attribute])
        kept, calls = 0, 0
        while kept < each and calls < 2 * each and not merged.budget_reached:
            batch = synthesize(
                prompt_task,
                provider,
                n=each - kept,
                params=params,
                seed=seed + 100 * k + calls,
                strategies=strategies,
                max_attempts=2 * each - calls,
                start=number,
                known=known,
                raise_if_empty=False,
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
                    id=f"p{number:03d}",
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
    if raise_if_empty and not merged.programs:
        raise SynthesisError(
            f"None of {merged.n_calls} answers of {provider.model!r} gave a "
            "usable single-attribute program. Try a larger model."
        )
    return merged


def synthesizer(per_attribute: bool, frame: pd.DataFrame) -> Callable[..., SynthesisResult]:
    """``synthesize``, or with ``per_attribute`` its one-prompt-per-column variant over the
    training table ``frame``; both take the same arguments."""
    return partial(synthesize_per_attribute, frame=frame) if per_attribute else synthesize


__all__ = [
    "synthesize_per_attribute",
    "synthesizer",
]
