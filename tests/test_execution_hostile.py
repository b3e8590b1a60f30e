"""The hostile-program corpus (tests/hostile/): every attack contained, with a reason, while
benign programs run alongside give exactly the votes of a clean run, and no evidence of an
attack is left anywhere (see ``hostile_harness``).

Run with every layer, with the static check off, with the runtime layer off, and with the OS
layer alone, so that a failing layer is seen; and all of it twice: in this process (root in
CI) and as an ordinary user (uid 65534), which gets no root-only layer. As that user, parts of
the OS layer are also switched off, to show what the rest of it stops alone.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from alchemist.execution._confine import landlock_abi

from .hostile_harness import LAYERS, OS_PARTS, SECRET_NAME, run_corpus
from .unprivileged import NOBODY, home_for_nobody, run_as_nobody

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the OS layer of the executor is Linux-only"
)

SECRET = "hostile-secret-" + secrets.token_hex(8)


def _check(layers: str, result: dict[str, Any]) -> None:
    """No evidence, and each attack stopped by the layer expected to stop it."""
    assert result["problems"] == []
    reasons = result["reasons"]
    escapes = [p for p in result["hostile"] if p.startswith("escape_")]
    gadgets = [
        p for p in result["hostile"] if p.startswith("gadget_") and p != "gadget_format_field"
    ]
    static = layers in ("all", "no runtime layer", "Python layers alone")
    runtime = layers in ("all", "no static check", "Python layers alone")
    # str.format on a string built at runtime: refused by the static check; without it, the
    # runtime layer cannot guard it, and it reaches the worker's environment (no secret there).
    if static:
        assert reasons["gadget_format_field"].startswith("rejected: calls format on a string")
    else:
        assert "no secret in the worker's environment" in reasons["gadget_format_field"]
    if runtime:  # the format method reached through getattr: refused by name
        assert "'format' is not allowed in labeling programs" in reasons["format_at_runtime"]
    else:
        assert "no secret in the worker's environment" in reasons["format_at_runtime"]
    assert "[redacted]" in reasons["reason_injection"]
    if static:  # over 100 000 bytes in UTF-8, under 100 000 characters
        assert "bytes in UTF-8; at most 100000" in reasons["huge_source"]
    if static:  # the static check stops every dunder escape
        assert all(reasons[p].startswith("rejected: accesses attribute") for p in escapes)
        assert reasons["read_passwd"].startswith("rejected: uses open")
    if runtime:  # the runtime layer stops every gadget, str subclasses with lying methods too
        assert all("is not allowed in labeling programs" in reasons[p] for p in gadgets)
    if layers == "no static check":
        assert "import of 'os' is not allowed" in reasons["delete_file"]
    if layers in ("no static check", "OS layer alone"):  # the OS layer stops what escaped
        for attack in (
            "escape_delete_file",
            "escape_proc_mem",
            "escape_signal_parent",
            "escape_mmap_write",
            "escape_pth_pycache",
            "escape_loopback",
            "escape_read_passwd",
            "escape_kill_parent",
            "escape_fork_bomb",
        ):
            assert reasons[attack].startswith("PermissionError"), (attack, reasons[attack])
        for forged in ("escape_forge_votes", "escape_forge_code"):
            assert "program process sent an invalid reply" in reasons[forged]
        for hung in ("escape_signal_tamper", "escape_spin_unbounded", "huge_source"):
            assert "hung" in reasons[hung], (hung, reasons[hung])
        # a reply frame out of step, or cut short: the program's process group is killed
        for malformed in ("escape_forge_frame", "escape_partial_frame"):
            assert "program process sent a malformed reply" in reasons[malformed]
        assert "exit code 147" in reasons["escape_exit_147"]  # no waiter stopped
        assert "refused by the seccomp filter: SIGSYS" in reasons["escape_raw_syscall"]
        # the hard CPU limit is not raised (no capability); prlimit64 on another process and
        # setrlimit of any other limit are refused by seccomp (EPERM)
        assert reasons["escape_raise_cpu_limit"].startswith(
            "RuntimeError: limits: ValueError(not allowed to raise maximum limit), "
            "PermissionError(1), PermissionError(1), ValueError(not allowed to raise"
        )
    if layers in ("no runtime layer", "OS layer alone"):
        assert all(reasons[p].startswith("PermissionError") for p in gadgets), reasons
    if layers == "OS layer alone":
        assert reasons["delete_file"].startswith("PermissionError")
        assert reasons["write_file"].startswith("PermissionError")


@pytest.mark.parametrize("layers", LAYERS)
def test_hostile_corpus_in_this_process(
    layers: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SECRET_NAME, SECRET)
    _check(layers, run_corpus(layers, tmp_path))


@pytest.fixture(scope="module")
def unprivileged_results() -> dict[str, dict[str, Any]]:
    """The corpus with each set of layers, run by uid 65534 from a source tree it owns (so
    that planting cached bytecode there is an attack its uid could otherwise carry out)."""
    home = home_for_nobody()
    try:
        src = home / "src"
        shutil.copytree(
            Path(__file__).resolve().parents[1] / "src" / "alchemist",
            src / "alchemist",
            ignore=shutil.ignore_patterns("__pycache__"),
        )
        if os.geteuid() == 0:
            for path in [src, *src.rglob("*")]:
                os.chown(path, NOBODY, NOBODY)
        code = f"""
            import json, os, sys, tempfile
            from pathlib import Path
            from hostile_harness import LAYERS, OS_PARTS, run_corpus
            assert Path(run_corpus.__globals__["executor_module"].__file__).is_relative_to(
                {str(src)!r})
            results = {{}}
            for layers in (*LAYERS, *OS_PARTS):
                results[layers] = run_corpus(layers, Path(tempfile.mkdtemp(dir={str(home)!r})))
            print(json.dumps({{"uid": os.getuid(), "results": results}}))
        """
        done = run_as_nobody(code, home, env={SECRET_NAME: SECRET}, src=src)
        assert done.returncode == 0, done.stderr[-4000:]
        assert SECRET not in done.stdout + done.stderr
        output = json.loads(done.stdout.splitlines()[-1])
        assert output["uid"] != 0
        return output["results"]
    finally:
        shutil.rmtree(home, ignore_errors=True)


@pytest.mark.parametrize("layers", LAYERS)
def test_hostile_corpus_as_an_unprivileged_user(
    layers: str, unprivileged_results: dict[str, dict[str, Any]]
) -> None:
    _check(layers, unprivileged_results[layers])


@pytest.mark.parametrize("layers", OS_PARTS)
def test_parts_of_the_os_layer_alone(
    layers: str, unprivileged_results: dict[str, dict[str, Any]]
) -> None:
    if layers == "Landlock and rlimits alone" and landlock_abi() < 6:
        pytest.skip("this kernel's Landlock cannot scope signals (ABI < 6)")
    result = unprivileged_results[layers]
    reasons = result["reasons"]
    problems = result["problems"]
    if layers == "OS layer without seccomp and Landlock":
        # Inside a PID namespace the parent a program sees is the namespace's first process,
        # which ignores the signal: kill "succeeds", nothing outside is reached.
        problems = [p for p in problems if not p.startswith(("kill_parent", "escape_kill_parent"))]
        assert "worker" not in " ".join(problems)
    assert problems == []
    assert "Too many open files" in reasons["escape_proc_mem"]  # RLIMIT_NOFILE: no new fd
    assert "Too many open files" in reasons["escape_loopback"]
    assert "Resource temporarily unavailable" in reasons["escape_fork_bomb"]  # RLIMIT_NPROC
    if "user namespace" in OS_PARTS[layers]:  # no namespaces: Landlock denies
        assert reasons["escape_delete_file"].startswith("PermissionError")
        assert reasons["escape_signal_parent"].startswith("PermissionError")
    else:  # the empty root and the PID namespace: nothing there
        assert reasons["escape_delete_file"].startswith("FileNotFoundError")
        assert reasons["escape_signal_parent"].startswith("ProcessLookupError")
