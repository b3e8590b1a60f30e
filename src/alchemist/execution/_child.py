"""What runs in the processes a worker forks for one program: confinement, then the labeling loop.

Loaded from source by the worker (``_pool._BOOTSTRAP``), standard library only.

Process chain of one program: the worker forks a process that starts a process group of its own
(every process of the program stays in it, and in the worker's session), enters new user,
mount, network, PID and IPC namespaces with an empty root, and dies with the worker
(``PR_SET_PDEATHSIG``, checked against the worker's pid so that a worker that died before it
was set is not missed). It forks the first process of the PID namespace, which forks the
program's process; each dies with its parent, and each waits for its child and exits with its
status (a child killed by signal N: exit code 128 + N). No waiter ever raises a signal on
itself: an exit code that names a stop signal (147 = 128 + SIGSTOP) cannot stop a waiter, and
the worker reads the fate of the whole chain from the first process's exit status.

A program process is started before its program is known (the worker keeps one spare, so
that the next program's confinement overlaps the current program's work): the program arrives
as its first message, read only once every confinement step is in place.

With the worker (two pipes, fds 3 and 4 in the program's process; replies parsed, never
unpickled, by the worker, since the program's process may be compromised):
  -> PROGRAM(bytes) + pickled (source, function name, lookup)   once, first; from the worker
  -> REQUEST(nonce, start, stop)
  <- REPLY(nonce, kind, body bytes) + body, kind b"R": votes + errors + utf-8 "code<TAB>message"
     lines; b"L": the load error; b"X" (nonce 0): the confinement step that failed, after which
     the process exits without running the program; b"P" (nonce 0): the probe's report.
The nonce is drawn by the worker per request: a reply written before its request was read,
or one read out of step, names no request and the worker kills the process.
"""

from __future__ import annotations

import fcntl
import os
import pickle
import signal
import struct
from typing import Any

import _confine  # type: ignore[import-not-found]  # loaded by _pool._BOOTSTRAP
import _sandbox  # type: ignore[import-not-found]

PROGRAM = struct.Struct("<Q")  # bytes of the pickled program that follow
REQUEST = struct.Struct("<QQQ")  # nonce, start, stop
REPLY = struct.Struct("<QcI")  # nonce, kind, body bytes
MAX_MESSAGES = 8192  # bytes of failure messages a program process may send per batch
_REQUESTS, _REPLIES = 3, 4


def child_main(
    read_fd: int, write_fd: int, worker: Any, probe: bool
) -> None:  # pragma: no cover - forked child
    """The forked process: confine, then serve requests until the worker closes them."""
    code = 70
    try:
        os.setpgid(0, 0)
        _isolate_fds(read_fd, write_fd)
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        report: list[tuple[str, str]] = []
        strict = worker.strict and not probe
        memory = _sandbox.address_space_bytes()  # read now: /proc is gone once confined
        try:
            _confine.enter_namespaces(worker.jail, report, strict=strict, off=worker.steps_off)
            _confine.die_with_parent(worker.pid)  # after any change of uid, which clears it
            _wait_for_child_then_exit_with_its_status()  # outside the new PID namespace
            _confine.die_with_parent()
            _wait_for_child_then_exit_with_its_status()  # PID 1 of the namespace
            _confine.die_with_parent()
            _confine.lock_down(
                None if memory is None else memory + worker.memory_mb * 2**20,
                worker.cpu_budget(),
                report,
                strict=strict,
                off=worker.steps_off,
            )
            _sandbox.start_call_timer(worker.call_timeout)
        except _confine.IsolationError as exc:
            _reply(0, b"X", f"isolation failed: {exc}".encode()[:MAX_MESSAGES])
            return
        if probe:
            lines = "".join(f"{layer}\t{problem}\n" for layer, problem in report)
            _reply(0, b"P", lines.encode("utf-8", "replace")[:MAX_MESSAGES])
            return
        code = _serve(worker)
    finally:
        os._exit(code)


def _serve(worker: Any) -> int:  # pragma: no cover - forked child
    """Wait for the program (sent by the worker, which is trusted: the only unpickling in a
    program process), load it, then answer requests until the worker closes them."""
    for _ in worker.items:  # their pages copied on write now, while spare, not in the loop
        pass
    try:
        (size,) = PROGRAM.unpack(_read_exact(_REQUESTS, PROGRAM.size))
        source, function_name, lookup = pickle.loads(_read_exact(_REQUESTS, size))
    except EOFError:
        return 0  # a spare never used
    try:
        function = _sandbox.load_program(
            source, function_name, worker.builtins, timeout=worker.call_timeout
        )
        load_error = None
    except BaseException as exc:  # noqa: B036 - any failure to load rejects the program
        load_error = _sandbox.describe(exc)
    while True:
        try:
            nonce, start, stop = REQUEST.unpack(_read_exact(_REQUESTS, REQUEST.size))
        except EOFError:
            return 0
        if load_error is not None:
            _reply(nonce, b"L", load_error.encode("utf-8", "replace")[:MAX_MESSAGES])
            continue
        _sandbox.limit_cpu(worker.batch_timeout)
        votes, errors, first = _sandbox.label_range(
            function, worker.items, start, stop, lookup, worker.call_timeout
        )
        text = "\n".join(f"{c}\t{m}".replace("\n", " ")[:300] for c, m in first.items())
        encoded = text.encode("utf-8", "replace")[: MAX_MESSAGES - 16]
        _reply(nonce, b"R", votes + errors + encoded)


def _reply(nonce: int, kind: bytes, body: bytes) -> None:  # pragma: no cover - forked child
    """Write one reply frame (blocking: the seccomp allowlist has no select or poll)."""
    view = memoryview(REPLY.pack(nonce, kind, len(body)) + body)
    while view:
        view = view[os.write(_REPLIES, view) :]


def _read_exact(fd: int, size: int) -> bytes:  # pragma: no cover - forked child
    data = b""
    while len(data) < size:
        chunk = os.read(fd, size - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def _wait_for_child_then_exit_with_its_status() -> None:  # pragma: no cover - forked child
    """Fork; in the parent, wait for the child and exit with its status: its exit code, or
    128 + the signal that killed it. Never a signal raised on itself (a stop signal would
    leave this process stopped, its parent waiting for ever)."""
    pid = os.fork()
    if pid == 0:
        return
    os.close(_REQUESTS)
    os.close(_REPLIES)  # the worker must see end-of-file when the program's process dies
    while True:
        try:
            _, status = os.waitpid(pid, 0)
            break
        except ChildProcessError:
            os._exit(70)
        except InterruptedError:
            continue
    code = os.waitstatus_to_exitcode(status)
    os._exit(128 - code if code < 0 else code)


def _isolate_fds(read_fd: int, write_fd: int) -> None:  # pragma: no cover - forked child
    """Keep only stdin/stdout/stderr (to /dev/null) and the two pipes, as fds 3 and 4: the
    worker's socket to the executor must not be reachable from program code."""
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    high_read = fcntl.fcntl(read_fd, fcntl.F_DUPFD, 10)  # above 4: dup2 below cannot clobber
    high_write = fcntl.fcntl(write_fd, fcntl.F_DUPFD, 10)
    os.dup2(high_read, _REQUESTS)
    os.dup2(high_write, _REPLIES)
    os.closerange(5, os.sysconf("SC_OPEN_MAX"))
