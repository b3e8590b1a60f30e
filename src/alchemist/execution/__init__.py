"""Isolated, fast execution of untrusted labeling programs.

Defence in depth, each layer independent of the others:

1. static check (``check_program``): size in bytes, parse, signature, imports, forbidden names
   and attributes, and what the runtime layer cannot decide (format strings built at runtime);
2. runtime: restricted builtins, read-only copies of allowlisted modules, guarded gadgets that
   decide on the characters of a name, never on methods of the object handed in (``_guards``);
3. OS (``_confine``): one forked process tree per program, rootless: user, mount, network, PID
   and IPC namespaces, an empty root, Landlock, a seccomp allowlist (with argument checks), no
   capabilities, hard limits on memory, CPU time, processes, files (as root also a uid of its
   own); refused, not weakened, when a layer is missing (``isolation_report``; opt-out:
   ``ALCHEMIST_WEAK_ISOLATION=1``);
4. supervision: per-call and per-batch time limits; no blocking send or read without a deadline
   (length-prefixed frames limited in bytes, ``_frames``); a hung or dead process is killed
   with its whole process group (each program's own; every process of it dies with its parent)
   and replaced, and its program's remaining items are recorded (``CellError``), never lost;
   ``close`` kills every process of the workers' sessions and waits until none is left;
   replies are parsed, range-checked bytes naming the request they answer, and reasons are
   cleaned (``_reasons``).
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
