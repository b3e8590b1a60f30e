"""The executor's defences one by one: failing closed when a confinement layer is missing,
clean workers, guarded gadgets, untrusted replies, reasons cleaned. The whole corpus of attacks
is in test_execution_hostile.py."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from alchemist.cli.main import main
from alchemist.errors import ExecutionError
from alchemist.execution import (
    ExecutionConfig,
    Executor,
    StaticVerdict,
    _frames,
    _pool,
    clean_reason,
)
from alchemist.execution import executor as executor_module
from alchemist.execution._confine import LAYERS
from alchemist.label_matrix import CellError
from alchemist.programs import Program

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the OS layer of the executor is Linux-only"
)

FAST = ExecutionConfig(workers=1, call_timeout=0.5, batch_timeout=5.0, batch_size=4)
SRC = Path(__file__).resolve().parents[1] / "src"


def program(pid: str, body: str, header: str = "") -> Program:
    return Program(pid, f"{header}\ndef label(x):\n    {body}\n")


@pytest.fixture(scope="module")
def executor() -> Executor:
    with Executor(FAST) as shared:
        yield shared


# ------------------------------------------------------------------ failing closed, doctor


def _run_without_user_namespaces(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run ``code`` in a process where creating a user namespace fails (EPERM), as on a kernel
    that disables them: a seccomp filter, inherited by the workers, refuses unshare."""
    prelude = """
        import ctypes, platform, struct
        unshare = {"x86_64": 272, "aarch64": 97}[platform.machine()]
        filters = [(0x20, 0, 0, 0), (0x15, 0, 1, unshare), (0x06, 0, 0, 0x00050001),
                   (0x06, 0, 0, 0x7FFF0000)]
        code = b"".join(struct.pack("<HBBI", *f) for f in filters)
        buffer = ctypes.create_string_buffer(code, len(code))
        program = struct.pack("<HxxxxxxQ", len(filters), ctypes.addressof(buffer))
        libc = ctypes.CDLL(None, use_errno=True)
        assert libc.prctl(38, 1, 0, 0, 0) == 0
        assert libc.prctl(22, 2, ctypes.c_char_p(program), 0, 0) == 0
    """
    environment = {**os.environ, "PYTHONPATH": str(SRC), **env}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(prelude) + textwrap.dedent(code)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


RUN_ONE = """
    from alchemist.cli.main import main
    from alchemist.errors import ExecutionError
    from alchemist.execution import execute
    from alchemist.programs import Program
    try:
        matrix = execute([Program("p", "def label(x):\\n    return 1 if 'a' in x else 0\\n")],
                         ["a", "b"], [0, 1])
        print("votes", matrix.votes[:, 0].tolist())
    except ExecutionError as exc:
        print("refused", exc)
    print("doctor exit", main(["doctor"]))
"""


def test_programs_are_refused_when_a_layer_is_missing() -> None:
    done = _run_without_user_namespaces(RUN_ONE, {"ALCHEMIST_WEAK_ISOLATION": ""})
    assert done.returncode == 0, done.stderr
    refusal = next(line for line in done.stdout.splitlines() if line.startswith("refused"))
    assert (
        "cannot isolate labeling programs on this machine: user namespace is not available"
        in refusal
    )
    assert "ALCHEMIST_WEAK_ISOLATION=1" in refusal and "votes" not in done.stdout
    assert "MISSING  user namespace: unshare(CLONE_NEWUSER) failed" in done.stdout
    assert "doctor exit 1" in done.stdout


def test_weaker_isolation_runs_only_when_accepted() -> None:
    done = _run_without_user_namespaces(RUN_ONE, {"ALCHEMIST_WEAK_ISOLATION": "1"})
    assert done.returncode == 0, done.stderr
    assert "votes [1, 0]" in done.stdout
    assert "running labeling programs with weaker isolation, as accepted" in done.stderr


