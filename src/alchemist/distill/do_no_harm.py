"""Do no harm: the strongest simple reference the end model must beat, and the gain it must
show to beat it.

The reference is a class-balanced logistic regression on the dev labels alone
(``distill.reference.BalancedLogistic``), on the featurizer whose out-of-fold predictions score
best (``choose_reference``). On text its TF-IDF is a user's: words, fitted on the labeled rows
alone (``reference_featurizer``). The candidates' TF-IDF (word pairs too, fitted on every row
so that the pseudolabeled rows' words have a column) makes a far weaker reference: each row's
norm spreads over thousands of terms no labeled row holds, so the terms that carry a weight
weigh little. A candidate trained with the programs' pseudolabels replaces the reference only
when its gain over it (``versus_reference``: per-fold macro-F1 differences on the same dev
folds) clears its own noise; ``distill.gold`` applies that rule.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from alchemist._util.numeric import choice_score, stratified_folds
from alchemist.distill.featurizers import Featurizer, make_featurizer
from alchemist.distill.model import DistilledModel, fit_temperature
from alchemist.distill.reference import BalancedLogistic, cross_validated
from alchemist.evaluation.metrics import paired_gain


@dataclass
class Reference:
    """The strongest simple reference: its featurizer, its model fitted on every gold dev row,
    and the out-of-fold scores of each featurizer's (macro-F1 and accuracy)."""

    featurizer: str
    model: DistilledModel
    scores: dict[str, dict[str, float]]

    @property
    def C(self) -> float:
        """The C its model was fitted with (chosen by cross-validation on every gold row)."""
        return float(self.model.classifier_.C_)  # type: ignore[attr-defined]

    def to_dict(self) -> dict[str, Any]:
        return {
            "featurizer": self.featurizer,
            "classifier": BalancedLogistic.name,
            "C": self.C,
            "cv_scores": self.scores,
        }


def reference_featurizer(name: str, fitted: Featurizer, dev_frame: pd.DataFrame) -> Featurizer:
    """The reference's featurizer for the candidates' featurizer ``fitted`` (named ``name``):
    for TF-IDF, word TF-IDF fitted on the gold rows ``dev_frame`` alone; for any other,
    ``fitted`` itself."""
    if name != "tfidf":
        return fitted
    return make_featurizer("tfidf", ngram_range=(1, 1)).fit(dev_frame)


def choose_reference(
    references: dict[str, tuple[Featurizer, np.ndarray]],
    dev_frame: pd.DataFrame,
    gold: np.ndarray,
    n_classes: int,
    seed: int,
) -> Reference:
    """The reference of the featurizer whose out-of-fold predictions score best (macro-F1,
    ties: accuracy, then the earlier featurizer), fitted on every gold dev row."""
    best, scores = _best({name: proba for name, (_, proba) in references.items()}, gold, n_classes)
    return Reference(
        best,
        reference_model(references[best][0], dev_frame, gold, n_classes, seed),
        {name: {"macro_f1": f[0], "accuracy": f[1]} for name, f in scores.items()},
    )


def _best(
    probas: dict[str, np.ndarray], gold: np.ndarray, n_classes: int
) -> tuple[str, dict[str, tuple[float, float]]]:
    """The featurizer whose out-of-fold answers ``probas`` score best (macro-F1, ties: accuracy,
    then the earlier featurizer), and every featurizer's scores."""
    scores = {
        name: choice_score(gold, proba.argmax(axis=1), n_classes) for name, proba in probas.items()
    }
    return max(scores, key=lambda name: scores[name]), scores  # max keeps the first of equals


def reference_model(
    featurizer: Featurizer, dev_frame: pd.DataFrame, gold: np.ndarray, n_classes: int, seed: int
) -> DistilledModel:
    started = time.perf_counter()
    clf = BalancedLogistic(seed=seed).fit(
        featurizer.transform(dev_frame), gold, n_classes=n_classes
    )
    model = DistilledModel(featurizer=featurizer.name, classifier=clf.name, seed=seed)
    model.featurizer_, model.classifier_, model.n_classes_ = featurizer, clf, n_classes
    model.fit_seconds_ = time.perf_counter() - started
    return model


