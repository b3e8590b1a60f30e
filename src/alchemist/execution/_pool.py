"""Worker processes as seen from the executor: start, isolation check, framed replies.

A worker is started from source (``_BOOTSTRAP``), never from cached bytecode, as
``python -I -S -B``: no user or site packages, no ``.pth`` file runs, no bytecode is written,
and with an empty environment (no API key or user variable) in an empty folder. Its first
message says which confinement layers a program process gets (``_worker._Template._probe``);
with one missing, programs do not run unless the user accepted weaker isolation.

What comes back from a worker is parsed as fixed-size fields and bytes, never unpickled: a
reply that does not parse is reported as ``None`` and the worker is replaced. Frames are
length-prefixed (``_frames``), limited in bytes, and sent and read without ever blocking. A
worker leads a session of its own, which every process of its programs stays in: killing a
worker kills that session and waits until no process of it is left (``kill_sessions``).
"""

from __future__ import annotations

import logging
import os
import pickle
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from alchemist.errors import ExecutionError
from alchemist.execution import _frames

log = logging.getLogger("alchemist.execution")

WEAK_ISOLATION_ENV = "ALCHEMIST_WEAK_ISOLATION"
_FOLDER = os.path.dirname(os.path.abspath(__file__))
_BOOTSTRAP = """
import sys
def _load(name):
    path = {folder!r} + '/' + name + '.py'
    module = type(sys)(name)
    module.__file__ = path
    sys.modules[name] = module
    with open(path, encoding='utf-8') as source:
        exec(compile(source.read(), path, 'exec'), module.__dict__)
    return module
sys.path.extend({paths!r})  # after the standard library: to unpickle items (numpy values)
_load('_frames')
_load('_syscalls')
_load('_confine')
_load('_guards')
_load('_sandbox')
_load('_child')
_load('_process')
_load('_worker').main({fd})
"""
_ENVIRONMENT = {"PATH": os.defpath}
_DONE = struct.Struct("<QBII")  # as _worker.DONE: task nonce, status, cells, text bytes
_STATUSES = ("ok", "rejected", "hung", "crashed")
_MAX_TEXT = 65536
# A task joins at most this many batches of ``batch_size`` items (``executor._feed``): a reply
# longer than that many cells is refused unread.
MAX_MERGED = 16
_START_TIMEOUT = 60.0  # seconds for a worker to import, probe and report
_CLOSE_TIMEOUT = 5.0  # seconds for a worker to stop its programs and exit, then for the kill
_JAIL_PREFIX = "alchemist-jail-"
_STALE_JAIL_SECONDS = 3600.0


@dataclass
class Task:
    column: int
    start: int
    stop: int
    deadline: float = float("inf")
    began: float = 0.0  # when it became its worker's oldest task
    # Names this task's reply; drawn at random per task and never handed to a program process.
    nonce: int = field(default_factory=lambda: int.from_bytes(os.urandom(8), "little"))


