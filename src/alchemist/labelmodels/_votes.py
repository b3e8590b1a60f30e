"""Compact views of a label matrix and the few kernels every label model is built from.

Memory policy: the label matrix stays int8. Rows are first collapsed to their unique vote
patterns (with counts) when the patterns fit a 64-bit code and repeat enough to pay off; the
one-hot expansion a model needs is then built chunk by chunk (about ``_CHUNK_BYTES`` at a time),
so no dense n x (m*k) float matrix ever exists.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from alchemist.errors import LabelModelError
from alchemist.labelmodels._codes import (
    dense_patterns,
    group_codes,
    group_digits,
    group_width,
    unique_rows,
)

_CHUNK_BYTES = 1 << 24  # float32 one-hot rows materialised at once (16 MiB)
_MIN_REPEAT = 2.0  # keep the pattern view only if rows repeat this much on average
_PROBE_ROWS = 1 << 14  # rows sampled to guess whether a sort into patterns pays off
_SCORE_ROWS = 1 << 14  # rows scored at once (their scores stay in cache)


def check_votes(L: object, n_classes: int, n_programs: int | None = None) -> np.ndarray:
    """``L`` as a C-contiguous int8 array after checking its shape and values."""
    arr = np.asarray(L)
    if arr.ndim != 2:
        raise LabelModelError(
            f"The label matrix must be 2-D (n items x m programs); got shape {arr.shape}. "
            "Pass LabelMatrix.votes.",
            n_classes=n_classes,
            n_programs=n_programs,
        )
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.integer):
        raise LabelModelError(
            f"The label matrix must hold integer class indices (-1 = abstain); got dtype "
            f"{arr.dtype}. Convert the votes with np.asarray(votes, dtype=np.int8).",
            n_classes=n_classes,
            n_programs=n_programs,
        )
    if n_programs is not None and arr.shape[1] != n_programs:
        raise LabelModelError(
            f"The label matrix must have the {n_programs} program columns the model was fitted "
            f"on; got {arr.shape[1]}. Pass the same programs in the same order.",
            n_classes=n_classes,
            n_programs=n_programs,
        )
    if arr.size:
        low, high = int(arr.min()), int(arr.max())
        if low < -1 or high >= n_classes:
            raise LabelModelError(
                f"Votes must be -1 (abstain) or a class index in 0..{n_classes - 1}; got values "
                f"from {low} to {high}. Map class ids to indices, or check n_classes.",
                n_classes=n_classes,
                n_programs=n_programs,
            )
    return np.ascontiguousarray(arr, dtype=np.int8)


def check_n_classes(n_classes: object) -> int:
    if isinstance(n_classes, bool) or not isinstance(n_classes, int | np.integer) or n_classes < 2:
        raise LabelModelError(
            f"n_classes must be an integer >= 2; got {n_classes!r}. Pass task.n_classes."
        )
    return int(n_classes)


@dataclass(frozen=True)
class Votes:
    """A label matrix as (possibly unique) rows, each standing for ``weight`` original rows."""

    rows: np.ndarray  # (r, m) int8
    weight: np.ndarray | None  # (r,) float64 row multiplicities; None = each row once
    inverse: np.ndarray | None  # (n,) original row -> index into ``rows``; None = identity
    n_classes: int

    @classmethod
    def of(cls, L: np.ndarray, n_classes: int) -> Votes:
        """``L`` as its distinct rows when rows repeat enough for that to pay, else as is."""
        n = len(L)
        if n == 0 or not _repeats_enough(L, n_classes):
            return cls(L, None, None, n_classes)
        patterns, inverse, counts = unique_rows(L, n_classes)
        if len(counts) * _MIN_REPEAT > n:
            return cls(L, None, None, n_classes)
        return cls(patterns, counts.astype(np.float64), inverse, n_classes)

    @classmethod
    def of_patterns(cls, patterns: np.ndarray, counts: np.ndarray, n_classes: int) -> Votes:
        """Distinct rows with their counts (for fitting: no way back to original rows)."""
        return cls(patterns, counts.astype(np.float64), None, n_classes)

    @cached_property
    def codes(self) -> np.ndarray:
        """(g, r) int16 group codes of the rows (see ``group_codes``), computed once."""
        return group_codes(self.rows, self.n_classes)

    @property
    def total(self) -> float:
        return float(len(self.rows) if self.weight is None else self.weight.sum())

    def expand(self, per_row: np.ndarray) -> np.ndarray:
        """Per-pattern values back to one entry per original row."""
        return per_row if self.inverse is None else per_row[self.inverse]

    def chunks(self) -> Iterator[slice]:
        r, m = self.rows.shape
        step = max(1, _CHUNK_BYTES // (4 * max(1, m) * self.n_classes))
        for start in range(0, r, step):
            yield slice(start, min(start + step, r))

    def one_hot(self, rows: slice) -> np.ndarray:
        """(rows, m*k) float32 with column ``j*k + a`` = 1 where program j voted class a."""
        block = self.rows[rows]
        classes = np.arange(self.n_classes, dtype=np.int8)
        out = np.empty((len(block), block.shape[1], self.n_classes), dtype=np.float32)
        np.equal(block[:, :, None], classes, out=out)
        return out.reshape(len(block), -1)

    def weights(self, rows: slice) -> np.ndarray | None:
        return None if self.weight is None else self.weight[rows]

    def select(self, mask: np.ndarray) -> Votes:
        """The rows where ``mask`` holds, for fitting (no way back to original rows)."""
        weight = None if self.weight is None else self.weight[mask]
        return Votes(self.rows[mask], weight, None, self.n_classes)

    def covered(self) -> np.ndarray:
        """(r,) bool: rows where at least one program voted (a group code other than 0)."""
        codes = self.codes
        covered = codes[0] != 0
        for code in codes[1:]:
            covered |= code != 0
        return covered


def _repeats_enough(L: np.ndarray, n_classes: int) -> bool:
    """Whether collapsing ``L`` to its distinct rows is likely to pay for its sort.

    Counting patterns in a dense table always pays; otherwise rows are probed at a stride,
    and a probe that already repeats proves the whole matrix does (more rows, more repeats).
    """
    n, m = L.shape
    if dense_patterns(n, m, n_classes) or n <= _PROBE_ROWS:
        return True
    probe = L[:: n // _PROBE_ROWS]
    return len(unique_rows(probe, n_classes)[2]) * _MIN_REPEAT <= len(probe)


def class_counts(votes: Votes) -> np.ndarray:
    """(k, r) float64: how many programs voted each class in each row."""
    m, k = votes.rows.shape[1], votes.n_classes
    return linear_scores(votes, np.broadcast_to(np.eye(k), (m, k, k)), np.zeros(k))


def vote_mass(votes: Votes) -> np.ndarray:
    """(m,) how many original rows each program voted on."""
    voted = votes.rows >= 0
    return voted.sum(axis=0).astype(np.float64) if votes.weight is None else votes.weight @ voted


def overlap(votes: Votes) -> np.ndarray:
    """(m*k, m*k) weighted counts of rows where program j voted a and program l voted b."""
    size = votes.rows.shape[1] * votes.n_classes
    total = np.zeros((size, size))
    for rows in votes.chunks():
        x = votes.one_hot(rows)
        w = votes.weights(rows)
        total += (x.T @ x) if w is None else ((x * w[:, None].astype(np.float32)).T @ x)
    return total


def soft_confusion(votes: Votes, posterior: np.ndarray) -> np.ndarray:
    """(m, k, c): weighted sum over rows of [program j voted a] * posterior[c, row].

    One weighted count of the rows per group code and row of ``posterior``, then each
    program's share read off the codes' digits.
    """
    m, k = votes.rows.shape[1], votes.n_classes
    size = (k + 1) ** group_width(k)
    weighted = posterior if votes.weight is None else posterior * votes.weight
    digits = group_digits(k)
    sums = []
    for code in votes.codes:
        by_code = np.stack([np.bincount(code, weights=w, minlength=size) for w in weighted], 1)
        sums.append(np.einsum("sda,sc->dac", digits, by_code))
    return np.concatenate(sums)[:m]


def linear_scores(votes: Votes, table: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """(c, r) float64 ``bias + sum_j table[j, vote_j, :]`` over the programs that voted.

    ``table`` is (m, k, c): the score program j's vote a adds to column c. Per group of
    programs, the scores of every vote combination are tabulated once, then looked up per row.
    Results are class-major (one contiguous row per class): reductions over the few classes
    then run as fast element-wise passes.
    """
    m, k = votes.rows.shape[1], votes.n_classes
    width = group_width(k)
    groups = len(votes.codes)
    padded = np.zeros((groups * width, k, table.shape[2]))
    padded[:m] = table
    # tables[g, c, code]: sum over the group's digits d of padded[g*w + d, digit - 1, c]
    digits = group_digits(k)
    tables = np.einsum("sda,gdac->gcs", digits, padded.reshape(groups, width, k, -1))
    out = np.empty((table.shape[2], len(votes.rows)))
    for start in range(0, out.shape[1], _SCORE_ROWS):
        block = out[:, start : start + _SCORE_ROWS]
        block[:] = np.asarray(bias)[:, None]
        for g in range(groups):
            block += np.take(tables[g], votes.codes[g, start : start + _SCORE_ROWS], axis=1)
    return out


def class_prior(class_balance: str | Sequence[float] | np.ndarray, k: int) -> np.ndarray:
    """(k,) the prior a label model's ``class_balance`` setting gives: "uniform", or k positive
    probabilities summing to one (the task's class shares). Anything else is a ValueError."""
    if isinstance(class_balance, str):
        if class_balance != "uniform":
            raise ValueError(
                f"class_balance must be 'uniform' or k probabilities; got {class_balance!r}."
            )
        return np.full(k, 1.0 / k)
    prior = np.asarray(class_balance, dtype=np.float64)
    if prior.shape != (k,) or (prior <= 0).any() or not np.isclose(prior.sum(), 1.0):
        raise ValueError(
            f"class_balance must be {k} positive probabilities summing to 1; got {class_balance!r}."
        )
    return prior


def normalize(counts: np.ndarray) -> np.ndarray:
    """(c, r) columns scaled to sum to one; all-zero columns stay zero."""
    sums = counts.sum(axis=0)
    return np.divide(counts, sums, out=np.zeros_like(counts), where=sums > 0)


def row_sums(votes: Votes, per_row: np.ndarray) -> np.ndarray:
    """(c,) sum of the (c, r) ``per_row`` over original rows (patterns count ``weight``)."""
    return per_row.sum(axis=1) if votes.weight is None else per_row @ votes.weight


def agreement(confusion: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(accuracy, vote mass) per program from an (m, k, k) vote-by-class confusion.

    Accuracy is nan for a program with no vote mass.
    """
    mass = confusion.sum(axis=(1, 2))
    agree = np.trace(confusion, axis1=1, axis2=2)
    accuracy = np.divide(agree, mass, out=np.full_like(mass, np.nan), where=mass > 0)
    return accuracy, mass


def log_normalizer(scores: np.ndarray) -> np.ndarray:
    """(r,) log of the sum over classes of exp(scores) for (c, r) ``scores``."""
    top = scores.max(axis=0)
    return top + np.log(np.exp(scores - top).sum(axis=0))
