"""Unit tests of the execution stage: static check, output validation, id -> index mapping,
timeouts, crashes, caching, progress. The hostile corpus is in test_execution_hostile.py."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest

from alchemist.errors import ExecutionError
from alchemist.execution import (
    ExecutionConfig,
    Executor,
    StaticVerdict,
    _pool,
    check_program,
    execute,
)
from alchemist.execution import executor as executor_module
from alchemist.label_matrix import CellError
from alchemist.programs import Program

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the OS layer of the executor is Linux-only"
)

FAST = ExecutionConfig(workers=2, call_timeout=0.3, batch_timeout=2.0, batch_size=3)


def program(pid: str, body: str, header: str = "") -> Program:
    return Program(pid, f"{header}\ndef label(x):\n    {body}\n")


@pytest.fixture(scope="module")
def executor() -> Executor:
    with Executor(FAST) as shared:
        yield shared


# ------------------------------------------------------------------------- static check


@pytest.mark.parametrize(
    "source",
    [
        "import re\nimport collections.abc\nfrom collections import Counter\n\n"
        "def label(text):\n    return 1 if re.search('a', text) else -1\n",
        "def label(text, *, strict=False):\n    return -1\n\n"
        "if __name__ == '__main__':\n    print(label('x'))\n",
        "def label(text):\n"
        "    return 1 if '{0} {k[a]} {0.real}'.format(len(text), k={'a': 1}) else 0\n",
        "class Rule:\n    def __init__(self, word):\n        self.word = word\n\n"
        "def label(text):\n    return 1 if getattr(Rule('a'), 'word') in text else 0\n",
    ],
)
def test_static_check_accepts_plain_labeling_programs(source: str) -> None:
    assert check_program(source, "label") == StaticVerdict(True, "")


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("def label(text):\n    return (\n", "syntax error"),
        ("def other(text):\n    return 1\n", "no top-level function 'label'"),
        ("def label(a, b):\n    return 1\n", "exactly one required argument"),
        ("import os\ndef label(t):\n    return 1\n", "imports os"),
        ("import os.path\ndef label(t):\n    return 1\n", "imports os.path"),
        ("from subprocess import run\ndef label(t):\n    return 1\n", "imports subprocess"),
        ("from re import _compiler\ndef label(t):\n    return 1\n", "private name '_compiler'"),
        ("from . import x\ndef label(t):\n    return 1\n", "relative import"),
        ("def label(t):\n    return eval(t)\n", "uses eval"),
        ("def label(t):\n    return open(t).read()\n", "uses open"),
        ("def label(t):\n    return __import__('os')\n", "uses __import__"),
        ("def label(t):\n    return ().__class__\n", "attribute __class__"),
        ("def label(t):\n    return label.__globals__\n", "attribute __globals__"),
        ("def label(t):\n    return (x for x in t).gi_frame.f_back\n", "attribute f_back"),
        ("def label(t):\n    return getattr(t, '__class__')\n", "private attribute '__class__'"),
        ("def label(t):\n    return __builtins__\n", "uses __builtins__"),
        ("def label(t):\n    return getattr(t, 'gi_frame')\n", "private attribute 'gi_frame'"),
        (
            "import operator\ndef label(t):\n    return operator.attrgetter('a.__class__')(t)\n",
            "calls attrgetter with private attribute '__class__'",
        ),
        (
            "from operator import methodcaller\n"
            "def label(t):\n    return methodcaller('__dir__')(t)\n",
            "calls methodcaller with private attribute '__dir__'",
        ),
        (
            "import string\n"
            "def label(t):\n    return string.Formatter().get_field('0._x', [t], {})\n",
            "calls get_field with private attribute '_x'",
        ),
        (
            "def label(t):\n    return '{0.__class__.__mro__}'.format(t)\n",
            "format string that reaches attribute '__class__'",
        ),
        (
            "def label(t):\n    return '{0:{1.f_back}}'.format(t, t)\n",
            "format string that reaches attribute 'f_back'",
        ),
        ("def label(t):\n    return 1\n" + "#" * 100_001, "at most 100000"),
        # under 100 000 characters, but 4 bytes each in UTF-8: the limit is in bytes
        ("def label(t):\n    return 1\n#" + "\U0001f600" * 30_000, "120028 bytes in UTF-8"),
        ("def label(t):\n    return (t + '{0}').format(t)\n", "calls format on a string built"),
        ("def label(t):\n    return str.format_map(t, {})\n", "calls format_map on a string"),
        ("def label(t):\n    return getattr(t, 'format')('x')\n", "private attribute 'format'"),
    ],
)
def test_static_check_rejects_with_a_reason(source: str, reason: str) -> None:
    verdict = check_program(source, "label")
    assert not verdict.ok
    assert reason in verdict.reason


def test_rejected_programs_never_run_and_are_recorded(executor: Executor) -> None:
    matrix = executor.run([program("bad", "return 1", "import os")], ["a", "b"], [0, 1])
    assert (matrix.votes == -1).all()
    assert (matrix.errors == CellError.REJECTED).all()
    assert matrix.reasons["bad"] == "rejected: imports os at line 1 (2 of 2 items)"


# ------------------------------------------------------------------ outputs and mapping


def test_class_ids_map_to_indices(executor: Executor) -> None:
    items = ["apple", "kiwi", "pear", "fig"]
    labeler = program("fruit", "return {'apple': 30, 'kiwi': 10, 'pear': -1}.get(x, 20)")
    matrix = executor.run([labeler], items, [10, 20, 30])
    assert matrix.votes[:, 0].tolist() == [2, 0, -1, 1]
    assert (matrix.errors == CellError.OK).all()
    assert matrix.reasons == {}


@pytest.mark.parametrize(
    ("returned", "valid"),
    [
        ("1", True),
        ("-1", True),
        ("True", False),
        ("1.0", False),
        ("None", False),
        ("'1'", False),
        ("7", False),
        ("[1]", False),
        ("x", True),
    ],
)
def test_output_validation(executor: Executor, returned: str, valid: bool) -> None:
    # "x" returns the item: a numpy integer equal to class id 1, which counts.
    matrix = executor.run([program("p", f"return {returned}")], [np.int64(1)], [0, 1])
    code = CellError.OK if valid else CellError.INVALID_OUTPUT
    assert matrix.errors[0, 0] == code
    if not valid:
        assert matrix.votes[0, 0] == -1
        assert "expected one of [-1, 0, 1]" in matrix.reasons["p"]


def test_failures_are_recorded_per_cell_with_one_reason(executor: Executor) -> None:
    labeler = program("div", "return 10 // (len(x) - 2)")
    matrix = executor.run([labeler], ["abc", "ab", "a", "abcdefghijkl"], [0, 1])
    assert matrix.votes[:, 0].tolist() == [-1, -1, -1, 1]
    assert matrix.errors[:, 0].tolist() == [3, 1, 3, 0]
    assert matrix.reasons["div"] == (
        "ZeroDivisionError: integer division or modulo by zero "
        "(1 of 4 items); returned int 10; expected one of "
        "[-1, 0, 1] (2 of 4 items)"
    )


def test_class_ids_are_validated() -> None:
    with pytest.raises(ValueError, match="distinct integers other than -1"):
        execute([program("p", "return 1")], ["a"], [0, -1])
    with pytest.raises(ValueError, match="distinct integers"):
        execute([program("p", "return 1")], ["a"], [True, 2])


def test_program_ids_must_be_unique(executor: Executor) -> None:
    with pytest.raises(ValueError, match="unique"):
        executor.run([program("p", "return 1"), program("p", "return 0")], ["a"], [0, 1])


def test_unpicklable_items_are_refused(executor: Executor) -> None:
    with pytest.raises(ExecutionError, match="must be picklable"):
        executor.run([program("p", "return 1")], [lambda: 1], [0, 1])


def test_config_is_validated() -> None:
    with pytest.raises(ValueError, match="call_timeout must be a positive number"):
        ExecutionConfig(call_timeout=0)


def test_empty_inputs_give_empty_matrices(executor: Executor) -> None:
    assert executor.run([program("p", "return 1")], [], [0, 1]).shape == (0, 1)
    assert executor.run([], ["a", "b"], [0, 1]).shape == (2, 0)


def test_dict_items_and_state_kept_within_one_program(executor: Executor) -> None:
    counter = Program(
        "count",
        "SEEN = []\n\ndef label(row):\n    SEEN.append(row)\n    return 1 if row['n'] > 1 else 0\n",
    )
    matrix = executor.run([counter], [{"n": i} for i in range(5)], [0, 1])
    assert matrix.votes[:, 0].tolist() == [0, 0, 1, 1, 1]


# ------------------------------------------------------------------ limits and crashes


def test_call_timeout_marks_only_the_slow_items(executor: Executor) -> None:
    slow = program("slow", "while x == 'slow':\n        pass\n    return 1")
    start = time.monotonic()
    matrix = executor.run([slow], ["fast", "slow", "fast", "fast"], [0, 1])
    assert time.monotonic() - start < 1.5
    assert matrix.votes[:, 0].tolist() == [1, -1, 1, 1]
    assert matrix.errors[:, 0].tolist() == [0, CellError.TIMEOUT, 0, 0]
    assert "call exceeded the 0.3 s limit" in matrix.reasons["slow"]


def test_call_timeout_interrupts_a_catastrophic_regex(executor: Executor) -> None:
    backtrack = program("regex", "return 1 if re.match(r'(a+)+$', x) else 0", "import re")
    matrix = executor.run([backtrack], ["aaa", "a" * 40 + "b"], [0, 1])
    assert matrix.votes[:, 0].tolist() == [1, -1]
    assert matrix.errors[1, 0] == CellError.TIMEOUT


def test_hung_worker_is_replaced_and_the_rest_recorded(executor: Executor) -> None:
    hang = program(
        "hang",
        "while x == 'hang':\n        try:\n            while True:\n"
        "                pass\n        except BaseException:\n"
        "            pass\n    return 1",
    )
    fine = program("fine", "return 0")
    items = ["a", "a", "a", "hang", "a", "a", "a", "a", "a", "a", "a", "a"]
    start = time.monotonic()
    matrix = executor.run([hang, fine], items, [0, 1])
    assert time.monotonic() - start < 2.0 + 3.0
    assert matrix.votes[:3, 0].tolist() == [1, 1, 1]
    assert (matrix.errors[3:6, 0] == CellError.TIMEOUT).all()  # the batch it hung
    # Batches already at the other worker ran; those not yet sent are recorded, none lost.
    later = matrix.errors[6:, 0]
    assert ((later == CellError.TIMEOUT) | (later == CellError.OK)).all()
    assert (matrix.votes[6:, 0][later == CellError.OK] == 1).all()
    assert "worker hung for over 2 s" in matrix.reasons["hang"]
    assert (matrix.votes[:, 1] == 0).all() and "fine" not in matrix.reasons
    again = executor.run([fine], items, [0, 1])  # the replaced worker serves the next run
    assert (again.votes == 0).all()


def test_crashed_worker_is_recorded(executor: Executor, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(executor_module, "check_program", lambda source, name: StaticVerdict(True))
    crash = program(
        "crash",
        "if x == 'boom':\n        [c for c in ().__class__.__bases__[0]"
        ".__subclasses__() if c.__name__ == '_wrap_close'][0]"
        ".__init__.__globals__['_exit'](3)\n    return 1",
    )
    matrix = executor.run([crash, program("fine", "return 0")], ["a", "boom", "a", "a"], [0, 1])
    assert matrix.errors[:3, 0].tolist() == [CellError.CRASHED] * 3  # the batch it crashed
    assert matrix.errors[3, 0] in (CellError.CRASHED, CellError.OK)  # other worker, or not sent
    assert "worker died (exit code 3)" in matrix.reasons["crash"]
    assert (matrix.votes[:, 1] == 0).all()


def test_runtime_layer_without_static_check(
    executor: Executor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(executor_module, "check_program", lambda source, name: StaticVerdict(True))
    programs = [
        program("stats_sys", "return 1 if statistics.sys else 0", "import statistics"),
        program("private", "return getattr(x, '__class__')"),
        program("compile", "return eval('1')"),
        program("patch", "return -1", "import re\nre.search = None"),
    ]
    benign = program("uses_re", "return 1 if re.search('a', x) else 0", "import re")
    matrix = executor.run(programs + [benign], ["a", "b"], [0, 1])
    assert (
        "AttributeError: module 'statistics' has no attribute 'sys'" in matrix.reasons["stats_sys"]
    )
    assert "access to attribute '__class__' is not allowed" in matrix.reasons["private"]
    assert "NameError: name 'eval' is not defined" in matrix.reasons["compile"]
    assert "patch" not in matrix.reasons
    assert matrix.votes[:, 4].tolist() == [1, 0]


# ------------------------------------------------------------------ cache and progress


def test_cache_hits_skip_the_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = ExecutionConfig(workers=1, call_timeout=0.3, cache_dir=tmp_path)
    programs = [program("a", "return 1 if 'x' in x else -1"), program("b", "return 1 // 0")]
    items = ["x", "y", "xx"]
    first = execute(programs, items, [0, 1], config)

    def no_workers(*args: object) -> None:
        raise AssertionError("a worker was started although every column is cached")

    monkeypatch.setattr(executor_module, "_Worker", no_workers)
    renamed = [Program("c", programs[0].source), Program("d", programs[1].source)]
    cached = execute(renamed, items, [0, 1], config)
    assert np.array_equal(cached.votes, first.votes)
    assert np.array_equal(cached.errors, first.errors)
    assert cached.reasons["d"] == first.reasons["b"]
    with pytest.raises(AssertionError, match="a worker was started"):
        execute(programs, items + ["z"], [0, 1], config)  # other data: a miss
    with pytest.raises(AssertionError, match="a worker was started"):
        execute(programs, items, [1, 0], config)  # other class ids: a miss


def test_timeouts_are_not_cached(tmp_path: Path) -> None:
    config = ExecutionConfig(workers=1, call_timeout=0.2, cache_dir=tmp_path)
    execute([program("spin", "while True:\n        pass")], ["a"], [0, 1], config)
    execute([program("ok", "return 0")], ["a"], [0, 1], config)
    assert len(list(tmp_path.rglob("*.npz"))) == 1


def test_progress_counts_every_cell() -> None:
    done: list[int] = []
    programs = [program("a", "return 1"), program("b", "return 0", "import os")]
    with Executor(FAST, progress=done.append) as runner:
        runner.run(programs, list("abcdefg"), [0, 1])
    assert sum(done) == 14 and len(done) > 1


def test_workers_stay_warm_across_runs(executor: Executor) -> None:
    executor.run([program("a", "return 1")], list("abcdef"), [0, 1])
    pids = sorted(w.process.pid for w in executor._workers)
    executor.run([program("b", "return 0")], list("abcdef"), [0, 1])
    assert sorted(w.process.pid for w in executor._workers) == pids


def test_each_run_sees_its_own_items_and_classes() -> None:
    """Program processes are started before their program is known, holding the items of the
    moment: a new run's items, or class ids, reach every program of it, the spare included."""
    echo, flip = program("echo", "return int(x)"), program("flip", "return 1 - int(x)")
    with Executor(ExecutionConfig(workers=1, batch_size=2)) as runner:
        first = runner.run([echo, flip], list("010"), [0, 1])
        second = runner.run([echo, flip], list("1101"), [0, 1])
        swapped = runner.run([echo, flip], list("1101"), [1, 0])
    assert first.votes.tolist() == [[0, 1], [1, 0], [0, 1]]
    assert second.votes.tolist() == [[1, 0], [1, 0], [0, 1], [1, 0]]
    assert swapped.votes.tolist() == [[0, 1], [0, 1], [1, 0], [0, 1]]


