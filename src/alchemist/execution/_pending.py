"""The tasks of a run not sent to a worker yet, by program, and which one a worker gets next.

A worker keeps to one program while that program has tasks left (each program a worker runs
costs it a confined process, started and ended), then takes a program no other worker is on,
and only when every program left is taken shares one. A task it gets is joined with the
following batches of the same program up to a size the executor chooses from the program's
measured speed, so that a fast program pays fewer round trips.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator

from alchemist.execution._pool import Task


class Pending:
    """Tasks not sent yet: for each program (column, in the order they were added), its
    batches in item order."""

    def __init__(self) -> None:
        self._columns: dict[int, deque[Task]] = {}

    def __len__(self) -> int:
        return sum(len(tasks) for tasks in self._columns.values())

    def __bool__(self) -> bool:
        return bool(self._columns)

    def __iter__(self) -> Iterator[Task]:
        return iter([task for tasks in self._columns.values() for task in tasks])

    def beside(self, column: int) -> bool:
        """Whether tasks of programs other than ``column`` are left."""
        return any(other != column for other in self._columns)

    def add(self, tasks: Iterable[Task]) -> None:
        for task in tasks:
            self._columns.setdefault(task.column, deque()).append(task)

    def put_back(self, tasks: Iterable[Task]) -> None:
        """Tasks taken but not done, first again in their programs."""
        for task in reversed(list(tasks)):
            self._columns.setdefault(task.column, deque()).appendleft(task)

    def drop(self, column: int) -> list[Task]:
        """Remove and return the program's tasks."""
        return list(self._columns.pop(column, ()))

    def take(
        self, current: int | None, others: set[int], limit: Callable[[int], int] | None = None
    ) -> Task:
        """The next task for a worker on program ``current`` while other workers are on the
        programs ``others``, joined with the batches that follow it up to ``limit(column)``
        items."""
        if current in self._columns:
            column = current
        else:
            free = [c for c in self._columns if c not in others]
            column = free[0] if free else max(self._columns, key=lambda c: len(self._columns[c]))
        tasks = self._columns[column]
        task = tasks.popleft()
        most = 0 if limit is None else limit(column)
        while tasks and tasks[0].start == task.stop and tasks[0].stop - task.start <= most:
            task.stop = tasks.popleft().stop
        if not tasks:
            del self._columns[column]
        return task
