"""The MLP's numerics in plain numpy: initialisation, forward pass, scoring, Adam."""

from __future__ import annotations

import math
from typing import Any, TypeAlias

import numpy as np
from scipy import sparse

Features: TypeAlias = np.ndarray | sparse.spmatrix


def init_params(sizes: list[int], rng: np.random.Generator) -> list[np.ndarray]:
    params = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:], strict=True):
        # He initialisation suits ReLU layers
        params.append(
            (rng.standard_normal((fan_in, fan_out)) * math.sqrt(2 / fan_in)).astype(np.float32)
        )
        params.append(np.zeros(fan_out, dtype=np.float32))
    return params


def interleave(coefs: list[np.ndarray], intercepts: list[np.ndarray]) -> list[np.ndarray]:
    return [p for pair in zip(coefs, intercepts, strict=True) for p in pair]


def forward(params: list[np.ndarray], X: Features) -> list[np.ndarray]:
    """Hidden activations of every layer, then the output logits."""
    outputs, h = [], X
    n_layers = len(params) // 2
    for layer in range(n_layers):
        z = np.asarray(h @ params[2 * layer], dtype=np.float32) + params[2 * layer + 1]
        h = np.maximum(z, 0.0) if layer < n_layers - 1 else z
        outputs.append(h)
    return outputs


def validation_score(logits: np.ndarray, T: np.ndarray) -> tuple[float, float]:
    """(balanced accuracy against the targets' most probable class, minus mean cross-entropy).

    Balanced accuracy is the mean recall over the classes the targets hold: on a small,
    imbalanced validation set plain accuracy ties a model that always answers the majority class
    with one that finds the rare class, and a tie kept the earlier (or more regularised) one.
    """
    log_p = logits - logits.max(axis=1, keepdims=True)
    log_p = log_p - np.log(np.exp(log_p).sum(axis=1, keepdims=True))
    truth, predicted = T.argmax(axis=1), logits.argmax(axis=1)
    recalls = [float((predicted[truth == c] == c).mean()) for c in np.unique(truth)]
    return float(np.mean(recalls)), float((T * log_p).sum(axis=1).mean())


class Adam:
    """Adam, updating in place.

    With sparse features the first layer is a ``n_features x hidden`` matrix of which a
    minibatch touches only the rows of the features it holds: ``step`` then takes the gradient
    of those rows alone (``rows``, from ``touched``) and updates only them and their moments
    ("lazy" Adam: a row's moments and weight decay move only when its feature is present). A
    step costs what the batch touches instead of the whole matrix, which on TF-IDF features was
    most of an MLP's training time; untouched rows keep their weights, as they would with
    plain SGD.
    """

    def __init__(
        self,
        params: list[np.ndarray],
        learning_rate: float,
        beta1: float = 0.9,
        beta2: float = 0.999,
        eps: float = 1e-8,
    ) -> None:
        self.learning_rate, self.beta1, self.beta2, self.eps = learning_rate, beta1, beta2, eps
        # The first layer's moments apart (it may be stepped row by row); the other, small
        # parameters' moments in one flat vector, so a step is a few operations, not a few per
        # parameter.
        self.m0, self.v0 = np.zeros_like(params[0]), np.zeros_like(params[0])
        rest = sum(p.size for p in params[1:])
        self.m, self.v = np.zeros(rest, np.float32), np.zeros(rest, np.float32)
        self.t = 0

    def step(
        self,
        params: list[np.ndarray],
        grads: list[np.ndarray],
        rows: np.ndarray | None = None,
    ) -> None:
        """One update; ``rows``: the first parameter's rows ``grads[0]`` holds (None: all)."""
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        size = self.learning_rate * math.sqrt(1 - b2**self.t) / (1 - b1**self.t)
        at = slice(None) if rows is None else rows
        m0 = b1 * self.m0[at] + (1 - b1) * grads[0]
        v0 = b2 * self.v0[at] + (1 - b2) * np.square(grads[0])
        self.m0[at], self.v0[at] = m0, v0
        params[0][at] -= size * m0 / (np.sqrt(v0) + self.eps)
        g = np.concatenate([grad.ravel() for grad in grads[1:]])
        self.m *= b1
        self.m += (1 - b1) * g
        self.v *= b2
        self.v += (1 - b2) * np.square(g)
        update = size * self.m / (np.sqrt(self.v) + self.eps)
        start = 0
        for p in params[1:]:
            p -= update[start : start + p.size].reshape(p.shape)
            start += p.size


def touched(
    params: list[np.ndarray], X: Features
) -> tuple[Features, list[np.ndarray], np.ndarray | None]:
    """A minibatch ready for ``Adam.step``: with sparse ``X``, the batch narrowed to the
    features it holds, the parameters with the first layer cut to those features' rows, and
    the rows' indices (``step``'s ``rows``); with dense ``X``, all three as they are (None)."""
    if not sparse.issparse(X):
        return X, params, None
    csr: Any = sparse.csr_matrix(X)
    present, columns = np.unique(csr.indices, return_inverse=True)
    narrow = sparse.csr_matrix(
        (csr.data, columns.ravel(), csr.indptr), shape=(csr.shape[0], len(present))
    )
    return narrow, [params[0][present], *params[1:]], present


__all__ = ["Adam", "forward", "init_params", "interleave", "touched", "validation_score"]