def test_a_fast_programs_batches_are_joined(monkeypatch: pytest.MonkeyPatch) -> None:
    """Once a program's speed is known its batches travel joined (up to _pool.MAX_MERGED of
    them): the replies, many times longer than one batch, are accepted unread no longer than
    that, and every cell lands in place."""
    monkeypatch.setattr(executor_module, "_TASK_SECONDS", 10.0)  # as long as the limits allow
    items = [str(i % 3) for i in range(200_000)]
    with Executor(ExecutionConfig(workers=1, batch_size=4096)) as runner:
        matrix = runner.run([program("mod", "return int(x) % 2")], items, [0, 1])
    assert matrix.votes[:, 0].tolist() == [int(x) % 2 for x in items]
    assert not matrix.errors.any() and not matrix.reasons


def test_finished_program_processes_exit() -> None:
    """A program's process is retired once it has answered its last range: after a run of many
    programs, only the last one's and the spare are left, not one per program."""
    programs = [program(f"p{i}", f"return {i % 2}") for i in range(12)]
    with Executor(ExecutionConfig(workers=1, batch_size=2)) as runner:
        matrix = runner.run(programs, list("abcdef"), [0, 1])
        worker = runner._workers[0].process.pid
        deadline = time.monotonic() + 5.0
        while len(_pool.session_members({worker})) > 7 and time.monotonic() < deadline:
            time.sleep(0.05)
        # the worker, and three processes for each of the current program and the spare
        assert len(_pool.session_members({worker})) <= 7
    assert matrix.votes[:, 5].tolist() == [1] * 6 and matrix.votes[:, 6].tolist() == [0] * 6


