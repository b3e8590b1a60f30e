"""Logistic regression's numerics on soft labels: the weighted cross-entropy, its gradient,
and L-BFGS (``LogisticClassifier`` trains with it)."""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize
from scipy.special import expit, logsumexp

from alchemist.distill._network import Features

_EPS = float(np.finfo(float).eps)


def soft_logistic(
    X: Features,
    T: np.ndarray,
    weights: np.ndarray,
    C: float,
    start: np.ndarray | None,
    max_iter: int,
) -> np.ndarray:
    """The weights (W flattened, then b) minimising the ``weights``-weighted cross-entropy
    against the target probabilities ``T`` plus ``||W||² / (2 C)`` (two classes: one logit),
    by L-BFGS from ``start`` (zeros when None); the objective is divided by the total weight,
    as scikit-learn's, so its tolerance means the same."""
    n, d = X.shape
    binary = T.shape[1] == 2
    outputs = 1 if binary else T.shape[1]
    total = max(float(weights.sum()), 1e-12)
    target = T[:, 1:] if binary else T
    scale = weights[:, None] / total

    def objective(flat: np.ndarray) -> tuple[float, np.ndarray]:
        W, b = flat[: d * outputs].reshape(d, outputs), flat[d * outputs :]
        Z = np.asarray(X @ W) + b
        if binary:
            loss = np.logaddexp(0, Z) - target * Z  # -[t log s(z) + (1 - t) log(1 - s(z))]
            residual = expit(Z) - target
        else:
            log_norm = logsumexp(Z, axis=1, keepdims=True)
            loss = -(target * (Z - log_norm))
            residual = np.exp(Z - log_norm) - target
        residual *= scale
        value = float((loss * scale).sum() + (W * W).sum() / (2 * C * total))
        grad_W = np.asarray(X.T @ residual) + W / (C * total)
        return value, np.concatenate([grad_W.ravel(), residual.sum(axis=0)])

    x0 = np.zeros(d * outputs + outputs) if start is None else start
    result = minimize(
        objective,
        x0,
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": max_iter, "maxls": 50, "gtol": 1e-4, "ftol": 64 * _EPS},
    )
    return np.asarray(result.x)


__all__ = ["soft_logistic"]
