"""Scoring, ranking and selecting the candidates of the program search; checking the selection.

A candidate ranks by the lower end of a 90% Wilson interval of its dev accuracy, so a program
right on 9 of 10 dev votes ranks below one right on 90 of 100: few votes give little evidence.
Where the search knows what the dev labels alone teach (``Rows.dev_reference``), candidates that
reliably add to it come first (``Candidate.adds``): the end model competes with a classifier
trained on those labels, and a program right only where that classifier is right gives the end
model nothing it lacks, however accurate it is.
``select`` keeps the best-ranked, skipping near-duplicates of one already kept;
``holdout_check`` repeats that selection on one half of dev and scores it on the other.
``accuracy_ceiling`` bounds what a program's votes can score given the classes' shares
(``class_shares``), which the gate uses with or without a dev split. ``swapped`` turns a
two-class program that is reliably wrong on dev (a small model that mixed up the class ids)
into its twin with the two ids exchanged.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from alchemist.label_matrix import CellError
from alchemist.programs import Program
from alchemist.synthesis.asking import Rows
from alchemist.synthesis.gate import agreement
from alchemist.task import Task

_Z90 = 1.645  # one-sided 95%, i.e. the lower end of a 90% interval


@dataclass
class Candidate:
    """A program of the search, its scores, and why it was dropped (None while it is kept)."""

    program: Program
    coverage: float = 0.0
    error_rate: float = 0.0
    dev_votes: int = 0
    dev_correct: int = 0
    dev_fixes: int = 0  # dev votes right where the reference misses the row
    dev_breaks: int = 0  # dev votes wrong where the reference holds it
    dropped: str | None = None

    @classmethod
    def scored(
        cls,
        program: Program,
        votes: np.ndarray,
        errors: np.ndarray,
        n_items: int,
        gold: np.ndarray | None,
        misses: np.ndarray | None = None,
    ) -> Candidate:
        """``program`` scored on its ``votes`` and cell ``errors``: ``n_items`` training items,
        then the dev rows whose gold class indices are ``gold`` (-1 unknown), if any;
        ``misses``: the dev rows the reference misses (``Rows.reference_misses``), if known."""
        c = cls(
            program,
            coverage=float((votes[:n_items] >= 0).mean()) if n_items else 0.0,
            error_rate=float((errors != CellError.OK).mean()),
        )
        return c if gold is None else c.on_dev(votes[n_items:], gold, misses)

    def on_dev(self, dev: np.ndarray, gold: np.ndarray, misses: np.ndarray | None) -> Candidate:
        """This candidate with its dev scores counted from its votes ``dev`` on the rows of
        ``gold`` (-1 unknown: left out) and, if known, the rows the reference ``misses``."""
        voted = (gold >= 0) & (dev >= 0)
        right = voted & (dev == gold)
        fixes = breaks = 0
        if misses is not None:
            fixes, breaks = int((right & misses).sum()), int((voted & ~right & ~misses).sum())
        return replace(
            self,
            dev_votes=int(voted.sum()),
            dev_correct=int(right.sum()),
            dev_fixes=fixes,
            dev_breaks=breaks,
        )

    @property
    def dev_accuracy(self) -> float | None:
        return self.dev_correct / self.dev_votes if self.dev_votes else None

    @property
    def rank(self) -> float:
        """Lower end of the 90% Wilson interval of the dev accuracy (0 without votes)."""
        return wilson_lower(self.dev_correct, self.dev_votes)

    @property
    def adds(self) -> float:
        """What it reliably adds to the reference, in dev rows: the rows it fixes (right where
        the reference misses) less those it breaks (wrong where the reference holds), less 1.645
        standard errors of that difference (a sign test's, sqrt(fixes + breaks)); 0 when that
        is not above 0, and without a reference."""
        moved = self.dev_fixes + self.dev_breaks
        return max(0.0, self.dev_fixes - self.dev_breaks - _Z90 * math.sqrt(moved))

    @property
    def order(self) -> tuple[float, float, float]:
        """The search's order, best first when sorted: what it adds, then rank, then coverage."""
        return (-self.adds, -self.rank, -self.coverage)


def accuracy_ceiling(votes: np.ndarray, shares: np.ndarray) -> float:
    """The most of a program's votes that can be right when class ``c`` holds ``shares[c]`` of
    the items: at most that many of its votes for ``c`` are. 1.0 when it never votes.

    A program voting class 1 on 90% of the items of a task where class 1 holds 25% of them is
    right on at most 0.25 / 0.9 = 28% of its votes, whatever its code.
    """
    voted = votes[votes >= 0]
    if not voted.size:
        return 1.0
    counts = np.bincount(voted, minlength=len(shares))[: len(shares)]
    return float(np.minimum(counts, np.asarray(shares) * len(votes)).sum() / voted.size)


def class_shares(
    n_classes: int, gold: np.ndarray | None, stated: Sequence[float] | None
) -> np.ndarray | None:
    """The classes' shares: the dev split's gold classes (add-one smoothed), else the ones
    ``stated`` in the task file, else None."""
    known = gold[gold >= 0] if gold is not None else np.empty(0, dtype=np.int64)
    if known.size:
        counts = np.bincount(known, minlength=n_classes) + 1.0
        return counts / counts.sum()
    return None if stated is None else np.asarray(stated, dtype=np.float64)


def wilson_lower(correct: int, n: int, z: float = _Z90) -> float:
    """The lower end of the Wilson score interval of ``correct`` successes in ``n`` trials."""
    if n <= 0:
        return 0.0
    p = correct / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - spread) / (1 + z * z / n)


