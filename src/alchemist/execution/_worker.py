"""The worker: a clean template process that forks one confined process per program.

The worker itself never runs program code. It holds the run's items, and for each program it
forks a process from its own clean state (so a program that patches builtins or modules, exits,
or breaks its interpreter harms only itself), confines it (``_confine``), and feeds it ranges of
items. A process that hangs past the batch limit is killed; one that dies is reported.

Started by ``executor._Worker`` as ``python -I -S -B`` (no site packages, no ``.pth`` files, no
bytecode written) with an empty environment in an empty folder; it loads ``_confine``,
``_sandbox`` (with ``_syscalls`` and ``_guards``) and itself from source and imports only the
standard library.

Process chain of one program: the forked process enters new user, mount, network, PID and IPC
namespaces with an empty root, then forks the first process of the PID namespace, which forks
the program's process; each waits for its child and exits as it did, so the worker sees the
program's fate. The program's process locks itself down (``_confine.lock_down``) and runs.

With the executor (one socket):
  -> pickled ("config", call_timeout, batch_timeout, memory_mb, jail, strict, runtime_layer,
              steps_off)   the last two for tests: show what the other layers stop alone
  <- b"Y" + utf-8 lines "layer<TAB>problem" (problem empty when the layer is active)
  -> pickled ("data",) then the pickled item list as raw bytes
  -> pickled ("task", task_id, key, source, function_name, lookup, start, stop)
  <- b"D" + DONE(task_id, status, cells, text bytes) + votes + errors + utf-8 text
  -> pickled ("close",)
The executor never unpickles: what comes back is parsed as fixed-size fields and bytes.
With a program process (its replies are parsed, never unpickled: it may be compromised):
  -> 16 bytes: start, stop
  <- b"R" + votes + errors + utf-8 "code<TAB>message" lines,  or  b"L" + load error,
     or  b"X" + the confinement step that failed (it then exits without running the program)
"""

from __future__ import annotations

import fcntl
import os
import pickle
import resource
import signal
import struct
import time
from collections import deque
from multiprocessing.connection import Connection
from typing import Any

import _confine  # type: ignore[import-not-found]  # loaded by _pool._BOOTSTRAP
import _sandbox  # type: ignore[import-not-found]

_RANGE = struct.Struct("<QQ")
DONE = struct.Struct("<QBII")  # task id, status (index in STATUSES), cells, text bytes
STATUSES = ("ok", "rejected", "hung", "crashed")
_MAX_MESSAGES = 8192  # bytes of failure messages a program process may send per batch


class _ProgramProcess:
    """One forked, confined process running one program."""

    def __init__(
        self, key: str, source: str, function_name: str, worker: _Template, probe: bool = False
    ) -> None:
        to_child = os.pipe()
        from_child = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child, which never returns
            _child_main(to_child[0], from_child[1], source, function_name, worker, probe)
        os.close(to_child[0])
        os.close(from_child[1])
        self.key, self.pid = key, pid
        self._out = Connection(to_child[1], readable=False)
        self._in = Connection(from_child[0], writable=False)

    def send(self, start: int, stop: int) -> None:
        """Queue a range; the process works through its queue while replies travel back."""
        self._out.send_bytes(_RANGE.pack(start, stop))

    def receive(self, n: int, timeout: float) -> tuple[str, bytes, bytes, str]:
        """The reply to the oldest queued range of ``n`` items, waiting at most ``timeout``."""
        try:
            if not self._in.poll(timeout):
                self.stop()
                return "hung", b"", b"", ""
            reply = self._in.recv_bytes(maxlength=2 * n + _MAX_MESSAGES + 1)
        except (EOFError, OSError):
            return "crashed", b"", b"", f"worker died ({self._exit_cause()})"
        if reply[:1] == b"L":
            return "rejected", b"", b"", reply[1:].decode("utf-8", "replace")
        if reply[:1] == b"X":
            self.stop()
            return "crashed", b"", b"", reply[1:].decode("utf-8", "replace")
        if reply[:1] != b"R" or len(reply) < 1 + 2 * n:
            self.stop()
            return "crashed", b"", b"", "worker sent a malformed reply and was killed"
        return (
            "ok",
            reply[1 : 1 + n],
            reply[1 + n : 1 + 2 * n],
            reply[1 + 2 * n :].decode("utf-8", "replace"),
        )

    def stop(self, grace: float = 0.0) -> None:
        """End the process: told to by closing its requests, killed when it has not exited
        after ``grace`` seconds (a clean exit lets its CPU time be counted up the chain)."""
        self._out.close()
        deadline = time.monotonic() + grace
        while True:
            try:
                if os.waitpid(self.pid, os.WNOHANG)[0]:
                    break
            except ChildProcessError:
                break
            if time.monotonic() >= deadline:
                os.kill(self.pid, signal.SIGKILL)  # not reaped yet: the pid is still ours
                self._exit_cause()
                break
            time.sleep(0.001)
        self._in.close()

    def _exit_cause(self) -> str:
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:
            return "already reaped"
        if os.WIFSIGNALED(status):
            number = os.WTERMSIG(status)
            causes: dict[int, str] = {
                signal.SIGXCPU: "CPU time limit",
                signal.SIGKILL: "killed",
                signal.SIGSEGV: "segmentation fault",
            }
            try:
                name = signal.Signals(number).name
            except ValueError:  # a real-time signal
                name = f"signal {number}"
            return f"{causes.get(number, 'signal')}: {name}"
        return f"exit code {os.WEXITSTATUS(status)}"


