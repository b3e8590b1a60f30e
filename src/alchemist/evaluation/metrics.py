"""Scores of predictions against gold labels, and their summary over seeds.

Labels are class *indices* (0..k-1). A prediction of -1 is an abstention (a label model with no
vote on the item, a program set that does not cover it): it counts as *wrong* for ``accuracy``
and ``macro_f1`` (a false negative of the true class, a false positive of none), is left out of
``covered_accuracy`` and ``confusion``, and lowers ``coverage``. Items whose gold is -1 (unknown)
are left out of every figure; ``n`` says how many items were scored.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

ABSTAIN = -1


def score(
    y_true: Sequence[int] | np.ndarray,
    y_pred: Sequence[int] | np.ndarray,
    n_classes: int,
    *,
    positive: int | None = None,
) -> dict[str, Any]:
    """Score ``y_pred`` against ``y_true``, both class indices with -1 = abstain / unknown.

    Returns a JSON-ready dict:

    - ``n``: items with a known gold label (the only ones scored);
    - ``accuracy``: share of them predicted correctly (abstentions are wrong);
    - ``covered_accuracy``: accuracy on the items not abstained on (``nan`` if none);
    - ``coverage``: share of them with a prediction other than -1;
    - ``macro_f1``: unweighted mean of per-class F1 over the classes present in the gold labels
      or the predictions (as scikit-learn's ``f1_score(average="macro")``), abstentions
      counting as false negatives;
    - ``positive_f1``: F1 of class ``positive`` alone (only when ``positive`` is given; the
      figure to report for imbalanced binary tasks such as SMS spam);
    - ``confusion``: k x k counts as a list of lists, rows = gold, columns = prediction,
      abstentions left out.
    """
    true, pred = _validated(y_true, y_pred, n_classes, positive)
    known = true != ABSTAIN
    true, pred = true[known], pred[known]
    n = int(true.size)
    covered = pred != ABSTAIN
    correct = pred == true
    confusion = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(confusion, (true[covered], pred[covered]), 1)
    f1 = _per_class_f1(true, pred, n_classes)
    present = np.isin(np.arange(n_classes), np.concatenate([true, pred[covered]]))
    result: dict[str, Any] = {
        "n": n,
        "accuracy": float(correct.mean()) if n else math.nan,
        "covered_accuracy": float(correct[covered].mean()) if covered.any() else math.nan,
        "coverage": float(covered.mean()) if n else math.nan,
        "macro_f1": float(f1[present].mean()) if present.any() else math.nan,
    }
    if positive is not None:
        result["positive_f1"] = float(f1[positive])
    result["confusion"] = confusion.tolist()
    return result


def group_accuracy(
    y_true: Sequence[int] | np.ndarray,
    y_pred: Sequence[int] | np.ndarray,
    groups: Sequence[Any] | np.ndarray,
) -> dict[str, Any]:
    """Accuracy per group (abstentions wrong, unknown gold left out), the average over items,
    the worst group's accuracy and the gap between the two (as Waterbirds is reported)."""
    true, pred, groups = np.asarray(y_true), np.asarray(y_pred), np.asarray(groups)
    known = true != ABSTAIN
    per_group = {
        str(g): float(np.mean(pred[known & (groups == g)] == true[known & (groups == g)]))
        for g in np.unique(groups[known])
    }
    average = float(np.mean(pred[known] == true[known])) if known.any() else math.nan
    worst = min(per_group.values(), default=math.nan)
    return {
        "average": average,
        "worst_group": worst,
        "gap": average - worst,
        "per_group": per_group,
    }


def paired_gain(
    y_true: Sequence[int] | np.ndarray,
    ours: Sequence[int] | np.ndarray,
    theirs: Sequence[int] | np.ndarray,
) -> dict[str, Any]:
    """How much more often ``ours`` is right than ``theirs`` on the same items (unknown gold
    left out, abstentions wrong), with the standard error of that gain from the per-item
    differences: ``{"n", "accuracy_gain", "standard_error"}``. A gain within about two
    standard errors of zero is what sampling the items alone could give."""
    true, a, b = (np.asarray(v, dtype=np.int64).ravel() for v in (y_true, ours, theirs))
    known = true != ABSTAIN
    difference = (a[known] == true[known]).astype(float) - (b[known] == true[known])
    n = int(difference.size)
    error = float(difference.std(ddof=1) / math.sqrt(n)) if n > 1 else math.nan
    return {
        "n": n,
        "accuracy_gain": float(difference.mean()) if n else math.nan,
        "standard_error": error,
    }


def summarize_seeds(scores: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Mean and standard deviation of every scalar figure over runs with different seeds.

    Takes the dicts of ``score`` (one per seed) and returns
    ``{"n_seeds": s, "accuracy": {"mean": ..., "std": ...}, ...}`` for every numeric key
    present in all of them (``n`` and ``confusion`` are not averaged). ``std`` is the sample
    standard deviation (ddof=1), 0.0 for a single seed.
    """
    if not scores:
        raise ValueError("summarize_seeds needs at least one score dict; got an empty list.")
    keys = [
        k
        for k, v in scores[0].items()
        if k != "n"
        and isinstance(v, int | float)
        and not isinstance(v, bool)
        and all(k in s for s in scores)
    ]
    summary: dict[str, Any] = {"n_seeds": len(scores)}
    for key in keys:
        values = np.array([float(s[key]) for s in scores])
        std = float(values.std(ddof=1)) if values.size > 1 else 0.0
        summary[key] = {"mean": float(values.mean()), "std": std}
    return summary


def _validated(
    y_true: Any, y_pred: Any, n_classes: int, positive: int | None
) -> tuple[np.ndarray, np.ndarray]:
    true = np.asarray(y_true).astype(np.int64, copy=False).ravel()
    pred = np.asarray(y_pred).astype(np.int64, copy=False).ravel()
    if true.shape != pred.shape:
        raise ValueError(
            f"y_true and y_pred must have the same length; got {true.size} and {pred.size}."
        )
    if n_classes < 2:
        raise ValueError(f"n_classes must be at least 2; got {n_classes}.")
    for name, values in (("y_true", true), ("y_pred", pred)):
        bad = values[(values < ABSTAIN) | (values >= n_classes)]
        if bad.size:
            raise ValueError(
                f"{name} must hold class indices in 0..{n_classes - 1} or -1; "
                f"got {int(bad[0])}. Map class ids to indices with Task.index_of."
            )
    if positive is not None and not 0 <= positive < n_classes:
        raise ValueError(f"positive must be a class index in 0..{n_classes - 1}; got {positive}.")
    return true, pred


def _per_class_f1(true: np.ndarray, pred: np.ndarray, n_classes: int) -> np.ndarray:
    classes = np.arange(n_classes)[:, None]
    tp = ((pred == classes) & (true == classes)).sum(axis=1)
    predicted = (pred == classes).sum(axis=1)
    actual = (true == classes).sum(axis=1)
    denominator = predicted + actual
    # 2tp / (2tp + fp + fn); a class never predicted nor present scores 0, as in scikit-learn.
    return np.divide(2 * tp, denominator, out=np.zeros(n_classes), where=denominator > 0)
