"""The OS layer: confine a freshly forked program process, rootless, failing closed.

Standard library only (the worker loads it, and the system call tables and seccomp filter of
``_syscalls``, without the ``alchemist`` package). A program process is set up in two steps, each
checked (a failed step raises ``IsolationError`` naming it):

``enter_namespaces`` (in the forked process, before it forks the program's own process):
  as root, first a uid and gid of its own (no other process shares them); then a new user
  namespace mapping that uid to 0 inside, and new mount, network, PID, IPC and UTS namespaces
  owned by it; the root directory becomes an empty read-only tmpfs (``pivot_root``; the host's
  tree, ``/proc`` included, is detached), and no network interface is up.

``lock_down`` (in the program's process, the second process of the new PID namespace, after
the pre-imports): resource limits, no new privileges, every capability dropped, Landlock (no
file access at all; no TCP bind or connect, and no signals or abstract unix sockets out of the
domain where the kernel's ABI has them), not dumpable (no ``/proc/<pid>/mem``, no ptrace), then a
seccomp allowlist of the few system calls a labeling loop makes: no ``open``, ``socket``,
``kill``, ``ptrace``, ``pidfd_*``, ``unshare``, ``execve``, ``fork``, and ``mmap`` of
anonymous memory only.

With ``strict=False`` (the user's explicit opt-out), a step that fails is recorded and skipped.
Each step appends ``(layer, detail)`` to the list it is given: detail ``""`` when applied.
"""

from __future__ import annotations

import ctypes
import os
import platform
import resource
import signal
import struct

if __package__:  # imported within alchemist (alchemist doctor, tests)
    from alchemist.execution import _syscalls
else:  # loaded from source by the worker, without the package (_pool._BOOTSTRAP)
    import _syscalls  # type: ignore[import-not-found, no-redef]

_CLONE_NEWNS, _CLONE_NEWUTS, _CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
_CLONE_NEWUSER, _CLONE_NEWPID, _CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
_MS_RDONLY, _MS_NOSUID, _MS_NODEV, _MS_NOEXEC = 1, 2, 4, 8
_MS_REC, _MS_PRIVATE, _MNT_DETACH = 0x4000, 0x40000, 2
_PR_SET_PDEATHSIG, _PR_SET_DUMPABLE, _PR_SET_SECCOMP, _PR_SET_NO_NEW_PRIVS = 1, 4, 22, 38
_PR_SET_CHILD_SUBREAPER = 36
_SECCOMP_MODE_FILTER = 2
_OWN_UID_BASE = 200_000

LAYERS = (
    "own uid",
    "user namespace",
    "mount namespace and empty root",
    "network namespace",
    "PID namespace",
    "IPC namespace",
    "rlimits",
    "no_new_privs",
    "capabilities dropped",
    "Landlock",
    "not dumpable",
    "seccomp allowlist",
)


class IsolationError(Exception):
    """A confinement step failed; ``layer`` names it."""

    def __init__(self, layer: str, detail: str) -> None:
        self.layer, self.detail = layer, detail
        super().__init__(f"{layer}: {detail}")


_libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, layer: str, what: str) -> None:
    if result != 0:
        raise IsolationError(layer, f"{what} failed: {os.strerror(ctypes.get_errno())}")


def _step(
    report: list[tuple[str, str]],
    strict: bool,
    layer: str,
    action: object,
    off: frozenset[str] = frozenset(),
) -> bool:
    """Run ``action()`` as the layer ``layer``; record it; re-raise only when ``strict``.
    A layer in ``off`` (tests, to show what the others stop alone) counts as failed."""
    try:
        if layer in off:
            raise IsolationError(layer, "switched off for a test")
        action()  # type: ignore[operator]
    except (IsolationError, OSError, ValueError, AttributeError) as exc:
        detail = exc.detail if isinstance(exc, IsolationError) else f"{type(exc).__name__}: {exc}"
        report.append((layer, detail or "failed"))
        if strict:
            raise IsolationError(layer, detail) from None
        return False
    report.append((layer, ""))
    return True


