"""The one gate every generator passes its programs through.

A program is dropped for the first of these that holds, checked in this order:

1. errors and timeouts together on more than ``max_error_rate`` of the items;
2. the same output on every item (one class, or always abstaining), with ``drop_constant``;
3. votes on fewer than ``min_coverage`` of the items;
4. where the classes' shares are known, at most chance (1 / classes) of its votes can be right
   however they fall (``ProgramStats.ceiling``);
5. with at least ``min_gold_votes`` votes on gold rows, accuracy there below ``min_accuracy``
   (when set), or at most chance.

``near_duplicate_agreement`` is the set-level check each generator applies after these: a
program that agrees with one already kept on at least that share of the items either votes on
adds nothing. The generators differ only in their defaults (``GATES``): the program search
judges many cheap candidates on the dev split and keeps the best, so it lets weak ones through
to the ranking; the quality loop keeps every program that passes, so its gate is the paper's
stricter one. One-shot synthesis keeps its programs ungated.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from alchemist.diagnostics import ProgramDiagnostics


@dataclass(frozen=True)
class ProgramStats:
    """What the gate reads of one program, from its votes on the items it was run on."""

    error_rate: float  # errors and timeouts together, as a share of the items
    coverage: float  # share of the items voted on
    constant: str | None  # "class c" / "abstain" when every item got that output, else None
    accuracy: float | None  # on the gold rows it voted on (None: no gold vote)
    n_gold_votes: int
    ceiling: float | None = None  # the most of its votes that can be right, given class shares
    shares: tuple[float, ...] = ()  # those shares

    @classmethod
    def of(cls, p: ProgramDiagnostics) -> ProgramStats:
        """The statistics of a program's diagnostics (``alchemist.diagnostics``)."""
        what = (f"class {p.polarity[0]}" if p.polarity else "abstain") if p.constant else None
        return cls(p.error_rate + p.timeout_rate, p.coverage, what, p.accuracy, p.n_gold_votes)


@dataclass(frozen=True, kw_only=True)
class ProgramGate:
    """Which programs to drop, and the first reason that applies (module docstring)."""

    min_coverage: float = 0.02
    max_error_rate: float = 0.5
    drop_constant: bool = True
    min_accuracy: float | None = None
    min_gold_votes: int = 5
    near_duplicate_agreement: float | None = 0.95

    def __post_init__(self) -> None:
        for name in ("min_coverage", "max_error_rate", "min_accuracy", "near_duplicate_agreement"):
            value = getattr(self, name)
            if value is not None and not 0 <= value <= 1:
                raise ValueError(f"ProgramGate.{name} must be in [0, 1] or None; got {value}.")
        if self.min_gold_votes < 1:
            raise ValueError(f"ProgramGate.min_gold_votes must be >= 1; got {self.min_gold_votes}.")

    def verdict(self, p: ProgramStats, n_classes: int) -> str | None:
        """Why ``p`` is dropped (None: it passes every check made on it alone)."""
        if p.error_rate > self.max_error_rate:
            return (
                f"errors or timeouts on {p.error_rate:.0%} of items "
                f"(allowed {self.max_error_rate:.0%})"
            )
        if self.drop_constant and p.constant is not None:
            return f"constant output ({p.constant} on every item)"
        if p.coverage < self.min_coverage:
            return f"coverage {p.coverage:.1%} below {self.min_coverage:.0%}"
        chance = 1 / n_classes
        if p.ceiling is not None and p.ceiling <= chance:
            return (
                f"at most {p.ceiling:.0%} of its votes can be right given the classes' shares "
                f"({', '.join(f'{s:.0%}' for s in p.shares)}): no better than chance"
            )
        if p.accuracy is None or p.n_gold_votes < self.min_gold_votes:
            return None
        if self.min_accuracy is not None and p.accuracy < self.min_accuracy:
            return (
                f"accuracy {p.accuracy:.1%} on {p.n_gold_votes} gold votes below "
                f"{self.min_accuracy:.0%}"
            )
        if p.accuracy <= chance:
            return f"dev accuracy {p.accuracy:.0%} on {p.n_gold_votes} votes: no better than chance"
        return None

    def with_settings(self, **settings: Any) -> ProgramGate:
        """This gate with the given checks changed; a setting given as None keeps this gate's."""
        return replace(self, **{k: v for k, v in settings.items() if v is not None})


def agreement(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the items either of two vote columns votes on where both give the same output
    (1.0 where neither votes): ``near_duplicate_agreement`` is compared with it."""
    either = (a >= 0) | (b >= 0)
    return float((a[either] == b[either]).mean()) if either.any() else 1.0


# Each generator's gate before any setting changes it (None: the generator keeps every program).
GATES: dict[str, ProgramGate | None] = {
    "search": ProgramGate(),
    "loop": ProgramGate(min_coverage=0.10, max_error_rate=0.10, min_gold_votes=10),
    "oneshot": None,
}
GENERATORS = tuple(GATES)

__all__ = ["GATES", "GENERATORS", "ProgramGate", "ProgramStats", "agreement"]
