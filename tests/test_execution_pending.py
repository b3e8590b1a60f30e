"""Which task a worker gets next: it keeps to its program, then takes one no other worker is
on, and joins a fast program's batches up to the size it is given."""

from __future__ import annotations

from alchemist.execution._pending import Pending
from alchemist.execution._pool import Task


def pending(*batches: int, size: int = 10) -> Pending:
    """Tasks of ``size`` items, ``batches[column]`` of them for each program."""
    tasks = Pending()
    for column, count in enumerate(batches):
        tasks.add(Task(column, start, start + size) for start in range(0, count * size, size))
    return tasks


def ranges(task: Task) -> tuple[int, int, int]:
    return task.column, task.start, task.stop


def test_a_worker_keeps_to_its_program_then_takes_a_free_one() -> None:
    tasks = pending(2, 2, 4)
    assert ranges(tasks.take(None, set())) == (0, 0, 10)
    assert ranges(tasks.take(None, {0})) == (1, 0, 10)  # 0 is another worker's: the next free
    assert ranges(tasks.take(1, set())) == (1, 10, 20)  # its own before any other
    assert ranges(tasks.take(1, {0})) == (2, 0, 10)  # its own is done, 0 is taken
    assert ranges(tasks.take(0, {2})) == (0, 10, 20)
    assert ranges(tasks.take(0, {2})) == (2, 10, 20)  # every program left is taken: shares
    assert len(tasks) == 2


def test_batches_are_joined_up_to_the_limit_within_one_program() -> None:
    tasks = pending(4, 4)
    assert ranges(tasks.take(None, set(), lambda column: 0)) == (0, 0, 10)
    assert ranges(tasks.take(0, set(), lambda column: 25)) == (0, 10, 30)
    assert ranges(tasks.take(0, set(), lambda column: 1000)) == (0, 30, 40)  # not into 1
    assert ranges(tasks.take(None, set(), lambda column: 1000)) == (1, 0, 40)
    assert not tasks


def test_tasks_put_back_come_first_and_a_dropped_program_is_gone() -> None:
    tasks = pending(3, 3)
    taken = [tasks.take(0, set()), tasks.take(0, set())]
    tasks.put_back(taken)
    assert [ranges(t) for t in tasks][:3] == [(0, 0, 10), (0, 10, 20), (0, 20, 30)]
    assert [ranges(t) for t in tasks.drop(0)] == [(0, 0, 10), (0, 10, 20), (0, 20, 30)]
    assert ranges(tasks.take(0, set(), lambda column: 1000)) == (1, 0, 30)
    assert not tasks
