"""Progress of a streamed stage: rows done, rows per second and the time left.

The library calls a ``ProgressCallback`` with a ``Progress`` snapshot; drawing is the caller's
business (the command line draws bars).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Progress:
    """Where one stage stands: ``done`` of ``total`` rows (``total`` None when unknown)."""

    stage: str
    done: int
    total: int | None
    seconds: float
    finished: bool = False

    @property
    def rows_per_second(self) -> float:
        return self.done / self.seconds if self.seconds > 0 else 0.0

    @property
    def eta_seconds(self) -> float | None:
        """Seconds left at the rate so far; None while unknown."""
        if self.total is None or self.done <= 0:
            return None
        return max(0.0, (self.total - self.done) / self.rows_per_second)

    def as_event(self, split: str = "") -> dict[str, Any]:
        """The pipeline's progress-event form (``{"stage", "split", "done", "total", ...}``)."""
        return {
            "stage": self.stage,
            "split": split,
            "done": self.done,
            "total": self.total if self.total is not None else self.done,
            "unit": "row",
            "rows_per_second": self.rows_per_second,
            "eta_seconds": self.eta_seconds,
        }


ProgressCallback = Callable[[Progress], None]


class Meter:
    """Counts rows of one stage and reports each step to ``callback`` (if any)."""

    def __init__(self, stage: str, total: int | None, callback: ProgressCallback | None) -> None:
        self.stage, self.total, self.callback = stage, total, callback
        self._done = 0.0
        self._started = time.perf_counter()

    @property
    def done(self) -> int:
        return int(round(self._done))

    def advance(self, rows: float) -> None:
        self._done += rows
        self._report(False)

    def set(self, done: int) -> None:
        self._done = float(done)
        self._report(False)

    def finish(self) -> Progress:
        """The final snapshot; an unknown total becomes the rows done."""
        if self.total is None:
            self.total = self.done
        return self._report(True)

    def _report(self, finished: bool) -> Progress:
        snapshot = Progress(
            self.stage, self.done, self.total, time.perf_counter() - self._started, finished
        )
        if self.callback is not None:
            self.callback(snapshot)
        return snapshot
