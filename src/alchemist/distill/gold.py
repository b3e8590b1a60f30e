"""The distilled model trained on pseudolabels and gold dev labels together.

A labeled dev split is worth more than early stopping: ``fit_with_gold`` trains the classifier
on the pseudolabeled training rows *and* the gold dev rows, with the gold rows' share of the
training weight (``GOLD_SHARES``: 0 = pseudolabels only, as without a dev split; 1 = dev labels
only, the honest baseline), the featurizer and the classifier (``CLASSIFIERS``: the MLP, or
logistic regression, steadier on small or tabular data) chosen by k-fold cross-validation on the
dev split: each candidate is trained with the pseudolabels and the other folds' gold rows, and
scored (macro-F1, ties: accuracy) on the held-out fold, never on a test split.

The best of twenty candidates on 200 rows owes part of its lead to the draw of the folds, so the
model is not that candidate alone but the average of its class probabilities with those of up to
two runners-up on the same features that are right as often within the noise of the held-out
rows (one paired standard error; ``AveragedClassifier``): an average of near-equals varies less
with the draw than any one of them. The out-of-fold predictions of that average and of its
dev-labels-only twin (the same features and classifiers, gold share 1) stay on the fitted model
(``DistilledModel.dev_predictions_``): the dev rows' honest figures, since both models are
trained on those rows. The pseudolabels themselves may owe something to the held-out fold's gold
labels (a classifier trained on the dev rows votes beside the programs; a stacked label model
learns from them), which would flatter the pseudolabel-heavy candidates: ``fold_soft`` gives
each fold the pseudolabels made without it (``dev_classifier.DevClassifier`` votes from the
other folds' rows).

Weights are given by repetition: the gold rows are repeated until they carry their share. Early
stopping of the MLP watches a tenth of the (unrepeated) training rows of both kinds, held out.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import product
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from alchemist._util.numeric import choice_score, stratified_folds
from alchemist.distill.averaged import AveragedClassifier
from alchemist.distill.classifiers import make_classifier
from alchemist.distill.featurizers import make_featurizer
from alchemist.distill.model import DistilledModel
from alchemist.errors import DistillError
from alchemist.evaluation.metrics import paired_gain

GOLD_SHARES = (0.0, 0.25, 0.5, 0.75, 1.0)
CLASSIFIERS = ("mlp", "logistic")
AVERAGED = 3
_HOLDOUT = 0.1


@dataclass
class GoldFit:
    """The fitted model, the chosen featurizer and members (classifier, gold share; the best
    candidate first), and the cross-validation scores of every candidate (macro-F1 and
    accuracy on held-out folds)."""

    model: DistilledModel
    featurizer: str
    members: list[tuple[str, float]]
    scores: dict[str, dict[str, float]] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def classifier(self) -> str:
        """The best candidate's classifier."""
        return self.members[0][0]

    @property
    def gold_share(self) -> float:
        """The best candidate's gold share."""
        return self.members[0][1]

    @property
    def dev_only_members(self) -> list[tuple[str, float]]:
        """The members of the dev-labels-only twin: the same classifiers with gold share 1."""
        return [(classifier, 1.0) for classifier, _ in self.members]

    def to_dict(self) -> dict[str, Any]:
        return {
            "featurizer": self.featurizer,
            "classifier": self.classifier,
            "gold_share": self.gold_share,
            "members": [{"classifier": c, "gold_share": share} for c, share in self.members],
            "cv_scores": self.scores,
            "seconds": self.seconds,
        }