class _Template:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.builtins = _sandbox.prepare()
        self.jail, self.strict, self.steps_off = "", True, frozenset[str]()
        self.items: list[Any] = []
        self.lookup: dict[int, int] = {}
        self.call_timeout, self.batch_timeout, self.memory_mb = 1.0, 60.0, 512
        self.child: _ProgramProcess | None = None
        # Ranges sent to the child and not answered yet: (task_id, n), oldest first. Two at a
        # time, so the child starts the next one while this process forwards a reply.
        self.queued: deque[tuple[Any, int]] = deque()
        self.head_since = 0.0  # when the oldest queued range became the one being worked on
        # The program whose process hung or died in this run, and how: its tasks still arriving
        # are answered so, not run again (a hang would cost another batch limit each).
        self.lost: tuple[str, str, str] | None = None  # (key, status, message)

    def serve(self) -> None:
        try:
            while True:
                if self.queued and not self.conn.poll(0):
                    self._forward_reply()
                    continue
                try:
                    message = self.conn.recv()
                except (EOFError, OSError):
                    return
                if message[0] == "close":
                    return
                self._handle(message)
        finally:
            self._drop_child()

    def _handle(self, message: tuple[Any, ...]) -> None:
        if message[0] == "config":
            (
                self.call_timeout,
                self.batch_timeout,
                self.memory_mb,
                self.jail,
                self.strict,
                runtime_layer,
                steps_off,
            ) = message[1:]
            self.steps_off = frozenset(steps_off)
            if not runtime_layer:
                self.builtins = _sandbox.unrestricted_builtins()
            self.conn.send_bytes(b"Y" + self._probe().encode("utf-8", "replace"))
        elif message[0] == "data":
            self._drop_child()
            payload, self.items, self.lost = self.conn.recv_bytes(), [], None
            try:
                self.items = pickle.loads(payload)
            except Exception as exc:  # the items' types must be importable here  # noqa: BLE001
                self.lost = ("", "crashed", f"the worker cannot load the items: {exc!r}")
        elif message[0] == "task":
            task_id, key, source, function_name, lookup, start, stop = message[1:]
            if self.child is None or self.child.key != key:
                self._drop_child()
                if self.lost is None or self.lost[0] not in (key, ""):
                    self.lookup = lookup
                    self.child = _ProgramProcess(key, source, function_name, self)
            while len(self.queued) >= 2:
                self._forward_reply()
            if self.child is None:
                self._answer_lost(task_id)
                return
            if not self.queued:
                self.head_since = time.monotonic()
            self.child.send(start, stop)
            self.queued.append((task_id, stop - start))

    def _forward_reply(self) -> None:
        task_id, n = self.queued.popleft()
        if self.child is None:
            self._answer_lost(task_id)
            return
        timeout = max(0.0, self.head_since + self.batch_timeout - time.monotonic())
        status, votes, errors, text = self.child.receive(n, timeout)
        self.head_since = time.monotonic()
        if status == "hung":
            text = f"worker hung for over {self.batch_timeout:g} s and was killed"
        if status in ("hung", "crashed"):
            self.lost = (self.child.key, status, text)
            self.child = None
        self._send_done(task_id, status, votes, errors, text)

    def _answer_lost(self, task_id: Any) -> None:
        _, status, text = self.lost or ("", "crashed", "worker process lost")
        self._send_done(task_id, status, b"", b"", text)

    def _send_done(self, task_id: int, status: str, votes: bytes, errors: bytes, text: str) -> None:
        encoded = text.encode("utf-8", "replace")
        self.conn.send_bytes(
            b"D"
            + DONE.pack(task_id, STATUSES.index(status), len(votes), len(encoded))
            + votes
            + errors
            + encoded
        )

    def _probe(self) -> str:
        """Which confinement layers a program process gets on this machine: one trial
        process tries each, skipping the ones that fail, and reports."""
        trial = _ProgramProcess("", "", "", self, probe=True)
        try:
            if trial._in.poll(10.0):
                return trial._in.recv_bytes(_MAX_MESSAGES).decode("utf-8", "replace")
            return "confinement\tthe trial process did not answer within 10 s\n"
        except (EOFError, OSError):
            return f"confinement\tthe trial process died ({trial._exit_cause()})\n"
        finally:
            trial.stop()

    def _drop_child(self) -> None:
        """Answer what the current child still owes, then stop it."""
        while self.queued:
            self._forward_reply()
        if self.child is not None:
            self.child.stop(grace=1.0)
            self.child = None


