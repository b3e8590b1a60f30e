"""Runs the hostile corpus (tests/hostile/) and collects the evidence an attack would leave.

Used by test_execution_hostile.py in the test process (as root in CI) and, through
``unprivileged.run_as_nobody``, in a process of an ordinary user. ``run_corpus`` returns plain
data: the problems found (empty when every attack was contained) and each program's reason.

Evidence looked for: a vote by a hostile program; a hostile cell without a recorded failure or
a hostile program without a reason; benign votes that differ from a clean run; a file created,
changed or deleted in the user's folder (including a planted ``.pth`` or cached bytecode); a
dead worker or a dead unrelated process of the same user; a signal received by this process;
a connection or datagram at a loopback listener; the secret of this process's environment in a
reason, a log line or a saved file; a control, format or invisible character in a reason; a
process left in the session of any worker after its executor closed; a run of one batch of a
stalling attack longer than the batch limit and the executor's grace.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np

from alchemist.execution import ExecutionConfig, Executor, StaticVerdict
from alchemist.execution import executor as executor_module
from alchemist.execution._confine import LAYERS as LAYERS_OF_OS
from alchemist.label_matrix import CellError
from alchemist.programs import Program

HOSTILE = sorted(Path(__file__).parent.joinpath("hostile").glob("*.py"))
SECRET_NAME = "HOSTILE_TEST_PROVIDER_KEY"
LAYERS = ("all", "no static check", "no runtime layer", "OS layer alone", "Python layers alone")
# The Python layers alone: every confinement step that is a boundary switched off (the rlimits
# stay, so that a memory bomb cannot take the test machine down), with weaker isolation
# accepted: the static check and the runtime guards must contain every attack on their own.
PYTHON_ALONE = tuple(step for step in LAYERS_OF_OS if step != "rlimits")
# Parts of the OS layer alone (static check and runtime layer off too), with weaker isolation
# accepted: which confinement step stops what.
OS_PARTS = {
    "OS layer without seccomp": ("seccomp allowlist",),
    "OS layer without seccomp and Landlock": ("seccomp allowlist", "Landlock"),
    "Landlock and rlimits alone": ("seccomp allowlist", "user namespace"),
}

# Attacks that hold their process (or once held the worker): each also runs alone, in a run of
# one batch, which must end within the batch limit and the executor's grace.
STALLS = (
    "busy_loop",
    "swallow_timeout",
    "escape_signal_tamper",
    "escape_spin_unbounded",
    "escape_partial_frame",
    "escape_exit_147",
    "huge_source",
)
INVISIBLE = ("Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp")
FILLERS = "\u034f\u115f\u1160\u3164\uffa0\ufe0f\u180b\u180e"

BENIGN = [
    Program("benign_keyword", "def label(text):\n    return 1 if 'free' in text.lower() else 0\n"),
    Program(
        "benign_regex",
        "import re\nP = re.compile(r'\\d+')\n\n"
        "def label(text):\n    return 1 if re.search(P, text) else -1\n",
    ),
    Program("benign_length", "def label(text):\n    return 0 if len(sorted(text)) < 20 else -1\n"),
]


class _Listener:
    """TCP and UDP listeners on loopback that count what reaches them."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        self.tcp = socket.socket()
        self.tcp.bind(("127.0.0.1", 0))
        self.tcp.listen()
        self.tcp.settimeout(0.1)
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", 0))
        self.udp.settimeout(0.1)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            for sock, kind in ((self.tcp, "tcp"), (self.udp, "udp")):
                try:
                    if kind == "tcp":
                        sock.accept()[0].close()
                    else:
                        sock.recv(64)
                    self.hits.append(kind)
                except (TimeoutError, OSError):
                    pass

    def close(self) -> None:
        self.stop.set()
        self.thread.join()
        self.tcp.close()
        self.udp.close()


class _LogCapture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


