"""Diagnostics of labeling programs, one by one and as a set, from their label matrix.

Everything here reads a ``LabelMatrix`` (votes are class *indices*, -1 = abstain) and, where
known, gold labels as class indices (-1 = unknown) and a label model's learned accuracies. It
knows nothing of how the programs were written or run.

Per program: coverage (share of items it votes on), polarity (classes it ever votes for),
overlap and conflict (share of items where it votes and another program votes too / votes
otherwise), error and timeout rates, whether its output is constant, and its empirical accuracy
on the gold rows it votes on. For the set: coverage (any vote), overlap, conflict, mean accuracy.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from alchemist.label_matrix import CellError, LabelMatrix

_ERRORS = [CellError.EXCEPTION, CellError.INVALID_OUTPUT, CellError.REJECTED, CellError.CRASHED]


@dataclass(frozen=True)
class ProgramDiagnostics:
    id: str
    coverage: float
    polarity: tuple[int, ...]  # class indices it voted for at least once
    overlap: float
    conflict: float
    error_rate: float  # cells lost to exceptions, invalid output, rejection, crashes
    timeout_rate: float
    constant: bool  # one output (a class, or abstain) on every item it ran on
    n_gold_votes: int  # votes on rows whose gold label is known
    accuracy: float | None  # on those votes; None without any
    learned_accuracy: float | None = None


@dataclass(frozen=True)
class Diagnostics:
    programs: tuple[ProgramDiagnostics, ...]
    n_items: int
    n_classes: int
    coverage: float  # items with at least one vote
    overlap: float  # items with at least two votes
    conflict: float  # items with votes for at least two classes
    mean_accuracy: float | None  # mean of the programs' empirical accuracies

    def __getitem__(self, program_id: str) -> ProgramDiagnostics:
        for p in self.programs:
            if p.id == program_id:
                return p
        raise KeyError(program_id)

    @property
    def ids(self) -> list[str]:
        return [p.id for p in self.programs]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values (``diagnostics.json``)."""
        data = asdict(self)
        data["programs"] = [{**asdict(p), "polarity": list(p.polarity)} for p in self.programs]
        return data

    def to_markdown(self, class_names: list[str] | tuple[str, ...] | None = None) -> str:
        """A report table, one row per program, then a line for the set."""

        def pct(x: float | None) -> str:
            return "-" if x is None else f"{100 * x:.1f}%"

        def names(polarity: tuple[int, ...]) -> str:
            return ", ".join(class_names[c] if class_names else str(c) for c in polarity) or "-"

        rows = [
            "| program | coverage | polarity | overlap | conflict | errors | timeouts "
            "| constant | accuracy (gold votes) | learned acc. |",
            "|---|---:|---|---:|---:|---:|---:|---|---:|---:|",
        ]
        rows += [
            f"| {p.id} | {pct(p.coverage)} | {names(p.polarity)} | {pct(p.overlap)} "
            f"| {pct(p.conflict)} | {pct(p.error_rate)} | {pct(p.timeout_rate)} "
            f"| {'yes' if p.constant else 'no'} | {pct(p.accuracy)} ({p.n_gold_votes}) "
            f"| {pct(p.learned_accuracy)} |"
            for p in self.programs
        ]
        rows.append(
            f"\n{len(self.programs)} programs on {self.n_items} items: coverage "
            f"{pct(self.coverage)}, overlap {pct(self.overlap)}, conflict "
            f"{pct(self.conflict)}, mean accuracy {pct(self.mean_accuracy)}."
        )
        return "\n".join(rows) + "\n"


