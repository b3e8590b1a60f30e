"""Labeling programs and the program store: a folder of readable ``.py`` files plus metadata.

Each program is ``<id>.py`` (the code a person reads and may edit) beside ``<id>.json`` (its
provenance: model, prompt, sampling settings, tokens, cost; and whether it is enabled). A ``.py``
dropped in by hand, with no ``.json``, is a program too; an edited file is noticed by its hash.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from alchemist._util.paths import atomic_write_text
from alchemist.errors import RunError
from alchemist.label_matrix import LabelMatrix

_ID = re.compile(r"^[A-Za-z0-9_\-]+$")


@dataclass
class Program:
    id: str
    source: str
    function_name: str = "label"
    provenance: dict[str, Any] = field(default_factory=dict)
    enabled: bool = True

    @property
    def sha(self) -> str:
        """Hash of the source: the identity of the code, whatever its id."""
        return hashlib.sha256(self.source.encode()).hexdigest()[:16]

    @property
    def edited(self) -> bool:
        """True when the source no longer matches the hash recorded at generation."""
        recorded = self.provenance.get("sha")
        return recorded is not None and recorded != self.sha


def next_number(ids: Iterable[str], prefix: str = "p") -> int:
    """The number after the highest ``<prefix><number>`` among program ``ids`` (1 if none):
    where a generator numbers its new programs, in a store or after programs it was given."""
    pattern = re.compile(rf"{re.escape(prefix)}(\d+)")
    numbers = [int(m.group(1)) for i in ids if (m := pattern.fullmatch(i))]
    return max(numbers, default=0) + 1


class ProgramStore:
    """A folder of programs. Writing never replaces a program of another id."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def add(self, program: Program) -> Path:
        if not _ID.match(program.id):
            raise ValueError(f"program id must match {_ID.pattern}; got {program.id!r}.")
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{program.id}.py"
        if path.exists():
            raise RunError(
                f"{path} exists already: a program is never overwritten. "
                "Use next_id() for a new id.",
                path=str(path),
                program_id=program.id,
            )
        # Metadata first: a run killed between the two writes leaves an orphan .json (ignored
        # until its .py exists), never a .py that would load as an enabled hand-written program.
        self._write_meta(program, sha=program.sha)
        atomic_write_text(
            path, program.source if program.source.endswith("\n") else program.source + "\n"
        )
        return path

    def load(self, *, include_disabled: bool = False) -> list[Program]:
        """All programs in id order, as they are on disk now (hand edits included)."""
        programs = []
        for path in sorted(self.folder.glob("[!.]*.py")):  # not a hidden leftover
            meta_path = path.with_suffix(".json")
            meta: dict[str, Any] = (
                json.loads(meta_path.read_text())
                if meta_path.exists()
                else {"provenance": {"author": "hand-written"}}
            )
            program = Program(
                id=path.stem,
                source=path.read_text(encoding="utf-8"),
                function_name=meta.get("function_name", "label"),
                provenance=meta.get("provenance", {}),
                enabled=meta.get("enabled", True),
            )
            if program.enabled or include_disabled:
                programs.append(program)
        return programs

    def set_enabled(self, program_id: str, enabled: bool) -> None:
        matches = [p for p in self.load(include_disabled=True) if p.id == program_id]
        if not matches:
            raise RunError(
                f"no program {program_id!r} in {self.folder}.",
                path=str(self.folder),
                program_id=program_id,
            )
        program = matches[0]
        program.enabled = enabled
        self._write_meta(program, sha=program.provenance.get("sha"))

    def next_number(self, prefix: str = "p") -> int:
        """The number after the highest ``<prefix><number>`` program id here (1 if none)."""
        return next_number((p.stem for p in self.folder.glob(f"{prefix}*.py")), prefix)

    def next_id(self, prefix: str = "p") -> str:
        """A new program id: ``<prefix>`` and ``next_number`` in three digits."""
        return f"{prefix}{self.next_number(prefix):03d}"

    def _write_meta(self, program: Program, *, sha: str | None) -> None:
        meta = {
            "id": program.id,
            "function_name": program.function_name,
            "enabled": program.enabled,
            "provenance": {**program.provenance, "sha": sha},
        }
        atomic_write_text(self.folder / f"{program.id}.json", json.dumps(meta, indent=2) + "\n")


def signature_problem(source: str, function_name: str) -> str | None:
    """Why ``source`` is not a labeling program, or None: it must parse and define
    ``function_name`` at top level with exactly one required positional parameter."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        return f"syntax error at line {exc.lineno}: {exc.msg}"
    functions = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    match = [f for f in functions if f.name == function_name]
    if not match:
        found = [f.name for f in functions]
        return f"no top-level function {function_name!r} (found {found or 'none'})"
    args = match[-1].args
    positional = args.posonlyargs + args.args
    required = len(positional) - len(args.defaults)
    if required != 1 or args.kwonlyargs and len(args.kw_defaults) != len(args.kwonlyargs):
        return f"{function_name} must take exactly one required argument; it takes {required}"
    return None


class ProgramRunner(Protocol):
    """What runs programs over items for the search and the quality loop
    (``alchemist.execution.Executor`` is one; tests pass an in-process stand-in)."""

    def run(
        self, programs: list[Program], items: Sequence[Any], class_ids: Sequence[int]
    ) -> LabelMatrix: ...
