"""Stage 6 of a run: scores on every split with gold, beside the honest references computed on
the same rows (the split's majority class, the same end model trained on the dev labels alone,
the data's own labeling functions where it has them). Only dev labels are ever trained on; test
labels are only scored against.
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np

from alchemist.data.dataset import Dataset
from alchemist.distill import DistilledModel
from alchemist.evaluation.metrics import group_accuracy, paired_gain, score
from alchemist.label_matrix import LabelMatrix
from alchemist.labelmodels import (
    make_label_model,
)
from alchemist.task import Task

logger = logging.getLogger(__name__)


def evaluate(
    task: Task,
    splits: dict[str, Dataset],
    matrices: dict[str, LabelMatrix],
    label_model: Any,
    distilled: DistilledModel,
    dev_only: DistilledModel | None = None,
) -> dict[str, Any]:
    """Scores of the label model and the distilled model on every split with gold labels,
    beside the majority class of that split, the dev-labels-only model and, where the data has
    them, its human labeling functions' majority vote.

    Both the distilled model and the dev-labels-only model are trained on the gold dev rows: on
    dev they are scored out of fold, by the cross-validation that chose the distilled model
    (``DistilledModel.dev_predictions_``; those entries carry ``"out_of_fold": True``), and the
    dev-labels-only model not at all when there was none. The strongest simple reference
    (``distilled.reference_``: balanced logistic regression on the dev labels alone) is scored
    the same way, as "reference". The distilled model's entry holds ``versus_dev_only`` and
    ``versus_reference`` (``evaluation.paired_gain``): its accuracy gain over each on the same
    rows, with the standard error of that gain; and ``is_reference`` where the end model is
    the reference itself (the programs did not beat it beyond the noise on dev)."""
    return score_predictions(
        task, splits, predict_splits(task, splits, matrices, label_model, distilled, dev_only)
    )


def predict_splits(
    task: Task,
    splits: dict[str, Dataset],
    matrices: dict[str, LabelMatrix],
    label_model: Any,
    distilled: DistilledModel,
    dev_only: DistilledModel | None = None,
) -> dict[str, dict[str, np.ndarray]]:
    """What ``evaluate`` scores, per split: the label model's class probabilities
    (``label_model_proba``) and class index per row (``label_model``, -1 where nothing voted),
    the distilled model's (on dev its out-of-fold predictions where it has them, ``out_of_fold``
    then names them; its in-sample ones are ``distilled_in_sample``), the dev-labels-only
    model's and the reference's (``is_reference`` marks an end model that is the reference).
    Saved as ``predictions.npz``, so every page of the workbench shows these rows."""
    out: dict[str, dict[str, np.ndarray]] = {}
    for split, dataset in splits.items():
        votes = matrices[split].votes
        predictions = {
            "label_model_proba": np.asarray(label_model.predict_proba(votes), dtype=np.float64),
            "label_model": np.asarray(label_model.predict(votes), dtype=np.int64),
            "distilled": np.asarray(distilled.predict(dataset.frame), dtype=np.int64),
        }
        out_of_fold = distilled.dev_predictions_ if split == "dev" else None
        if out_of_fold is not None:
            predictions["distilled_in_sample"] = predictions["distilled"]
            predictions.update({name: np.asarray(p) for name, p in out_of_fold.items()})
            predictions["out_of_fold"] = np.array(sorted(out_of_fold))
        elif split != "dev":
            if dev_only is not None:
                predictions["dev_only"] = np.asarray(dev_only.predict(dataset.frame), np.int64)
            if distilled.reference_ is not None:
                reference = distilled.reference_.predict(dataset.frame)
                predictions["reference"] = np.asarray(reference, dtype=np.int64)
        if distilled.reference_ is distilled:
            predictions["is_reference"] = np.array([True])
        out[split] = predictions
    return out


_NOT_SCORED = ("label_model_proba", "distilled_in_sample", "out_of_fold", "is_reference")


def score_predictions(
    task: Task, splits: dict[str, Dataset], predicted: dict[str, dict[str, np.ndarray]]
) -> dict[str, Any]:
    """``evaluate``'s figures from ``predict_splits``'s predictions."""
    positive = 1 if task.n_classes == 2 else None
    results: dict[str, Any] = {}
    for split, dataset in splits.items():
        if dataset.gold is None or not dataset.has_gold:
            continue
        known = dataset.gold >= 0
        gold = dataset.gold[known]

        def scored(predicted: np.ndarray, gold: np.ndarray = gold) -> dict[str, Any]:
            return score(gold, predicted, task.n_classes, positive=positive)

        predictions = {name: p for name, p in predicted[split].items() if name not in _NOT_SCORED}
        out_of_fold = [str(n) for n in predicted[split].get("out_of_fold", [])]
        entry = {
            **{name: scored(p[known]) for name, p in predictions.items()},
            "majority_class": scored(
                np.full(len(gold), np.bincount(gold, minlength=task.n_classes).argmax())
            ),
        }
        if dataset.groups is not None:
            for name, p in predictions.items():
                entry[name]["groups"] = group_accuracy(dataset.gold, p, dataset.groups)
        for name in out_of_fold:
            entry[name]["out_of_fold"] = True
        for baseline in ("dev_only", "reference"):
            if baseline in predictions:
                entry["distilled"][f"versus_{baseline}"] = paired_gain(
                    gold, predictions["distilled"][known], predictions[baseline][known]
                )
        if "is_reference" in predicted[split]:
            entry["distilled"]["is_reference"] = True
        if dataset.reference_votes is not None:
            # The dataset's own human labeling functions, aggregated by majority vote.
            reference = make_label_model("majority").fit(dataset.reference_votes, task.n_classes)
            entry["reference_majority_vote"] = scored(
                reference.predict(dataset.reference_votes)[known]
            )
        results[split] = entry
    return results


__all__ = ["evaluate", "predict_splits", "score_predictions"]