# --------------------------------------------------------------------------- namespaces


def enter_namespaces(
    jail: str, report: list[tuple[str, str]], *, strict: bool, off: frozenset[str] = frozenset()
) -> None:
    """Step one, in the forked process: own uid (as root), namespaces, empty root.
    The caller then forks: the child is the first process of the new PID namespace."""
    if os.geteuid() == 0:
        _step(report, strict, "own uid", _own_uid, off)
    if not _step(report, strict, "user namespace", _user_namespace, off):
        return
    for flag, layer in (
        (_CLONE_NEWNET, "network namespace"),
        (_CLONE_NEWPID, "PID namespace"),
        (_CLONE_NEWIPC, "IPC namespace"),
    ):
        _step(
            report,
            strict,
            layer,
            lambda f=flag, n=layer: _check(
                _libc.unshare(f | (_CLONE_NEWUTS if f == _CLONE_NEWIPC else 0)), n, "unshare"
            ),
            off,
        )
    _step(report, strict, "mount namespace and empty root", lambda: _empty_root(jail), off)


def _own_uid() -> None:
    """As root: a uid and gid nobody else has, so no other process is ours to signal or trace."""
    uid = _OWN_UID_BASE + os.getpid() % 1_000_000
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
    # Changing uid made the process non-dumpable, which would leave /proc/self/uid_map root's.
    _check(_libc.prctl(_PR_SET_DUMPABLE, 1, 0, 0, 0), "own uid", "prctl(PR_SET_DUMPABLE)")


def _user_namespace() -> None:
    uid, gid = os.geteuid(), os.getegid()
    _check(_libc.unshare(_CLONE_NEWUSER), "user namespace", "unshare(CLONE_NEWUSER)")
    for name, text in (("setgroups", "deny"), ("uid_map", f"0 {uid} 1"), ("gid_map", f"0 {gid} 1")):
        fd = os.open(f"/proc/self/{name}", os.O_WRONLY)
        try:
            if os.write(fd, text.encode()) != len(text):
                raise IsolationError("user namespace", f"short write to /proc/self/{name}")
        finally:
            os.close(fd)


def _empty_root(jail: str) -> None:
    layer = "mount namespace and empty root"
    _check(_libc.unshare(_CLONE_NEWNS), layer, "unshare(CLONE_NEWNS)")
    _check(_libc.mount(None, b"/", None, _MS_REC | _MS_PRIVATE, None), layer, "mount private")
    flags = _MS_RDONLY | _MS_NOSUID | _MS_NODEV | _MS_NOEXEC
    _check(
        _libc.mount(b"tmpfs", jail.encode(), b"tmpfs", flags, b"size=4k,mode=0555"),
        layer,
        "mount tmpfs",
    )
    os.chdir(jail)
    pivot_root = _table()[1]["pivot_root"]
    _check(_libc.syscall(pivot_root, b".", b"."), layer, "pivot_root")
    _check(_libc.umount2(b".", _MNT_DETACH), layer, "detaching the host's root")
    os.chdir("/")
    if os.listdir("/"):
        raise IsolationError(layer, "the new root is not empty")


# --------------------------------------------------------------------------- lock down


def lock_down(
    memory_bytes: int | None,
    cpu_seconds: int,
    report: list[tuple[str, str]],
    *,
    strict: bool,
    off: frozenset[str] = frozenset(),
) -> None:
    """Step two, in the program's process, after everything it needs is imported."""
    _step(
        report,
        strict,
        "no_new_privs",
        lambda: _check(_libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs", "prctl"),
        off,
    )
    _step(report, strict, "capabilities dropped", _drop_capabilities, off)
    _step(report, strict, "Landlock", _landlock, off)
    _step(report, strict, "rlimits", lambda: _rlimits(memory_bytes, cpu_seconds), off)
    _step(
        report,
        strict,
        "not dumpable",
        lambda: _check(_libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0), "not dumpable", "prctl"),
        off,
    )
    _step(report, strict, "seccomp allowlist", _seccomp, off)


