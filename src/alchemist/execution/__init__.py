"""Isolated, fast execution of untrusted labeling programs.

Defence in depth, each layer independent of the others:

1. static check (``check_program``): parse, signature, imports, forbidden names and attributes;
2. runtime: restricted builtins and read-only copies of allowlisted modules (``_sandbox``);
3. OS: one forked process per program and worker, in a new network namespace, chrooted into an
   empty directory, under a uid of its own, with limits on memory, CPU, processes, file writes;
4. supervision: per-call and per-batch time limits; a hung or dead process is killed and
   replaced, and its program's remaining items are recorded (``CellError``), never lost.
"""

from alchemist.execution.executor import ExecutionConfig, Executor, execute
from alchemist.execution.static import StaticVerdict, check_program

__all__ = ["ExecutionConfig", "Executor", "StaticVerdict", "check_program", "execute"]
