"""The executor: runs labeling programs over items in isolated workers and builds a LabelMatrix.

Flow of one ``run``: each program passes the static check (or its column is ``REJECTED``); cached
columns are read back; the rest is cut into tasks of ``batch_size`` items, program by program,
and handed to warm workers (``_worker.py``), which fork one confined process per program. A
worker keeps to one program while it has tasks left, and a program's tasks are joined once its
speed is known (``_pending``). Results come back as bytes, one byte per cell. Program code never
runs in this process.

Return values: a program returns a class id (an ``int`` in ``class_ids``) or -1 to abstain.
Integers of other types that equal a class id (numpy integers) count as that class; ``bool`` is
not a class id, and neither is ``1.0``, ``None`` or ``"1"``: such cells are ``INVALID_OUTPUT``.

Failures are recorded, never raised: per cell in ``LabelMatrix.errors`` and per program in
``LabelMatrix.reasons`` (one string per program that lost cells: the first message of each kind
of failure with its count, e.g. ``"ZeroDivisionError: division by zero (12 of 500 items)"``).
When a program's process hangs past ``batch_timeout`` (it is killed) or dies, that batch and the
program's batches not yet sent are recorded (``TIMEOUT`` / ``CRASHED``) and not run, so one bad
program costs at most one batch limit; its batches already running elsewhere finish normally.
The executor never blocks on a worker (frames leave as its socket takes them; one wait, on all
of them, ends at the oldest task's deadline), so a task is answered or failed within
``batch_timeout + _GRACE`` of reaching the head of its worker's queue, whatever its program
does: a run lasts at most its workers' queues of such bounds (plus worker starts), and one
hanging program costs one. ``close`` returns when no process of any worker is left.

With ``cache_dir``, each column is stored under (hash of the pickled items, hash of program
source + function name + class ids); columns holding timeouts or crashes are not stored, as
those depend on the machine's load rather than on the program and the data.
"""

from __future__ import annotations

import math
import os
import select
import shutil
import time
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from alchemist.execution._pool import MAX_MERGED as _MAX_MERGED
from alchemist.execution._pool import Task as _Task
from alchemist.execution._pool import Worker as _Worker
from alchemist.execution._pool import check_isolation, close_workers, new_jail
from alchemist.execution._runstate import RunState as _RunState
from alchemist.execution.static import check_program
from alchemist.label_matrix import CellError, LabelMatrix
from alchemist.programs import Program

_PIPELINE_DEPTH = 2  # tasks queued per worker, so it never waits for this process between tasks
# Seconds of work a task is sized for, once its program's speed is known: consecutive batches
# of one program are joined (at most _pool.MAX_MERGED, and a quarter of each worker's share of
# the items), so that a fast program pays fewer round trips. A task still ends within
# batch_timeout, and is at most a sixteenth of it.
_TASK_SECONDS = 0.01
# Seconds a worker gets beyond batch_timeout to answer a task (it kills a program process that
# hangs at batch_timeout itself) before it is killed with its session: a run's task never waits
# longer than batch_timeout + _GRACE, whatever its program does.
_GRACE = 5.0
_MAX_CLASSES = 127  # class indices are stored as int8
# Switched off only by tests, to show what the other layers contain alone: the runtime layer,
# and confinement steps by name (``_confine.LAYERS``; only with weak isolation accepted).
_RUNTIME_LAYER = True
_OS_STEPS_OFF: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ExecutionConfig:
    """Limits and resources of the executor.

    ``memory_mb`` bounds what one program process may allocate beyond the worker's own size
    (interpreter plus the run's items), as an address-space limit. ``weak_isolation=True``
    (or the environment variable ``ALCHEMIST_WEAK_ISOLATION=1``) runs programs even when a
    confinement layer cannot be applied on this machine; by default they are refused then.
    """

    workers: int | None = None  # None = all cores
    call_timeout: float = 1.0  # seconds per program call
    batch_timeout: float = 60.0  # seconds per batch round trip (hung worker killed+replaced)
    memory_mb: int = 512  # per-worker address-space limit, on top of its baseline
    batch_size: int = 1024  # items per IPC round trip (a fast program's are joined)
    cache_dir: Path | None = None  # results cached by (program sha, data hash) when set
    weak_isolation: bool = False  # accept missing confinement layers (see alchemist doctor)

    def __post_init__(self) -> None:
        checks = [
            ("workers", self.workers is None or self.workers >= 1, "an int >= 1 or None"),
            ("call_timeout", self.call_timeout > 0, "a positive number of seconds"),
            ("batch_timeout", self.batch_timeout > 0, "a positive number of seconds"),
            ("memory_mb", self.memory_mb >= 16, "an int >= 16"),
            ("batch_size", self.batch_size >= 1, "an int >= 1"),
        ]
        for name, ok, expected in checks:
            if not ok:
                raise ValueError(
                    f"ExecutionConfig.{name} must be {expected}. "
                    f"Got {getattr(self, name)!r} instead."
                )


