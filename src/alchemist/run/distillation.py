"""Stage 5 of a run: the distilled end model, trained on the label model's pseudolabels.

With labeled dev rows, the gold rows join the pseudolabels and their share of the weight, the
features and the classifiers are chosen by cross-validation on dev (``distill_with_gold``), and
that choice is the end model only where it beats the strongest simple reference (balanced
logistic regression on the dev labels alone, ``distill.reference``) beyond the noise; the
reference stays on the model (``reference_``) for scoring. ``dev_only_baseline`` is the same
model trained on the dev labels alone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

import numpy as np

from alchemist.data.dataset import Dataset
from alchemist.distill import DistilledModel
from alchemist.distill.gold import GoldSettings, fit_mixed, fit_with_gold
from alchemist.distill.model import fit_class_bias
from alchemist.distill.stacked import fit_stacked
from alchemist.errors import RunError
from alchemist.run.features import end_model_featurizers, featurizer_for, few_labels_featurizer
from alchemist.run.folder import (
    MIN_CHOICE_LABELS,
    RunDir,
    choosing_dev,
    labeled_dev,
)
from alchemist.run.settings import RunConfig
from alchemist.task import Task

logger = logging.getLogger(__name__)


def distill(
    run: RunDir,
    splits: dict[str, Dataset],
    covered: np.ndarray,
    proba: np.ndarray,
    config: RunConfig,
    fold_soft: Callable[[np.ndarray], np.ndarray] | None = None,
    keep: tuple[str, Sequence[tuple[str, float]]] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DistilledModel:
    """Train the small classifier on the covered training rows' soft labels, and save it
    (with gold dev rows: ``distill_with_gold``, ``fold_soft`` its folds' pseudolabels,
    ``keep`` a featurizer and members chosen before, ``progress(done, total)`` its folds)."""
    if covered.sum() < 2:
        raise RunError(
            "The programs voted on fewer than 2 training rows: nothing to distill. "
            "Check the programs' diagnostics and regenerate them.",
            path=str(run.folder),
            split="train",
        )
    train = splits["train"].subset(np.flatnonzero(covered))
    dev = splits.get("dev")
    task = splits["train"].task
    model = distill_with_gold(run, splits, covered, proba, config, fold_soft, keep, progress)
    if model is None:
        model = DistilledModel(featurizer=featurizer_for(task, splits, config), seed=config.seed)
        model.fit(
            train.frame,
            proba[covered],
            dev_frame=None if dev is None else dev.frame,
            dev_gold=None if dev is None else dev.gold,
        )
        if task.class_shares is not None:
            take_stated_shares(model, splits["train"], task.class_shares)
    run.replace_folder(run.model_dir.name, model.save)
    return model


def take_stated_shares(model: DistilledModel, train: Dataset, shares: Sequence[float]) -> None:
    """Without labels to choose on, the end model's answers on the training rows take the
    class shares the task file states (``distill.model.fit_class_bias``); the log says how far
    they were from them."""
    proba = model.predict_proba(train.frame)
    answered = np.bincount(proba.argmax(axis=1), minlength=len(shares)) / max(len(proba), 1)
    model.class_bias_ = fit_class_bias(proba, shares)
    logger.info(
        "The task file states the classes' shares (%s); the end model answered %s of the "
        "training rows, and its class biases now make it answer them in the stated shares.",
        ", ".join(f"{s:.2f}" for s in shares),
        ", ".join(f"{a:.2f}" for a in answered),
    )


def distill_with_gold(
    run: RunDir,
    splits: dict[str, Dataset],
    covered: np.ndarray,
    proba: np.ndarray,
    config: RunConfig,
    fold_soft: Callable[[np.ndarray], np.ndarray] | None = None,
    keep: tuple[str, Sequence[tuple[str, float]]] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DistilledModel | None:
    """The distilled model on pseudolabels and gold dev rows (None without usable dev labels,
    or with ``config.use_gold`` off), chosen by cross-validation on dev with ``fold_soft``'s
    pseudolabels for each fold (``fold_pseudolabels``), or with ``keep``'s featurizer and
    members (classifier, gold share) as they were chosen before, cross-validated only for
    their out-of-fold dev figures; the cross-validation lands in ``distill.json``. With fewer
    than ``MIN_CHOICE_LABELS`` gold rows nothing is chosen: ``small_dev_fit``."""
    dev = choosing_dev(splits)
    if not config.use_gold:
        return None
    if dev is None:
        return small_dev_fit(run, splits, covered, proba, config)
    task = splits["train"].task
    train = splits["train"].subset(np.flatnonzero(covered))
    fitted = fit_with_gold(
        train.frame,
        proba[covered],
        dev.frame,
        np.asarray(dev.gold),
        n_classes=task.n_classes,
        settings=GoldSettings(
            [keep[0]] if keep else end_model_featurizers(task, splits, config),
            seed=config.seed,
            members=None if keep is None else list(keep[1]),
            progress=progress,
        ),
        fold_soft=fold_soft,
    )
    logger.info(
        "Best candidate with the programs on %s features: %s (classifier, gold share of the "
        "weight; cross-validated on dev).",
        fitted.featurizer,
        " averaged with ".join(f"{c} {share:.2f}" for c, share in fitted.members),
    )
    if fitted.why:
        logger.info(fitted.why)
    run.write_json("distill.json", fitted.to_dict())
    return fitted.model


def small_dev_fit(
    run: RunDir,
    splits: dict[str, Dataset],
    covered: np.ndarray,
    proba: np.ndarray,
    config: RunConfig,
) -> DistilledModel | None:
    """The end model with 10 to ``MIN_CHOICE_LABELS`` - 1 gold dev rows, too few to choose a
    gold share or a classifier by cross-validation: the programs' model and the reference,
    weighed by the gold rows (``distill.stacked``), on the features used without labels
    (``few_labels_featurizer``). None with fewer
    than 10 (``labeled_dev``): the pseudolabels alone."""
    dev = labeled_dev(splits)
    if dev is None:
        return None
    task = splits["train"].task
    n_labels = int((np.asarray(dev.gold) >= 0).sum())
    train = splits["train"].subset(np.flatnonzero(covered))
    featurizer = few_labels_featurizer(task, config)
    model = fit_stacked(
        train.frame,
        proba[covered],
        dev.frame,
        np.asarray(dev.gold),
        n_classes=task.n_classes,
        featurizer=featurizer,
        seed=config.seed,
    )
    programs, reference = (float(w) for w in model.classifier_.shares_)  # type: ignore[attr-defined]
    why = (
        f"With {n_labels} labels (fewer than {MIN_CHOICE_LABELS}: nothing is chosen by "
        "cross-validation) the end model weighs the programs' model and the balanced logistic "
        f"regression on the labels by how well each answered them: {programs:.2f} and "
        f"{reference:.2f}."
    )
    logger.info(why)
    run.write_json(
        "distill.json",
        {
            "featurizer": featurizer,
            "end_model": "stacked",
            "weights": {"programs": programs, "reference": reference},
            "why": why,
            "gold_rows": n_labels,
        },
    )
    return model


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


__all__ = [
    "dev_only_baseline",
    "distill",
    "distill_with_gold",
    "small_dev_fit",
    "take_stated_shares",
]
