"""How many CPU cores work started now should use: those other work leaves free."""

from __future__ import annotations

import os
import time


def free_cores() -> int:
    """CPU threads worth using now: the cores this process may run on, less those other work
    keeps busy (measured over a quarter second from ``/proc/stat``, else the 1-minute load
    average, which lags: it still counts a process that ended a minute ago), at least 1.

    llama.cpp's threads wait for one another at every step, so when they outnumber the free
    cores its speed collapses, while fewer threads keep most of it.
    """
    cores = (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )
    busy = _busy_cores()
    return max(1, min(cores, cores - round(busy)))


def _busy_cores(seconds: float = 0.25) -> float:
    """How many cores' worth of CPU time the machine spent busy over ``seconds``."""
    try:
        first = _cpu_times()
        time.sleep(seconds)
        second = _cpu_times()
    except (OSError, ValueError, IndexError):
        try:
            return float(os.getloadavg()[0])
        except OSError:
            return 0.0
    total, idle = (b - a for a, b in zip(first, second, strict=True))
    return (os.cpu_count() or 1) * (total - idle) / total if total > 0 else 0.0


def _cpu_times() -> tuple[int, int]:
    """All CPU time and idle time (idle + iowait) since boot, in ticks, from ``/proc/stat``."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:9]]  # guest time is in user already
    return sum(fields), fields[3] + fields[4]


__all__ = ["free_cores"]
