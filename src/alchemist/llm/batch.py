"""Many requests through one provider, with bounded concurrency, keeping every answer."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Literal

from alchemist.errors import BudgetExceeded, LLMError
from alchemist.llm.base import Completion, Message, Provider, SamplingParams


@dataclass
class BatchResult:
    """``completions[i]`` answers request ``i``, or is None when it failed or never ran.

    ``errors`` maps request index to the ``LLMError`` it raised; ``stopped`` is the
    ``BudgetExceeded`` that stopped the batch early, if any (requests after it never ran).
    """

    completions: list[Completion | None]
    errors: dict[int, LLMError] = field(default_factory=dict)
    stopped: BudgetExceeded | None = None

    @property
    def n_done(self) -> int:
        return sum(c is not None for c in self.completions)


def complete_many(
    provider: Provider,
    requests: Sequence[list[Message]],
    params: SamplingParams | Sequence[SamplingParams],
    *,
    concurrency: int = 4,
    on_error: Literal["record", "raise"] = "record",
    progress: Callable[[int, int], None] | None = None,
) -> BatchResult:
    """Send ``requests`` with at most ``concurrency`` in flight; results keep request order.

    A failed call (``LLMError`` after the provider's own retries) is recorded in ``errors`` and the
    batch goes on, or, with ``on_error="raise"``, no new call starts and the error is raised once
    the calls in flight finish. A ``BudgetExceeded`` always stops new calls and is returned in
    ``stopped``. Answers that arrived are never dropped: put a ``CachedProvider`` inside
    ``provider`` and a re-run after a stop or a crash pays only for what is missing.
    ``progress(done, total)`` is called after each request settles. ``params``: one setting
    for every request, or one per request (e.g. a seed each).
    """
    if concurrency < 1:
        raise ValueError(f"concurrency must be at least 1; got {concurrency}.")
    if on_error not in ("record", "raise"):
        raise ValueError(f"on_error must be 'record' or 'raise'; got {on_error!r}.")
    each = [params] * len(requests) if isinstance(params, SamplingParams) else list(params)
    if len(each) != len(requests):
        raise ValueError(f"{len(each)} sampling settings for {len(requests)} requests.")
    result = BatchResult(completions=[None] * len(requests))
    stop = threading.Event()
    pending = iter(range(len(requests)))
    settled = 0
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        running: dict[Future[Completion], int] = {}

        def fill() -> None:
            while not stop.is_set() and len(running) < concurrency:
                i = next(pending, None)
                if i is None:
                    return
                running[pool.submit(provider.complete, list(requests[i]), each[i])] = i

        fill()
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                i = running.pop(future)
                try:
                    result.completions[i] = future.result()
                except BudgetExceeded as exc:
                    result.stopped = result.stopped or exc
                    stop.set()
                except LLMError as exc:
                    result.errors[i] = exc
                    if on_error == "raise":
                        stop.set()
                settled += 1
                if progress is not None:
                    progress(settled, len(requests))
            fill()
    if on_error == "raise" and result.errors:
        raise result.errors[min(result.errors)]
    return result
