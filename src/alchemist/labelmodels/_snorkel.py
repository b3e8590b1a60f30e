"""A Snorkel-style label model: matrix completion over the programs' overlap matrix."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment, minimize
from threadpoolctl import threadpool_limits

from alchemist._util.numeric import softmax
from alchemist.labelmodels._base import MAX_FIT_ROWS, LabelModel
from alchemist.labelmodels._votes import Votes, class_prior, linear_scores, overlap


class SnorkelStyle(LabelModel):
    """Snorkel's LabelModel objective (Ratner et al. 2019), solved in closed loop with L-BFGS.

    With O the (m*k, m*k) matrix of how often program j voted a while program l voted b (over
    all n rows) and mu[(j, a), c] = P(program j votes a | Y = c), conditional independence gives
    ``O = mu diag(p) mu^T`` off the per-program diagonal blocks and ``diag(O) = mu p``. The fit
    minimises the squared error of both (plus ``l2 * ||mu - mu_init||^2``), with mu bounded in
    [eps, 1-eps] (eps = min(0.01, 10^-ceil(log10 n)), as Snorkel), starting where each program
    has precision ``prec_init``. O is one pass of chunked one-hot products over the rows; the
    optimisation then works on m*k*k numbers only, so it costs the same for 1e3 or 1e7 rows.

    ``class_balance``: "uniform" (Snorkel's default) or the k class probabilities (e.g. the
    label frequencies of a dev split). It is not estimated: pairwise overlaps do not identify it
    (the objective is flat along the class balance). With "uniform", a class no program ever
    votes still receives 1/k of the mass, as in Snorkel; give the class balance then. Among
    solutions that differ by a relabelling of classes of equal prior, the one under which the
    programs agree most with the classes they vote is kept, as Snorkel does.
    ``predict_proba`` is Snorkel's: ``p_c * prod_j mu[(j, vote_j), c]`` over votes, normalised.
    Learned: ``mu_`` (m, k, k) indexed [program, vote, class], ``class_balance_``,
    ``accuracies_[j] = sum_c mu_[j, c, c] p_c / sum_{a, c} mu_[j, a, c] p_c``.
    """

    def __init__(
        self,
        *,
        class_balance: str | Sequence[float] = "uniform",
        prec_init: float = 0.7,
        l2: float = 0.0,
        max_iter: int = 1000,
        seed: int = 0,
        max_fit_rows: int | None = MAX_FIT_ROWS,
    ) -> None:
        super().__init__(seed=seed, max_fit_rows=max_fit_rows)
        self.class_balance = class_balance
        self.prec_init = prec_init
        self.l2 = l2
        self.max_iter = max_iter

    def _fit(self, votes: Votes) -> None:
        m, k = votes.rows.shape[1], votes.n_classes
        n = max(votes.total, 1.0)
        observed = overlap(votes) / n
        diag = np.diag(observed).copy()
        mask = np.kron(np.eye(m), np.ones((k, k))) == 0
        prior = class_prior(self.class_balance, k)
        mu_init = np.zeros((m * k, k))
        rows = np.arange(m * k)
        mu_init[rows, rows % k] = np.clip(diag * self.prec_init / prior[rows % k], 0, 1)
        eps = min(0.01, 10.0 ** -np.ceil(np.log10(n)))
        # Scaled so L-BFGS's tolerances are meaningful whatever the coverage of the programs.
        scale = 1.0 / max(float(diag @ diag), 1e-12)

        def objective(x: np.ndarray) -> tuple[float, np.ndarray]:
            mu = x.reshape(m * k, k)
            residual = np.where(mask, (mu * prior) @ mu.T - observed, 0.0)
            marginal = mu @ prior - diag
            drift = mu - mu_init
            loss = (residual**2).sum() + marginal @ marginal + self.l2 * (drift**2).sum()
            grad = 4 * (residual @ mu) * prior + 2 * np.outer(marginal, prior) + 2 * self.l2 * drift
            return scale * loss, scale * grad.ravel()

        start = np.clip(mu_init, eps, 1 - eps).ravel()
        # m*k*k variables: BLAS threads only add wake-up latency to every L-BFGS step.
        with threadpool_limits(limits=1):
            result = minimize(
                objective,
                start,
                jac=True,
                method="L-BFGS-B",
                bounds=[(eps, 1 - eps)] * start.size,
                options={"maxiter": self.max_iter, "ftol": 1e-12, "gtol": 1e-9},
            )
        mu = result.x.reshape(m, k, k)
        self.mu_ = mu[:, :, self._relabel(mu, prior)]
        self.class_balance_ = prior
        joint = self.mu_ * self.class_balance_
        voted = joint.sum(axis=(1, 2))
        self.accuracies_ = np.divide(
            np.trace(joint, axis1=1, axis2=2),
            voted,
            out=np.full(m, np.nan),
            where=diag.reshape(m, k).sum(1) > 0,
        )

    @staticmethod
    def _relabel(mu: np.ndarray, p: np.ndarray) -> np.ndarray:
        """Column order under which the programs' votes agree most with the classes.

        Only classes of equal prior can be swapped without changing the objective.
        """
        agreement = mu.sum(axis=0) * p  # [vote a, class c]
        agreement = np.where(np.isclose(p[:, None], p[None, :], atol=1e-3), agreement, -1e9)
        _, order = linear_sum_assignment(agreement, maximize=True)
        return order

    def _proba(self, votes: Votes) -> np.ndarray:
        scores = linear_scores(votes, np.log(self.mu_), np.log(self.class_balance_))
        return softmax(scores, axis=0)
