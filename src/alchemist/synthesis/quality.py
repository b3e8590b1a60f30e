"""The program quality loop: gate, repair and regenerate.

``improve`` is the loop: synthesize programs, run them through the executor it is given,
repair those that crash or return invalid values, diagnose, gate, and ask for more until
``target`` useful programs are kept or ``max_llm_calls`` is spent. Every program generated is
kept for audit: the gate's reason travels with each dropped one.

The loop's settings (``GatePolicy``, ``ImproveSettings``) and its record (``ImproveResult``)
are in ``alchemist.synthesis.quality_settings``. The executor is passed in (anything with
``run(programs, items, class_ids) -> LabelMatrix``): this module never runs model-written code.
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
from alchemist.synthesis.extract import clean_answer, program_problem, same_code
from alchemist.synthesis.gate import GATES, ProgramGate, ProgramStats, agreement
from alchemist.synthesis.oneshot import Progress, default_strategies, provenance, shown, synthesize
from alchemist.synthesis.quality_settings import ImproveResult, ImproveSettings
from alchemist.task import Task

MAX_FAILING_EXAMPLES = 3  # failing inputs shown to the model in a repair prompt

_GATE = GATES["loop"] or ProgramGate()


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
    class_ids: Sequence[int] | None = None,
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
        check = executor.run([repaired], examples, class_ids or task.class_ids)
        if np.any(check.errors != CellError.OK):
            return None
    return repaired


def improve(
    task: Task,
    provider: Provider,
    executor: ProgramRunner,
    items: Sequence[Any],
    settings: ImproveSettings | None = None,
    *,
    store: ProgramStore | None = None,
    gold: np.ndarray | None = None,
    class_ids: Sequence[int] | None = None,
    initial: Sequence[Program] = (),
    progress: Progress | None = None,
) -> ImproveResult:
    """Generate, run, repair, diagnose and gate programs until ``settings.target`` are kept
    or ``settings.max_llm_calls`` model calls are spent.

    ``items`` are the program inputs the gate judges on (``gold``, where given, holds their
    class indices, -1 unknown). With a ``store``, every new candidate is written once: kept
    ones enabled, dropped ones disabled with ``provenance["dropped"]`` saying why.

    ``initial`` programs (say, the store's current ones, hand-edited or hand-written included)
    are run and gated first, and only the shortfall is asked of the model: when they already
    make the target, no model call is made. They are not written to the store again; those
    dropped are listed in ``dropped``.
    """
    settings = settings or ImproveSettings()
    target, policy, params = settings.target, settings.gate, settings.params
    seed, id_prefix = settings.seed, settings.id_prefix
    class_ids = tuple(class_ids or task.class_ids)
    kept: list[Program] = []
    matrix = _empty_matrix(len(items))
    candidates: list[Program] = []
    dropped: dict[str, str] = {}
    failures: list[dict[str, Any]] = []
    calls = repairs = rounds = 0
    number = max(
        [store.next_number(id_prefix) if store is not None else 1]
        + [
            int(p.id[len(id_prefix) :]) + 1
            for p in initial
            if p.id.startswith(id_prefix) and p.id[len(id_prefix) :].isdigit()
        ]
    )
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
        combined = (
            executor.run(runnable, items, class_ids) if runnable else _empty_matrix(len(items))
        )
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
            params=params,
            seed=seed + calls,
            strategies=_rotated(settings.strategies or default_strategies(task.modality), calls),
            temperatures=_rotated(settings.temperatures, calls),
            max_attempts=min(2 * need, budget - calls),
            supplementary=settings.supplementary,
            id_prefix=id_prefix,
            start=number,
            known=candidates,
            raise_if_empty=False,
            progress=progress,
        )
        calls += batch.n_calls
        failures += batch.failures
        number += len(batch.programs)
        if batch.budget_reached:
            budget = calls  # the provider's spending cap refused a call: stop asking
        programs = batch.programs
        new_matrix = (
            executor.run(programs, items, class_ids) if programs else _empty_matrix(len(items))
        )
        replaced: list[tuple[Program, Program]] = []
        if settings.repair_failing and calls < budget:
            fix = _repair_round(
                programs,
                new_matrix,
                task,
                provider,
                executor,
                items,
                class_ids,
                params,
                policy,
                budget=budget - calls,
                seed=seed + calls,
                number=number,
                id_prefix=id_prefix,
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
    task: Task,
    provider: Provider,
    executor: ProgramRunner,
    items: Sequence[Any],
    class_ids: Sequence[int],
    params: SamplingParams,
    policy: ProgramGate,
    *,
    budget: int,
    seed: int,
    number: int,
    id_prefix: str,
) -> _Repaired:
    """Try one repair of each program that loses more cells than the policy allows."""
    result = _Repaired([], _empty_matrix(len(items)), [], 0, number)
    for j, program in enumerate(programs):
        errors = matrix.errors[:, j]
        failing = np.flatnonzero(np.isin(errors, _REPAIRABLE))
        column = matrix.columns([program.id])
        if (
            failing.size
            and result.calls < budget
            and (errors != CellError.OK).mean() > policy.max_error_rate
        ):
            error = matrix.reasons.get(program.id) or CellError(int(errors[failing[0]])).name
            try:
                fixed = repair(
                    program,
                    [items[int(i)] for i in failing],
                    provider,
                    task,
                    replace(params, seed=seed + result.calls),
                    error=error,
                    new_id=f"{id_prefix}{result.number:03d}",
                    executor=executor,
                    class_ids=class_ids,
                )
            except BudgetExceeded:
                budget = result.calls
                fixed = None
            else:
                result.calls += 1
            if fixed is not None:
                result.number += 1
                result.replaced.append((program, fixed))
                program, column = fixed, executor.run([fixed], items, class_ids)
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