class Worker:
    """One warm worker process, the leader of a session of its own (every process of its
    programs stays in that session), and the tasks sent to it, oldest first.

    Nothing here blocks: frames to the worker wait in ``outbox`` until its socket takes them
    (``flush``), and replies are read as they arrive (``replies``); the executor waits on
    ``fd`` with its deadlines."""

    def __init__(
        self,
        config: Any,
        jail: str,
        runtime_layer: bool = True,
        steps_off: frozenset[str] = frozenset(),
    ) -> None:
        ours, theirs = socket.socketpair()
        paths = [os.path.abspath(p) for p in sys.path if p and os.path.abspath(p) != _FOLDER]
        bootstrap = _BOOTSTRAP.format(folder=_FOLDER, fd=theirs.fileno(), paths=paths)
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-S", "-B", "-c", bootstrap],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=_ENVIRONMENT,
            cwd=jail,
            start_new_session=True,
        )
        theirs.close()
        ours.setblocking(False)
        self._socket = ours
        self.fd = ours.fileno()
        self.max_cells = config.batch_size * MAX_MERGED
        self.inbox = _frames.Inbox(1 + _DONE.size + 2 * self.max_cells + _MAX_TEXT)
        self.outbox = _frames.Outbox()
        self.send(
            (
                "config",
                config.call_timeout,
                config.batch_timeout,
                config.memory_mb,
                config.batch_size,
                jail,
                not weak_isolation_accepted(config),
                runtime_layer,
                sorted(steps_off),
            )
        )
        self.data_token: int | None = None
        self.tasks: deque[Task] = deque()
        self.column: int | None = None  # the program of the last task it was sent

    def send(self, message: tuple[Any, ...]) -> None:
        """Queue a message to the worker (sent by ``flush``)."""
        self.outbox.put(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))

    def send_bytes(self, payload: bytes) -> None:
        self.outbox.put(payload)

    def flush(self) -> None:
        """Send what the worker's socket takes now. Raises OSError when the worker is gone."""
        self.outbox.flush(self.fd)

    def layers(self) -> list[tuple[str, str]]:
        """Wait for the worker's first message: (layer, problem) for each confinement layer,
        the problem empty when the layer is active."""
        deadline = time.monotonic() + _START_TIMEOUT
        try:
            while True:
                self.flush()
                reply = self.inbox.take()
                if reply is not None:
                    break
                remaining = deadline - time.monotonic()
                readable, _, _ = select.select(
                    [self.fd], [self.fd] if self.outbox else [], [], max(0.0, remaining)
                )
                if remaining <= 0:
                    raise EOFError
                if readable:
                    self.inbox.fill(self.fd)
            if reply[:1] == b"Y":
                lines = reply[1:].decode("utf-8", "replace").splitlines()
                return [
                    (layer, problem)
                    for layer, _, problem in (line.partition("\t") for line in lines)
                ]
        except (EOFError, OSError, _frames.FrameError):
            pass
        self.kill()
        raise ExecutionError(
            f"A worker process ({sys.executable}) failed to start. Check that "
            "this Python runs with `-I -S -B` and that the temporary folder "
            "is writable.",
            path=sys.executable,
        )

    def replies(self) -> list[tuple[int, str, bytes, bytes, str] | None]:
        """The replies that arrived whole: (task nonce, status, votes, errors, text), or None
        for one that does not parse. Raises EOFError or OSError when the worker is gone."""
        self.inbox.fill(self.fd)
        replies: list[tuple[int, str, bytes, bytes, str] | None] = []
        while True:
            try:
                reply = self.inbox.take()
            except _frames.FrameError:
                return [*replies, None]
            if reply is None:
                return replies
            replies.append(parse_reply(reply))

    def kill(self) -> None:
        """Kill the worker and every process of its session (its programs), and wait for them."""
        close_workers([self], kill=True)

    def close_socket(self) -> None:
        self._socket.close()


def close_workers(workers: list[Worker], kill: bool = False) -> None:
    """Stop ``workers``: each is asked to stop its programs and exit (unless ``kill``), and
    after at most ``_CLOSE_TIMEOUT`` seconds every process left in their sessions is killed;
    returns when none is left alive."""
    deadline = time.monotonic() + (0.0 if kill else _CLOSE_TIMEOUT)
    asked = []
    for worker in workers:
        if not kill and worker.process.poll() is None:
            try:
                worker.send(("close",))
                worker.flush()
                asked.append(worker)
            except OSError:
                pass
    for worker in asked:
        try:
            worker.process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass
    kill_sessions([worker.process.pid for worker in workers])
    for worker in workers:
        worker.process.wait()
        worker.close_socket()


def parse_reply(reply: bytes) -> tuple[int, str, bytes, bytes, str] | None:
    """A worker's reply as (task nonce, status, votes, errors, text), parsed as fixed-size fields
    and bytes (never unpickled), or None when it does not parse."""
    if reply[:1] != b"D" or len(reply) < 1 + _DONE.size:
        return None
    nonce, status, cells, text_bytes = _DONE.unpack_from(reply, 1)
    body = reply[1 + _DONE.size :]
    if status >= len(_STATUSES) or len(body) != 2 * cells + text_bytes:
        return None
    return (
        nonce,
        _STATUSES[status],
        body[:cells],
        body[cells : 2 * cells],
        body[2 * cells :].decode("utf-8", "replace"),
    )


def kill_sessions(sids: list[int], timeout: float = _CLOSE_TIMEOUT) -> None:
    """SIGKILL every process of the sessions ``sids`` (the workers and their programs, where a
    program's process tree stays) until none is left alive, for at most ``timeout`` seconds.
    A killed process whose parent is gone is reaped by the system; ours are reaped by the
    caller."""
    deadline = time.monotonic() + timeout
    for sid in sids:
        try:
            os.kill(sid, signal.SIGKILL)
        except OSError:
            pass
    while True:
        members = session_members(set(sids))
        if not members or time.monotonic() > deadline:
            return
        for pid in members:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.002)


