"""Which features a run's dev labels choose: the dev classifier's, and those the
distilled model's cross-validation tries.

With ``--featurizer auto`` and labeled dev rows, text can be read as TF-IDF or as MiniLM
sentence embeddings (``distill.featurizer_candidates``). The dev classifier, which votes beside
the programs, takes whichever lets a classifier on the dev labels alone score best out of fold
(``featurizer_for``); the distilled model's cross-validation tries every candidate with its
gold shares and classifiers (``end_model_featurizers``), because which features pay off with
thousands of pseudolabels is not what 200 gold rows alone say. Without dev labels, text is read
as MiniLM where it is installed, and so it is with fewer than 50 (``few_labels_featurizer``):
too few to choose features by, and where a model trained on ten or twenty labels is part of the
end model, sentence embeddings serve it far better than words it has seen once.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from alchemist.data.dataset import Dataset
from alchemist.distill import featurizer_candidates
from alchemist.distill.dev_classifier import choose_featurizer
from alchemist.run.folder import choosing_dev
from alchemist.run.settings import RunConfig
from alchemist.task import Task

logger = logging.getLogger(__name__)

_MIN_GOLD = 10
_CHOSEN: dict[tuple[tuple[str, ...], int, bytes], str] = {}  # featurizer_for's choices


def end_model_featurizers(task: Task, splits: dict[str, Dataset], config: RunConfig) -> list[str]:
    """The features the distilled model's cross-validation on dev chooses among: with "auto"
    and labeled dev rows every candidate of ``featurizer_candidates`` (the gold share and the
    classifier decide which features pay off with the pseudolabels, which a classifier on the
    dev labels alone cannot tell), else ``featurizer_for``'s one."""
    if config.featurizer != "auto" or choosing_dev(splits) is None or not config.use_gold:
        return [featurizer_for(task, splits, config)]
    return featurizer_candidates(task.modality)


def few_labels_featurizer(task: Task, config: RunConfig) -> str:
    """The end model's features with too few labels to choose them (``distill.stacked``):
    ``config.featurizer`` unless "auto", then the one used without labels (the last of
    ``featurizer_candidates``: MiniLM for text where it is installed).

    With 10 or 20 labels, a balanced logistic regression on their MiniLM embeddings scored
    above one on words fitted on them, and far above one on the run's TF-IDF, on held-out
    training rows of four text sets (tied on one; ``docs/benchmarks.md``); the programs' model,
    the stacked model's other half, reads the features it reads with no label at all."""
    if config.featurizer != "auto":
        return config.featurizer
    return featurizer_candidates(task.modality)[-1]


def featurizer_for(task: Task, splits: dict[str, Dataset], config: RunConfig) -> str:
    """The dev classifier's featurizer, and the distilled model's when no dev labels choose it:
    ``config.featurizer`` unless "auto"; then, with labeled dev rows (and ``config.use_gold``),
    the candidate of ``featurizer_candidates`` that ``choose_featurizer`` picks on them (the
    choice is remembered per dev split, so every stage of a run gets the same one); without,
    the last candidate, MiniLM for text where it is installed: sentence embeddings place texts
    of similar meaning close together, so a model learning from pseudolabels alone reaches past
    the exact words the programs match (docs/benchmarks.md measures both)."""
    if config.featurizer != "auto":
        return config.featurizer
    dev, candidates = choosing_dev(splits), featurizer_candidates(task.modality)
    if dev is None or not config.use_gold or len(candidates) == 1:
        return candidates[-1]
    gold = np.asarray(dev.gold)
    key = (
        tuple(candidates),
        config.seed,
        pd.util.hash_pandas_object(dev.frame.astype(str), index=False).to_numpy().tobytes()
        + gold.tobytes(),
    )
    if key not in _CHOSEN:
        name, scores = choose_featurizer(
            dev.frame, gold, n_classes=task.n_classes, candidates=candidates, seed=config.seed
        )
        logger.info(
            "Featurizer chosen on the dev split: %s (out-of-fold dev macro-F1 of a classifier "
            "on the dev labels: %s).",
            name,
            ", ".join(f"{n} {s['macro_f1']:.3f}" for n, s in scores.items()),
        )
        if len(_CHOSEN) >= 64:
            _CHOSEN.clear()
        _CHOSEN[key] = name
    return _CHOSEN[key]


__all__ = ["end_model_featurizers", "featurizer_for", "few_labels_featurizer"]