def fit_reference(
    frame: pd.DataFrame,
    dev_frame: pd.DataFrame,
    gold: np.ndarray,
    *,
    n_classes: int,
    featurizer: str,
    seed: int = 0,
) -> DistilledModel:
    """The strongest simple reference on ``featurizer``'s features: ``BalancedLogistic`` on
    the gold dev rows alone (-1 = unknown, left out), the featurizer fitted as ``fit_with_gold``
    fits it (``reference_featurizer``; the unlabeled ``frame`` and the dev rows)."""
    known = np.flatnonzero(np.asarray(gold) >= 0)
    dev_frame, gold = dev_frame.iloc[known].reset_index(drop=True), np.asarray(gold)[known]
    fitted = make_featurizer(featurizer)
    fitted.fit(pd.concat([frame, dev_frame], ignore_index=True))
    own = reference_featurizer(featurizer, fitted, dev_frame)
    return reference_model(own, dev_frame, gold, n_classes, seed)


def reference_temperature(
    reference: DistilledModel,
    dev_frame: pd.DataFrame,
    gold: np.ndarray,
    *,
    folds: int = 5,
    seed: int = 0,
) -> float:
    """The temperature (``model.fit_temperature``) of a reference fitted on the gold dev rows
    (-1 = unknown, left out): fitted on its answers out of fold (``folds`` stratified folds
    seeded with ``seed``) at the C it was fitted with. Each fold's own choice of C could be
    far sharper or flatter than that C, and a temperature fitted to another C's answers
    miscalibrates the model that answers new rows."""
    known = np.flatnonzero(np.asarray(gold) >= 0)
    gold = np.asarray(gold)[known]
    X = reference.featurizer_.transform(dev_frame.iloc[known].reset_index(drop=True))
    proba = cross_validated(
        X,
        gold,
        stratified_folds(gold, folds, seed),
        n_classes=reference.n_classes_,
        seed=seed,
        C_grid=(float(reference.classifier_.C_),),  # type: ignore[attr-defined]
    )
    return fit_temperature(proba, gold)


def out_of_fold_reference(
    dev_frame: pd.DataFrame,
    gold: np.ndarray,
    *,
    n_classes: int,
    featurizers: list[str],
    seed: int = 0,
) -> np.ndarray | None:
    """What the strongest simple reference knows of each gold dev row before the programs: its
    class probabilities out of fold (five stratified folds, fewer where a class has fewer
    rows), on the best of ``featurizers`` by those answers (``choose_reference``'s rule), each
    fitted on the dev rows alone (TF-IDF: words). None where a class has under two rows.
    The program search uses them to see which rows the labels alone cannot teach."""
    known = np.asarray(gold)
    folds = int(min(5, np.bincount(known, minlength=n_classes).min()))
    if folds < 2:
        return None
    assignment = stratified_folds(known, folds, seed)
    probas = {}
    for name in featurizers:
        options = {"ngram_range": (1, 1)} if name == "tfidf" else {}
        X = make_featurizer(name, **options).fit(dev_frame).transform(dev_frame)
        probas[name] = cross_validated(X, known, assignment, n_classes=n_classes, seed=seed)
    return probas[_best(probas, known, n_classes)[0]] if probas else None


def versus_reference(
    gold: np.ndarray,
    assignment: np.ndarray,
    ours: np.ndarray,
    theirs: np.ndarray,
    n_classes: int,
) -> dict[str, Any]:
    """``ours``' out-of-fold gain over ``theirs`` (class predictions for the dev rows
    ``gold``, folds ``assignment``): the mean of the per-fold macro-F1 differences, its
    standard error over the folds, and the per-row paired accuracy gain (``paired_gain``)."""
    gains = [
        choice_score(gold[held], ours[held], n_classes)[0]
        - choice_score(gold[held], theirs[held], n_classes)[0]
        for held in (assignment == f for f in np.unique(assignment))
    ]
    accuracy = paired_gain(gold, ours, theirs)
    return {
        "folds": len(gains),
        "macro_f1_gain": float(np.mean(gains)),
        "standard_error": float(np.std(gains, ddof=1) / np.sqrt(len(gains))),
        "fold_gains": [float(g) for g in gains],
        "accuracy_gain": accuracy["accuracy_gain"],
        "accuracy_standard_error": accuracy["standard_error"],
    }


def clears_noise(versus: dict[str, Any]) -> bool:
    """Whether a gain over the reference (``versus_reference``) clears its noise on both
    counts: the per-fold macro-F1 gain above its standard error and the per-row accuracy gain
    above its own."""
    return bool(
        versus["macro_f1_gain"] > versus["standard_error"]
        and versus["accuracy_gain"] > versus["accuracy_standard_error"]
    )


__all__ = [
    "Reference",
    "choose_reference",
    "clears_noise",
    "fit_reference",
    "out_of_fold_reference",
    "reference_featurizer",
    "reference_model",
    "reference_temperature",
    "versus_reference",
]
