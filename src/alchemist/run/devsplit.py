"""What the labeled dev split does in a run besides choosing the label model (issue 10).

- ``search_programs``: the program search (``alchemist.synthesis.search``) scored on the dev rows.
- ``drop_chance_votes``: a program's votes for one class are turned into abstentions when the
  dev rows show, with 80% posterior probability, that those votes are right no more often
  than that class's share of the dev rows: such votes carry no evidence, yet label models
  count them (a program voting the majority class on most rows pulls every row towards it).
- ``add_dev_classifier``: a classifier trained on the gold dev labels votes beside the programs
  (out of fold on the dev rows themselves), so the label model can lean on it where the programs
  are weak and on the programs where it is.
- features (``alchemist.run.dev_features``): with "auto", the dev classifier's are those under which
  it scores best out of fold on dev (TF-IDF or MiniLM for text); the distilled model's
  cross-validation tries them all.
- ``distill_with_gold``: the distilled model trained on pseudolabels and gold dev rows, the
  gold rows' share of the weight chosen by cross-validation on dev (``distill.gold``), each
  fold scored against pseudolabels made without its gold labels (``fold_pseudolabels``).
- ``evaluate``: scores on every split with gold, beside the honest baselines computed on the
  same split: always answering its majority class, and the same distilled model trained on the
  dev labels alone.

Only dev labels are read; test labels are only ever scored against.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from scipy.special import betainc

from alchemist.data.dataset import Dataset
from alchemist.distill import DistilledModel
from alchemist.distill.dev_classifier import DevClassifier
from alchemist.distill.gold import fit_mixed, fit_with_gold
from alchemist.evaluation.metrics import group_accuracy, paired_gain, score
from alchemist.execution import ExecutionConfig, Executor
from alchemist.label_matrix import LabelMatrix
from alchemist.labelmodels import StackedLabelModel, make_label_model
from alchemist.llm import Provider
from alchemist.run.dev_features import end_model_featurizers, featurizer_for, labeled_dev
from alchemist.run.folder import RunConfig, RunDir
from alchemist.synthesis.search import SearchPolicy, SearchResult, search
from alchemist.synthesis.search_prompts import column_prompts
from alchemist.task import Task

logger = logging.getLogger(__name__)

DEV_CLASSIFIER = "dev_classifier"
# How sure the dev rows must be that a class's votes are no better than chance to drop them.
_CHANCE_CONFIDENCE = 0.8


def search_programs(
    run: RunDir,
    task: Task,
    config: RunConfig,
    splits: dict[str, Dataset],
    provider: Provider,
    execution: ExecutionConfig,
) -> SearchResult:
    """The program search with the run's settings; its verdicts land in ``search.json``."""
    train, dev = splits["train"], labeled_dev(splits)
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
            strategies=config.strategies_for(task),
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


def drop_chance_votes(
    task: Task, matrices: dict[str, LabelMatrix], splits: dict[str, Dataset], config: RunConfig
) -> tuple[dict[str, LabelMatrix], list[dict[str, Any]]]:
    """The matrices with each program's votes for a class turned into abstentions (on every
    split) where the dev split says they are no better than chance, and one record per
    (program, class) dropped. Unchanged without enough gold dev rows of two classes, or with
    ``config.use_gold`` off.

    A program's votes for class c are right on ``hits`` of their ``n`` gold dev rows; with a
    uniform prior on their precision p, they are dropped when P(p <= share of c on dev) > 0.8.
    Votes seen on few dev rows are dropped only when (nearly) all of them are wrong.
    """
    dev = labeled_dev(splits)
    if not config.use_gold or dev is None:
        return matrices, []
    labels = np.asarray(dev.gold)
    known = labels >= 0
    gold = labels[known]
    shares = np.bincount(gold, minlength=task.n_classes) / len(gold)
    votes = matrices["dev"].votes[known]
    dropped: list[dict[str, Any]] = []
    for j, program in enumerate(matrices["dev"].program_ids):
        for c, cls in enumerate(task.classes):
            voted = votes[:, j] == c
            n, hits = int(voted.sum()), int((gold[voted] == c).sum())
            # P(precision <= share) under the Beta(hits + 1, misses + 1) posterior
            if n and betainc(hits + 1, n - hits + 1, shares[c]) > _CHANCE_CONFIDENCE:
                logger.info(
                    "Ignoring %s's votes for %r: right on %d of its %d dev votes, and %.0f%% "
                    "of the dev rows are %r.",
                    program,
                    cls.name,
                    hits,
                    n,
                    100 * shares[c],
                    cls.name,
                )
                dropped.append(
                    {
                        "program": program,
                        "class": cls.name,
                        "dev_votes": n,
                        "dev_precision": hits / n,
                        "class_share": float(shares[c]),
                    }
                )
    return {s: _without(m, task, dropped) for s, m in matrices.items()}, dropped


