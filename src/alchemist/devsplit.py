"""What the labeled dev split does in a run besides choosing the label model (issue 10).

- ``search_programs``: the program search (``alchemist.search``) scored on the dev rows.
- ``add_dev_classifier``: a classifier trained on the gold dev labels votes beside the programs
  (out of fold on the dev rows themselves), so the label model can lean on it where the programs
  are weak and on the programs where it is.
- ``distill_with_gold``: the distilled model trained on pseudolabels and gold dev rows, the
  gold rows' share of the weight chosen by cross-validation on dev (``distill.gold``).
- ``evaluate``: scores on every split with gold, beside the honest baselines computed on the
  same split: always answering its majority class, and the same distilled model trained on the
  dev labels alone.

Only dev labels are read; test labels are only ever scored against.
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np

from alchemist.data import Dataset
from alchemist.distill import DistilledModel, default_featurizer
from alchemist.distill.gold import cross_fitted_votes, fit_mixed, fit_with_gold
from alchemist.evaluation import group_accuracy, score
from alchemist.execution import ExecutionConfig, Executor
from alchemist.label_matrix import LabelMatrix
from alchemist.labelmodels import make_label_model
from alchemist.llm import Provider
from alchemist.rundir import RunConfig, RunDir
from alchemist.search import SearchPolicy, SearchResult, search
from alchemist.search_prompts import column_prompts
from alchemist.task import Task

logger = logging.getLogger(__name__)

DEV_CLASSIFIER = "dev_classifier"
_MIN_GOLD = 10


def search_programs(
    run: RunDir,
    task: Task,
    config: RunConfig,
    splits: dict[str, Dataset],
    provider: Provider,
    execution: ExecutionConfig,
) -> SearchResult:
    """The program search with the run's settings; its verdicts land in ``search.json``."""
    train, dev = splits["train"], _labeled(splits)
    policy = SearchPolicy(
        n_programs=config.n_programs,
        candidates=config.search_candidates,
        refinements=config.search_refinements,
        concurrency=config.provider.concurrency,
    )
    logger.info(
        "Program search: at most %d LLM calls (%d candidates, up to %d refinements on dev)...",
        policy.budget,
        policy.candidates,
        policy.refinements,
    )
    with Executor(execution) as executor:
        result = search(
            task,
            provider,
            executor,
            train.items,
            dev_items=dev.items if dev is not None else (),
            dev_gold=dev.gold if dev is not None else None,
            policy=policy,
            params=config.sampling,
            strategies=config.strategies,
            focus=column_prompts(task, train.frame, seed=config.seed)
            if config.per_attribute and task.modality == "tabular"
            else (),
            seed=config.seed,
            store=run.programs,
        )
    run.write_json("search.json", result.to_dict())
    dropped = sum(c.dropped is not None for c in result.candidates)
    logger.info(
        "Search kept %d of %d candidate(s) (%d dropped, %d answer(s) unusable).",
        len(result.programs),
        len(result.candidates),
        dropped,
        len(result.failures),
    )
    return result


def add_dev_classifier(
    task: Task, matrices: dict[str, LabelMatrix], splits: dict[str, Dataset], config: RunConfig
) -> dict[str, LabelMatrix]:
    """The matrices with one more column beside the programs': the dev classifier's votes
    (``distill.gold.cross_fitted_votes``). Unchanged without enough gold dev rows of two
    classes, or with ``config.use_gold`` off."""
    dev = _labeled(splits)
    if not config.use_gold or dev is None:
        return matrices
    others = {s: d.frame for s, d in splits.items() if s != "dev"}
    votes, dev_votes = cross_fitted_votes(
        others,
        dev.frame,
        np.asarray(dev.gold),
        n_classes=task.n_classes,
        featurizer=_featurizer(task, config),
        seed=config.seed,
    )
    votes["dev"] = dev_votes
    return {
        s: m.hstack(LabelMatrix(votes[s][:, None].astype(np.int8), [DEV_CLASSIFIER]))
        for s, m in matrices.items()
    }