def _programs(sources: dict[str, str]) -> list[Program]:
    programs = []
    for path in HOSTILE:
        source = path.read_text()
        for key, value in sources.items():
            source = source.replace(f"@{key}@", value)
        programs.append(Program(path.stem, source))
    return programs


def run_corpus(layers: str, folder: Path) -> dict[str, Any]:
    """Run clean and hostile programs with ``layers`` on; return problems and reasons."""
    secret = os.environ[SECRET_NAME]
    evidence = folder / "evidence"
    site = folder / "site-packages"
    for path in (evidence, site):
        path.mkdir()
        path.chmod(0o777)  # so that only the sandbox, not the folder mode, protects them
    victim = evidence / "victim.txt"
    victim.write_text("keep me")
    victim.chmod(0o666)
    items = [str(victim), "Free entry to win 1000 cash", "see you at 5", "ok"] * 2
    config = ExecutionConfig(
        workers=2,
        call_timeout=0.3,
        batch_timeout=2.5,
        batch_size=4,
        memory_mb=64,
        weak_isolation=layers in OS_PARTS or layers == "Python layers alone",
    )
    signals: list[int] = []
    previous = signal.signal(signal.SIGUSR2, lambda signum, frame: signals.append(signum))
    listener, log = _Listener(), _LogCapture()
    logging.getLogger().addHandler(log)
    bystander = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    sessions: list[int] = []  # every worker started: each leads the session of its programs
    saved = (
        executor_module.check_program,
        executor_module._RUNTIME_LAYER,
        executor_module._OS_STEPS_OFF,
        executor_module._Worker,
    )

    class RecordedWorker(executor_module._Worker):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            sessions.append(self.process.pid)

    executor_module._Worker = RecordedWorker
    before = _processes_of(sessions, Path(executor_module.__file__).parent)
    if layers in ("no static check", "OS layer alone", *OS_PARTS):
        executor_module.check_program = lambda source, name: StaticVerdict(True)
    if layers in ("no runtime layer", "OS layer alone", *OS_PARTS):
        executor_module._RUNTIME_LAYER = False
    executor_module._OS_STEPS_OFF = frozenset(
        PYTHON_ALONE if layers == "Python layers alone" else OS_PARTS.get(layers, ())
    )
    try:
        with Executor(config) as executor:
            clean = executor.run(BENIGN, items, [0, 1])
        cache = folder / "cache"
        with Executor(ExecutionConfig(**{**vars(config), "cache_dir": cache})) as executor:
            executor.run(BENIGN[:1], items, [0, 1])  # starts both workers
            workers = [w.process.pid for w in executor._workers]
            sandbox_dir = Path(executor_module.__file__).parent
            hostile = _programs(
                {
                    "EVIDENCE": str(evidence),
                    "SITE": str(site),
                    "SECRET_NAME": SECRET_NAME,
                    "PARENT_PID": str(os.getpid()),
                    "WORKER_PIDS": ",".join(map(str, workers)),
                    "VICTIM_PID": str(bystander.pid),
                    "TCP_PORT": str(listener.tcp.getsockname()[1]),
                    "UDP_PORT": str(listener.udp.getsockname()[1]),
                    "SANDBOX_DIR": str(sandbox_dir),
                    "PADDING": "\U0001f600" * 99_000,
                }
            )
            mixed = executor.run(hostile + BENIGN, items, [0, 1])
            alive = [w.process.pid for w in executor._workers if w.process.poll() is None]
        time.sleep(0.3)  # let a late datagram or signal arrive
        durations = {}
        with Executor(config) as executor:  # each stalling attack alone, in one batch
            executor.run(BENIGN[:1], items, [0, 1])
            for attack in [p for p in hostile if p.id in STALLS]:
                started = time.monotonic()
                executor.run([attack], items[:1], [0, 1])
                durations[attack.id] = time.monotonic() - started
        left = _left_after_close(sessions, sandbox_dir, before)
    finally:
        (
            executor_module.check_program,
            executor_module._RUNTIME_LAYER,
            executor_module._OS_STEPS_OFF,
            executor_module._Worker,
        ) = saved
        signal.signal(signal.SIGUSR2, previous)
        logging.getLogger().removeHandler(log)
        listener.close()
    bystander_alive = bystander.poll() is None
    bystander.kill()
    bystander.wait()

    problems = []
    ids = [p.id for p in hostile]
    votes = mixed.columns(ids)
    for j, pid in enumerate(ids):
        if (votes.votes[:, j] != -1).any():
            problems.append(f"{pid}: voted {votes.votes[:, j].tolist()}")
        if (votes.errors[:, j] == CellError.OK).any():
            problems.append(f"{pid}: a cell has no recorded failure")
        if not mixed.reasons.get(pid):
            problems.append(f"{pid}: no reason recorded")
    if not np.array_equal(mixed.columns([p.id for p in BENIGN]).votes, clean.votes):
        problems.append("benign votes differ from a clean run")
    if not victim.exists():
        problems.append("victim file deleted")
    elif victim.read_text() != "keep me":
        problems.append(f"victim file changed: {victim.read_text()!r}")
    planted = [p for p in [*evidence.iterdir(), *site.iterdir()] if p != victim]
    planted += list(sandbox_dir.glob("__pycache__/*hostile*"))
    pyc = sandbox_dir / "__pycache__" / "_sandbox.cpython-311.pyc"
    if pyc.exists() and b"payload_ran" in pyc.read_bytes():
        planted.append(pyc)
    if planted:
        problems.append(f"files written: {sorted(map(str, planted))}")
    if sorted(alive) != sorted(workers):
        problems.append(f"workers killed or replaced: {workers} -> {alive}")
    if not bystander_alive:
        problems.append("an unrelated process of the same user was killed")
    if signals:
        problems.append(f"signals received by the Alchemist process: {signals}")
    if listener.hits:
        problems.append(f"loopback listener hit: {listener.hits}")
    if left:
        problems.append(f"processes of the executor's workers left after close: {left}")
    bound = config.batch_timeout + executor_module._GRACE
    problems += [
        f"{a}: a run of one batch took {d:.1f} s" for a, d in durations.items() if d > bound
    ]
    outputs = {"reason": " ".join(mixed.reasons.values()), "log": "\n".join(log.lines)}
    outputs.update(
        {str(p): p.read_bytes().decode("latin-1") for p in folder.rglob("*") if p.is_file()}
    )
    problems += [f"secret found in {where}" for where, text in outputs.items() if secret in text]
    for pid, reason in mixed.reasons.items():
        bad = [c for c in reason if unicodedata.category(c) in INVISIBLE or c in FILLERS]
        if bad or "sk-live" in reason:
            problems.append(f"{pid}: unclean reason {reason!r}")
    shutil.rmtree(cache, ignore_errors=True)
    return {"problems": problems, "reasons": mixed.reasons, "hostile": ids}


def _left_after_close(sessions: list[int], folder: Path, before: dict[int, str]) -> dict[int, str]:
    """Processes of the run left once its executors closed: none may be alive; a zombie (dead,
    its parent gone) gets two seconds to be reaped by the system."""
    deadline = time.monotonic() + 2.0
    while True:
        left = {p: s for p, s in _processes_of(sessions, folder).items() if p not in before}
        if any(state != "Z" for state in left.values()) or not left:
            return left
        if time.monotonic() > deadline:
            return left
        time.sleep(0.05)


def _processes_of(sessions: list[int], folder: Path) -> dict[int, str]:
    """Processes of workers, "pid: state": zombies included, those in the session of any
    worker, and wherever they are, those forked from a worker (their command line names the
    folder its modules are loaded from)."""
    found = {}
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_bytes().rpartition(b")")[2].split()
            command = (entry / "cmdline").read_bytes()
        except (OSError, ValueError):
            continue
        if len(fields) > 3 and (int(fields[3]) in sessions or str(folder).encode() in command):
            found[int(entry.name)] = fields[0].decode()
    return found