@contextmanager
def at_most(seconds: int) -> Iterator[None]:
    """Fail, not hang, when what runs inside does not end (SIGALRM interrupts a blocked call)."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_worker_that_stops_reading_cannot_hold_a_run() -> None:
    """The items (megabytes: more than a socket holds) go to a worker that reads nothing: the
    executor never blocks on sending them, its deadline ends the batch, and the stopped worker
    is killed with its session."""
    config = ExecutionConfig(workers=1, call_timeout=0.3, batch_timeout=1.0, batch_size=4)
    items = [f"{i} " + "x" * 1000 for i in range(8000)]
    with at_most(90), Executor(config) as runner:
        runner.run([program("warm", "return 1")], ["x"], [0, 1])
        stopped = runner._workers[0].process.pid
        os.kill(stopped, signal.SIGSTOP)
        start = time.monotonic()
        matrix = runner.run([program("p", "return 1")], items, [0, 1])
        took = time.monotonic() - start
        again = runner.run([program("q", "return 0")], items[:8], [0, 1])
    assert took < config.batch_timeout + executor_module._GRACE + 5.0  # + a worker's start
    assert (matrix.errors[:, 0] == CellError.TIMEOUT).all()
    assert "worker unresponsive for over 1 s and was killed" in matrix.reasons["p"]
    assert (again.votes == 0).all()  # its replacement serves the next run
    assert not _pool.session_members({stopped}) and not Path(f"/proc/{stopped}").exists()


def test_an_interrupted_run_leaves_the_executor_usable() -> None:
    def interrupt(cells: int) -> None:
        raise RuntimeError("stop")

    items = [str(i) for i in range(30)]
    with Executor(FAST, progress=interrupt) as runner:
        with pytest.raises(RuntimeError, match="stop"):
            runner.run([program("a", "return int(x) % 2")], items, [0, 1])
        runner.progress = None
        matrix = runner.run([program("b", "return 1 - int(x) % 2")], items, [0, 1])
    assert matrix.votes[:, 0].tolist() == [1 - i % 2 for i in range(30)]


def test_a_killed_process_jail_is_removed_by_the_next_executor() -> None:
    script = (
        "import os, signal, sys\n"
        "from alchemist.execution import Executor, ExecutionConfig\n"
        "from alchemist.programs import Program\n"
        "runner = Executor(ExecutionConfig(workers=1))\n"
        "runner.run([Program('a', 'def label(x):\\n    return 1\\n')], ['x'], [0, 1])\n"
        "print(runner._jail[0], flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    killed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    left = Path(killed.stdout.strip())
    assert left.is_dir() and f"-jail-{left.name.split('-')[2]}-" in left.name
    kept = Path(f"{left}-not-empty")  # same dead process, but holds a file: never removed
    kept.mkdir()
    (kept / "file").write_text("x")
    recent = Path(f"{left}-recent")  # same dead process, empty, but made a minute ago: kept
    recent.mkdir()
    hours_ago = time.time() - 7200
    for folder in (left, kept):
        os.utime(folder, (hours_ago, hours_ago))
    os.utime(recent, (hours_ago + 7140, hours_ago + 7140))
    try:
        with Executor(FAST) as runner:
            runner.run([program("a", "return 1")], ["x"], [0, 1])
            own = Path(runner._jail[0])
            assert own.is_dir() and str(os.getpid()) in own.name
        assert not left.exists() and kept.is_dir() and recent.is_dir() and not own.exists()
    finally:
        shutil.rmtree(kept)
        recent.rmdir()