def distill_with_gold(
    run: RunDir,
    splits: dict[str, Dataset],
    covered: np.ndarray,
    proba: np.ndarray,
    config: RunConfig,
) -> DistilledModel | None:
    """The distilled model on pseudolabels and gold dev rows (None without usable dev labels,
    or with ``config.use_gold`` off); the cross-validation lands in ``distill.json``."""
    dev = _labeled(splits)
    if not config.use_gold or dev is None:
        return None
    task = splits["train"].task
    train = splits["train"].subset(np.flatnonzero(covered))
    fitted = fit_with_gold(
        train.frame,
        proba[covered],
        dev.frame,
        np.asarray(dev.gold),
        n_classes=task.n_classes,
        featurizers=[_featurizer(task, config)],
        seed=config.seed,
    )
    logger.info(
        "Distilled model: %s, gold share %.2f of the weight (cross-validated on dev).",
        fitted.classifier,
        fitted.gold_share,
    )
    run.write_json("distill.json", fitted.to_dict())
    return fitted.model


def dev_only_baseline(
    task: Task, splits: dict[str, Dataset], config: RunConfig, classifier: str = "mlp"
) -> DistilledModel | None:
    """The honest baseline: the same distilled model (``classifier``, the one the distilled
    model was given) trained on the dev labels alone."""
    dev = _labeled(splits, minimum=2)
    if dev is None:
        return None
    return fit_mixed(
        dev.frame.iloc[:0],
        np.zeros((0, task.n_classes)),
        dev.frame,
        np.asarray(dev.gold),
        n_classes=task.n_classes,
        featurizer=_featurizer(task, config),
        share=1.0,
        classifier=classifier,
        seed=config.seed,
    )


def evaluate(
    task: Task,
    splits: dict[str, Dataset],
    matrices: dict[str, LabelMatrix],
    label_model: Any,
    distilled: DistilledModel,
    dev_only: DistilledModel | None = None,
) -> dict[str, Any]:
    """Scores of the label model and the distilled model on every split with gold labels,
    beside the majority class of that split, the dev-labels-only model (not on dev itself)
    and, where the data has them, its human labeling functions' majority vote."""
    positive = 1 if task.n_classes == 2 else None
    results: dict[str, Any] = {}
    for split, dataset in splits.items():
        if dataset.gold is None or not dataset.has_gold:
            continue
        known = dataset.gold >= 0
        gold = dataset.gold[known]

        def scored(predicted: np.ndarray, gold: np.ndarray = gold) -> dict[str, Any]:
            return score(gold, predicted, task.n_classes, positive=positive)

        predictions = {
            "label_model": label_model.predict(matrices[split].votes),
            "distilled": distilled.predict(dataset.frame),
        }
        entry = {
            **{name: scored(predicted[known]) for name, predicted in predictions.items()},
            "majority_class": scored(
                np.full(len(gold), np.bincount(gold, minlength=task.n_classes).argmax())
            ),
        }
        if dataset.groups is not None:
            for name, predicted in predictions.items():
                entry[name]["groups"] = group_accuracy(dataset.gold, predicted, dataset.groups)
        if dev_only is not None and split != "dev":
            entry["dev_only"] = scored(dev_only.predict(dataset.frame)[known])
        if dataset.reference_votes is not None:
            # The dataset's own human labeling functions, aggregated by majority vote.
            reference = make_label_model("majority").fit(dataset.reference_votes, task.n_classes)
            entry["reference_majority_vote"] = scored(
                reference.predict(dataset.reference_votes)[known]
            )
        results[split] = entry
    return results


def _labeled(splits: dict[str, Dataset], minimum: int = _MIN_GOLD) -> Dataset | None:
    """The dev split when it has ``minimum`` gold rows of at least two classes."""
    dev = splits.get("dev")
    if dev is None or dev.gold is None or not dev.has_gold:
        return None
    gold = dev.gold[dev.gold >= 0]
    return dev if len(gold) >= minimum and len(np.unique(gold)) >= 2 else None


def _featurizer(task: Task, config: RunConfig) -> str:
    return default_featurizer(task.modality) if config.featurizer == "auto" else config.featurizer


__all__ = [
    "DEV_CLASSIFIER",
    "add_dev_classifier",
    "dev_only_baseline",
    "distill_with_gold",
    "evaluate",
    "search_programs",
]