def diagnose(
    L: LabelMatrix,
    n_classes: int,
    *,
    gold: np.ndarray | None = None,
    learned_accuracies: np.ndarray | None = None,
) -> Diagnostics:
    """Diagnostics of every program in ``L`` and of the set.

    ``gold`` holds one class index per row (-1 where unknown); ``learned_accuracies`` one
    value per program, in column order (NaN where the label model has none).
    """
    votes = np.asarray(L.votes, dtype=np.int64)
    n, m = votes.shape
    if votes.size and (votes.min() < -1 or votes.max() >= n_classes):
        raise ValueError(
            f"votes must be class indices in -1..{n_classes - 1}; "
            f"got values {votes.min()}..{votes.max()}."
        )
    gold = _checked(gold, n, "gold", np.int64)
    learned = _checked(learned_accuracies, m, "learned_accuracies", np.float64)
    voted = votes >= 0
    per_class = (
        np.stack([(votes == c).sum(axis=1) for c in range(n_classes)], axis=1)
        if n_classes
        else np.zeros((n, 0), dtype=np.int64)
    )
    n_votes = voted.sum(axis=1)
    # Votes of other programs for another class than this program's vote, cell by cell.
    same = np.take_along_axis(per_class, np.where(voted, votes, 0), axis=1)
    disagree = voted & (n_votes[:, None] - same > 0)
    errors = np.asarray(L.errors)
    programs = tuple(
        _program(
            L.program_ids[j],
            votes[:, j],
            errors[:, j],
            voted[:, j],
            overlap=_mean(voted[:, j] & (n_votes >= 2)),
            conflict=_mean(disagree[:, j]),
            gold=gold,
            learned=None if learned is None else learned[j],
        )
        for j in range(m)
    )
    accuracies = [p.accuracy for p in programs if p.accuracy is not None]
    return Diagnostics(
        programs=programs,
        n_items=n,
        n_classes=n_classes,
        coverage=_mean(n_votes >= 1),
        overlap=_mean(n_votes >= 2),
        conflict=_mean((per_class > 0).sum(axis=1) >= 2),
        mean_accuracy=float(np.mean(accuracies)) if accuracies else None,
    )


def agreement(L: LabelMatrix) -> tuple[np.ndarray, np.ndarray]:
    """Pairwise agreement between programs: ``(share, overlap)``, both m x m.

    ``overlap[i, j]`` counts the items both programs vote on; ``share[i, j]`` is the share of
    those on which they vote for the same class (NaN without overlap; 1 - share is the pair's
    conflict rate).
    """
    votes = np.asarray(L.votes, dtype=np.int64)
    voted = (votes >= 0).astype(np.int64)
    overlap = voted.T @ voted
    same = np.zeros_like(overlap)
    for c in np.unique(votes[votes >= 0]):
        hit = (votes == c).astype(np.int64)
        same += hit.T @ hit
    share = np.divide(same, overlap, out=np.full(overlap.shape, np.nan), where=overlap > 0)
    return share, overlap


def _program(
    program_id: str,
    votes: np.ndarray,
    errors: np.ndarray,
    voted: np.ndarray,
    *,
    overlap: float,
    conflict: float,
    gold: np.ndarray | None,
    learned: float | None,
) -> ProgramDiagnostics:
    ran = errors == CellError.OK
    scored = voted & (gold >= 0) if gold is not None else np.zeros_like(voted)
    n_scored = int(scored.sum())
    return ProgramDiagnostics(
        id=program_id,
        coverage=_mean(voted),
        polarity=tuple(int(c) for c in np.unique(votes[voted])),
        overlap=overlap,
        conflict=conflict,
        error_rate=_mean(np.isin(errors, _ERRORS)),
        timeout_rate=_mean(errors == CellError.TIMEOUT),
        constant=bool(ran.any()) and np.unique(votes[ran]).size == 1,
        n_gold_votes=n_scored,
        accuracy=float(np.mean(votes[scored] == gold[scored]))
        if gold is not None and n_scored
        else None,
        learned_accuracy=None if learned is None or np.isnan(learned) else float(learned),
    )


def _checked(values: np.ndarray | None, length: int, name: str, dtype: type) -> np.ndarray | None:
    if values is None:
        return None
    array: np.ndarray = np.asarray(values, dtype=dtype)
    if array.shape != (length,):
        raise ValueError(
            f"{name} must have shape ({length},), one value per "
            f"{'row' if name == 'gold' else 'program'}; got {array.shape}."
        )
    return array


def _mean(mask: np.ndarray) -> float:
    return float(mask.mean()) if mask.size else 0.0


__all__ = ["Diagnostics", "ProgramDiagnostics", "agreement", "diagnose"]
