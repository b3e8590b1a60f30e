"""Votes of simulated programs with known accuracies, for tests, benchmarks and sanity checks."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def simulate_votes(
    n: int,
    accuracies: Sequence[float] | np.ndarray,
    *,
    n_classes: int = 2,
    coverage: float | Sequence[float] | np.ndarray = 1.0,
    class_balance: Sequence[float] | np.ndarray | None = None,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Conditionally independent votes: ``(L, y)``, L (n, m) int8 with -1 abstain, y (n,) int64.

    Program j votes on a row with probability ``coverage[j]`` (independently of the class);
    its vote is the true class with probability ``accuracies[j]``, otherwise a uniformly drawn
    other class. Classes are drawn from ``class_balance`` (uniform when None).
    """
    rng = np.random.default_rng(seed)
    accuracies = np.asarray(accuracies, dtype=np.float64)
    m = len(accuracies)
    coverage = np.broadcast_to(np.asarray(coverage, dtype=np.float64), (m,))
    y = rng.choice(n_classes, size=n, p=class_balance).astype(np.int8)
    L = np.empty((n, m), dtype=np.int8)
    for j in range(m):
        wrong = (y + rng.integers(1, n_classes, size=n, dtype=np.int8)) % n_classes
        column = np.where(rng.random(n) < accuracies[j], y, wrong)
        column[rng.random(n) >= coverage[j]] = -1
        L[:, j] = column
    return L, y.astype(np.int64)