def fit_with_gold(
    frame: pd.DataFrame,
    soft: np.ndarray,
    dev_frame: pd.DataFrame,
    dev_gold: np.ndarray,
    *,
    n_classes: int,
    featurizers: Sequence[str],
    classifiers: Sequence[str] = CLASSIFIERS,
    shares: Sequence[float] = GOLD_SHARES,
    folds: int = 5,
    seed: int = 0,
    fold_soft: Callable[[np.ndarray], np.ndarray] | None = None,
    averaged: int = AVERAGED,
    members: Sequence[tuple[str, float]] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> GoldFit:
    """Choose featurizer, classifier and gold share by ``folds``-fold CV on the dev rows, then
    fit on all.

    ``frame`` / ``soft``: training rows and their (n, k) pseudolabels (rows without a label,
    all zero, are left out); ``dev_gold``: class indices (-1 = unknown, left out);
    ``fold_soft(rows)``: the pseudolabels of the same training rows made with the gold labels
    of ``dev_frame``'s rows ``rows`` alone (default: ``soft`` for every fold); ``averaged``:
    how many candidates at most the model averages (1: the best alone); ``members``: a choice
    made before (classifier, gold share; on ``featurizers``' single entry) kept as it is, only
    it and its dev-labels-only twin cross-validated, for their out-of-fold dev predictions;
    ``progress(done, total)``: called as each candidate's fold is trained.
    """
    started = time.perf_counter()
    keep = np.isfinite(soft).all(axis=1) & (soft.sum(axis=1) > 0)
    frame, soft = frame.iloc[np.flatnonzero(keep)].reset_index(drop=True), soft[keep]
    known = np.flatnonzero(np.asarray(dev_gold) >= 0)
    dev_frame, gold = dev_frame.iloc[known].reset_index(drop=True), np.asarray(dev_gold)[known]
    if len(gold) < 2 * folds:
        raise DistillError(
            f"Training with gold labels needs at least {2 * folds} labeled dev "
            f"rows; got {len(gold)}."
        )
    assignment = stratified_folds(gold, folds, seed)
    fold_softs = [
        soft if fold_soft is None else _finite(fold_soft(known[assignment != f])[keep])
        for f in range(folds)
    ]
    scores: dict[str, dict[str, float]] = {}
    probas: dict[tuple[str, str, float], np.ndarray] = {}
    figures: dict[tuple[str, str, float], tuple[float, float]] = {}
    if members is not None and len(featurizers) != 1:
        raise ValueError(f"Kept members need one featurizer; got {list(featurizers)}.")
    pairs = list(product(classifiers, shares))
    if members is not None:
        pairs = list(dict.fromkeys([*members, *((c, 1.0) for c, _ in members)]))
    total, done = len(featurizers) * len(pairs) * folds, 0
    for name in featurizers:
        featurizer = make_featurizer(name)
        X_all: Any = featurizer.fit_transform(pd.concat([frame, dev_frame], ignore_index=True))
        X, X_dev = X_all[: len(frame)], X_all[len(frame) :]
        for classifier, share in pairs:
            if share < 1 and len(frame) == 0:
                continue
            proba = np.empty((len(gold), n_classes))
            for f in range(folds):
                train_rows, held = assignment != f, assignment == f
                clf = _fit(
                    X,
                    fold_softs[f],
                    X_dev[train_rows],
                    gold[train_rows],
                    share,
                    n_classes,
                    classifier,
                    seed,
                )
                proba[held] = clf.predict_proba(X_dev[held])
                done += 1
                if progress is not None:
                    progress(done, total)
            candidate = (name, classifier, share)
            probas[candidate] = proba
            figures[candidate] = choice_score(gold, proba.argmax(axis=1), n_classes)
            key = f"{name}, {classifier}, gold share {share:g}"
            scores[key] = {"macro_f1": figures[candidate][0], "accuracy": figures[candidate][1]}
    if not figures:
        raise DistillError("No featurizer, classifier and gold share could be scored.")
    chosen = (
        _members(figures, probas, gold, averaged)
        if members is None
        else [(featurizers[0], classifier, share) for classifier, share in members]
    )
    name = chosen[0][0]
    members = [(classifier, share) for _, classifier, share in chosen]
    model = fit_mixed(
        frame,
        soft,
        dev_frame,
        gold,
        n_classes=n_classes,
        featurizer=name,
        members=members,
        seed=seed,
    )
    model.dev_predictions_ = {}
    for method, group in (("distilled", chosen), ("dev_only", _dev_only(chosen))):
        full = np.full(len(dev_gold), -1, dtype=np.int64)
        full[known] = np.mean([probas[c] for c in group], axis=0).argmax(axis=1)
        model.dev_predictions_[method] = full
    return GoldFit(model, name, members, scores, time.perf_counter() - started)


def _members(
    figures: dict[tuple[str, str, float], tuple[float, float]],
    probas: dict[tuple[str, str, float], np.ndarray],
    gold: np.ndarray,
    averaged: int,
) -> list[tuple[str, str, float]]:
    """The best candidate and up to ``averaged - 1`` runners-up on its features whose held-out
    predictions are right no less often than the best's within one paired standard error
    (``evaluation.paired_gain``), best first."""
    ranked = sorted(figures, key=lambda c: figures[c], reverse=True)  # stable: ties keep order
    best = probas[ranked[0]].argmax(axis=1)
    chosen = [ranked[0]]
    for candidate in ranked[1:]:
        if len(chosen) >= averaged:
            break
        gain = paired_gain(gold, best, probas[candidate].argmax(axis=1))
        if candidate[0] == ranked[0][0] and gain["accuracy_gain"] <= gain["standard_error"]:
            chosen.append(candidate)
    return chosen


def _dev_only(chosen: list[tuple[str, str, float]]) -> list[tuple[str, str, float]]:
    """The dev-labels-only twin of the chosen candidates: each one's features and classifier
    with gold share 1."""
    return [(name, classifier, 1.0) for name, classifier, _ in chosen]


def fit_mixed(
    frame: pd.DataFrame,
    soft: np.ndarray,
    dev_frame: pd.DataFrame,
    gold: np.ndarray,
    *,
    n_classes: int,
    featurizer: str,
    members: Sequence[tuple[str, float]],
    seed: int = 0,
) -> DistilledModel:
    """One ``DistilledModel`` on ``featurizer``'s features: for each of ``members`` (classifier
    name, gold share) that classifier trained on pseudolabels and gold rows with the gold share
    of the weight (1: gold rows alone, the dev-labels-only baseline); several members are
    averaged (``AveragedClassifier``)."""
    started = time.perf_counter()
    if not members:
        raise DistillError("fit_mixed needs at least one (classifier, gold share) member.")
    known = np.flatnonzero(np.asarray(gold) >= 0)
    dev_frame, gold = dev_frame.iloc[known].reset_index(drop=True), np.asarray(gold)[known]
    fitted = make_featurizer(featurizer)
    X_all: Any = fitted.fit_transform(pd.concat([frame, dev_frame], ignore_index=True))
    X, X_gold = X_all[: len(frame)], X_all[len(frame) :]
    classifiers = [
        _fit(X, soft, X_gold, gold, share, n_classes, classifier, seed)
        for classifier, share in members
    ]
    clf = classifiers[0] if len(classifiers) == 1 else AveragedClassifier.of(classifiers, seed=seed)
    model = DistilledModel(featurizer=featurizer, classifier=clf.name, seed=seed)
    model.featurizer_, model.classifier_ = fitted, clf
    model.n_classes_, model.fit_seconds_ = n_classes, time.perf_counter() - started
    return model


def _finite(soft: np.ndarray) -> np.ndarray:
    """Pseudolabels with the rows a fold's label model left without a label made uniform."""
    bad = ~np.isfinite(soft).all(axis=1) | (soft.sum(axis=1) <= 0)
    return np.where(bad[:, None], 1.0 / soft.shape[1], soft)


def _fit(
    X: Any,
    soft: np.ndarray,
    X_gold: Any,
    gold: np.ndarray,
    share: float,
    n_classes: int,
    classifier: str,
    seed: int,
) -> Any:
    """The classifier on pseudolabeled rows and gold rows repeated to carry ``share``."""
    rng = np.random.default_rng(seed)
    hard = np.zeros((len(gold), n_classes), dtype=np.float32)
    hard[np.arange(len(gold)), gold] = 1.0
    parts = []
    if share < 1 and X.shape[0]:
        parts.append((X, soft.astype(np.float32), 1))
    if share > 0:
        copies = (
            1
            if share >= 1 or not X.shape[0]
            else max(1, int(round(share / (1 - share) * X.shape[0] / max(len(gold), 1))))
        )
        parts.append((X_gold, hard, copies))
    train_X, train_T, val_X, val_T = [], [], [], []
    for features, targets, copies in parts:
        order = rng.permutation(features.shape[0])
        n_val = int(round(_HOLDOUT * len(order))) if len(order) >= 20 else 0
        val, fit = np.sort(order[:n_val]), np.sort(order[n_val:])
        train_X += [features[fit]] * copies
        train_T += [targets[fit]] * copies
        if n_val:
            val_X.append(features[val])
            val_T.append(targets[val])
    # The held-out rows above watch early stopping: no second holdout inside the MLP.
    clf = make_classifier(
        classifier, seed=seed, **({"validation_fraction": 0.0} if classifier == "mlp" else {})
    )
    stack = sparse.vstack if sparse.issparse(X_gold) else np.vstack
    clf.fit(
        stack(train_X),
        np.vstack(train_T),
        X_dev=stack(val_X) if val_X else None,
        y_dev=np.vstack(val_T) if val_T else None,
        n_classes=n_classes,
    )
    return clf


__all__ = [
    "AVERAGED",
    "CLASSIFIERS",
    "GOLD_SHARES",
    "GoldFit",
    "fit_mixed",
    "fit_with_gold",
]
