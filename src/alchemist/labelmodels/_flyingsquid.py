"""FlyingSquid: closed-form accuracies from triplets of programs (Fu et al. 2020)."""

from __future__ import annotations

import numpy as np
from scipy.special import expit

from alchemist.labelmodels._base import LabelModel
from alchemist.labelmodels._votes import Votes, linear_scores, overlap

_MAX_ACCURACY = 1 - 1e-4      # |E[vote * Y]| is kept below 1 so every weight stays finite


class FlyingSquid(LabelModel):
    """Binary triplet method; one model per class (one-vs-rest) beyond two classes.

    For class c, each program's vote becomes v = +1 (voted c), -1 (voted another class) or 0
    (abstained), and Y_c = +1 if the class is c else -1. Under conditional independence with a
    symmetric error model, E[v_j v_l | both vote] = a_j a_l where a_j = E[v_j Y_c | j votes].
    So for any two other programs l, o: a_j^2 = |E[v_j v_l] E[v_j v_o] / E[v_l v_o]|; the
    estimate is the median over all triplets whose pairs overlap on at least ``min_overlap``
    rows (the original averages them; the median resists near-zero denominators). The sign of
    a_j is that of its overlap-weighted correlation with the others (most programs are assumed
    better than chance). No iteration: one pass over the rows builds every moment.

    ``class_balance``: "estimate" (from E[v_j | j votes] = a_j (2 P(Y=c) - 1), least squares
    over programs weighted by coverage), "uniform", or k probabilities. With two classes the
    posterior is exact under the model; beyond two, the one-vs-rest posteriors
    ``P(Y=c | votes)`` are normalised to sum to one. ``accuracies_`` is
    ``sum_c P(Y=c) (1 + a_cj) / 2`` (the plain accuracy for two classes, a one-vs-rest
    accuracy beyond); nan for programs without a usable triplet (their weight is 0).
    Learned: ``coefficients_`` (n_models, m) the a_cj (one model, for class 1, when k = 2).
    """

    def __init__(self, *, class_balance: str | list[float] | np.ndarray = "estimate",
                 min_overlap: int = 10, seed: int = 0, max_fit_rows: int | None = None) -> None:
        super().__init__(seed=seed, max_fit_rows=max_fit_rows)
        self.class_balance = class_balance
        self.min_overlap = min_overlap

    def _fit(self, votes: Votes) -> None:
        m, k = votes.rows.shape[1], votes.n_classes
        blocks = overlap(votes).reshape(m, k, m, k)
        both = blocks.sum(axis=(1, 3))                          # rows where j and l both vote
        voted = np.diag(both).copy()
        targets = [1] if k == 2 else list(range(k))
        self.coefficients_ = np.zeros((len(targets), m))
        balance = np.zeros(len(targets))
        for i, c in enumerate(targets):
            agree = blocks[:, c, :, c]
            products = 4 * agree - 2 * blocks[:, c].sum(axis=2) - 2 * blocks[:, :, :, c].sum(1)
            products += both                                    # sum over rows of v_j v_l
            a = _triplet_coefficients(products, both, self.min_overlap)
            self.coefficients_[i] = a
            mean_vote = np.divide(2 * np.diag(agree) - voted, voted, out=np.zeros(m),
                                  where=voted > 0)              # E[v_j | j votes]
            spread = (voted * a * a).sum()
            balance[i] = (voted * a * mean_vote).sum() / spread if spread > 0 else 0.0
        self.class_balance_ = self._balance(np.clip((1 + balance) / 2, 0.01, 0.99), k)
        known = (self.coefficients_ != 0).any(axis=0)
        ovr_balance = self.class_balance_[targets]
        if k == 2:
            ovr_balance = np.array([1.0])                       # one model speaks for both classes
        per_class = ovr_balance @ ((1 + self.coefficients_) / 2) / ovr_balance.sum()
        self.accuracies_ = np.where(known, per_class, np.nan)

    def _balance(self, estimated: np.ndarray, k: int) -> np.ndarray:
        if isinstance(self.class_balance, str):
            if self.class_balance == "uniform":
                return np.full(k, 1.0 / k)
            if self.class_balance != "estimate":
                raise ValueError(f"class_balance must be 'estimate', 'uniform' or k "
                                 f"probabilities; got {self.class_balance!r}.")
            if k == 2:
                return np.array([1 - estimated[0], estimated[0]])
            return estimated / estimated.sum()
        prior = np.asarray(self.class_balance, dtype=np.float64)
        if prior.shape != (k,) or (prior <= 0).any() or not np.isclose(prior.sum(), 1.0):
            raise ValueError(f"class_balance must be {k} positive probabilities summing to 1; "
                             f"got {self.class_balance!r}.")
        return prior

    def _proba(self, votes: Votes) -> np.ndarray:
        m, k = votes.rows.shape[1], votes.n_classes
        targets = [1] if k == 2 else list(range(k))
        weights = np.log1p(self.coefficients_) - np.log1p(-self.coefficients_)   # (models, m)
        table = np.empty((m, k, len(targets)))
        for i, c in enumerate(targets):
            sign = np.where(np.arange(k) == c, 1.0, -1.0)
            table[:, :, i] = weights[i][:, None] * sign
        p = self.class_balance_[targets]
        ovr = expit(linear_scores(votes, table, np.log(p) - np.log1p(-p)))
        if k == 2:
            return np.column_stack([1 - ovr[:, 0], ovr[:, 0]])
        return ovr / ovr.sum(axis=1, keepdims=True)


def _triplet_coefficients(products: np.ndarray, both: np.ndarray, min_overlap: int) -> np.ndarray:
    """a_j per program from the pairwise sums of v_j v_l and the pairwise overlap counts."""
    m = len(both)
    moments = np.divide(products, both, out=np.zeros_like(products), where=both > 0)
    usable = (both >= min_overlap) & (np.abs(moments) > 1e-6) & ~np.eye(m, dtype=bool)
    coefficients = np.zeros(m)
    for j in range(m):
        others = np.flatnonzero(usable[j])
        if len(others) < 2:
            continue
        pairs = np.triu(usable[np.ix_(others, others)], k=1)
        left, right = np.nonzero(pairs)
        if not len(left):
            continue
        row = moments[j, others]
        squares = np.abs(row[left] * row[right] / moments[others[left], others[right]])
        magnitude = np.sqrt(min(np.median(squares), _MAX_ACCURACY**2))
        sign = 1.0 if (both[j, others] * moments[j, others]).sum() >= 0 else -1.0
        coefficients[j] = sign * magnitude
    return coefficients
