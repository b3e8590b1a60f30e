"""What the quality loop (``alchemist.synthesis.quality.improve``) is given and what it gives back.

``ImproveSettings`` says how the loop searches (target, budget, how it asks the model, and its
``gate``, ``synthesis.gate.ProgramGate``); ``ImproveResult`` records what it kept, what it
dropped and why, and what it spent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from alchemist.diagnostics import Diagnostics
from alchemist.label_matrix import LabelMatrix
from alchemist.programs import Program
from alchemist.synthesis.asking import Asking
from alchemist.synthesis.gate import GATES, ProgramGate


@dataclass(frozen=True, kw_only=True)
class ImproveSettings:
    """How ``improve`` searches.

    ``target`` useful programs within ``max_llm_calls`` model calls (generation and repair
    together); ``gate`` decides which programs to drop. The model is asked as ``asking`` says
    (``synthesis.asking.Asking``): model call ``k`` of the loop is its call ``k``. A program
    whose errors exceed ``gate.max_error_rate`` is sent to ``repair`` once when
    ``repair_failing``.
    """

    target: int = 10
    max_llm_calls: int = 40
    gate: ProgramGate = field(default_factory=lambda: GATES["loop"] or ProgramGate())
    asking: Asking = field(default_factory=Asking)
    repair_failing: bool = True

    def __post_init__(self) -> None:
        if self.target < 1 or self.max_llm_calls < 1:
            raise ValueError(
                f"target and max_llm_calls must be at least 1; got {self.target} "
                f"and {self.max_llm_calls}."
            )


@dataclass
class ImproveResult:
    programs: list[Program]  # kept, in the order they were generated
    dropped: dict[str, str]  # program id -> why it was dropped
    candidates: list[Program]  # every program generated or repaired
    matrix: LabelMatrix  # votes of the kept programs on the items
    diagnostics: Diagnostics  # of the kept programs
    target: int
    n_llm_calls: int
    n_repairs: int  # repair calls that gave a working program
    failures: list[dict[str, Any]]  # answers that gave no program, with reasons
    rounds: int

    @property
    def reached_target(self) -> bool:
        return len(self.programs) >= self.target

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary for the run report (programs themselves live in the store)."""
        return {
            "kept": [p.id for p in self.programs],
            "dropped": dict(self.dropped),
            "target": self.target,
            "reached_target": self.reached_target,
            "n_llm_calls": self.n_llm_calls,
            "n_repairs": self.n_repairs,
            "rounds": self.rounds,
            "failures": self.failures,
            "diagnostics": self.diagnostics.to_dict(),
        }


__all__ = ["ImproveResult", "ImproveSettings"]
