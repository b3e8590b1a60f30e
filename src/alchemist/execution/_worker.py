"""The worker: a clean template process that forks one confined process per program.

The worker itself never runs program code. It holds the run's items, and for each program it
forks a process from its own clean state (so a program that patches builtins or modules, exits,
or breaks its interpreter harms only itself), confines it (``_child``, ``_confine``), and feeds
it ranges of items. A program whose process hangs past the batch limit, stalls mid-reply or
sends a reply that does not parse is killed with its whole process group; one that dies is
reported. The worker is a child subreaper: a program process whose parent died is reparented to
it, never to the host's init, and is reaped here.

Started by ``executor._Worker`` as ``python -I -S -B`` (no site packages, no ``.pth`` files, no
bytecode written) with an empty environment in an empty folder, as the leader of a session of
its own; it loads ``_frames``, ``_confine``, ``_sandbox`` (with ``_syscalls`` and ``_guards``),
``_child`` and itself from source and imports only the standard library.

With the executor (one socket, length-prefixed frames, ``_frames``):
  -> pickled ("config", call_timeout, batch_timeout, memory_mb, batch_size, jail, strict,
              runtime_layer, steps_off)   the last two for tests: show what other layers stop
  <- b"Y" + utf-8 lines "layer<TAB>problem" (problem empty when the layer is active)
  -> pickled ("data",), then the pickled item list
  -> pickled ("task", nonce, key, source, function_name, lookup, start, stop)
  <- b"D" + DONE(nonce, status, cells, text bytes) + votes + errors + utf-8 text
  -> pickled ("close",)
The executor never unpickles: what comes back is parsed as fixed-size fields and bytes. The
task's nonce is drawn by the executor and never reaches a program process. Every wait on a
program process ends at the batch deadline; replies to the executor are written against one.
"""

from __future__ import annotations

import math
import os
import pickle
import select
import signal
import struct
import time
from collections import deque
from typing import Any

import _child  # type: ignore[import-not-found]  # loaded by _pool._BOOTSTRAP
import _confine  # type: ignore[import-not-found]
import _frames  # type: ignore[import-not-found]
import _sandbox  # type: ignore[import-not-found]

DONE = struct.Struct("<QBII")  # nonce, status (index in STATUSES), cells, text bytes
STATUSES = ("ok", "rejected", "hung", "crashed")
_SEND_TIMEOUT = 60.0  # seconds for the executor to take a reply (it reads without pause)
_SIGNAL_CAUSES: dict[int, str] = {
    signal.SIGXCPU: "CPU time limit",
    signal.SIGKILL: "killed",
    signal.SIGSEGV: "segmentation fault",
    signal.SIGSYS: "a system call refused by the seccomp filter",
    signal.SIGILL: "illegal instruction",
    signal.SIGBUS: "bus error",
    signal.SIGABRT: "aborted",
}