def _without(matrix: LabelMatrix, task: Task, dropped: list[dict[str, Any]]) -> LabelMatrix:
    votes = matrix.votes.copy()
    names = [c.name for c in task.classes]
    for record in dropped:
        j, c = matrix.program_ids.index(record["program"]), names.index(record["class"])
        votes[votes[:, j] == c, j] = -1
    return LabelMatrix(votes, list(matrix.program_ids), matrix.errors, dict(matrix.reasons))


def add_dev_classifier(
    task: Task, matrices: dict[str, LabelMatrix], splits: dict[str, Dataset], config: RunConfig
) -> dict[str, LabelMatrix]:
    """The matrices with one more column beside the programs': the dev classifier's votes
    (``distill.dev_classifier.DevClassifier.cross_fitted``). Unchanged without enough gold dev
    rows of two classes, or with ``config.use_gold`` off."""
    dev = labeled_dev(splits)
    if not config.use_gold or dev is None:
        return matrices
    others = {s: d.frame for s, d in splits.items() if s != "dev"}
    votes, dev_votes = DevClassifier(
        others,
        dev.frame,
        np.asarray(dev.gold),
        n_classes=task.n_classes,
        featurizer=featurizer_for(task, splits, config),
        seed=config.seed,
    ).cross_fitted()
    votes["dev"] = dev_votes
    return {
        s: m.hstack(LabelMatrix(votes[s][:, None].astype(np.int8), [DEV_CLASSIFIER]))
        for s, m in matrices.items()
    }


def fold_pseudolabels(
    task: Task,
    voting: dict[str, LabelMatrix],
    splits: dict[str, Dataset],
    config: RunConfig,
    label_model: tuple[str, dict[str, Any]],
    covered: np.ndarray,
) -> Callable[[np.ndarray], np.ndarray] | None:
    """``fit_with_gold``'s ``fold_soft``: the covered training rows' pseudolabels made as the
    run made them (``voting``: the programs' votes and the dev classifier's; ``label_model``:
    the chosen label model's name and parameters) but from the gold labels of the dev rows
    ``rows`` alone: the dev classifier retrained on them (its votes on those rows out of
    fold among them), the label model refitted (a stacked one on those rows). No label of a
    dev row outside ``rows`` is read. None where ``distill_with_gold`` reads no dev label."""
    dev = labeled_dev(splits)
    train = voting["train"]
    if not config.use_gold or dev is None:
        return None
    with_classifier = bool(train.program_ids) and train.program_ids[-1] == DEV_CLASSIFIER
    programs = train.votes[:, :-1] if with_classifier else train.votes
    voter = (
        DevClassifier(
            {"train": splits["train"].frame},
            dev.frame,
            np.asarray(dev.gold),
            n_classes=task.n_classes,
            featurizer=featurizer_for(task, splits, config),
            seed=config.seed,
        )
        if with_classifier
        else None
    )
    name, params = label_model
    k, L_dev, gold = task.n_classes, voting["dev"].votes, np.asarray(dev.gold)

    def soft(rows: np.ndarray) -> np.ndarray:
        L, L_rows = programs, L_dev[rows]
        if voter is not None:
            column = voter.votes(rows)["train"][:, None].astype(programs.dtype)
            L = np.hstack([programs, column])
            L_rows = L_rows.copy()
            L_rows[:, -1] = voter.out_of_fold(rows)
        if name == "stacked":
            base = make_label_model(params["base"], seed=config.seed).fit(L, k)
            stacked = StackedLabelModel(base=params["base"], C=params["C"], seed=config.seed)
            return stacked.fit(L, k, L_rows, gold[rows], base_model=base).predict_proba(L)[covered]
        model = make_label_model(name, seed=config.seed, **params).fit(L, k)
        return model.predict_proba(L)[covered]

    return soft


