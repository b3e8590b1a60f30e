"""Majority vote and accuracy-weighted majority vote."""

from __future__ import annotations

import numpy as np

from alchemist._util.numeric import softmax
from alchemist.labelmodels._base import MAX_FIT_ROWS, LabelModel
from alchemist.labelmodels._dawid_skene import DawidSkene
from alchemist.labelmodels._votes import (
    Votes,
    agreement,
    class_counts,
    linear_scores,
    normalize,
    row_sums,
    soft_confusion,
    vote_mass,
)


class MajorityVote(LabelModel):
    """Each vote counts once; probabilities are the shares of the votes in a row.

    ``class_balance_`` is the share of all votes each class received (Laplace-smoothed), so
    ties go to the class the programs vote for most overall. ``accuracies_`` is each program's
    expected agreement with the (soft) majority of its rows, itself included.
    """

    def _fit(self, votes: Votes) -> None:
        counts = class_counts(votes)
        self.accuracies_, _ = agreement(soft_confusion(votes, normalize(counts)))
        totals = row_sums(votes, counts)
        self.class_balance_ = (totals + 1.0) / (totals.sum() + votes.n_classes)

    def _proba(self, votes: Votes) -> np.ndarray:
        return normalize(class_counts(votes))


class WeightedMajorityVote(LabelModel):
    """Votes weighted by the log-odds of each program's accuracy as Dawid-Skene estimates it.

    The accuracy ``P(vote correct | program votes)`` of each program comes from a
    ``DawidSkene`` fit on the same votes. Dawid-Skene models abstaining, so a program that only
    ever votes one class (most real labeling functions) is judged by how its votes and its
    silences line up with the other programs: judged only on the rows it shares with programs
    of the other polarity, such a program looks wrong and would lose its weight. Accuracies are
    shrunk toward chance by ``smoothing`` pseudo-votes (rarely-voting programs get little
    weight) -> weight ``log(acc * (k-1) / (1-acc))``, floored at 0 so a worse-than-chance
    program is ignored rather than inverted. The prediction then ignores abstains: class c
    scores the summed weights of the programs voting c. ``class_balance_`` is Dawid-Skene's
    (it breaks ties); ``weights_`` holds the vote weights.
    """

    def __init__(
        self, *, smoothing: float = 1.0, seed: int = 0, max_fit_rows: int | None = MAX_FIT_ROWS
    ) -> None:
        super().__init__(seed=seed, max_fit_rows=max_fit_rows)
        self.smoothing = smoothing

    def _fit(self, votes: Votes) -> None:
        k = votes.n_classes
        estimate = DawidSkene(seed=self.seed)._fit_votes(votes, votes.rows.shape[1])
        mass = vote_mass(votes)
        correct = np.nan_to_num(estimate.accuracies_) * mass
        accuracy = (correct + self.smoothing / k) / (mass + self.smoothing)
        self.weights_ = np.maximum(np.log(accuracy * (k - 1) / (1 - accuracy)), 0.0)
        self.accuracies_ = np.where(mass > 0, accuracy, np.nan)
        self.class_balance_ = estimate.class_balance_

    def _proba(self, votes: Votes) -> np.ndarray:
        k = votes.n_classes
        table = self.weights_[:, None, None] * np.eye(k)
        return softmax(linear_scores(votes, table, np.zeros(k)), axis=0)
