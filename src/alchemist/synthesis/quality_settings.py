"""What the quality loop (``alchemist.synthesis.quality.improve``) is given and what it gives back.

``GatePolicy`` says which programs the gate drops and why; ``ImproveSettings`` how the loop
searches (target, budget, seeds, strategies); ``ImproveResult`` records what it kept, what it
dropped and why, and what it spent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from alchemist.diagnostics import Diagnostics, ProgramDiagnostics
from alchemist.label_matrix import LabelMatrix
from alchemist.llm.base import SamplingParams
from alchemist.programs import Program
from alchemist.task import Supplementary


@dataclass(frozen=True, kw_only=True)
class GatePolicy:
    """Which programs to drop. Checks run in this order; the first that fails is the reason.

    - ``max_error_rate``: share of items lost to errors and timeouts together.
    - ``drop_constant``: the same output (one class, or always abstain) on every item.
    - ``min_coverage``: share of items voted on (the paper drops programs under 10%).
    - ``min_accuracy``: empirical accuracy on gold rows; only judged with at least
      ``min_gold_votes`` votes on gold rows. None turns it off.
    - ``near_duplicate_agreement``: drop a program that agrees with one already kept on at
      least this share of the items either votes on. None turns it off.
    """

    min_coverage: float = 0.10
    max_error_rate: float = 0.10
    drop_constant: bool = True
    min_accuracy: float | None = None
    min_gold_votes: int = 10
    near_duplicate_agreement: float | None = 0.95

    def __post_init__(self) -> None:
        for name in ("min_coverage", "max_error_rate", "min_accuracy", "near_duplicate_agreement"):
            value = getattr(self, name)
            if value is not None and not 0 <= value <= 1:
                raise ValueError(f"GatePolicy.{name} must be in [0, 1] or None; got {value}.")

    def failed_check(self, p: ProgramDiagnostics) -> str | None:
        """Why program ``p`` fails one of the checks made on it alone (None if it passes): all
        but ``near_duplicate_agreement``, which compares it with others (see ``gate``)."""
        lost = p.error_rate + p.timeout_rate
        if lost > self.max_error_rate:
            return f"errors or timeouts on {lost:.0%} of items (allowed {self.max_error_rate:.0%})"
        if self.drop_constant and p.constant:
            what = f"class {p.polarity[0]}" if p.polarity else "abstain"
            return f"constant output ({what} on every item)"
        if p.coverage < self.min_coverage:
            return f"coverage {p.coverage:.1%} below {self.min_coverage:.0%}"
        if (
            self.min_accuracy is not None
            and p.accuracy is not None
            and p.n_gold_votes >= self.min_gold_votes
            and p.accuracy < self.min_accuracy
        ):
            return (
                f"accuracy {p.accuracy:.1%} on {p.n_gold_votes} gold votes below "
                f"{self.min_accuracy:.0%}"
            )
        return None


@dataclass(frozen=True, kw_only=True)
class ImproveSettings:
    """How ``improve`` searches.

    ``target`` useful programs within ``max_llm_calls`` model calls (generation and repair
    together); ``policy`` decides which programs to drop. Model call ``k`` of the loop uses
    seed ``seed + k``, and ``strategies`` (None: the task's modality's,
    ``synthesis.default_strategies``) and ``temperatures`` in turn (``params.temperature``
    when empty). ``supplementary`` replaces the task's own in the prompts. A program whose
    errors exceed ``policy.max_error_rate`` is sent to ``repair`` once when ``repair_failing``.
    New programs are numbered ``<id_prefix><number>``.
    """

    target: int = 10
    max_llm_calls: int = 40
    policy: GatePolicy = field(default_factory=GatePolicy)
    params: SamplingParams = field(default_factory=SamplingParams)
    strategies: tuple[str, ...] | None = None
    temperatures: tuple[float, ...] = ()
    supplementary: Supplementary | None = None
    seed: int = 0
    repair_failing: bool = True
    id_prefix: str = "p"

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


__all__ = ["GatePolicy", "ImproveResult", "ImproveSettings"]
