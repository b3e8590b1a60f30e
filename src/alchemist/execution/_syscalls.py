"""System call numbers by architecture, and the seccomp allowlist filter built from them.

Standard library only: ``_confine`` uses it in the worker, which loads both from source without
the ``alchemist`` package (``_pool._BOOTSTRAP``), before any program process is confined.
"""

from __future__ import annotations

import errno
import struct

# System calls by architecture: (audit arch, numbers). The allowlist is what the labeling loop
# and the interpreter's allocator, timers and signal handling use, nothing that names a file,
# a socket or another process.
ALLOWED = (
    "read",
    "write",
    "readv",
    "writev",
    "close",
    "fstat",
    "lseek",
    "mmap",
    "munmap",
    "mremap",
    "mprotect",
    "brk",
    "madvise",
    "rt_sigaction",
    "rt_sigprocmask",
    "rt_sigreturn",
    "sigaltstack",
    "getitimer",
    "setitimer",
    "getpid",
    "gettid",
    "getrusage",
    "getrlimit",
    "futex",
    "sched_yield",
    "clock_gettime",
    "clock_getres",
    "clock_nanosleep",
    "nanosleep",
    "gettimeofday",
    "getrandom",
    "restart_syscall",
    "exit",
    "exit_group",
)
TABLES = {
    "x86_64": (
        0xC000003E,
        {
            "read": 0,
            "write": 1,
            "close": 3,
            "fstat": 5,
            "lseek": 8,
            "mmap": 9,
            "mprotect": 10,
            "munmap": 11,
            "brk": 12,
            "rt_sigaction": 13,
            "rt_sigprocmask": 14,
            "rt_sigreturn": 15,
            "readv": 19,
            "writev": 20,
            "sched_yield": 24,
            "mremap": 25,
            "madvise": 28,
            "nanosleep": 35,
            "getitimer": 36,
            "setitimer": 38,
            "getpid": 39,
            "exit": 60,
            "gettimeofday": 96,
            "getrlimit": 97,
            "getrusage": 98,
            "capset": 126,
            "sigaltstack": 131,
            "pivot_root": 155,
            "gettid": 186,
            "futex": 202,
            "restart_syscall": 219,
            "clock_gettime": 228,
            "clock_getres": 229,
            "clock_nanosleep": 230,
            "exit_group": 231,
            "prlimit64": 302,
            "getrandom": 318,
        },
    ),
    "aarch64": (
        0xC00000B7,
        {
            "read": 63,
            "write": 64,
            "close": 57,
            "fstat": 80,
            "lseek": 62,
            "mmap": 222,
            "mprotect": 226,
            "munmap": 215,
            "brk": 214,
            "rt_sigaction": 134,
            "rt_sigprocmask": 135,
            "rt_sigreturn": 139,
            "readv": 65,
            "writev": 66,
            "sched_yield": 124,
            "mremap": 216,
            "madvise": 233,
            "nanosleep": 101,
            "getitimer": 102,
            "setitimer": 103,
            "getpid": 172,
            "exit": 93,
            "gettimeofday": 169,
            "getrlimit": 163,
            "getrusage": 165,
            "capset": 91,
            "sigaltstack": 132,
            "pivot_root": 41,
            "gettid": 178,
            "futex": 98,
            "restart_syscall": 128,
            "clock_gettime": 113,
            "clock_getres": 114,
            "clock_nanosleep": 115,
            "exit_group": 94,
            "prlimit64": 261,
            "getrandom": 278,
        },
    ),
}
LANDLOCK_CREATE_RULESET, LANDLOCK_RESTRICT_SELF = 444, 446  # the same on every architecture
_MAP_ANONYMOUS = 0x20
_RLIMIT_CPU = 0


def seccomp_filter(audit_arch: int, numbers: dict[str, int]) -> bytes:
    """The BPF filter for one architecture (``TABLES``): kill the process on a foreign
    architecture or ABI (SIGSYS), allow the calls in ``ALLOWED``, ``mmap`` only for anonymous
    memory, ``prlimit64`` only on this process and, when it sets a limit, only the CPU time
    one (whose hard limit cannot be raised without a capability; ``setrlimit`` is refused), and
    fail every other call with EPERM."""
    ld, jeq, jset, ret = 0x20, 0x15, 0x45, 0x06
    allow, deny, kill = 0x7FFF0000, 0x00050000 | errno.EPERM, 0x80000000
    program: list[tuple[int, str | int, str | int, int]] = [
        (ld, 0, 0, 4),
        (jeq, 0, "kill", audit_arch),
        (ld, 0, 0, 0),
        (0x35, "kill", 0, 0x40000000),  # jge: x32 calls on x86_64
        *[(jeq, "allow", 0, numbers[name]) for name in ALLOWED if name != "mmap"],
        (jeq, "mmap", 0, numbers["mmap"]),
        (jeq, "prlimit", "deny", numbers["prlimit64"]),
    ]
    # jumps go forward only: each block jumps to blocks after it
    labels: dict[str, list[tuple[int, str | int, str | int, int]]] = {}
    labels["mmap"] = [(ld, 0, 0, _arg(3)), (jset, "allow", "deny", _MAP_ANONYMOUS)]
    labels["prlimit"] = [  # pid (both halves) 0; new limit NULL, or the resource RLIMIT_CPU
        (ld, 0, 0, _arg(0)),
        (jeq, 0, "deny", 0),
        (ld, 0, 0, _arg(0) + 4),
        (jeq, 0, "deny", 0),
        (ld, 0, 0, _arg(2)),
        (jeq, 0, "resource", 0),
        (ld, 0, 0, _arg(2) + 4),
        (jeq, "allow", "resource", 0),
    ]
    labels["resource"] = [(ld, 0, 0, _arg(1)), (jeq, "allow", "deny", _RLIMIT_CPU)]
    labels.update(kill=[(ret, 0, 0, kill)], deny=[(ret, 0, 0, deny)], allow=[(ret, 0, 0, allow)])
    at = {}
    for label, block in labels.items():
        at[label] = len(program)
        program.extend(block)

    def offset(target: str | int, i: int) -> int:
        return at[target] - i - 1 if isinstance(target, str) else target

    return b"".join(
        struct.pack("<HBBI", code, offset(true, i), offset(false, i), k)
        for i, (code, true, false, k) in enumerate(program)
    )


def _arg(index: int) -> int:
    """Offset of the low half of system call argument ``index`` in ``seccomp_data``."""
    return 16 + 8 * index
