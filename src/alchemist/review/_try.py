"""Trying a program's new source on a few rows of a split, before it is saved: through the
static check and the isolated executor (never in the workbench's own process), each row with
its vote, its error, its gold label and the saved program's vote beside it.
"""

from __future__ import annotations

import numpy as np

from alchemist.execution import ExecutionConfig, check_program, execute
from alchemist.programs import Program
from alchemist.review._records import SplitView, TryResult, TryRow, error_name
from alchemist.task import Task

TRY_SPLITS = ("dev", "train")  # never the test split: it stays unseen by every choice
MAX_TRY_ROWS = 500
TRY_SECONDS = 10.0  # a hung edit costs at most this (the executor's batch limit)


def try_source(
    task: Task, part: SplitView, program_id: str, source: str, n: int, call_timeout: float
) -> TryResult:
    """``source`` on a fixed sample of ``n`` rows (at most ``MAX_TRY_ROWS``) of ``part``;
    ``program_id``'s saved votes on the same rows beside its own."""
    verdict = check_program(source, task.function_name)
    if not verdict.ok:
        return TryResult(False, f"The static check refused the code: {verdict.reason}")
    rows = np.sort(
        np.random.default_rng(0).permutation(len(part.dataset))[: max(1, min(n, MAX_TRY_ROWS))]
    )
    items = [part.dataset.items[i] for i in rows]
    program = Program(id="candidate", source=source, function_name=task.function_name)
    matrix = execute(
        [program],
        items,
        task.class_ids,
        ExecutionConfig(workers=1, call_timeout=call_timeout, batch_timeout=TRY_SECONDS),
    )
    saved = (
        part.matrix.program_ids.index(program_id) if program_id in part.matrix.program_ids else None
    )
    gold, errors = part.dataset.gold, np.asarray(matrix.errors)
    return TryResult(
        True,
        matrix.reasons.get("candidate", ""),
        [
            TryRow(
                int(i),
                items[k],
                int(matrix.votes[k, 0]),
                error_name(errors[k, 0]),
                -1 if gold is None else int(gold[i]),
                None if saved is None else int(part.matrix.votes[i, saved]),
            )
            for k, i in enumerate(rows)
        ],
    )


__all__ = ["MAX_TRY_ROWS", "TRY_SECONDS", "TRY_SPLITS", "try_source"]
