"""How far a model's probabilities can be taken at their word: expected calibration error.

The binning: the probability of each row's predicted class (the top-class probability) falls
in one of ``BINS`` = 10 equal-width bins, [0, 0.1), [0.1, 0.2), ... [0.9, 1.0]. In each bin the
mean of those probabilities (the confidence) is set against the share of its rows predicted
right (the accuracy); the expected calibration error is the mean of |accuracy - confidence|
over the bins, each weighted by its share of the rows. 0 is perfect: of the rows given 0.8,
eight in ten are right. Rows without a gold label are left out. The figures are measured on
the test split, never fitted on it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

BINS = 10


def calibration(proba: np.ndarray, gold: np.ndarray, bins: int = BINS) -> dict[str, Any]:
    """``{"ece", "n", "binning", "bins": [{"low", "high", "count", "confidence", "accuracy"}]}``
    for the rows with gold (class index >= 0); bins without a row are left out."""
    proba, gold = np.asarray(proba, dtype=float), np.asarray(gold)
    known = gold >= 0
    proba, gold = proba[known], gold[known]
    confidence = proba.max(axis=1) if len(proba) else np.zeros(0)
    right = proba.argmax(axis=1) == gold if len(proba) else np.zeros(0, dtype=bool)
    which = np.minimum((confidence * bins).astype(int), bins - 1)
    table, ece = [], 0.0
    for b in range(bins):
        members = which == b
        count = int(members.sum())
        if not count:
            continue
        mean, accuracy = float(confidence[members].mean()), float(right[members].mean())
        ece += count / len(gold) * abs(accuracy - mean)
        table.append(
            {
                "low": b / bins,
                "high": (b + 1) / bins,
                "count": count,
                "confidence": mean,
                "accuracy": accuracy,
            }
        )
    return {
        "ece": float(ece),
        "n": len(gold),
        "binning": f"{bins} equal-width bins of the top-class probability",
        "bins": table,
    }


def below(proba: np.ndarray, threshold: float) -> np.ndarray:
    """Indexes of the rows whose top-class probability is under ``threshold``, least sure
    first: the rows to send for review."""
    top = np.asarray(proba).max(axis=1)
    rows = np.flatnonzero(top < threshold)
    return rows[np.argsort(top[rows], kind="stable")]


__all__ = ["BINS", "below", "calibration"]
