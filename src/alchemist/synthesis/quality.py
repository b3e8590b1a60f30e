"""The program quality loop: gate, repair and regenerate.

``improve`` is the loop: synthesize programs, run them through the executor it is given,
repair those that crash or return invalid values, diagnose, gate, and ask for more until
``target`` useful programs are kept or ``max_llm_calls`` is spent. Every program generated is
kept for audit: the gate's reason travels with each dropped one.

The loop's settings (``ImproveSettings``, whose gate is a ``synthesis.gate.ProgramGate``) and
its record (``ImproveResult``) are in ``alchemist.synthesis.quality_settings``. The executor
is passed in (anything with ``run(programs, items, class_ids) -> LabelMatrix``): this module
never runs model-written code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from alchemist import prompts
from alchemist.diagnostics import Diagnostics, diagnose
from alchemist.errors import BudgetExceeded, SynthesisError
from alchemist.label_matrix import CellError, LabelMatrix
from alchemist.llm.base import Message, Provider, SamplingParams
from alchemist.programs import Program, ProgramRunner, ProgramStore
from alchemist.synthesis.asking import Rows
from alchemist.synthesis.extract import clean_answer, program_problem, same_code
from alchemist.synthesis.gate import GATES, ProgramGate, ProgramStats, agreement
from alchemist.synthesis.oneshot import Progress, provenance, shown, synthesize
from alchemist.synthesis.quality_settings import ImproveResult, ImproveSettings
from alchemist.task import Task

MAX_FAILING_EXAMPLES = 3  # failing inputs shown to the model in a repair prompt

_GATE = GATES["loop"] or ProgramGate()
_SETTINGS = ImproveSettings()


def gate(
    diagnostics: Diagnostics, L: LabelMatrix, policy: ProgramGate = _GATE
) -> tuple[list[str], dict[str, str]]:
    """Programs to keep, in column order, and a one-line reason for each one dropped.

    Near-duplicates are judged against programs kept before them, so earlier columns win.
    """
    kept: list[str] = []
    dropped: dict[str, str] = {}
    for p in diagnostics.programs:
        reason = policy.verdict(ProgramStats.of(p), diagnostics.n_classes)
        if reason is None and policy.near_duplicate_agreement is not None:
            for other in kept:
                same = agreement(
                    L.votes[:, L.program_ids.index(p.id)], L.votes[:, L.program_ids.index(other)]
                )
                if same >= policy.near_duplicate_agreement:
                    reason = (
                        f"near-duplicate of {other} (same output on {same:.0%} of "
                        "the items either votes on)"
                    )
                    break
        if reason is None:
            kept.append(p.id)
        else:
            dropped[p.id] = reason
    return kept, dropped


def repair_messages(
    source: str, failing_examples: Sequence[Any], task: Task, error: str = ""
) -> list[Message]:
    """The chat messages asking to repair ``source``: the error and a few failing inputs
    (clipped to 300 characters each)."""
    return [
        {"role": "system", "content": prompts.render("system")},
        {
            "role": "user",
            "content": prompts.render(
                "repair",
                description=task.description,
                source=source.strip(),
                error=error or "it raises an error or returns a value that is not a class id",
                examples="\n".join(f"- {shown(x)}" for x in failing_examples)
                or "- (none recorded)",
                signature=task.signature,
                class_ids=str(list(task.class_ids)),
            ),
        },
    ]


def repair(
    program: Program,
    failing_examples: Sequence[Any],
    provider: Provider,
    task: Task,
    params: SamplingParams | None = None,
    *,
    error: str = "",
    new_id: str | None = None,
    executor: ProgramRunner | None = None,
) -> Program | None:
    """Send a failing program back to the model with the error and a few failing inputs.

    Returns the repaired program (id ``new_id``, default ``<id>_r``; provenance records
    ``repair_of``), or None when the answer is not a valid, changed program or, given an
    ``executor``, still fails on ``failing_examples``.
    """
    examples = list(failing_examples)[:MAX_FAILING_EXAMPLES]
    messages = repair_messages(program.source, examples, task, error)
    params = params or SamplingParams()
    completion = provider.complete(messages, params)
    try:
        source, fixes = clean_answer(completion.text, task)
    except SynthesisError:
        return None
    if same_code(source, program.source):
        return None
    repaired = Program(
        id=new_id or f"{program.id}_r",
        source=source,
        function_name=task.function_name,
        provenance={
            **provenance(completion, messages, params, strategy="repair", fixes=fixes),
            "repair_of": program.id,
            "error": error,
        },
    )
    if executor is not None and examples:
        check = executor.run([repaired], examples, task.class_ids)
        if np.any(check.errors != CellError.OK):
            return None
    return repaired


def improve(
    task: Task,
    provider: Provider,
    executor: ProgramRunner,
    rows: Rows | Sequence[Any],
    settings: ImproveSettings = _SETTINGS,
    *,
    store: ProgramStore | None = None,
    initial: Sequence[Program] = (),
    progress: Progress | None = None,
) -> ImproveResult:
    """Generate, run, repair, diagnose and gate programs until ``settings.target`` are kept
    or ``settings.max_llm_calls`` model calls are spent.

    The gate judges programs on the items of ``rows`` followed by its dev items, whose gold
    labels (where given) let it measure accuracy. With a ``store``, every new candidate is
    written once: kept ones enabled, dropped ones disabled with ``provenance["dropped"]``
    saying why.

    ``initial`` programs (say, the store's current ones, hand-edited or hand-written included)
    are run and gated first, and only the shortfall is asked of the model: when they already
    make the target, no model call is made. They are not written to the store again; those
    dropped are listed in ``dropped``; new programs are numbered after them.
    """
    rows = Rows.of(rows)
    loop = _Loop(task, provider, executor, rows.together, settings)
    items, gold, target, policy = loop.items, rows.together_gold, settings.target, settings.gate
    asking = settings.asking
    kept: list[Program] = []
    matrix = _empty_matrix(len(items))
    candidates: list[Program] = []
    dropped: dict[str, str] = {}
    failures: list[dict[str, Any]] = []
    calls = repairs = rounds = 0
    number = asking.first_number(store, initial)
    if initial:
        # Programs follow the task: a hand-written file is read for the task's function name,
        # and a changed class schema is checked again before anything runs.
        candidates = [replace(p, function_name=task.function_name) for p in initial]
        dropped = {
            p.id: f"invalid for this task: {problem}"
            for p in candidates
            if (problem := program_problem(p.source, task))
        }
        runnable = [p for p in candidates if p.id not in dropped]
        combined = loop.run(runnable)
        keep_ids, gated = gate(diagnose(combined, task.n_classes, gold=gold), combined, policy)
        dropped.update(gated)
        kept = [p for p in runnable if p.id in keep_ids]
        matrix = combined.columns(keep_ids)
    budget = settings.max_llm_calls
    while len(kept) < target and calls < budget:
        rounds += 1
        need = target - len(kept)
        batch = synthesize(
            task,
            provider,
            n=need,
            asking=replace(
                asking,
                seed=asking.seed + calls,
                strategies=_rotated(asking.strategies_for(task), calls),
                temperatures=_rotated(asking.temperatures, calls),
                start=number,
            ),
            max_attempts=min(2 * need, budget - calls),
            known=candidates,
            progress=progress,
        )
        calls += batch.n_calls
        failures += batch.failures
        number += len(batch.programs)
        if batch.budget_reached:
            budget = calls  # the provider's spending cap refused a call: stop asking
        programs = batch.programs
        new_matrix = loop.run(programs)
        replaced: list[tuple[Program, Program]] = []
        if settings.repair_failing and calls < budget:
            fix = _repair_round(
                programs, new_matrix, loop, budget=budget - calls, first_call=calls, number=number
            )
            programs, new_matrix, replaced = fix.programs, fix.matrix, fix.replaced
            calls, repairs, number = calls + fix.calls, repairs + len(replaced), fix.number
            dropped.update({old.id: f"replaced by its repair {new.id}" for old, new in replaced})
        combined = matrix.hstack(new_matrix)
        keep_ids, gated = gate(diagnose(combined, task.n_classes, gold=gold), combined, policy)
        dropped.update(gated)
        by_id = {p.id: p for p in kept + programs}
        kept = [by_id[i] for i in keep_ids]
        matrix = combined.columns(keep_ids)
        this_round = [old for old, _ in replaced] + programs
        candidates += this_round
        if store is not None:
            for program in this_round:
                _store(store, program, dropped.get(program.id))
        if progress is not None:
            progress(
                {
                    "stage": "gate",
                    "round": rounds,
                    "kept": len(kept),
                    "target": target,
                    "llm_calls": calls,
                    "dropped": len(dropped),
                }
            )
    return ImproveResult(
        programs=kept,
        dropped=dropped,
        candidates=candidates,
        matrix=matrix,
        diagnostics=diagnose(matrix, task.n_classes, gold=gold),
        target=target,
        n_llm_calls=calls,
        n_repairs=repairs,
        failures=failures,
        rounds=rounds,
    )


@dataclass
class _Loop:
    """What every round of ``improve`` works with: the task, the model, the executor, the
    items the gate judges on (dev items included) and the settings."""

    task: Task
    provider: Provider
    executor: ProgramRunner
    items: list[Any]
    settings: ImproveSettings

    def run(self, programs: list[Program]) -> LabelMatrix:
        if not programs:
            return _empty_matrix(len(self.items))
        return self.executor.run(programs, self.items, self.task.class_ids)


@dataclass
class _Repaired:
    programs: list[Program]
    matrix: LabelMatrix
    replaced: list[tuple[Program, Program]]  # (original, its repair)
    calls: int
    number: int


_REPAIRABLE = (CellError.EXCEPTION, CellError.INVALID_OUTPUT, CellError.REJECTED, CellError.CRASHED)


def _repair_round(
    programs: list[Program],
    matrix: LabelMatrix,
    loop: _Loop,
    *,
    budget: int,
    first_call: int,
    number: int,
) -> _Repaired:
    """Try one repair of each program that loses more cells than the gate allows; the repairs
    are the loop's calls ``first_call`` and on (their seeds), at most ``budget`` of them."""
    asking, items = loop.settings.asking, loop.items
    result = _Repaired([], _empty_matrix(len(items)), [], 0, number)
    for j, program in enumerate(programs):
        errors = matrix.errors[:, j]
        failing = np.flatnonzero(np.isin(errors, _REPAIRABLE))
        column = matrix.columns([program.id])
        if (
            failing.size
            and result.calls < budget
            and (errors != CellError.OK).mean() > loop.settings.gate.max_error_rate
        ):
            error = matrix.reasons.get(program.id) or CellError(int(errors[failing[0]])).name
            seed = asking.seed + first_call + result.calls
            try:
                fixed = repair(
                    program,
                    [items[int(i)] for i in failing],
                    loop.provider,
                    loop.task,
                    replace(asking.params, seed=seed),
                    error=error,
                    new_id=asking.program_id(result.number),
                    executor=loop.executor,
                )
            except BudgetExceeded:
                budget = result.calls
                fixed = None
            else:
                result.calls += 1
            if fixed is not None:
                result.number += 1
                result.replaced.append((program, fixed))
                program, column = fixed, loop.run([fixed])
        result.programs.append(program)
        result.matrix = result.matrix.hstack(column)
    return result


def _empty_matrix(n: int) -> LabelMatrix:
    return LabelMatrix(np.zeros((n, 0), dtype=np.int8), [])


def _rotated(values: Sequence[Any], k: int) -> tuple[Any, ...]:
    values = tuple(values)
    return values[k % len(values) :] + values[: k % len(values)] if values else ()


def _store(store: ProgramStore, program: Program, reason: str | None) -> None:
    extra = {} if reason is None else {"dropped": reason}
    store.add(replace(program, enabled=reason is None, provenance={**program.provenance, **extra}))


__all__ = ["MAX_FAILING_EXAMPLES", "ProgramRunner", "gate", "improve", "repair", "repair_messages"]
