"""Vote patterns with counts: the mergeable sufficient statistic every label model fits from.

Every label model here depends on the training votes only through how many rows show each
distinct vote pattern (rows are exchangeable), so a label matrix can be reduced chunk by chunk,
partition by partition, and the reductions merged, without ever holding all rows at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from alchemist.errors import LabelModelError
from alchemist.labelmodels._codes import unique_rows
from alchemist.labelmodels._votes import check_n_classes, check_votes


@dataclass(frozen=True, eq=False)
class VotePatterns:
    """The distinct rows of a label matrix and how many times each occurs.

    ``patterns`` (r, m) int8 holds each distinct row once, sorted lexicographically by vote
    (-1 first); ``counts`` (r,) int64 how many rows show it. The result depends only on the
    multiset of rows: ``of(A).merge(of(B))`` equals ``of(vstack([A, B]))`` and ``of(B).merge(
    of(A))`` exactly, so chunks and partitions can be reduced in any order. Every label model's
    ``fit`` accepts one in place of the matrix and learns the same parameters (up to floating
    point summation order). Build with ``VotePatterns.of(L, n_classes)``; combine with
    ``merge`` or ``VotePatterns.merge_all``. Pickles as plain arrays.
    """

    patterns: np.ndarray
    counts: np.ndarray
    n_classes: int

    @classmethod
    def of(cls, L: object, n_classes: int) -> VotePatterns:
        """The patterns of the (n, m) vote matrix ``L`` (class indices, -1 = abstain)."""
        k = check_n_classes(n_classes)
        votes = check_votes(L, k)
        patterns, _, counts = unique_rows(votes, k)
        return cls(patterns, counts, k)

    @classmethod
    def merge_all(cls, parts: Iterable[VotePatterns]) -> VotePatterns:
        """One ``VotePatterns`` for the rows of all ``parts`` (at least one)."""
        parts = list(parts)
        if not parts:
            raise LabelModelError("merge_all needs at least one VotePatterns; got none.")
        k, m = parts[0].n_classes, parts[0].n_programs
        for part in parts[1:]:
            if (part.n_classes, part.n_programs) != (k, m):
                raise LabelModelError(
                    f"Cannot merge vote patterns of {part.n_programs} programs and "
                    f"{part.n_classes} classes into ones of {m} programs and {k} classes; "
                    "reduce every chunk with the same programs and task.",
                    n_classes=k,
                    n_programs=m,
                )
        rows = np.concatenate([p.patterns for p in parts])
        counts = np.concatenate([p.counts for p in parts])
        patterns, inverse, _ = unique_rows(rows, k)
        totals = np.zeros(len(patterns), dtype=np.int64)
        np.add.at(totals, inverse, counts)
        return cls(patterns, totals, k)

    def merge(self, *others: VotePatterns) -> VotePatterns:
        """The patterns of this matrix's rows together with those of ``others``."""
        return self.merge_all([self, *others])

    @property
    def n_programs(self) -> int:
        return int(self.patterns.shape[1])

    @property
    def n_rows(self) -> int:
        """How many matrix rows these patterns stand for."""
        return int(self.counts.sum())

    def __len__(self) -> int:
        return len(self.counts)

    def __repr__(self) -> str:
        return (
            f"VotePatterns({len(self)} patterns of {self.n_programs} programs, "
            f"{self.n_rows} rows, {self.n_classes} classes)"
        )