def session_members(sids: set[int]) -> list[int]:
    """The live (not zombie) processes of the sessions ``sids``, from ``/proc``."""
    members = []
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                fields = f.read().rpartition(b")")[2].split()
        except OSError:
            continue
        if len(fields) > 3 and fields[0] != b"Z" and int(fields[3]) in sids:
            members.append(int(entry))
    return members


def weak_isolation_accepted(config: Any) -> bool:
    return bool(config.weak_isolation) or os.environ.get(WEAK_ISOLATION_ENV, "") == "1"


def check_isolation(layers: list[tuple[str, str]], config: Any, warn: bool = False) -> None:
    """Raise ``ExecutionError`` when a layer is missing and weaker isolation was not accepted;
    when it was, log a warning naming the missing layers (with ``warn``)."""
    missing = [(layer, problem) for layer, problem in layers if problem]
    if missing and not weak_isolation_accepted(config):
        layer, problem = missing[0]
        raise ExecutionError(
            f"cannot isolate labeling programs on this machine: {layer} is not available "
            f"({problem}); `alchemist doctor` lists every layer. To run programs with weaker "
            f"isolation anyway, set {WEAK_ISOLATION_ENV}=1 (or ExecutionConfig("
            "weak_isolation=True)).",
            layer=layer,
        )
    if missing and warn:
        log.warning(
            "running labeling programs with weaker isolation, as accepted: missing %s",
            "; ".join(f"{layer} ({problem})" for layer, problem in missing),
        )


def new_jail() -> str:
    """A new empty folder for worker processes to start in (the caller removes it).

    Its name carries this process's id, so a later call can remove the empty jails, an hour old,
    that processes killed before their cleanup (SIGKILL, a timeout) left in the temporary folder.
    """
    root = tempfile.gettempdir()
    for name in os.listdir(root):
        pid = name[len(_JAIL_PREFIX) :].split("-", 1)[0]
        if name.startswith(_JAIL_PREFIX) and pid.isdigit() and not _alive(int(pid)):
            path = os.path.join(root, name)
            try:
                # an hour old at least: a process in another pid namespace sharing this
                # folder may have the same id and still be starting workers in it
                if time.time() - os.stat(path).st_mtime > _STALE_JAIL_SECONDS:
                    os.rmdir(path)  # only ever an empty folder
            except OSError:
                pass  # gone, not empty, or another user's: not ours to remove
    jail = tempfile.mkdtemp(prefix=f"{_JAIL_PREFIX}{os.getpid()}-")
    os.chmod(jail, 0o755)  # empty; entered after leaving root's uid
    return jail


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process
    return True


def isolation_layers(config: Any) -> list[tuple[str, str]]:
    """Which confinement layers a program process gets on this machine, from a trial worker."""
    jail = new_jail()
    worker = Worker(config, jail)
    try:
        return worker.layers()
    finally:
        close_workers([worker])
        shutil.rmtree(jail, ignore_errors=True)


def isolation_report(config: Any) -> tuple[bool, list[str]]:
    """Whether every confinement layer is active here, and one line per layer, for people."""
    import platform

    from alchemist.execution._confine import landlock_abi

    layers = isolation_layers(config)
    abi = landlock_abi()
    scope = (
        "files"
        + (", TCP bind/connect" if abi >= 4 else "")
        + (", signals and abstract unix sockets out of the sandbox" if abi >= 6 else "")
    )
    lines = [
        f"isolation of labeling programs on this machine ({platform.system()} "
        f"{platform.release()}, {platform.machine()}, uid {os.geteuid()}):"
    ]
    for layer, problem in layers:
        name = f"{layer} (ABI {abi}: denies {scope})" if layer == "Landlock" and abi else layer
        lines.append(
            f"  {'MISSING' if problem else 'active':8} {name}" + (f": {problem}" if problem else "")
        )
    ok = not any(problem for _, problem in layers)
    lines.append(
        "every layer is active: labeling programs run fully isolated."
        if ok
        else f"programs are refused until the missing layers are available, or run with "
        f"weaker isolation with {WEAK_ISOLATION_ENV}=1."
    )
    return ok, lines
