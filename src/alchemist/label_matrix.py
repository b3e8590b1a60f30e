"""The label matrix: the contract between execution and everything after it.

``votes[i, j]`` is the class *index* (0..k-1) program ``j`` gave item ``i``, or -1 (abstain).
``errors[i, j]`` says why a cell is -1 when it is not a plain abstain (see ``CellError``).
Label models take ``votes`` alone, as a plain int8 array.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import BinaryIO

import numpy as np


class CellError(IntEnum):
    OK = 0  # a vote or a deliberate abstain
    EXCEPTION = 1  # the program raised
    TIMEOUT = 2  # the call (or its batch) ran past its time limit
    INVALID_OUTPUT = 3  # returned something other than a class id or -1
    REJECTED = 4  # the program never ran: static check or load failed
    CRASHED = 5  # the worker died (memory limit, signal, os._exit)


@dataclass
class LabelMatrix:
    votes: np.ndarray  # (n, m) int8, -1 = abstain
    program_ids: list[str]
    # (n, m) uint8 CellError codes; None (all OK) is replaced by zeros in __post_init__.
    errors: np.ndarray = None  # type: ignore[assignment]
    # One human-readable reason per program that lost cells, e.g. "ZeroDivisionError: ..."
    reasons: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.votes = np.asarray(self.votes, dtype=np.int8)
        if self.votes.ndim != 2 or self.votes.shape[1] != len(self.program_ids):
            raise ValueError(
                f"votes must be (n, {len(self.program_ids)}); got shape {self.votes.shape}."
            )
        if self.errors is None:
            self.errors = np.zeros(self.votes.shape, dtype=np.uint8)
        self.errors = np.asarray(self.errors, dtype=np.uint8)

    def covered(self) -> np.ndarray:
        """(n,) bool: the items at least one program voted on."""
        return np.asarray((self.votes >= 0).any(axis=1))

    @property
    def shape(self) -> tuple[int, int]:
        n, m = self.votes.shape
        return n, m

    def columns(self, program_ids: list[str]) -> LabelMatrix:
        """The sub-matrix of the given programs, in the given order."""
        idx = [self.program_ids.index(p) for p in program_ids]
        return LabelMatrix(
            self.votes[:, idx],
            list(program_ids),
            self.errors[:, idx],
            {p: r for p, r in self.reasons.items() if p in program_ids},
        )

    def hstack(self, other: LabelMatrix) -> LabelMatrix:
        return LabelMatrix(
            np.hstack([self.votes, other.votes]),
            self.program_ids + other.program_ids,
            np.hstack([self.errors, other.errors]),
            {**self.reasons, **other.reasons},
        )

    def save(self, path: str | Path | BinaryIO) -> None:
        np.savez_compressed(
            path,
            votes=self.votes,
            errors=self.errors,
            program_ids=np.array(self.program_ids, dtype=str),
            reason_ids=np.array(list(self.reasons), dtype=str),
            reason_texts=np.array(list(self.reasons.values()), dtype=str),
        )

    @classmethod
    def load(cls, path: str | Path) -> LabelMatrix:
        with np.load(path, allow_pickle=False) as z:
            return cls(
                z["votes"],
                z["program_ids"].tolist(),
                z["errors"],
                dict(zip(z["reason_ids"].tolist(), z["reason_texts"].tolist(), strict=True)),
            )
