"""Dawid-Skene: one full confusion matrix per program, fitted by expectation-maximisation."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from alchemist._util.numeric import softmax
from alchemist.labelmodels._base import MAX_FIT_ROWS, LabelModel
from alchemist.labelmodels._votes import (
    Votes,
    class_counts,
    linear_scores,
    log_normalizer,
    normalize,
    row_sums,
    soft_confusion,
    vote_mass,
)


class DawidSkene(LabelModel):
    """Class prior and per-program confusion ``P(outcome | Y = c)`` fitted by EM.

    The outcomes of a program are its k votes and abstaining: abstaining is modelled, not
    ignored, because generated programs often vote for a single class and abstain otherwise, so
    their silence is informative. EM starts from the majority vote's soft labels (which fixes
    the labelling of the classes), adds ``smoothing`` pseudo-counts to every confusion cell and
    to the prior, and stops when the mean log-likelihood per row improves by less than ``tol``
    or after ``max_iter`` rounds. ``class_balance``, when given (k probabilities, e.g. the shares
    a task file states), is the prior, kept fixed: with a few programs that mostly vote one class,
    the estimated prior can collapse onto it. Learned: ``confusion_`` (m, k+1, k) indexed [program,
    outcome, class] with outcome k = abstain, ``class_balance_`` (the prior), ``n_iter_``,
    ``accuracies_[j] = P(vote correct | j votes) = sum_c prior[c] confusion_[j, c, c] /
    sum_c prior[c] (1 - confusion_[j, k, c])``.
    """

    def __init__(
        self,
        *,
        max_iter: int = 100,
        tol: float = 1e-6,
        smoothing: float = 0.01,
        class_balance: Sequence[float] | None = None,
        seed: int = 0,
        max_fit_rows: int | None = MAX_FIT_ROWS,
    ) -> None:
        super().__init__(seed=seed, max_fit_rows=max_fit_rows)
        self.max_iter = max_iter
        self.tol = tol
        self.smoothing = smoothing
        self.class_balance = class_balance

    def _fit(self, votes: Votes) -> None:
        k = votes.n_classes
        counts = class_counts(votes)
        # No-vote rows start at uniform; they still inform the abstain rates.
        posterior = normalize(counts + (counts.sum(axis=0) == 0))
        total = max(votes.total, 1.0)
        previous = -np.inf
        self.n_iter_ = 0
        while self.n_iter_ < self.max_iter:
            self.n_iter_ += 1
            mass = row_sums(votes, posterior)  # (k,)
            voting = soft_confusion(votes, posterior)  # (m, k, k)
            abstaining = mass - voting.sum(axis=1)  # (m, k)
            outcomes = np.concatenate([voting, abstaining[:, None, :]], axis=1) + self.smoothing
            self.confusion_ = outcomes / outcomes.sum(axis=1, keepdims=True)
            self.class_balance_ = (
                (mass + self.smoothing) / (mass.sum() + k * self.smoothing)
                if self.class_balance is None
                else np.asarray(self.class_balance, dtype=np.float64)
            )
            scores = self._scores(votes)
            likelihood = row_sums(votes, log_normalizer(scores)[None])[0] / total
            posterior = softmax(scores, axis=0)  # class-major
            if likelihood - previous < self.tol:
                break
            previous = likelihood
        correct = np.diagonal(self.confusion_[:, :k], axis1=1, axis2=2) @ self.class_balance_
        voting_rate = (1 - self.confusion_[:, k]) @ self.class_balance_
        self.accuracies_ = np.where(vote_mass(votes) > 0, correct / voting_rate, np.nan)

    def _scores(self, votes: Votes) -> np.ndarray:
        # sum_j log P(outcome_j | c), with the abstain term folded into the bias so that only
        # the votes need the one-hot pass.
        log_confusion = np.log(self.confusion_)
        abstain = log_confusion[:, -1, :]
        return linear_scores(
            votes,
            log_confusion[:, :-1] - abstain[:, None, :],
            np.log(self.class_balance_) + abstain.sum(axis=0),
        )

    def _proba(self, votes: Votes) -> np.ndarray:
        return softmax(self._scores(votes), axis=0)
