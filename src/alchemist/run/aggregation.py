"""Stage 4 of a run: the label model over the programs' votes.

Where the run has labeled dev rows, they shape what the label model sees and which one it is:
a program's votes for a class that the dev rows show are no better than chance are ignored
(``drop_chance_votes``: such votes carry no evidence, yet label models count them), a classifier
trained on the gold dev labels votes beside the programs (``add_dev_classifier``, out of fold on
the dev rows themselves), and the label model is chosen by cross-validation on dev
(``aggregate``). ``fold_pseudolabels`` remakes these pseudolabels from a subset of the dev labels,
so that the end model's cross-validation never scores a fold on pseudolabels that saw it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.special import betainc

from alchemist.data.dataset import Dataset
from alchemist.distill.dev_classifier import DevClassifier
from alchemist.label_matrix import LabelMatrix
from alchemist.labelmodels import (
    DEFAULT_LABEL_MODEL,
    TAKE_CLASS_BALANCE,
    StackedLabelModel,
    choose_label_model,
    make_label_model,
)
from alchemist.run.features import featurizer_for
from alchemist.run.folder import choosing_dev, labeled_dev
from alchemist.run.settings import RunConfig
from alchemist.task import Task

logger = logging.getLogger(__name__)

DEV_CLASSIFIER = "dev_classifier"


# How sure the dev rows must be that a class's votes are no better than chance to drop them.
_CHANCE_CONFIDENCE = 0.8


@dataclass
class Aggregation:
    name: str
    params: dict[str, Any]
    model: Any
    proba: np.ndarray  # (n_train, k)
    scores: dict[str, float]


def aggregate(
    task: Task,
    matrices: dict[str, LabelMatrix],
    splits: dict[str, Dataset],
    config: RunConfig,
    keep: tuple[str, dict[str, Any]] | None = None,
) -> Aggregation:
    """Fit the label model on the training votes; choose it on the dev split when one exists,
    unless ``keep`` (name, parameters: a choice made before) is given: then refit that one."""
    train = matrices["train"].votes
    k = task.n_classes
    dev = choosing_dev(splits)  # below MIN_CHOICE_LABELS gold rows: the default, unchosen
    if keep is not None and config.label_model == "auto":
        name, params = keep
        model = refit_label_model(task, matrices, splits, config, name, params)
        logger.info("Label model kept from the last run: %s %s.", name, params)
        return Aggregation(name, dict(params), model, model.predict_proba(train), {})
    if config.label_model == "auto" and dev is not None and dev.gold is not None:
        selection = choose_label_model(train, matrices["dev"].votes, dev.gold, k, seed=config.seed)
        if selection.scores:
            logger.info(
                "Label model chosen on the dev split: %s %s (cross-validated dev macro-F1 %.3f).",
                selection.name,
                selection.params,
                max(selection.scores.values()),
            )
        else:
            logger.info("No dev row has a vote: using the default label model %s.", selection.name)
        name, params, model, scores = (
            selection.name,
            selection.params,
            selection.model,
            selection.scores,
        )
    else:
        name = DEFAULT_LABEL_MODEL if config.label_model == "auto" else config.label_model
        params = (
            {"class_balance": list(task.class_shares)}
            if task.class_shares is not None and name in TAKE_CLASS_BALANCE
            else {}
        )
        model = make_label_model(name, seed=config.seed, **params).fit(train, k)
        scores = {}
    return Aggregation(name, params, model, model.predict_proba(train), scores)


def refit_label_model(
    task: Task,
    matrices: dict[str, LabelMatrix],
    splits: dict[str, Dataset],
    config: RunConfig,
    name: str,
    params: dict[str, Any],
) -> Any:
    """The label model ``name`` with ``params`` fitted on the training votes (a stacked one on
    the gold dev rows too), as ``aggregate`` fits the one it chooses."""
    train, k = matrices["train"].votes, task.n_classes
    if name != "stacked":
        return make_label_model(name, seed=config.seed, **params).fit(train, k)
    dev = splits["dev"]
    gold = np.asarray(dev.gold)
    base = make_label_model(params["base"], seed=config.seed).fit(train, k)
    stacked = StackedLabelModel(base=params["base"], C=params["C"], seed=config.seed)
    return stacked.fit(train, k, matrices["dev"].votes, gold, base_model=base)


def label_model_votes(
    task: Task, matrices: dict[str, LabelMatrix], splits: dict[str, Dataset], config: RunConfig
) -> tuple[dict[str, LabelMatrix], list[dict[str, Any]]]:
    """What the label model sees: the programs' votes less those no better than chance on dev
    (``drop_chance_votes``), with the dev classifier's votes beside them
    (``add_dev_classifier``); and the records of the votes ignored."""
    kept, ignored = drop_chance_votes(task, matrices, splits, config)
    return add_dev_classifier(task, kept, splits, config), ignored


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
    rows of two classes (``MIN_CHOICE_LABELS``), or with ``config.use_gold`` off."""
    dev = choosing_dev(splits)
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
    dev = choosing_dev(splits)
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


__all__ = [
    "DEV_CLASSIFIER",
    "Aggregation",
    "add_dev_classifier",
    "aggregate",
    "drop_chance_votes",
    "fold_pseudolabels",
    "label_model_votes",
    "refit_label_model",
]
