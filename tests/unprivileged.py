"""Run a piece of test code as an ordinary, unprivileged user, even when the tests run as root.

CI runs the tests as root, where the executor adds root-only layers; the half of the hostile
corpus that shows what an ordinary user gets runs through ``run_as_nobody``: a fresh Python
process gives up root (uid and gid 65534, no supplementary groups, no capabilities) and then
runs the code. When the interpreter lives in a folder other users cannot enter (Python under
``/root``, as in CI images), that process first makes the interpreter's folders reachable in a
private mount namespace of its own (the host's mounts are untouched): the closed folder is
covered by an empty read-only-to-others tmpfs into which only the interpreter's folder is
bound. The code runs with HOME and ALCHEMIST_HOME in ``home``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

NOBODY = 65534

_PRELUDE = r"""
import ctypes, os, stat, sys, tempfile
libc = ctypes.CDLL(None, use_errno=True)
MS_BIND, MS_REC, MS_PRIVATE = 0x1000, 0x4000, 0x40000

def check(result, what):
    if result != 0:
        raise OSError(ctypes.get_errno(), f"{what}: {os.strerror(ctypes.get_errno())}")

def closed_ancestor(path):
    parts = os.path.abspath(path).split("/")[1:]
    for i in range(1, len(parts)):
        folder = "/" + "/".join(parts[:i])
        info = os.stat(folder)
        if not (info.st_mode & stat.S_IXOTH or info.st_uid == NOBODY
                and info.st_mode & stat.S_IXUSR):
            return folder, parts[i]
    return None

covered = {}
def make_reachable(path):
    while (found := closed_ancestor(path)) is not None:
        folder, child = found
        if folder not in covered:
            covered[folder] = tempfile.mkdtemp()
            check(libc.mount(folder.encode(), covered[folder].encode(), None, MS_BIND | MS_REC,
                             None), "bind " + folder)
            check(libc.mount(b"tmpfs", folder.encode(), b"tmpfs", 0, b"mode=0755"), "tmpfs")
        os.mkdir(os.path.join(folder, child))
        check(libc.mount(os.path.join(covered[folder], child).encode(),
                         os.path.join(folder, child).encode(), None, MS_BIND | MS_REC, None),
              "bind " + child)

if os.geteuid() == 0:
    check(libc.unshare(0x00020000), "unshare(CLONE_NEWNS)")
    check(libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None), "mount private")
    for path in {os.path.realpath(sys.executable), sys.base_prefix, sys.prefix, *sys.path}:
        if path and os.path.exists(path):
            make_reachable(path)
    os.setgroups([])
    os.setresgid(NOBODY, NOBODY, NOBODY)
    os.setresuid(NOBODY, NOBODY, NOBODY)
assert os.geteuid() != 0 and os.getuid() != 0
"""


def run_as_nobody(
    code: str,
    home: Path,
    timeout: float = 600.0,
    env: dict[str, str] | None = None,
    src: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``code`` (Python source) as uid 65534 with the tests' import path (``src``, by
    default this checkout's, then tests/); ``home`` is made that user's HOME (and
    ALCHEMIST_HOME) and must be writable by it."""
    source = str(src or Path(__file__).resolve().parents[1] / "src")
    tests = str(Path(__file__).resolve().parent)
    environment = {
        **os.environ,
        **(env or {}),
        "HOME": str(home),
        "ALCHEMIST_HOME": str(home),
        "PYTHONPATH": os.pathsep.join([source, tests]),
        "TMPDIR": str(home),
    }
    script = f"NOBODY = {NOBODY}\n{_PRELUDE}\n{textwrap.dedent(code)}"
    return subprocess.run(
        [sys.executable, "-c", script],
        env=environment,
        cwd=str(home),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def home_for_nobody() -> Path:
    """A new temporary folder owned by uid 65534 (the caller removes it)."""
    home = Path(tempfile.mkdtemp(prefix="alchemist-nobody-"))
    if os.geteuid() == 0:
        os.chown(home, NOBODY, NOBODY)
    return home