class _ProgramProcess:
    """One forked, confined process tree running one program, in a process group of its own."""

    def __init__(
        self, key: str, program: tuple[str, str], worker: _Template, probe: bool = False
    ) -> None:
        to_child = os.pipe()
        from_child = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child, which never returns
            _child.child_main(to_child[0], from_child[1], program, worker, probe)
        try:
            os.setpgid(pid, pid)  # also done by the child: whichever runs first
        except OSError:
            pass  # it exited already
        os.close(to_child[0])
        os.close(from_child[1])
        self.key, self.pid = key, pid
        self._out, self._in = to_child[1], from_child[0]
        os.set_blocking(self._out, False)
        self.status: int | None = None

    def send(self, nonce: int, start: int, stop: int) -> bool:
        """Queue a range; False when the process takes no more requests (it stalls)."""
        try:
            _frames.write_all(self._out, _child.REQUEST.pack(nonce, start, stop), time.monotonic())
        except (_frames.Timeout, OSError):
            return False
        return True

    def receive(self, nonce: int, n: int, deadline: float) -> tuple[str, bytes, bytes, str]:
        """The reply to the request ``nonce`` of ``n`` items, waiting until ``deadline``."""
        try:
            head = _frames.read_exact(self._in, _child.REPLY.size, deadline)
            replied, kind, size = _child.REPLY.unpack(head)
            if replied != (0 if kind in b"XP" else nonce) or size > 2 * n + _child.MAX_MESSAGES:
                self.kill()
                return "crashed", b"", b"", "program process sent a malformed reply and was killed"
            body = _frames.read_exact(self._in, size, deadline)
        except _frames.Timeout:
            self.kill()
            return "hung", b"", b"", ""
        except (EOFError, OSError):
            self.kill(grace=1.0)
            return "crashed", b"", b"", f"worker died ({self.exit_cause()})"
        if kind == b"L":
            return "rejected", b"", b"", body.decode("utf-8", "replace")
        if kind == b"X":
            self.kill()
            return "crashed", b"", b"", body.decode("utf-8", "replace")
        if kind != b"R" or len(body) < 2 * n:
            self.kill()
            return "crashed", b"", b"", "program process sent a malformed reply and was killed"
        return "ok", body[:n], body[n : 2 * n], body[2 * n :].decode("utf-8", "replace")

    def probe(self) -> str:
        """The trial process's report of which layers it got."""
        try:
            head = _frames.read_exact(self._in, _child.REPLY.size, time.monotonic() + 10.0)
            _, kind, size = _child.REPLY.unpack(head)
            body = _frames.read_exact(
                self._in, min(size, _child.MAX_MESSAGES), time.monotonic() + 10.0
            )
            return body.decode("utf-8", "replace")
        except _frames.Timeout:
            return "confinement\tthe trial process did not answer within 10 s\n"
        except (EOFError, OSError):
            self.kill(grace=1.0)
            return f"confinement\tthe trial process died ({self.exit_cause()})\n"
        finally:
            self.kill(grace=1.0)

    def kill(self, grace: float = 0.0) -> None:
        """End the process tree: told to by closing its requests, given ``grace`` seconds to
        exit (a clean exit lets its CPU time be counted up the chain), then its whole process
        group killed and every process of it reaped (with the worker a subreaper, those whose
        parent died are its children)."""
        if self._out >= 0:
            os.close(self._out)
            self._out = -1
        deadline = time.monotonic() + grace
        while self.status is None and time.monotonic() < deadline:
            self._reap(os.WNOHANG)
            time.sleep(0.001)
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except OSError:
            pass  # none left
        if self.status is None:
            self._reap(0)
        while True:  # the rest of the group: reparented here once their parent died
            try:
                os.waitpid(-self.pid, 0)
            except ChildProcessError:
                break
            except InterruptedError:
                continue
        if self._in >= 0:
            os.close(self._in)
            self._in = -1

    def _reap(self, flags: int) -> None:
        try:
            pid, status = os.waitpid(self.pid, flags)
        except ChildProcessError:
            self.status = self.status or 0
            return
        if pid:
            self.status = status

    def exit_cause(self) -> str:
        """How the process tree ended: its first process's exit status, where a program killed
        by a signal shows as exit code 128 + the signal (and a program that exits with such a
        code claims that signal: only its own column is concerned)."""
        if self.status is None:
            return "still running"
        code = os.waitstatus_to_exitcode(self.status)
        number = -code if code < 0 else code - 128 if 128 < code < 128 + 65 else 0
        if not number:
            return f"exit code {code}"
        try:
            name = signal.Signals(number).name
        except ValueError:  # a real-time signal
            name = f"signal {number}"
        cause = f"{_SIGNAL_CAUSES.get(number, 'signal')}: {name}"
        return cause if code < 0 else f"exit code {code}: {cause}"