def _child_main(
    read_fd: int, write_fd: int, source: str, function_name: str, worker: _Template, probe: bool
) -> None:  # pragma: no cover - forked child
    code = 70
    try:
        _isolate_fds(read_fd, write_fd)
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        requests, replies = Connection(3, writable=False), Connection(4, readable=False)
        report: list[tuple[str, str]] = []
        strict = worker.strict and not probe
        memory = _sandbox.address_space_bytes()  # read now: /proc is gone once confined
        try:
            _confine.enter_namespaces(worker.jail, report, strict=strict, off=worker.steps_off)
            _wait_for_child_then_exit_alike()  # this process: outside the new PID namespace
            _confine.die_with_parent()
            _wait_for_child_then_exit_alike()  # this one: PID 1 of the namespace
            _confine.die_with_parent()
            _confine.lock_down(
                None if memory is None else memory + worker.memory_mb * 2**20,
                report,
                strict=strict,
                off=worker.steps_off,
            )
            _sandbox.start_call_timer(worker.call_timeout)
        except _confine.IsolationError as exc:
            replies.send_bytes(b"X" + f"isolation failed: {exc}".encode()[:_MAX_MESSAGES])
            return
        if probe:
            replies.send_bytes(
                "".join(f"{layer}\t{problem}\n" for layer, problem in report).encode(
                    "utf-8", "replace"
                )[:_MAX_MESSAGES]
            )
            return
        try:
            function = _sandbox.load_program(
                source, function_name, worker.builtins, timeout=worker.call_timeout
            )
            load_error = None
        except BaseException as exc:  # noqa: B036 - any failure to load rejects the program
            load_error = _sandbox.describe(exc)
        while True:
            try:
                start, stop = _RANGE.unpack(requests.recv_bytes(_RANGE.size))
            except EOFError:
                code = 0
                return
            if load_error is not None:
                replies.send_bytes(b"L" + load_error.encode("utf-8", "replace")[:_MAX_MESSAGES])
                continue
            _sandbox.limit_cpu(worker.batch_timeout)
            votes, errors, first = _sandbox.label_range(
                function, worker.items, start, stop, worker.lookup, worker.call_timeout
            )
            text = "\n".join(f"{c}\t{m}".replace("\n", " ")[:300] for c, m in first.items())
            replies.send_bytes(b"R" + votes + errors + text.encode("utf-8", "replace"))
    finally:
        os._exit(code)


def _wait_for_child_then_exit_alike() -> None:  # pragma: no cover - forked child
    """Fork; in the parent, wait for the child and exit as it did (a signal's death becomes
    exit code 128 + signal, which the next parent up turns back into that signal)."""
    pid = os.fork()
    if pid == 0:
        return
    os.close(3)
    os.close(4)  # the worker must see end-of-file when the program's process dies
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    sig = -code if code < 0 else code - 128 if 128 < code < 128 + 65 else 0
    if sig:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        try:
            signal.signal(sig, signal.SIG_DFL)
        except (OSError, ValueError):
            pass
        os.kill(os.getpid(), sig)  # ignored in PID 1 of a namespace: then the exit code below
    os._exit(128 + sig if sig else code)


def _isolate_fds(read_fd: int, write_fd: int) -> None:
    """Keep only stdin/stdout/stderr (to /dev/null) and the two pipes, as fds 3 and 4: the
    worker's socket to the executor must not be reachable from program code."""
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    high_read = fcntl.fcntl(read_fd, fcntl.F_DUPFD, 10)  # above 4: dup2 below cannot clobber
    high_write = fcntl.fcntl(write_fd, fcntl.F_DUPFD, 10)
    os.dup2(high_read, 3)
    os.dup2(high_write, 4)
    os.closerange(5, os.sysconf("SC_OPEN_MAX"))


def main(fd: int) -> None:
    """Entry point: serve the executor on socket ``fd`` until it closes or says "close"."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the executor's to handle
    _Template(Connection(fd)).serve()
