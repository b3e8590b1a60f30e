"""Isolated, fast execution of untrusted labeling programs.

Defence in depth, each layer independent of the others:

1. static check (``check_program``): parse, signature, imports, forbidden names and attributes;
2. runtime: restricted builtins, read-only copies of allowlisted modules, guarded gadgets
   (``_sandbox``);
3. OS (``_confine``): one forked process per program, rootless: user, mount, network, PID and
   IPC namespaces, an empty root, Landlock, a seccomp allowlist, no capabilities, limits on
   memory, CPU, processes, files (as root also a uid of its own); refused, not weakened, when a
   layer is missing (``isolation_report``; opt-out: ``ALCHEMIST_WEAK_ISOLATION=1``);
4. supervision: per-call and per-batch time limits; a hung or dead process is killed and
   replaced, and its program's remaining items are recorded (``CellError``), never lost;
   replies are parsed, range-checked bytes, and reasons are cleaned (``_reasons``).
"""

from alchemist.execution._pool import isolation_report
from alchemist.execution._reasons import clean_reason
from alchemist.execution.executor import ExecutionConfig, Executor, execute
from alchemist.execution.static import StaticVerdict, check_program

__all__ = [
    "ExecutionConfig",
    "Executor",
    "StaticVerdict",
    "check_program",
    "clean_reason",
    "execute",
    "isolation_report",
]
