"""Majority vote and accuracy-weighted majority vote."""

from __future__ import annotations

import numpy as np

from alchemist.labelmodels._base import LabelModel
from alchemist.labelmodels._votes import (
    Votes,
    agreement,
    class_counts,
    linear_scores,
    normalize,
    soft_confusion,
    vote_mass,
    weighted_mean,
)
from alchemist.numeric import softmax


class MajorityVote(LabelModel):
    """Each vote counts once; probabilities are the shares of the votes in a row.

    ``class_balance_`` is the share of all votes each class received (Laplace-smoothed), so
    ties go to the class the programs vote for most overall. ``accuracies_`` is each program's
    expected agreement with the (soft) majority of its rows, itself included.
    """

    def _fit(self, votes: Votes) -> None:
        counts = class_counts(votes)
        self.accuracies_, _ = agreement(soft_confusion(votes, normalize(counts)))
        totals = counts.sum(axis=0) if votes.weight is None else votes.weight @ counts
        self.class_balance_ = (totals + 1.0) / (totals.sum() + votes.n_classes)

    def _proba(self, votes: Votes) -> np.ndarray:
        return normalize(class_counts(votes))


class WeightedMajorityVote(LabelModel):
    """Votes weighted by the log-odds of each program's estimated accuracy.

    Accuracies are estimated without labels, by iterating from the plain majority vote: each
    program's (soft) agreement with the current weighted vote -> accuracy
    ``(agree + smoothing/k) / (votes + smoothing)``, shrunk toward chance so rarely-voting
    programs get little weight -> weight ``log(acc * (k-1) / (1-acc))``, floored at 0 so a
    worse-than-chance program is ignored rather than inverted. Stops after ``n_iter`` rounds or
    when no accuracy moves by 1e-6. Abstains are ignored, so programs that only ever vote one
    class are judged on the rows they share with others; prefer ``DawidSkene`` for those.
    ``class_balance_`` is the mean weighted-vote posterior of the rows with votes; ``weights_``
    holds the learned vote weights.
    """

    def __init__(self, *, n_iter: int = 10, smoothing: float = 1.0, seed: int = 0,
                 max_fit_rows: int | None = None) -> None:
        super().__init__(seed=seed, max_fit_rows=max_fit_rows)
        self.n_iter = n_iter
        self.smoothing = smoothing

    def _fit(self, votes: Votes) -> None:
        k, m = votes.n_classes, votes.rows.shape[1]
        votes = votes.select(votes.covered())
        posterior = normalize(class_counts(votes))
        accuracy = np.full(m, 1.0 / k)
        mass = vote_mass(votes)
        for _ in range(max(1, self.n_iter)):
            agree = np.trace(soft_confusion(votes, posterior), axis1=1, axis2=2)
            previous, accuracy = accuracy, (agree + self.smoothing / k) / (mass + self.smoothing)
            self.weights_ = np.maximum(np.log(accuracy * (k - 1) / (1 - accuracy)), 0.0)
            posterior = self._proba(votes)
            if np.abs(accuracy - previous).max() < 1e-6:
                break
        self.accuracies_ = np.where(mass > 0, accuracy, np.nan)
        self.class_balance_ = (weighted_mean(votes, posterior) if len(votes.rows)
                               else np.full(k, 1.0 / k))

    def _proba(self, votes: Votes) -> np.ndarray:
        k = votes.n_classes
        table = self.weights_[:, None, None] * np.eye(k)
        return softmax(linear_scores(votes, table, np.zeros(k)))