def reliably_wrong(c: Candidate, min_votes: int) -> bool:
    """Whether a two-class program's dev votes are wrong more often than right beyond doubt:
    at least ``min_votes`` of them, and the lower end of the 90% Wilson interval of its error
    rate above one half."""
    wrong = c.dev_votes - c.dev_correct
    return c.dev_votes >= min_votes and wilson_lower(wrong, c.dev_votes) > 0.5


def swapped(program: Program, task: Task, new_id: str) -> Program:
    """``program`` with its two class ids exchanged, as readable code: the function as written,
    renamed, and under the task's signature a wrapper that swaps its votes (abstentions and
    other outputs pass through unchanged)."""
    name = program.function_name
    kept = f"_{name}_as_written"
    a, b = task.class_ids
    parameter = task.parameter.split(":", 1)[0]
    source = re.sub(rf"\b{re.escape(name)}\b", kept, program.source.rstrip())
    wrapper = (
        f"{task.signature}\n"
        f'    """{program.id} with its class ids {a} and {b} exchanged: its dev votes were '
        'mostly wrong."""\n'
        f"    vote = {kept}({parameter})\n"
        f"    if isinstance(vote, bool) or vote not in ({a!r}, {b!r}):\n"
        "        return vote\n"
        f"    return {b!r} if vote == {a!r} else {a!r}\n"
    )
    return replace(
        program,
        id=new_id,
        source=f"{source}\n\n\n{wrapper}",
        provenance={  # no call of its own: no tokens or seconds to count twice
            "author": "search",
            "model": program.provenance.get("model"),
            "strategy": f"swapped:{program.id}",
            "search_round": "swap",
            "cached": True,
            **{k: program.provenance[k] for k in ("attribute",) if k in program.provenance},
        },
    )


def swap_reliably_wrong(
    candidates: Sequence[Candidate], task: Task, first_id: Callable[[int], str], min_votes: int
) -> list[Program]:
    """With two classes: a twin with the class ids exchanged (ids ``first_id(0)``, ``(1)``...) for
    each of ``candidates`` whose dev votes are ``reliably_wrong``; each such candidate's
    ``dropped`` says which twin replaced it."""
    if task.n_classes != 2:
        return []
    twins: list[Program] = []
    for c in candidates:
        if reliably_wrong(c, min_votes):
            twin = swapped(c.program, task, first_id(len(twins)))
            c.dropped = f"{c.dropped or 'reliably wrong on dev'}; swapped into {twin.id}"
            twins.append(twin)
    return twins


def select(
    alive: list[Candidate],
    votes: dict[str, np.ndarray],
    *,
    n_programs: int,
    duplicate_agreement: float | None,
    ranked: bool = True,
) -> list[Candidate]:
    """Up to ``n_programs`` candidates, best first (``Candidate.order``; in the given order when
    not ``ranked``), skipping one that gives the same output as one already kept on at least
    ``duplicate_agreement`` of the items either votes on (``votes``: id -> column)."""
    order = sorted(alive, key=lambda c: c.order) if ranked else list(alive)
    kept: list[Candidate] = []
    for c in order:
        if len(kept) >= n_programs:
            break
        if duplicate_agreement is None or not any(
            agreement(votes[c.program.id], votes[k.program.id]) >= duplicate_agreement for k in kept
        ):
            kept.append(c)
    return kept


def holdout_check(
    pool: list[Candidate],
    votes: dict[str, np.ndarray],
    rows: Rows,
    *,
    n_classes: int,
    n_programs: int,
    duplicate_agreement: float | None,
    seed: int,
) -> dict[str, Any]:
    """Select from ``pool`` on one seeded half of dev, score on the other: majority vote of the
    kept set vs that of the whole pool (fraction of the half's rows right; abstain counts as
    wrong). ``votes`` columns hold the training items of ``rows``, then its labeled dev items;
    the half is ranked as the search ranks (with the rows its reference misses, if known)."""
    gold, n_items = rows.gold, len(rows.items)
    assert gold is not None
    order = np.random.default_rng(seed).permutation(len(gold))
    fit, held = order[: len(order) // 2], order[len(order) // 2 :]
    half = np.full(len(gold), -1)
    half[fit] = gold[fit]
    misses = rows.reference_misses
    scored = [c.on_dev(votes[c.program.id][n_items:], half, misses) for c in pool]
    kept = select(scored, votes, n_programs=n_programs, duplicate_agreement=duplicate_agreement)

    def vote_accuracy(chosen: list[Candidate]) -> float | None:
        if not chosen or not len(held):
            return None
        V = np.stack([votes[c.program.id][n_items:][held] for c in chosen], axis=1)
        counts = np.stack([(V == k).sum(axis=1) for k in range(n_classes)], axis=1)
        guess = np.where(counts.max(axis=1) > 0, counts.argmax(axis=1), -1)
        return float((guess == gold[held]).mean())

    return {
        "selected_on_rows": len(fit),
        "scored_on_rows": len(held),
        "kept_majority_vote_accuracy": vote_accuracy(kept),
        "all_majority_vote_accuracy": vote_accuracy(scored),
    }


__all__ = [
    "Candidate",
    "accuracy_ceiling",
    "class_shares",
    "holdout_check",
    "reliably_wrong",
    "select",
    "swap_reliably_wrong",
    "swapped",
    "wilson_lower",
]
