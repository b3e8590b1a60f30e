"""The label matrix of one executor run under construction.

Cells arrive as bytes from the workers and are range-checked before they count (a compromised
program process may forge its reply); failures are recorded per cell and summed up per program
as reasons; each column is read from and written to the cache (``cache_dir``) whole.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from alchemist._util.paths import atomic_path
from alchemist.errors import ExecutionError
from alchemist.execution._pending import Pending
from alchemist.execution._pool import Task
from alchemist.execution._reasons import clean_reason
from alchemist.label_matrix import CellError, LabelMatrix
from alchemist.programs import Program

_PROGRAM_CODES = (CellError.OK, CellError.EXCEPTION, CellError.TIMEOUT, CellError.INVALID_OUTPUT)


class RunState:
    """The label matrix under construction, the tasks left, and what went wrong where."""

    def __init__(
        self,
        programs: Sequence[Program],
        items: list[Any],
        lookup: dict[int, int],
        cache_dir: Path | None,
    ) -> None:
        self.programs, self.items, self.cache_dir = programs, items, cache_dir
        self.n, m = len(items), len(programs)
        self.votes = np.full((self.n, m), -1, dtype=np.int8)
        self.errors = np.zeros((self.n, m), dtype=np.uint8)
        self.byte_lookup = {**lookup, -1: 255}
        self.messages: list[dict[int, str]] = [{} for _ in programs]
        self.pending = Pending()
        # Columns sent to workers in this run -> cells still to come. A column is cached the
        # moment its last cell arrives, so a run killed midway keeps its finished programs.
        self.computed: dict[int, int] = {}
        # Column -> seconds per item of its last task answered: sizes its next tasks.
        self.seconds_per_item: dict[int, float] = {}
        self._progress = 0
        self._payload: bytes | None = None
        self._data_hash: str | None = None
        classes = json.dumps(sorted(lookup.items()))
        self.keys = [
            hashlib.sha256(f"{p.sha}\0{p.function_name}\0{classes}".encode()).hexdigest()[:24]
            for p in programs
        ]

    def payload(self) -> bytes:
        if self._payload is None:
            try:
                self._payload = pickle.dumps(self.items, protocol=pickle.HIGHEST_PROTOCOL)
            except (pickle.PicklingError, TypeError, AttributeError) as exc:
                raise ExecutionError(
                    f"The items must be picklable to reach the workers; "
                    f"pickling failed with {exc!r}. Pass plain values "
                    "(str, numbers, dicts of them)."
                ) from exc
        return self._payload

    def take_progress(self) -> int:
        cells, self._progress = self._progress, 0
        return cells

    def apply(self, task: Task, status: str, votes: bytes, errors: bytes, text: str) -> None:
        if status == "ok" and len(votes) == len(errors) == task.stop - task.start:
            self._apply_cells(task, np.frombuffer(votes, np.uint8), np.frombuffer(errors, np.uint8))
            for line in text.split("\n"):  # the worker's separator only, not U+2028 & co.
                number, _, message = line.partition("\t")
                if number in ("1", "2", "3"):
                    self.note(task.column, int(number), message)
            self._arrived(task.column, task.stop - task.start)
            return
        if status == "ok":
            status, text = "crashed", "program process sent a reply of the wrong size"
        failure = {"rejected": CellError.REJECTED, "hung": CellError.TIMEOUT}.get(
            status, CellError.CRASHED
        )
        reason = f"rejected: failed to load: {text}" if status == "rejected" else text
        self.fail(task.column, task.start, task.stop, failure, reason)
        self.abandon(task.column, failure)

    def _apply_cells(self, task: Task, votes: np.ndarray, errors: np.ndarray) -> None:
        """Record a program process's votes and codes; a vote that is neither abstain (255)
        nor a class index, a code a program process cannot give, or a vote beside a failure
        makes the cell ``CRASHED``: the reply was forged."""
        classes = len(self.byte_lookup) - 1
        bad = (
            ((votes != 255) & (votes >= classes))
            | ~np.isin(errors, _PROGRAM_CODES)
            | ((errors != CellError.OK) & (votes != 255))
        )
        rows, column = slice(task.start, task.stop), task.column
        self.votes[rows, column] = np.where(bad | (votes == 255), -1, votes).astype(np.int8)
        self.errors[rows, column] = np.where(bad, CellError.CRASHED, errors)
        if bad.any():
            k = int(np.argmax(bad))
            self.note(
                column,
                CellError.CRASHED,
                f"program process sent an invalid reply (vote "
                f"{votes[k]}, code {errors[k]} for item {task.start + k}); cell discarded",
            )

    def note(self, column: int, code: int, message: str) -> None:
        """Keep the first message of each failure code, cleaned (see ``_reasons``)."""
        if code not in self.messages[column]:
            self.messages[column][code] = clean_reason(message)

    def fail(self, column: int, start: int, stop: int, code: CellError, message: str) -> None:
        self.votes[start:stop, column] = -1
        self.errors[start:stop, column] = code
        self.note(column, int(code), message)
        self._arrived(column, stop - start)

    def _arrived(self, column: int, cells: int) -> None:
        self._progress += cells
        if column in self.computed:
            self.computed[column] -= cells
            if self.computed[column] == 0:
                self.write_cache(column)

    def abandon(self, column: int, code: CellError) -> None:
        """Record the program's tasks not yet sent as ``code``: they will not run."""
        for task in self.pending.drop(column):
            self.fail(column, task.start, task.stop, code, "")

    def matrix(self) -> LabelMatrix:
        reasons = {}
        for j, program in enumerate(self.programs):
            counts = np.bincount(self.errors[:, j], minlength=len(CellError))
            parts = [
                f"{self.messages[j].get(code) or CellError(code).name.lower()} "
                f"({counts[code]} of {self.n} items)"
                for code in range(1, len(counts))
                if counts[code]
            ]
            if parts:
                reasons[program.id] = "; ".join(parts)
        return LabelMatrix(self.votes, [p.id for p in self.programs], self.errors, reasons)

    # ----------------------------------------------------------------------- cache

    def _cache_path(self, column: int) -> Path | None:
        if self.cache_dir is None:
            return None
        if self._data_hash is None:
            self._data_hash = hashlib.sha256(self.payload()).hexdigest()[:24]
        return Path(self.cache_dir) / self._data_hash / f"{self.keys[column]}.npz"

    def read_cache(self, column: int) -> bool:
        path = self._cache_path(column)
        if path is None or not path.exists():
            return False
        with np.load(path, allow_pickle=False) as cached:
            self.votes[:, column] = cached["votes"]
            self.errors[:, column] = cached["errors"]
            self.messages[column] = {
                int(k): clean_reason(v) for k, v in json.loads(str(cached["messages"])).items()
            }
        self._progress += self.n
        return True

    def write_cache(self, column: int) -> None:
        """Store a column computed in this run, unless it holds timeouts or crashes, which
        depend on the machine's load rather than on the program and the data."""
        transient = (CellError.TIMEOUT, CellError.CRASHED)
        path = self._cache_path(column)
        if path is not None and not np.isin(self.errors[:, column], transient).any():
            # Hidden and not *.npz until whole: a process killed mid-write leaves no cache file.
            with atomic_path(path) as temporary, temporary.open("wb") as f:
                np.savez(
                    f,
                    votes=self.votes[:, column],
                    errors=self.errors[:, column],
                    messages=json.dumps({str(k): v for k, v in self.messages[column].items()}),
                )
