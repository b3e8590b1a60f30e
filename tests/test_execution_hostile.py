"""The hostile-program corpus (tests/hostile/): every attack contained, with a reason, while
benign programs run alongside give exactly the votes of a clean run.

Run twice: with every layer, and with the static check switched off, so that the runtime and
OS layers are shown to contain the same programs on their own.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
import pytest

from alchemist.execution import ExecutionConfig, Executor, StaticVerdict
from alchemist.execution import executor as executor_module
from alchemist.label_matrix import CellError
from alchemist.programs import Program

HOSTILE = sorted(Path(__file__).parent.joinpath("hostile").glob("*.py"))

BENIGN = [
    Program("benign_keyword", "def label(text):\n    return 1 if 'free' in text.lower() else 0\n"),
    Program("benign_regex", "import re\nP = re.compile(r'\\d+')\n\n"
                            "def label(text):\n    return 1 if re.search(P, text) else -1\n"),
    Program("benign_length", "def label(text):\n    return 0 if len(sorted(text)) < 20 else -1\n"),
]

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the OS layer of the executor is Linux-only")


@pytest.fixture
def items(tmp_path: Path) -> list[str]:
    """Texts for the benign programs; the first is a file the hostile ones try to delete."""
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    os.chmod(tmp_path, 0o777)  # so that only the sandbox, not the folder mode, protects it
    return [str(victim), "Free entry to win 1000 cash", "see you at 5", "ok"] * 2


def _hostile_programs() -> list[Program]:
    paths = HOSTILE
    if os.geteuid() != 0:
        # The escape_* programs reach the real os module and are contained by chroot and a uid
        # of their own, which need root; without root only the static check stops them.
        paths = [p for p in paths if not p.stem.startswith("escape_")]
    return [Program(path.stem, path.read_text()) for path in paths]


def _run_corpus(items: list[str]) -> tuple[np.ndarray, object]:
    config = ExecutionConfig(workers=2, call_timeout=0.3, batch_timeout=2.5, batch_size=4,
                             memory_mb=64)
    with Executor(config) as executor:
        clean = executor.run(BENIGN, items, [0, 1])
        workers_before = [w.process.pid for w in executor._workers]
        mixed = executor.run(_hostile_programs() + BENIGN, items, [0, 1])
        # Nothing a program did reached the workers themselves, except the ones it hung.
        alive = [w.process.poll() is None for w in executor._workers]
    assert all(alive) and workers_before
    return clean.votes, mixed


def _assert_contained(items: list[str], clean_votes: np.ndarray, mixed: object) -> None:
    hostile = [p.id for p in _hostile_programs()]
    votes = mixed.columns(hostile)
    assert (votes.votes == -1).all(), "an attack returned a vote: it ran to completion"
    assert (votes.errors != CellError.OK).all(), "every hostile cell has a recorded failure"
    missing = [p for p in hostile if not mixed.reasons.get(p)]
    assert not missing, f"no reason recorded for {missing}"
    assert np.array_equal(mixed.columns([p.id for p in BENIGN]).votes, clean_votes)
    victim = Path(items[0])
    assert victim.read_text() == "keep me"
    assert sorted(p.name for p in victim.parent.iterdir()) == ["victim.txt"], "a file was written"


def test_hostile_corpus_with_every_layer(items: list[str]) -> None:
    clean_votes, mixed = _run_corpus(items)
    _assert_contained(items, clean_votes, mixed)
    rejected = [p for p in mixed.program_ids if mixed.reasons.get(p, "").startswith("rejected")]
    assert {"read_passwd", "delete_file", "open_socket", "subclasses_escape", "frame_walk",
            "kill_parent", "patch_builtins"} <= set(rejected)
    assert "call exceeded" in mixed.reasons["busy_loop"]
    assert "hung" in mixed.reasons["swallow_timeout"]
    assert "MemoryError" in mixed.reasons["memory_bomb"]
    assert "RecursionError" in mixed.reasons["infinite_recursion"]
    assert "SystemExit" in mixed.reasons["sys_exit"]
    assert "returned str" in mixed.reasons["huge_output"]


def test_hostile_corpus_without_static_check(items: list[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(executor_module, "check_program", lambda source, name: StaticVerdict(True))
    clean_votes, mixed = _run_corpus(items)
    _assert_contained(items, clean_votes, mixed)
    reasons = mixed.reasons
    assert not any(r.startswith("rejected: imports") for r in reasons.values())
    # Runtime layer: modules outside the allowlist and dangerous builtins are not there.
    assert "import of 'os' is not allowed" in reasons["delete_file"]
    assert "import of 'socket' is not allowed" in reasons["open_socket"]
    assert "NameError" in reasons["read_passwd"]
    # OS layer: what an introspection escape reaches still fails.
    if os.geteuid() == 0:
        # Chrooted into an empty folder it cannot even enter: /etc/passwd is out of reach.
        assert reasons["escape_read_passwd"].startswith(("PermissionError", "FileNotFoundError"))
        assert "PermissionError" in reasons["escape_kill_parent"]
        assert "BlockingIOError" in reasons["escape_fork_bomb"]
        assert "OSError" in reasons["escape_socket"]
        assert "worker died" in reasons["escape_exit"]
        assert "hung" in reasons["escape_signal_tamper"]
