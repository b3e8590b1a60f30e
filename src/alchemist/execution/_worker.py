"""The worker: a clean template process that forks one confined process per program.

The worker itself never runs program code. It holds the run's items, and for each program it
takes a process forked from its own clean state (so a program that patches builtins or modules,
exits, or breaks its interpreter harms only itself) and confined (``_child``, ``_confine``)
before it was handed its program, and feeds it ranges of items (``_process``). One such spare
is kept ready, forked when the items change and, while other programs are to come, once the
current program's first range is on its way, so that confining the next program's process
overlaps the current program's work; a process whose
program is done exits once it has answered, and is reaped without the worker waiting for it.
A program whose process hangs past the batch limit, stalls mid-reply or sends a reply that does
not parse is killed with its whole process group; one that dies is reported. The worker is a
child subreaper: a program process whose parent died is reparented to it, never to the host's
init, and is reaped here.

Started by ``executor._Worker`` as ``python -I -S -B`` (no site packages, no ``.pth`` files, no
bytecode written) with an empty environment in an empty folder, as the leader of a session of
its own; it loads ``_frames``, ``_confine``, ``_sandbox`` (with ``_syscalls`` and ``_guards``),
``_child``, ``_process`` and itself from source and imports only the standard library.

With the executor (one socket, length-prefixed frames, ``_frames``):
  -> pickled ("config", call_timeout, batch_timeout, memory_mb, batch_size, jail, strict,
              runtime_layer, steps_off)   the last two for tests: show what other layers stop
  <- b"Y" + utf-8 lines "layer<TAB>problem" (problem empty when the layer is active)
  -> pickled ("data",), then the pickled item list
  -> pickled ("task", nonce, key, (source, function_name), lookup, (start, stop), more)
              more: other programs are to come (a spare is kept ready only then)
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
from _process import ProgramProcess  # type: ignore[import-not-found]

DONE = struct.Struct("<QBII")  # nonce, status (index in STATUSES), cells, text bytes
STATUSES = ("ok", "rejected", "hung", "crashed")
_SEND_TIMEOUT = 60.0  # seconds for the executor to take a reply (it reads without pause)


class _Template:
    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.pid = os.getpid()
        self.builtins = _sandbox.prepare()
        self.jail, self.strict, self.steps_off = "", True, frozenset[str]()
        self.items: list[Any] = []
        self.call_timeout, self.batch_timeout, self.memory_mb, self.batch_size = 1.0, 60.0, 512, 1
        self.child: ProgramProcess | None = None  # the current program's process
        # Confined already, waiting for a program: the next program's process, forked while
        # the current program works.
        self.spare: ProgramProcess | None = None
        self.retired: list[ProgramProcess] = []  # done with, exiting; reaped without waiting
        self.more = False  # other programs are to come after the current one
        # Ranges sent to program processes and not answered yet, oldest first: (task nonce,
        # request nonce, n, process), or the answer (status, message) for a program lost
        # before its range was sent. Two at a time, so that a process starts its next range
        # while this forwards a reply, and the next program's first range may queue behind
        # the last of the current one.
        self.queued: deque[tuple[int, int, int, ProgramProcess | tuple[str, str]]] = deque()
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
                if self._reply_first():
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
            for process in [self.child, self.spare, *self.retired]:
                if process is not None:
                    process.kill()

    def _reply_first(self) -> bool:
        """Whether the oldest queued range's reply is to be forwarded before the executor's
        next message is read: it is there (or due now) and no message is. Waits for either,
        until that range's deadline; with nothing queued, reaps the retired processes while
        waiting for a message."""
        if not self.queued:
            while self.retired and not select.select([self.fd], [], [], 0.001)[0]:
                self.retired = [p for p in self.retired if not p.finished()]
            return False
        self.retired = [p for p in self.retired if not p.finished()]
        _, request, _, process = self.queued[0]
        if isinstance(process, ProgramProcess) and request and process.lost is None:
            timeout = max(0.0, self.head_since + self.batch_timeout - time.monotonic())
            readable = select.select([self.fd, process.reply_fd], [], [], timeout)[0]
        else:  # answered at once
            readable = select.select([self.fd], [], [], 0)[0]
        return self.fd not in readable

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
            self._drop_processes()
            payload, self.items, self.lost = _frames.read_frame(self.fd, 2**62, None), [], None
            try:
                self.items = pickle.loads(payload)
            except Exception as exc:  # the items' types must be importable here  # noqa: BLE001
                self.lost = ("", "crashed", f"the worker cannot load the items: {exc!r}")
            else:
                self.spare = ProgramProcess(self)
        elif message[0] == "task":
            self._task(*message[1:])

    def _task(
        self,
        nonce: int,
        key: str,
        program: tuple[str, str],
        lookup: Any,
        cells: tuple[int, int],
        more: bool,
    ) -> None:
        """Queue the range ``cells`` of ``program``; ``more``: other programs are to come, so
        a spare is made ready (once this program's process has answered, not to slow its
        start)."""
        start, stop = cells
        if self.child is None or self.child.key != key:
            self._retire(self.child)
            self.child = None
            if self.lost is None or self.lost[0] not in (key, ""):
                self.child = self._start(key, program, lookup)
        while len(self.queued) >= 2:
            self._forward_reply()
        if self.child is None:
            _, status, text = self.lost or ("", "crashed", "worker process lost")
            self._queue(nonce, 0, stop - start, (status, text))
            return
        request = int.from_bytes(os.urandom(8), "little") or 1  # 0 names no request
        if not self.child.send(request, start, stop):
            request = 0  # answered "hung" at its turn
        self._queue(nonce, request, stop - start, self.child)
        self.more = more

    def _start(self, key: str, program: tuple[str, str], lookup: Any) -> ProgramProcess:
        """The spare process (or a new one), given ``program``."""
        process, self.spare = self.spare or ProgramProcess(self), None
        if not process.load(key, program, lookup, time.monotonic() + self.batch_timeout):
            process.kill()
            process.lost = ("hung", "")  # a spare that does not take its program: stalled
        return process

    def _queue(
        self, nonce: int, request: int, n: int, answer: ProgramProcess | tuple[str, str]
    ) -> None:
        if not self.queued:
            self.head_since = time.monotonic()
        self.queued.append((nonce, request, n, answer))

    def _forward_reply(self) -> None:
        nonce, request, n, process = self.queued.popleft()
        if not isinstance(process, ProgramProcess):
            self.head_since = time.monotonic()
            status, text = process
            self._send_done(nonce, status, b"", b"", text)
            return
        if process.lost is not None:
            status, votes, errors, text = process.lost[0], b"", b"", process.lost[1]
        else:
            deadline = self.head_since + self.batch_timeout if request else time.monotonic()
            status, votes, errors, text = process.receive(request, n, deadline)
        self.head_since = time.monotonic()
        if status == "hung":
            text = f"worker hung for over {self.batch_timeout:g} s and was killed"
        if status in ("hung", "crashed"):
            process.lost = (status, text)
            self.lost = (process.key, status, text)
            if process is self.child:
                self.child = None
        self._send_done(nonce, status, votes, errors, text)
        if process is not self.child:
            self._retire(process)
        elif self.more and self.spare is None:
            self.spare = ProgramProcess(self)

    def _retire(self, process: ProgramProcess | None) -> None:
        """Let ``process`` exit once it has answered its queued ranges (reaped later)."""
        if process is not None and not any(entry[3] is process for entry in self.queued):
            process.retire()
            self.retired.append(process)

    def _send_done(self, nonce: int, status: str, votes: bytes, errors: bytes, text: str) -> None:
        encoded = text.encode("utf-8", "replace")[: _child.MAX_MESSAGES]
        head = DONE.pack(nonce, STATUSES.index(status), len(votes), len(encoded))
        self._send(b"D" + head + votes + errors + encoded)

    def _send(self, payload: bytes) -> None:
        _frames.write_all(self.fd, _frames.frame(payload), time.monotonic() + _SEND_TIMEOUT)

    def _probe(self) -> str:
        """Which confinement layers a program process gets on this machine: one trial
        process tries each, skipping the ones that fail, and reports."""
        return ProgramProcess(self, probe=True).probe()

    def _drop_processes(self) -> None:
        """Answer what the program processes still owe, then retire them all (the spare holds
        the items being replaced)."""
        while self.queued:
            self._forward_reply()
        for process in (self.child, self.spare):
            self._retire(process)
        self.child = self.spare = None


def main(fd: int) -> None:
    """Entry point: serve the executor on socket ``fd`` until it closes or says "close"."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the executor's to handle
    _confine.become_subreaper()
    os.set_blocking(fd, False)
    _Template(fd).serve()