def test_execution_errors_carry_the_missing_layer_and_the_python(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(_pool.WEAK_ISOLATION_ENV, raising=False)
    with pytest.raises(ExecutionError, match="Landlock is not available") as refused:
        _pool.check_isolation([("rlimits", ""), ("Landlock", "disabled")], FAST)
    assert (refused.value.layer, refused.value.path) == ("Landlock", None)
    python = tmp_path / "python"  # starts, then exits without a word
    python.write_text("#!/bin/sh\nsleep 0.2\n")
    python.chmod(0o755)
    monkeypatch.setattr(_pool.sys, "executable", str(python))
    with pytest.raises(ExecutionError, match="failed to start") as failed:
        _pool.Worker(FAST, str(tmp_path)).layers()
    assert (failed.value.path, failed.value.layer) == (str(python), None)


def test_doctor_lists_every_layer(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["doctor"])
    out = capsys.readouterr().out
    for layer in LAYERS:
        if layer != "own uid" or os.geteuid() == 0:
            assert f" {layer}" in out
    assert code == (1 if "MISSING" in out else 0)


# ------------------------------------------------------------------ clean workers


def test_workers_start_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOSTILE_TEST_PROVIDER_KEY", "kept-out-of-the-workers")
    # With the static check off, str.format follows field paths built at runtime: it shows
    # the worker's environment.
    monkeypatch.setattr(executor_module, "check_program", lambda source, name: StaticVerdict(True))
    leak = program(
        "env",
        "raise ValueError(('{0.' + U + 'globals' + U + '[_os].environ}')"
        ".format(random.Random.seed))",
        "import random\nU = '_' * 2",
    )
    with Executor(FAST) as executor:
        matrix = executor.run([leak], ["a"], [0, 1])
        args = executor._workers[0].process.args
    assert args[1:5] == ["-I", "-S", "-B", "-c"]  # no site packages, no .pth files, no bytecode
    shown = matrix.reasons["env"]
    assert "PATH" in shown and "HOSTILE_TEST_PROVIDER_KEY" not in shown and "HOME" not in shown


def test_workers_write_no_bytecode(tmp_path: Path) -> None:
    tree = tmp_path / "src"
    shutil.copytree(
        SRC / "alchemist", tree / "alchemist", ignore=shutil.ignore_patterns("__pycache__")
    )
    code = (
        "from alchemist.execution import execute\nfrom alchemist.programs import Program\n"
        "m = execute([Program('p', 'import re\\ndef label(x):\\n    return 1\\n')], ['a'],"
        " [0, 1])\nprint(m.votes.tolist())"
    )
    done = subprocess.run(
        [sys.executable, "-B", "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tree)},
        timeout=300,
    )
    assert done.stdout.strip() == "[[1]]", done.stderr
    assert not list(tree.rglob("__pycache__"))


# ------------------------------------------------------------------ guarded gadgets


def test_guarded_gadgets_still_work_for_plain_use(executor: Executor) -> None:
    programs = [
        program(
            "attrgetter",
            "return 1 if attrgetter('real')(len(x)) == 1 else 0",
            "from operator import attrgetter",
        ),
        program(
            "methodcaller",
            "return 1 if methodcaller('startswith', 'a')(x) else 0",
            "from operator import methodcaller",
        ),
        program(
            "formatter",
            "return 1 if string.Formatter().format('{0}{k}', x, k='!') == 'a!' else 0",
            "import string",
        ),
        program("format", "return 1 if '{0.real}'.format(len(x)) == '1' else 0"),
    ]
    matrix = executor.run(programs, ["a"], [0, 1])
    assert matrix.votes.tolist() == [[1, 1, 1, 1]] and not matrix.reasons


@pytest.mark.parametrize(
    "body",
    [
        "return attrgetter(U + 'class' + U)(x)",
        "return attrgetter('upper.' + U + 'self' + U)(x)",
        "return methodcaller(U + 'reduce_ex' + U, 2)(x)",
        "return string.Formatter().format('{0.' + U + 'class' + U + '}', x)",
        "return string.Formatter().get_field('0.gi_' + 'frame', [x], {})",
        "return getattr((y for y in x), 'gi_' + 'frame')",
    ],
)
def test_gadgets_refuse_private_and_frame_attributes(executor: Executor, body: str) -> None:
    header = "import string\nfrom operator import attrgetter, methodcaller\nU = '_' * 2"
    matrix = executor.run([program("gadget", body, header)], ["a"], [0, 1])
    assert "is not allowed in labeling programs" in matrix.reasons["gadget"]


LYING_NAME = """
class Name(str):
    def startswith(self, prefix, *args):
        return False
    def split(self, sep=None, maxsplit=-1):
        return ["real"]
    def __eq__(self, other):
        return False
    def __hash__(self):
        return 0
U = "_" * 2
"""


@pytest.mark.parametrize(
    "body",
    [
        "getattr(len, Name(U + 'self' + U))",
        "hasattr(len, Name(U + 'self' + U))",
        "setattr(Name, Name(U + 'eq' + U), None)",
        "attrgetter(Name('real.' + U + 'class' + U))(1)",
        "attrgetter('real', Name(U + 'class' + U))(1)",
        "methodcaller(Name(U + 'reduce_ex' + U), 2)(1)",
        "string.Formatter().get_field(Name('0.' + U + 'class' + U), [1], {})",
        "string.Formatter().format(Name('{0.' + U + 'class' + U + '}'), 1)",
        "getattr('{0}', Name('form' + 'at'))",
        "getattr((y for y in 'a'), Name('gi_' + 'frame'))",
    ],
)
def test_guards_decide_on_the_characters_not_on_the_objects_methods(body: str) -> None:
    """A str subclass whose methods lie is checked by its characters, with no process needed:
    the guards are plain functions."""
    from alchemist.execution import _sandbox

    namespace = {"__builtins__": _sandbox.prepare(), "__name__": "labeling_program"}
    header = "import string\nfrom operator import attrgetter, methodcaller\n" + LYING_NAME
    exec(header, namespace)  # noqa: S102 - the test's own program, run with the guards
    with pytest.raises(AttributeError, match="is not allowed in labeling programs"):
        exec(body, namespace)  # noqa: S102


def test_runtime_layer_functions_hold_no_dangerous_globals() -> None:
    code = f"""
        import sys
        sys.path.insert(0, {str(SRC / "alchemist" / "execution")!r})
        import _sandbox
        safe = _sandbox.prepare()
        names = set()
        for name in ("getattr", "hasattr", "setattr", "delattr", "print", "__import__"):
            names |= set(safe[name].__globals__)
        operator = safe["__import__"]("operator", fromlist=["x"])
        names |= set(operator.attrgetter.__globals__)
        print(sorted(names & {{"os", "sys", "ctypes", "signal", "resource", "_sandbox"}}))
    """
    done = subprocess.run(
        [sys.executable, "-I", "-S", "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.strip() == "[]", done.stderr


# ------------------------------------------------------------------ untrusted replies


def _state(n: int = 4) -> executor_module._RunState:
    return executor_module._RunState([Program("p", "")], ["x"] * n, {0: 0, 1: 1}, None)


@pytest.mark.parametrize(
    ("votes", "errors", "expected_votes", "expected_errors"),
    [
        ([0, 1, 255, 255], [0, 0, 0, 1], [0, 1, -1, -1], [0, 0, 0, 1]),  # valid
        ([0, 2, 127, 255], [0, 0, 0, 0], [0, -1, -1, -1], [0, 5, 5, 0]),  # out of range
        ([0, 255, 255, 255], [0, 9, 4, 5], [0, -1, -1, -1], [0, 5, 5, 5]),  # unknown codes
        ([1, 0, 255, 255], [1, 0, 0, 0], [-1, 0, -1, -1], [5, 0, 0, 0]),  # vote with a failure
    ],
)
def test_program_replies_are_range_checked(
    votes: list[int], errors: list[int], expected_votes: list[int], expected_errors: list[int]
) -> None:
    state = _state()
    state.apply(
        executor_module._Task(0, 0, 4),
        "ok",
        bytes(votes),
        bytes(errors),
        "1\tboom\n9\t\x1b[2Jforged\n",
    )
    matrix = state.matrix()
    assert matrix.votes[:, 0].tolist() == expected_votes
    assert matrix.errors[:, 0].tolist() == expected_errors
    if CellError.CRASHED in expected_errors:
        assert "program process sent an invalid reply" in matrix.reasons["p"]
    assert "forged" not in matrix.reasons.get("p", "")


def test_a_reply_of_the_wrong_size_is_a_crash() -> None:
    state = _state()
    state.apply(executor_module._Task(0, 0, 4), "ok", b"\x00", b"\x00", "")
    assert state.matrix().errors[:, 0].tolist() == [CellError.CRASHED] * 4


@pytest.mark.parametrize(
    "reply",
    [
        b"",
        b"D",
        b"D" + b"\x00" * 16,
        b"\x80\x04pickle",
        b"D" + _pool._DONE.pack(1, 9, 0, 0),
        b"D" + _pool._DONE.pack(1, 0, 2, 0) + b"\x00",
    ],
)
def test_malformed_worker_replies_parse_to_none(reply: bytes) -> None:
    assert _pool.parse_reply(reply) is None


def test_worker_frames_are_limited_in_bytes_before_they_are_read() -> None:
    """A length header over the limit is refused at once, not waited for."""
    inbox = _frames.Inbox(limit=64)
    ours, theirs = socket.socketpair()
    ours.setblocking(False)
    theirs.sendall(_frames.frame(b"D" + b"x" * 10) + _frames.LENGTH.pack(65) + b"D")
    inbox.fill(ours.fileno())
    assert inbox.take() == b"D" + b"x" * 10
    with pytest.raises(_frames.FrameError, match="at most 64"):
        inbox.take()
    ours.close()
    theirs.close()


# ------------------------------------------------------------------ reasons are data


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\x1b[2J\x1b]0;title\x07\x1b[31mred\x1b[0m", "red"),
        ("a\u2028b\u2029c\x85d\r\ne\x00f\x9b31mg", "a b c d efg"),  # NUL: removed
        ("right\u202eto left\u200b", "rightto left"),  # removed, not spaced
        ("key sk-live-0123456789abcdefghijklmnop!", "key [redacted]!"),
        ("Authorization: Bearer abcdef0123456789xyz", "Authorization: [redacted]"),
        ("x" * 500, "x" * 299 + "…"),
    ],
)
def test_reasons_are_cleaned(raw: str, clean: str) -> None:
    assert clean_reason(raw) == clean


def test_secret_environment_values_are_redacted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MY_SERVICE_TOKEN", "plain words")
    assert clean_reason("got plain words here") == "got [redacted] here"


def test_cached_reasons_are_cleaned_when_read(tmp_path: Path) -> None:
    config = ExecutionConfig(workers=1, call_timeout=0.5, cache_dir=tmp_path)
    noisy = program("noisy", "raise ValueError('\\x1b[31mred')")
    with Executor(config) as first:
        execute_once = first.run([noisy], ["a"], [0, 1])
    assert execute_once.reasons["noisy"].startswith("ValueError: red")
    (cached,) = tmp_path.rglob("*.npz")
    with np.load(cached) as data:
        messages = json.loads(str(data["messages"]))
    messages["1"] = "\x1b]0;planted\x07 in the cache"
    np.savez(
        cached,
        votes=np.full(1, -1, np.int8),
        errors=np.ones(1, np.uint8),
        messages=json.dumps(messages),
    )
    with Executor(config) as second:
        assert second.run([noisy], ["a"], [0, 1]).reasons["noisy"] == "in the cache (1 of 1 items)"