def distill_with_gold(
    run: RunDir,
    splits: dict[str, Dataset],
    covered: np.ndarray,
    proba: np.ndarray,
    config: RunConfig,
    fold_soft: Callable[[np.ndarray], np.ndarray] | None = None,
) -> DistilledModel | None:
    """The distilled model on pseudolabels and gold dev rows (None without usable dev labels,
    or with ``config.use_gold`` off), chosen by cross-validation on dev with ``fold_soft``'s
    pseudolabels for each fold (``fold_pseudolabels``); the cross-validation lands in
    ``distill.json``."""
    dev = labeled_dev(splits)
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
        featurizers=end_model_featurizers(task, splits, config),
        seed=config.seed,
        fold_soft=fold_soft,
    )
    logger.info(
        "Distilled model on %s features: %s (classifier, gold share of the weight; "
        "cross-validated on dev).",
        fitted.featurizer,
        " averaged with ".join(f"{c} {share:.2f}" for c, share in fitted.members),
    )
    run.write_json("distill.json", fitted.to_dict())
    return fitted.model


def label_model_votes(
    task: Task, matrices: dict[str, LabelMatrix], splits: dict[str, Dataset], config: RunConfig
) -> tuple[dict[str, LabelMatrix], list[dict[str, Any]]]:
    """What the label model sees: the programs' votes less those no better than chance on dev
    (``drop_chance_votes``), with the dev classifier's votes beside them
    (``add_dev_classifier``); and the records of the votes ignored."""
    kept, ignored = drop_chance_votes(task, matrices, splits, config)
    return add_dev_classifier(task, kept, splits, config), ignored


def dev_only_baseline(
    task: Task,
    splits: dict[str, Dataset],
    config: RunConfig,
    classifiers: Sequence[str] = ("mlp",),
    featurizer: str | None = None,
) -> DistilledModel | None:
    """The honest baseline: the same distilled model (``classifiers``, averaged where there are
    several, and ``featurizer``: the ones the distilled model was given; default featurizer:
    ``featurizer_for``'s) trained on the dev labels alone."""
    dev = labeled_dev(splits, minimum=2)
    if dev is None:
        return None
    return fit_mixed(
        dev.frame.iloc[:0],
        np.zeros((0, task.n_classes)),
        dev.frame,
        np.asarray(dev.gold),
        n_classes=task.n_classes,
        featurizer=featurizer or featurizer_for(task, splits, config),
        members=[(classifier, 1.0) for classifier in classifiers],
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
    beside the majority class of that split, the dev-labels-only model and, where the data has
    them, its human labeling functions' majority vote.

    Both the distilled model and the dev-labels-only model are trained on the gold dev rows: on
    dev they are scored out of fold, by the cross-validation that chose the distilled model
    (``DistilledModel.dev_predictions_``; those entries carry ``"out_of_fold": True``), and the
    dev-labels-only model not at all when there was none. Beside it, the distilled model's
    entry holds ``versus_dev_only`` (``evaluation.paired_gain``): its accuracy gain over the
    dev-labels-only model on the same rows, with the standard error of that gain."""
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
        out_of_fold = distilled.dev_predictions_ if split == "dev" else None
        if out_of_fold is not None:
            predictions.update(out_of_fold)
        elif dev_only is not None and split != "dev":
            predictions["dev_only"] = dev_only.predict(dataset.frame)
        entry = {
            **{name: scored(predicted[known]) for name, predicted in predictions.items()},
            "majority_class": scored(
                np.full(len(gold), np.bincount(gold, minlength=task.n_classes).argmax())
            ),
        }
        if dataset.groups is not None:
            for name, predicted in predictions.items():
                entry[name]["groups"] = group_accuracy(dataset.gold, predicted, dataset.groups)
        for name in out_of_fold or ():
            entry[name]["out_of_fold"] = True
        if "dev_only" in predictions:
            entry["distilled"]["versus_dev_only"] = paired_gain(
                gold, predictions["distilled"][known], predictions["dev_only"][known]
            )
        if dataset.reference_votes is not None:
            # The dataset's own human labeling functions, aggregated by majority vote.
            reference = make_label_model("majority").fit(dataset.reference_votes, task.n_classes)
            entry["reference_majority_vote"] = scored(
                reference.predict(dataset.reference_votes)[known]
            )
        results[split] = entry
    return results


__all__ = [
    "DEV_CLASSIFIER",
    "add_dev_classifier",
    "dev_only_baseline",
    "drop_chance_votes",
    "distill_with_gold",
    "evaluate",
    "fold_pseudolabels",
    "label_model_votes",
    "search_programs",
]