class _Template:
    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.pid = os.getpid()
        self.builtins = _sandbox.prepare()
        self.jail, self.strict, self.steps_off = "", True, frozenset[str]()
        self.items: list[Any] = []
        self.lookup: dict[int, int] = {}
        self.call_timeout, self.batch_timeout, self.memory_mb, self.batch_size = 1.0, 60.0, 512, 1
        self.child: _ProgramProcess | None = None
        # Ranges sent to the child and not answered yet: (task nonce, request nonce, n), oldest
        # first. Two at a time, so the child starts the next while this forwards a reply.
        self.queued: deque[tuple[int, int, int]] = deque()
        self.head_since = 0.0  # when the oldest queued range became the one being worked on
        # The program whose process hung or died in this run, and how: its tasks still arriving
        # are answered so, not run again (a hang would cost another batch limit each).
        self.lost: tuple[str, str, str] | None = None  # (key, status, message)

    def cpu_budget(self) -> int:
        """CPU seconds a program's process may use in all (its hard limit): a batch limit for
        each batch of the run, and the load."""
        batches = math.ceil(max(len(self.items), 1) / self.batch_size)
        return math.ceil(batches * self.batch_timeout + self.call_timeout) + 1

    def serve(self) -> None:
        try:
            while True:
                if self.queued and not select.select([self.fd], [], [], 0)[0]:
                    self._forward_reply()
                    continue
                try:
                    message = pickle.loads(_frames.read_frame(self.fd, 2**62, None))
                except (EOFError, OSError):
                    return  # the executor is gone: its programs go too
                if message[0] == "close":
                    return
                self._handle(message)
        finally:
            if self.child is not None:
                self.child.kill()

    def _handle(self, message: tuple[Any, ...]) -> None:
        if message[0] == "config":
            (
                self.call_timeout,
                self.batch_timeout,
                self.memory_mb,
                self.batch_size,
                self.jail,
                self.strict,
                runtime_layer,
                steps_off,
            ) = message[1:]
            self.steps_off = frozenset(steps_off)
            if not runtime_layer:
                self.builtins = _sandbox.unrestricted_builtins()
            self._send(b"Y" + self._probe().encode("utf-8", "replace"))
        elif message[0] == "data":
            self._drop_child()
            payload, self.items, self.lost = _frames.read_frame(self.fd, 2**62, None), [], None
            try:
                self.items = pickle.loads(payload)
            except Exception as exc:  # the items' types must be importable here  # noqa: BLE001
                self.lost = ("", "crashed", f"the worker cannot load the items: {exc!r}")
        elif message[0] == "task":
            self._task(*message[1:])

    def _task(
        self, nonce: int, key: str, source: str, name: str, lookup: Any, start: int, stop: int
    ) -> None:
        if self.child is None or self.child.key != key:
            self._drop_child()
            if self.lost is None or self.lost[0] not in (key, ""):
                self.lookup = lookup
                self.child = _ProgramProcess(key, (source, name), self)
        while len(self.queued) >= 2:
            self._forward_reply()
        if self.child is None:
            self._answer_lost(nonce)
            return
        if not self.queued:
            self.head_since = time.monotonic()
        request = int.from_bytes(os.urandom(8), "little") or 1  # 0 names no request
        if self.child.send(request, start, stop):
            self.queued.append((nonce, request, stop - start))
        else:
            self.queued.append((nonce, 0, stop - start))  # answered "hung" at its turn

    def _forward_reply(self) -> None:
        nonce, request, n = self.queued.popleft()
        if self.child is None:
            self._answer_lost(nonce)
            return
        deadline = self.head_since + self.batch_timeout if request else time.monotonic()
        status, votes, errors, text = self.child.receive(request, n, deadline)
        self.head_since = time.monotonic()
        if status == "hung":
            text = f"worker hung for over {self.batch_timeout:g} s and was killed"
        if status in ("hung", "crashed"):
            self.lost = (self.child.key, status, text)
            self.child = None
        self._send_done(nonce, status, votes, errors, text)

    def _answer_lost(self, nonce: int) -> None:
        _, status, text = self.lost or ("", "crashed", "worker process lost")
        self._send_done(nonce, status, b"", b"", text)

    def _send_done(self, nonce: int, status: str, votes: bytes, errors: bytes, text: str) -> None:
        encoded = text.encode("utf-8", "replace")[: _child.MAX_MESSAGES]
        head = DONE.pack(nonce, STATUSES.index(status), len(votes), len(encoded))
        self._send(b"D" + head + votes + errors + encoded)

    def _send(self, payload: bytes) -> None:
        _frames.write_all(self.fd, _frames.frame(payload), time.monotonic() + _SEND_TIMEOUT)

    def _probe(self) -> str:
        """Which confinement layers a program process gets on this machine: one trial
        process tries each, skipping the ones that fail, and reports."""
        return _ProgramProcess("", ("", ""), self, probe=True).probe()

    def _drop_child(self) -> None:
        """Answer what the current child still owes, then stop it."""
        while self.queued:
            self._forward_reply()
        if self.child is not None:
            self.child.kill(grace=1.0)
            self.child = None


def main(fd: int) -> None:
    """Entry point: serve the executor on socket ``fd`` until it closes or says "close"."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the executor's to handle
    _confine.become_subreaper()
    os.set_blocking(fd, False)
    _Template(fd).serve()
