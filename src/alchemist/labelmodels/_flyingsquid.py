"""FlyingSquid: closed-form accuracies from triplets of programs (Fu et al. 2020)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from alchemist._util.numeric import softmax
from alchemist.labelmodels._base import MAX_FIT_ROWS, LabelModel
from alchemist.labelmodels._votes import Votes, class_prior, linear_scores, overlap

_TINY = 1e-300  # floor of a clique probability before its log


class FlyingSquid(LabelModel):
    """The reference FlyingSquid label model (``flyingsquid`` 0.0.0a0, triplet_mean), vectorised.

    Binary, per target class c (class 1 when k = 2; every class one-vs-rest beyond): a vote
    becomes v = +1 (voted c), -1 (voted another class) or 0 (abstained), Y = +1 if the class
    is c else -1. As in the reference, moments are taken over all rows with abstains as 0:
    ``M_jl = E[v_j v_l]``, and under conditional independence given Y (abstaining independent
    of Y), ``E[v_j Y]^2 = |M_ji M_jl / M_il|`` for any two other programs i, l. ``a_j`` is the
    mean of that square root over the pairs (i, l); ``triplets="all"`` (the reference) counts
    a pair that never voted together as 0, ``"overlapping"`` leaves such pairs out (then a
    program that never votes changes nothing). Signs are taken positive (programs better than
    chance), as the reference's "all_positive".

    Each program's joint table with Y, ``P(v_j, Y)`` for v in {-1, 0, +1}, is solved from
    ``P(v_j = 1)``, ``P(v_j = 0)``, ``P(Y = 1)``, ``P(v_j = 0, Y = 1) = P(v_j = 0) P(Y = 1)``
    and ``P(v_j Y = 1) = (1 + a_j - P(v_j = 0)) / 2``; negative entries are flipped positive
    and the table renormalised (the reference's flip_negative). The posterior is the
    reference's junction-tree product ``prod_j P(v_j, Y) / P(Y)^(m-2)``. With more than two
    classes, the one-vs-rest posteriors of class c are normalised to sum to one.

    ``class_balance``: "uniform" (the reference's default) or k probabilities.
    ``accuracies_[j]`` is ``P(v_j Y = 1) / P(v_j != 0)`` of the binary model (two classes) or
    averaged over the one-vs-rest models weighted by the class balance; nan for a program that
    never voted. Learned: ``coefficients_`` (models, m) the a_j, ``cliques_`` (models, m, 3, 2)
    the joint tables indexed [vote -1/0/+1, Y -1/+1].
    """

    def __init__(
        self,
        *,
        class_balance: str | Sequence[float] | np.ndarray = "uniform",
        triplets: str = "all",
        seed: int = 0,
        max_fit_rows: int | None = MAX_FIT_ROWS,
    ) -> None:
        super().__init__(seed=seed, max_fit_rows=max_fit_rows)
        self.class_balance = class_balance
        self.triplets = triplets

    def _fit(self, votes: Votes) -> None:
        if self.triplets not in ("all", "overlapping"):
            raise ValueError(f"triplets must be 'all' or 'overlapping'; got {self.triplets!r}.")
        m, k = votes.rows.shape[1], votes.n_classes
        n = max(votes.total, 1.0)
        self.class_balance_ = class_prior(self.class_balance, k)
        blocks = overlap(votes).reshape(m, k, m, k) / n
        both = blocks.sum(axis=(1, 3))  # P(j and l both vote); diagonal: P(j votes)
        voted = np.diag(both).copy()
        targets = self._targets(k)
        self.coefficients_ = np.zeros((len(targets), m))
        self.cliques_ = np.zeros((len(targets), m, 3, 2))
        correct = np.zeros((len(targets), m))  # P(v Y = 1 | v != 0) of each model
        for i, c in enumerate(targets):
            agree = blocks[:, c, :, c]
            # E[v_j v_l] = P(both vote) - 2 P(exactly one of them votes c) (+ 4 P(both vote c))
            one_c = blocks[:, c].sum(axis=2) + blocks[:, :, :, c].sum(axis=1)
            moments = both + 4 * agree - 2 * one_c
            a = _triplet_means(moments, self.triplets == "overlapping")
            p = self.class_balance_[c]
            positive, silent = np.diag(agree).copy(), 1 - voted
            right = (1 + a - silent) / 2  # P(v Y = 1)
            x = (p + positive + silent * (1 - p) + right - 1) / 2  # P(v = 1, Y = 1)
            table = np.stack(
                [
                    [right - x, p - x - p * silent],
                    [silent * (1 - p), silent * p],
                    [positive - x, x],
                ]
            )  # [vote -1/0/+1, Y -1/+1, program]
            table = np.abs(table)
            table /= table.sum(axis=(0, 1))
            self.cliques_[i] = table.transpose(2, 0, 1)
            self.coefficients_[i] = a
            voting = 1 - table[1].sum(axis=0)
            correct[i] = np.divide(
                table[0, 0] + table[2, 1], voting, out=np.zeros(m), where=voting > 0
            )
        weights = self.class_balance_[targets] if k > 2 else np.ones(1)
        self.accuracies_ = np.where(voted > 0, weights @ correct / weights.sum(), np.nan)

    @staticmethod
    def _targets(k: int) -> list[int]:
        return [1] if k == 2 else list(range(k))

    def _proba(self, votes: Votes) -> np.ndarray:
        m, k = votes.rows.shape[1], votes.n_classes
        targets = self._targets(k)
        logs = np.log(np.maximum(self.cliques_, _TINY))  # (models, m, 3, 2)
        positive = np.empty((len(targets), votes.rows.shape[0]))
        for i, c in enumerate(targets):
            # Score of Y = -1 / +1: abstain terms and the separator in the bias, votes in a table.
            p = self.class_balance_[c]
            prior = np.log([1 - p, p])
            bias = logs[i, :, 1].sum(axis=0) - (m - 2) * prior
            vote = np.where(np.arange(k) == c, 2, 0)  # row of the table for each class voted
            table = logs[i][:, vote] - logs[i, :, 1][:, None, :]  # (m, k, 2)
            scores = softmax(linear_scores(votes, table, bias), axis=0)
            positive[i] = scores[1]
        if k == 2:
            return np.stack([1 - positive[0], positive[0]])
        return positive / positive.sum(axis=0)


def _triplet_means(moments: np.ndarray, overlapping_only: bool) -> np.ndarray:
    """a_j: the mean over pairs (i < l, both != j) of sqrt(|M_ji M_jl / M_il|).

    A pair with M_il = 0 contributes 0 (as the reference) or, with ``overlapping_only``, is
    left out together with pairs where M_ji or M_jl is 0.
    """
    m = len(moments)
    size = np.abs(moments)
    a = np.zeros(m)
    lower = np.tril(np.ones((m, m), dtype=bool), k=-1)
    for j in range(m):
        pairs = lower.copy()
        pairs[j] = pairs[:, j] = False
        ratio = np.divide(np.outer(size[j], size[j]), size, out=np.zeros((m, m)), where=size > 0)
        if overlapping_only:
            pairs &= ratio > 0
        if pairs.any():
            a[j] = np.sqrt(ratio[pairs]).mean()
    return a
