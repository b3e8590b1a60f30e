"""Independent fits side by side: one worker process each, falling back to this process."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import BrokenExecutor
from typing import Any

from joblib import Parallel, delayed

logger = logging.getLogger(__name__)


def side_by_side(
    function: Callable[..., Any],
    jobs: Sequence[tuple[Any, ...]],
    workers: int,
    what: str,
    arrived: Callable[[], None] | None = None,
) -> tuple[list[Any], bool]:
    """``function(*job)`` for each of ``jobs``, in order, in up to ``workers`` processes
    (``joblib``); in this process where ``workers`` is 1, or once the processes fail (none can
    start, or one was killed): then a warning names ``what`` was being trained, the results
    already in are kept and the rest computed here. ``arrived()`` is called as each result
    comes in. Returns the results and whether the processes (if any) served to the end,
    so that a caller with more jobs to come can stop asking for them."""
    results: list[Any] = []
    served = True
    if min(workers, len(jobs)) > 1:
        try:
            pool = Parallel(n_jobs=min(workers, len(jobs)), return_as="generator")
            for result in pool(delayed(function)(*job) for job in jobs):
                results.append(result)
                if arrived is not None:
                    arrived()
        except (OSError, BrokenExecutor) as exc:
            logger.warning("Training %s side by side failed (%s): one at a time.", what, exc)
            served = False
    for job in jobs[len(results) :]:
        results.append(function(*job))
        if arrived is not None:
            arrived()
    return results, served


__all__ = ["side_by_side"]