def die_with_parent(parent: int | None = None) -> None:
    """SIGKILL this process when its parent exits (set after any uid change, which clears it);
    with ``parent``, exit at once when that process is not the parent any more (it died before
    the signal was set)."""
    _check(_libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "rlimits", "PDEATHSIG")
    if parent is not None and os.getppid() != parent:
        os._exit(70)


def become_subreaper() -> None:
    """Have orphaned descendants reparented to this process (the worker), not to init, so that
    it can reap and account for every process of its programs. Best effort: off Linux, or
    where refused, a program's processes still die with their parents."""
    _libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def _rlimits(memory_bytes: int | None, cpu_seconds: int) -> None:
    """Hard limits, which the process cannot raise once its capabilities are gone: no file
    written, no process forked, no new fd, no core, memory, and CPU time in all (the per-batch
    soft limit is lowered within it by ``_sandbox.limit_cpu``; SIGKILL at the hard one)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past RLIMIT_FSIZE then fails
    limits = [
        (resource.RLIMIT_FSIZE, 0),
        (resource.RLIMIT_NPROC, 0),
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_NOFILE, 5),  # stdin/out/err and the two pipes: no new fds
        (resource.RLIMIT_CPU, cpu_seconds),
    ]
    if memory_bytes is not None:
        limits.append((resource.RLIMIT_AS, memory_bytes))
    for which, value in limits:
        resource.setrlimit(which, (value, value))


def _drop_capabilities() -> None:
    header = struct.pack("<Ii", 0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this process
    data = ctypes.create_string_buffer(24)  # effective, permitted, inheritable: all empty
    capset = _table()[1]["capset"]
    _check(_libc.syscall(capset, ctypes.c_char_p(header), data), "capabilities dropped", "capset")


def landlock_abi() -> int:
    """The kernel's Landlock ABI version, 0 when Landlock is unavailable."""
    version = _libc.syscall(_syscalls.LANDLOCK_CREATE_RULESET, None, ctypes.c_size_t(0), 1)
    return max(int(version), 0)


def _landlock() -> None:
    abi = landlock_abi()
    if abi < 1:
        raise IsolationError("Landlock", "not supported or disabled by the kernel")
    fs = (1 << 13) - 1  # ABI 1: execute, read, write, make, remove...
    fs |= (1 << 13 if abi >= 2 else 0) | (1 << 14 if abi >= 3 else 0) | (1 << 15 if abi >= 5 else 0)
    net = 0b11 if abi >= 4 else 0  # TCP bind, TCP connect
    scoped = 0b11 if abi >= 6 else 0  # abstract unix sockets, signals
    size = 8 if abi < 4 else 16 if abi < 6 else 24
    attr = ctypes.create_string_buffer(struct.pack("<QQQ", fs, net, scoped)[:size], size)
    fd = _libc.syscall(_syscalls.LANDLOCK_CREATE_RULESET, attr, ctypes.c_size_t(size), 0)
    if fd < 0:
        raise IsolationError("Landlock", f"create_ruleset: {os.strerror(ctypes.get_errno())}")
    try:  # no rule added: every handled access is denied
        _check(_libc.syscall(_syscalls.LANDLOCK_RESTRICT_SELF, fd, 0), "Landlock", "restrict_self")
    finally:
        os.close(fd)


def _table() -> tuple[int, dict[str, int]]:
    """This machine's audit architecture and system call numbers."""
    machine = platform.machine()
    if machine not in _syscalls.TABLES:
        raise IsolationError("seccomp allowlist", f"no system call table for {machine}")
    return _syscalls.TABLES[machine]


def _seccomp() -> None:
    code = _syscalls.seccomp_filter(*_table())
    filters = ctypes.create_string_buffer(code, len(code))
    fprog = struct.pack("<HxxxxxxQ", len(code) // 8, ctypes.addressof(filters))
    _check(
        _libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.c_char_p(fprog), 0, 0),
        "seccomp allowlist",
        "prctl(PR_SET_SECCOMP)",
    )
