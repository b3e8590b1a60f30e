"""Numeric helpers shared by the label models and the distilled classifier."""

from __future__ import annotations

import numpy as np


def softmax(scores: np.ndarray, axis: int = 1) -> np.ndarray:
    """Softmax of an array of scores along ``axis`` (default: each row of an (n, k) array), in
    their dtype; the input is left as it was, and large scores do not overflow (each slice is
    shifted by its maximum first)."""
    out = scores - scores.max(axis=axis, keepdims=True)
    np.exp(out, out=out)
    out /= out.sum(axis=axis, keepdims=True)
    return out


def stratified_folds(labels: np.ndarray, folds: int, seed: int) -> np.ndarray:
    """A fold number (0..folds-1) per row, every class spread evenly over the folds, seeded."""
    rng = np.random.default_rng(seed)
    assignment = np.empty(len(labels), dtype=np.int64)
    offset = 0
    for c in np.unique(labels):
        members = rng.permutation(np.flatnonzero(labels == c))
        assignment[members] = (np.arange(len(members)) + offset) % folds
        offset += len(members)
    return assignment


def macro_f1(gold: np.ndarray, predicted: np.ndarray, k: int) -> float:
    """Unweighted mean F1 over the classes among ``k`` that occur in ``gold`` or ``predicted``
    (a prediction of -1, an abstention, is wrong for every class)."""
    f1s = []
    for c in range(k):
        tp = int(((predicted == c) & (gold == c)).sum())
        fp = int(((predicted == c) & (gold != c)).sum())
        fn = int(((predicted != c) & (gold == c)).sum())
        if tp + fp + fn:
            f1s.append(2 * tp / (2 * tp + fp + fn))
    return float(np.mean(f1s)) if f1s else 0.0


def choice_score(gold: np.ndarray, predicted: np.ndarray, k: int) -> tuple[float, float]:
    """How every choice made on the dev split ranks its candidates: macro-F1, ties broken by
    accuracy. Macro-F1 first: on a skewed split, accuracy rewards a candidate for answering the
    majority class, and macro-F1 does not."""
    return macro_f1(gold, predicted, k), float((predicted == gold).mean())


__all__ = ["choice_score", "macro_f1", "softmax", "stratified_folds"]
