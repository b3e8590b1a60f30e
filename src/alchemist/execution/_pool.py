"""Worker processes as seen from the executor: start, isolation check, framed replies.

A worker is started from source (``_BOOTSTRAP``), never from cached bytecode, as
``python -I -S -B``: no user or site packages, no ``.pth`` file runs, no bytecode is written,
and with an empty environment (no API key or user variable) in an empty folder. Its first
message says which confinement layers a program process gets (``_worker._Template._probe``);
with one missing, programs do not run unless the user accepted weaker isolation.

What comes back from a worker is parsed as fixed-size fields and bytes, never unpickled: a
reply that does not parse is reported as ``None`` and the worker is replaced.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from alchemist.errors import ExecutionError

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
_load('_syscalls')
_load('_confine')
_load('_guards')
_load('_sandbox')
_load('_worker').main({fd})
"""
_ENVIRONMENT = {"PATH": os.defpath}
_DONE = struct.Struct("<QBII")  # as _worker.DONE
_STATUSES = ("ok", "rejected", "hung", "crashed")
_MAX_TEXT = 65536
_START_TIMEOUT = 60.0  # seconds for a worker to import, probe and report
_JAIL_PREFIX = "alchemist-jail-"
_STALE_JAIL_SECONDS = 3600.0


@dataclass
class Task:
    column: int
    start: int
    stop: int
    deadline: float = float("inf")


class Worker:
    """One warm worker process and the tasks sent to it, oldest first."""

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
        )
        theirs.close()
        self.conn = Connection(ours.detach())
        self.conn.send(
            (
                "config",
                config.call_timeout,
                config.batch_timeout,
                config.memory_mb,
                jail,
                not weak_isolation_accepted(config),
                runtime_layer,
                sorted(steps_off),
            )
        )
        self.data_token: int | None = None
        self.tasks: deque[Task] = deque()
        self.max_cells = config.batch_size

    def layers(self) -> list[tuple[str, str]]:
        """Wait for the worker's first message: (layer, problem) for each confinement layer,
        the problem empty when the layer is active."""
        try:
            if self.conn.poll(_START_TIMEOUT):
                reply = self.conn.recv_bytes(_MAX_TEXT)
                if reply[:1] == b"Y":
                    lines = reply[1:].decode("utf-8", "replace").splitlines()
                    return [
                        (layer, problem)
                        for layer, _, problem in (line.partition("\t") for line in lines)
                    ]
        except (EOFError, OSError):
            pass
        self.kill()
        raise ExecutionError(
            f"A worker process ({sys.executable}) failed to start. Check that "
            "this Python runs with `-I -S -B` and that the temporary folder "
            "is writable.",
            path=sys.executable,
        )

    def receive(self) -> tuple[int, str, bytes, bytes, str] | None:
        """The next reply: (task id, status, votes, errors, text), or None when it does not
        parse. Raises EOFError or OSError when the worker is gone."""
        reply = self.conn.recv_bytes(1 + _DONE.size + 2 * self.max_cells + _MAX_TEXT)
        if reply[:1] != b"D" or len(reply) < 1 + _DONE.size:
            return None
        task_id, status, cells, text_bytes = _DONE.unpack_from(reply, 1)
        body = reply[1 + _DONE.size :]
        if status >= len(_STATUSES) or len(body) != 2 * cells + text_bytes:
            return None
        return (
            task_id,
            _STATUSES[status],
            body[:cells],
            body[cells : 2 * cells],
            body[2 * cells :].decode("utf-8", "replace"),
        )

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()
        self.conn.close()

    def close(self) -> None:
        try:
            self.conn.send(("close",))
            self.process.wait(timeout=2.0)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        self.conn.close()


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
        worker.close()
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
