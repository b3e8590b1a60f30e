"""The MLP's numerics in plain numpy: initialisation, forward pass, scoring, Adam."""

from __future__ import annotations

import math
from typing import TypeAlias

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
    """Adam, updating in place with one scratch buffer per parameter (no temporaries)."""

    def __init__(self, params: list[np.ndarray], learning_rate: float) -> None:
        self.learning_rate = learning_rate
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]
        self.scratch = [np.zeros_like(p) for p in params]
        self.t = 0

    def step(
        self,
        params: list[np.ndarray],
        grads: list[np.ndarray],
        beta1: float = 0.9,
        beta2: float = 0.999,
        eps: float = 1e-8,
    ) -> None:
        self.t += 1
        step = self.learning_rate * math.sqrt(1 - beta2**self.t) / (1 - beta1**self.t)
        for p, g, m, v, buf in zip(params, grads, self.m, self.v, self.scratch, strict=True):
            np.multiply(g, 1 - beta1, out=buf)
            m *= beta1
            m += buf
            np.multiply(g, g, out=buf)
            buf *= 1 - beta2
            v *= beta2
            v += buf
            np.sqrt(v, out=buf)
            buf += eps
            np.divide(m, buf, out=buf)
            buf *= step
            p -= buf


__all__ = ["Adam", "forward", "init_params", "interleave", "validation_score"]