def _shutdown(workers: list[_Worker], jail: list[str]) -> None:
    close_workers(workers)
    workers.clear()
    for path in jail:
        shutil.rmtree(path, ignore_errors=True)
    jail.clear()


class Executor:
    """Runs labeling programs in isolated worker processes; a context manager.

    Workers start on the first ``run`` and stay warm across runs until ``close``.
    ``progress``, when given, is called with the number of cells finished since its last call.
    """

    def __init__(
        self,
        config: ExecutionConfig = ExecutionConfig(),
        *,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        self.config = config
        self.progress = progress
        self._workers: list[_Worker] = []
        self._data_token = 0
        # The empty folder program processes are chrooted into, made with the first worker.
        self._jail: list[str] = []
        self._finalizer = weakref.finalize(self, _shutdown, self._workers, self._jail)

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers and every process of their programs, and wait until none is left.
        The executor may be used again: workers restart on demand."""
        _shutdown(self._workers, self._jail)

    def run(
        self, programs: Sequence[Program], items: Sequence[Any], class_ids: Sequence[int]
    ) -> LabelMatrix:
        """Run every program on every item: the label matrix of class indices (-1 = abstain)."""
        lookup = _lookup(class_ids)
        ids = [p.id for p in programs]
        if len(set(ids)) != len(ids):
            raise ValueError(
                f"program ids must be unique; got {ids}. Give each program its own "
                "id (ProgramStore.next_id)."
            )
        state = _RunState(programs, list(items), lookup, self.config.cache_dir)
        for j, program in enumerate(programs):
            verdict = check_program(program.source, program.function_name)
            if not verdict.ok:
                state.fail(j, 0, state.n, CellError.REJECTED, f"rejected: {verdict.reason}")
            elif not state.read_cache(j):
                state.computed[j] = state.n
                state.pending.add(
                    _Task(j, start, min(start + self.config.batch_size, state.n))
                    for start in range(0, state.n, self.config.batch_size)
                )
        self._report(state.take_progress())
        if state.pending:
            self._data_token += 1
            state.payload()  # fails here, before any worker is sent a partial message
            try:
                self._dispatch(state)
            except BaseException:
                # Workers may be mid-task: a later run must not read their stale replies.
                close_workers(self._workers, kill=True)
                self._workers.clear()
                raise
        return state.matrix()

    # ----------------------------------------------------------------------- dispatching

    def _dispatch(self, state: _RunState) -> None:
        """Feed the workers and collect their replies until every task is answered or failed.

        Nothing here blocks: frames wait in each worker's outbox until its socket takes them,
        and the one wait, on every worker's socket, ends at the oldest task's deadline; a task
        is answered within ``batch_timeout + _GRACE`` of becoming its worker's oldest, or the
        worker is killed (its whole session) and replaced."""
        wanted = min(self.config.workers or os.cpu_count() or 1, len(state.pending))
        self._workers.extend(self._start_workers(wanted - len(self._workers)))
        for worker in self._workers:
            worker.column = None  # columns of an earlier run
        while state.pending or any(w.tasks for w in self._workers[:wanted]):
            active = self._workers[:wanted]
            for worker in active:
                self._feed(worker, state)
            busy = [w for w in active if w.tasks]
            deadline = min(w.tasks[0].deadline for w in busy)
            poller = select.poll()
            for worker in busy:
                poller.register(worker.fd, select.POLLIN | (select.POLLOUT if worker.outbox else 0))
            timeout = max(0.0, deadline - time.monotonic())
            events = dict(poller.poll(math.ceil(timeout * 1000)))
            for worker in busy:
                event = events.get(worker.fd, 0)
                try:
                    if event & select.POLLOUT:
                        worker.flush()
                    if event & (select.POLLIN | select.POLLHUP | select.POLLERR):
                        self._receive(worker, state)
                except (EOFError, OSError):
                    self._replace(worker, state, CellError.CRASHED, "worker process died")
                    continue
                if worker.tasks and worker.tasks[0].deadline < time.monotonic():
                    self._replace(
                        worker,
                        state,
                        CellError.TIMEOUT,
                        f"worker unresponsive for over {self.config.batch_timeout:g} s"
                        " and was killed",
                    )
            self._report(state.take_progress())

    def _feed(self, worker: _Worker, state: _RunState) -> None:
        """Queue tasks for ``worker`` (at most ``_PIPELINE_DEPTH``); they leave by ``flush``."""
        while state.pending and len(worker.tasks) < _PIPELINE_DEPTH:
            task = self._next_task(worker, state)
            program = state.programs[task.column]
            if not worker.tasks:
                self._head(task)
            worker.tasks.append(task)
            if worker.data_token != self._data_token:
                worker.send(("data",))
                worker.send_bytes(state.payload())
                worker.data_token = self._data_token
            worker.send(
                (
                    "task",
                    task.nonce,
                    state.keys[task.column],
                    (program.source, program.function_name),
                    state.byte_lookup,
                    (task.start, task.stop),
                    state.pending.beside(task.column),
                )
            )

    def _next_task(self, worker: _Worker, state: _RunState) -> _Task:
        """The next task for ``worker`` (``_pending``): of the program it is on if any is left,
        joined with the batches that follow, as many as that program does in ``_TASK_SECONDS``
        at the speed measured so far."""
        workers = min(self.config.workers or os.cpu_count() or 1, len(self._workers))

        def limit(column: int) -> int:
            per_item = state.seconds_per_item.get(column)
            if per_item is None:
                return 0  # not joined before its speed is known
            seconds = min(_TASK_SECONDS, self.config.batch_timeout / 16)
            return min(
                int(seconds / max(per_item, 1e-9)),
                self.config.batch_size * _MAX_MERGED,
                state.n // (4 * workers),
            )

        others = {w.column for w in self._workers if w is not worker and w.column is not None}
        task = state.pending.take(worker.column, others, limit)
        worker.column = task.column
        return task

    def _head(self, task: _Task) -> None:
        """``task`` becomes its worker's oldest: its deadline starts."""
        task.began = time.monotonic()
        task.deadline = task.began + self.config.batch_timeout + _GRACE

    def _receive(self, worker: _Worker, state: _RunState) -> None:
        """Apply the replies that arrived whole; each must name the oldest task's nonce."""
        for reply in worker.replies():
            if reply is None or not worker.tasks or reply[0] != worker.tasks[0].nonce:
                self._replace(
                    worker,
                    state,
                    CellError.CRASHED,
                    "worker sent a malformed reply and was replaced",
                )
                return
            _, status, votes, errors, text = reply
            task = worker.tasks.popleft()
            if worker.tasks:
                self._head(worker.tasks[0])
            if status == "ok":
                took = time.monotonic() - task.began
                state.seconds_per_item[task.column] = took / max(task.stop - task.start, 1)
            state.apply(task, status, votes, errors, text)

    def _replace(self, worker: _Worker, state: _RunState, code: CellError, reason: str) -> None:
        """Kill ``worker`` (its program hung or broke it) and start a fresh one in its place."""
        worker.kill()
        culprit, *queued = worker.tasks
        worker.tasks.clear()
        state.fail(culprit.column, culprit.start, culprit.stop, code, reason)
        for task in queued:
            if task.column == culprit.column:
                state.fail(task.column, task.start, task.stop, code, "")
        state.abandon(culprit.column, code)
        state.pending.put_back(t for t in queued if t.column != culprit.column)
        self._workers[self._workers.index(worker)] = self._start_workers(1)[0]

    def _start_workers(self, count: int) -> list[_Worker]:
        """Start ``count`` workers side by side; refuse (``ExecutionError``) when a program
        process would lack a confinement layer and weaker isolation was not accepted."""
        if not self._jail:
            self._jail.append(new_jail())
        started = [
            _Worker(self.config, self._jail[0], _RUNTIME_LAYER, _OS_STEPS_OFF) for _ in range(count)
        ]
        try:
            for worker in started:
                check_isolation(worker.layers(), self.config, warn=worker is started[0])
        except BaseException:
            close_workers(started)
            raise
        return started

    def _report(self, cells: int) -> None:
        if cells and self.progress is not None:
            self.progress(cells)


def execute(
    programs: Sequence[Program],
    items: Sequence[Any],
    class_ids: Sequence[int],
    config: ExecutionConfig | None = None,
) -> LabelMatrix:
    """Run ``programs`` over ``items`` once, with workers started and stopped around the call."""
    with Executor(config or ExecutionConfig()) as executor:
        return executor.run(programs, items, class_ids)


def _lookup(class_ids: Sequence[int]) -> dict[int, int]:
    ids = list(class_ids)
    bad = [c for c in ids if isinstance(c, bool) or not isinstance(c, int | np.integer) or c == -1]
    if bad or not ids or len(set(ids)) != len(ids) or len(ids) > _MAX_CLASSES:
        raise ValueError(
            f"class_ids must be 1 to {_MAX_CLASSES} distinct integers other than -1 "
            f"(-1 means abstain). Got {ids!r} instead."
        )
    return {int(c): i for i, c in enumerate(ids)}
