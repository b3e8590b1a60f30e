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
    "setrlimit",
    "prlimit64",
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
            "setrlimit": 160,
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
            "setrlimit": 164,
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


def seccomp_filter(audit_arch: int, numbers: dict[str, int]) -> bytes:
    """The BPF filter for one architecture (``TABLES``): kill on a foreign architecture, allow
    the calls in ``ALLOWED`` (``mmap`` only for anonymous memory), and fail every other call
    with EPERM."""
    ld, jeq, jge, jset, ret = 0x20, 0x15, 0x35, 0x45, 0x06
    allow, deny, kill = 0x7FFF0000, 0x00050000 | errno.EPERM, 0x80000000
    allowed = [numbers[name] for name in ALLOWED if name != "mmap"]
    # (code, jump if true, jump if false, k); jumps are counted from the next instruction.
    head = [
        (ld, 0, 0, 4),
        (jeq, 1, 0, audit_arch),
        (ret, 0, 0, kill),
        (ld, 0, 0, 0),
        (jge, 0, 1, 0x40000000),
        (ret, 0, 0, kill),
    ]  # x32 calls on x86_64
    tail_from = len(head) + len(allowed) + 1  # index of "deny" below
    body = [(jeq, tail_from + 1 - (len(head) + i) - 1, 0, nr) for i, nr in enumerate(allowed)]
    mmap_at = len(head) + len(body)
    body.append((jeq, (tail_from + 2) - mmap_at - 1, 0, numbers["mmap"]))
    tail = [
        (ret, 0, 0, deny),
        (ret, 0, 0, allow),
        (ld, 0, 0, 16 + 8 * 3),
        (jset, 0, 1, _MAP_ANONYMOUS),
        (ret, 0, 0, allow),
        (ret, 0, 0, deny),
    ]
    return b"".join(struct.pack("<HBBI", *insn) for insn in head + body + tail)
