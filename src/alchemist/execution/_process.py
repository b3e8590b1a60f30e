"""One program's process tree as the worker sees it: started spare, given a program, fed ranges.

Loaded from source by the worker (``_pool._BOOTSTRAP``), standard library only. The process is
forked from the worker's clean state and confines itself (``_child``) before it knows which
program it will run: the worker keeps one such spare ready, so that confining the next
program's process overlaps the current program's work. ``load`` hands it its program; after
that it is fed ranges of items (``send``) and answers each (``receive``), against deadlines.
A process tree that hangs, stalls mid-reply or sends a reply that does not parse is killed
with its whole process group; one whose program is done is ``retire``d: told to exit by the
end of its requests, then reaped without the worker waiting for it (``finished``).
"""

from __future__ import annotations

import fcntl
import os
import pickle
import signal
import time
from typing import Any

import _child  # type: ignore[import-not-found]  # loaded by _pool._BOOTSTRAP
import _frames  # type: ignore[import-not-found]

_PIPE_BYTES = 1 << 18  # request pipe: a program's source (at most 100 kB) fits without waiting
_RETIRE_GRACE = 1.0  # seconds a retired process tree gets to exit before it is killed
_SIGNAL_CAUSES: dict[int, str] = {
    signal.SIGXCPU: "CPU time limit",
    signal.SIGKILL: "killed",
    signal.SIGSEGV: "segmentation fault",
    signal.SIGSYS: "a system call refused by the seccomp filter",
    signal.SIGILL: "illegal instruction",
    signal.SIGBUS: "bus error",
    signal.SIGABRT: "aborted",
}


class ProgramProcess:
    """One forked, confined process tree, in a process group of its own, for one program.

    ``key`` names the program once ``load`` gave it one (empty while spare). ``lost`` holds
    (status, message) once the tree hung or died: its requests still queued are answered so."""

    def __init__(self, worker: Any, probe: bool = False) -> None:
        to_child = os.pipe()
        from_child = os.pipe()
        try:
            fcntl.fcntl(to_child[1], fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
        except OSError:
            pass  # a smaller pipe: a long source waits for the process to read it (``load``)
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child, which never returns
            _child.child_main(to_child[0], from_child[1], worker, probe)
        try:
            os.setpgid(pid, pid)  # also done by the child: whichever runs first
        except OSError:
            pass  # it exited already
        os.close(to_child[0])
        os.close(from_child[1])
        self.key, self.pid = "", pid
        self._out, self._in = to_child[1], from_child[0]
        os.set_blocking(self._out, False)
        self.status: int | None = None
        self.lost: tuple[str, str] | None = None
        self.retired_at = 0.0

    @property
    def reply_fd(self) -> int:
        """The pipe its replies arrive on (-1 once it is killed)."""
        return self._in

    def load(self, key: str, program: tuple[str, str], lookup: Any, deadline: float) -> bool:
        """Hand the spare process its program; False when it does not take it by ``deadline``."""
        self.key = key
        payload = pickle.dumps((*program, lookup), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            _frames.write_all(self._out, _child.PROGRAM.pack(len(payload)) + payload, deadline)
        except (_frames.Timeout, OSError):
            return False
        return True

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

    def retire(self) -> None:
        """Close its requests: the tree exits by itself once it has answered them all. The
        worker reaps it later (``finished``), without waiting for it now."""
        if self._out >= 0:
            os.close(self._out)
            self._out = -1
            self.retired_at = time.monotonic()

    def finished(self, wait: bool = False) -> bool:
        """For a retired tree: True once it exited (or, past its grace, was killed) and every
        process of it was reaped; with ``wait``, wait for that (for at most the grace)."""
        if self._in < 0:
            return True
        grace = self.retired_at + _RETIRE_GRACE - time.monotonic()
        if wait:
            self.kill(grace=max(0.0, grace))
            return True
        if self.status is None:
            self._reap(os.WNOHANG)
        if self.status is None and grace > 0:
            return False
        self.kill()
        return True

    def kill(self, grace: float = 0.0) -> None:
        """End the process tree: told to by closing its requests, given ``grace`` seconds to
        exit (a clean exit lets its CPU time be counted up the chain), then its whole process
        group killed and every process of it reaped (with the worker a subreaper, those whose
        parent died are its children). Once only: its process group id is free after that."""
        if self._in < 0:
            return
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
