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

Do no harm: beside those candidates, the same folds score the strongest simple reference, a
class-balanced logistic regression on the dev labels alone (``distill.reference``), on every
featurizer. The chosen average becomes the end model only when its gain over the best of them
clears its own noise on both counts (``clears_noise``): the mean of its per-fold macro-F1 gains
above one standard error of that mean, and its per-row accuracy gain above its paired standard
error (``versus_reference``); otherwise the reference is the end model (``GoldFit.winner``).
The gain is the choice's, not the chosen candidate's: each fold's answers come from the
candidates chosen without that fold's scores (``candidates.choice_out_of_fold``; the
reference's featurizer likewise), since the best of a score of candidates on the same folds
owes part of its lead to luck, and a gain that is luck loses on new data.

Each candidate is one ``distill.mixed.fit_mixed`` model: how the gold rows carry their share of
the weight is said there.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import product
from typing import Any

import numpy as np
import pandas as pd

from alchemist._util.cores import free_cores
from alchemist._util.numeric import choice_score, stratified_folds
from alchemist.distill.candidates import (
    AVERAGED,
    CLASSIFIERS,
    GOLD_SHARES,
    RACE_ERRORS,
    GoldSettings,
    best_scoring,
    choice_out_of_fold,
    chosen_members,
    cross_validate,
    dev_only_twin,
    scored,
)
from alchemist.distill.do_no_harm import (
    Reference,
    choose_reference,
    clears_noise,
    fit_reference,
    reference_featurizer,
    reference_temperature,
    versus_reference,
)
from alchemist.distill.featurizers import Featurizer, make_featurizer
from alchemist.distill.mixed import finite, fit_mixed, mixed_model
from alchemist.distill.model import DistilledModel, fit_temperature
from alchemist.distill.reference import cross_validated
from alchemist.errors import DistillError

logger = logging.getLogger(__name__)


@dataclass
class GoldFit:
    """The fitted end model, the chosen featurizer and members (classifier, gold share; the
    best candidate first) of the programs' candidate, and the cross-validation scores of every
    candidate (macro-F1 and accuracy on held-out folds). With the reference: which of the two
    is the end model (``winner``: "programs" or "reference"), and ``versus_reference``, the
    programs' candidate's cross-validated gain over it with its noise."""

    model: DistilledModel
    featurizer: str
    members: list[tuple[str, float]]
    scores: dict[str, dict[str, float]] = field(default_factory=dict)
    seconds: float = 0.0
    reference: Reference | None = None
    winner: str = "programs"
    versus_reference: dict[str, Any] = field(default_factory=dict)
    dropped: dict[str, int] = field(default_factory=dict)

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

    @property
    def why(self) -> str:
        """Which model is the end model and why, in a sentence ("" without the reference)."""
        if self.reference is None:
            return ""
        versus = self.versus_reference
        figures = (
            f"a cross-validated macro-F1 gain of {100 * versus['macro_f1_gain']:+.1f} points "
            f"over the reference, noise {100 * versus['standard_error']:.1f} (one standard "
            f"error over {versus['folds']} dev folds), and an accuracy gain of "
            f"{100 * versus['accuracy_gain']:+.1f} points, noise "
            f"{100 * versus['accuracy_standard_error']:.1f} (paired over the dev rows; each "
            f"fold answered by the candidates chosen without it)"
        )
        if self.winner == "programs":
            return f"The model trained with the programs' pseudolabels is the end model: {figures}."
        return (
            "The end model is the reference (balanced logistic regression on the dev labels "
            f"alone, {self.reference.featurizer} features): the programs' candidate showed "
            f"{figures}: not beyond the noise on both counts."
        )

    def to_dict(self) -> dict[str, Any]:
        out = {
            "featurizer": self.featurizer,
            "classifier": self.classifier,
            "gold_share": self.gold_share,
            "members": [{"classifier": c, "gold_share": share} for c, share in self.members],
            "cv_scores": self.scores,
            "dropped": self.dropped,
            "seconds": self.seconds,
        }
        if self.reference is not None:
            out |= {
                "end_model": self.winner,
                "why": self.why,
                "reference": self.reference.to_dict(),
                "versus_reference": self.versus_reference,
            }
        return out


def fit_with_gold(
    frame: pd.DataFrame,
    soft: np.ndarray,
    dev_frame: pd.DataFrame,
    dev_gold: np.ndarray,
    *,
    n_classes: int,
    settings: GoldSettings,
    fold_soft: Callable[[np.ndarray], np.ndarray] | None = None,
) -> GoldFit:
    """Choose featurizer, classifier and gold share among ``settings``' by cross-validation on
    the dev rows, then fit on all; with ``settings.reference``, the end model is that choice
    only where it beats the strongest simple reference beyond the noise, else the reference.

    ``frame`` / ``soft``: training rows and their (n, k) pseudolabels (rows without a label,
    all zero, are left out); ``dev_gold``: class indices (-1 = unknown, left out);
    ``fold_soft(rows)``: the pseudolabels of the same training rows made with the gold labels
    of ``dev_frame``'s rows ``rows`` alone (default: ``soft`` for every fold).
    """
    started = time.perf_counter()
    workers = settings.workers or free_cores()  # measured once for every featurizer's folds
    settings = replace(settings, workers=workers)
    keep = np.isfinite(soft).all(axis=1) & (soft.sum(axis=1) > 0)
    frame, soft = frame.iloc[np.flatnonzero(keep)].reset_index(drop=True), soft[keep]
    known = np.flatnonzero(np.asarray(dev_gold) >= 0)
    dev_frame, gold = dev_frame.iloc[known].reset_index(drop=True), np.asarray(dev_gold)[known]
    folds, seed = settings.folds, settings.seed
    if len(gold) < 2 * folds:
        raise DistillError(
            f"Training with gold labels needs at least {2 * folds} labeled dev "
            f"rows; got {len(gold)}."
        )
    assignment = stratified_folds(gold, folds, seed)
    fold_softs = [
        soft if fold_soft is None else finite(fold_soft(known[assignment != f])[keep])
        for f in range(folds)
    ]
    scores: dict[str, dict[str, float]] = {}
    probas: dict[tuple[str, str, float], np.ndarray] = {}
    figures: dict[tuple[str, str, float], tuple[float, float]] = {}
    references: dict[str, tuple[Featurizer, np.ndarray]] = {}
    featurized: dict[str, tuple[Featurizer, Any, Any]] = {}  # fitted once, kept for the fit
    dropped: dict[str, int] = {}  # candidates left out once decided: after how many folds
    grid = [(c, share) for c, share in product(settings.classifiers, settings.shares)]
    if settings.members is not None:
        if len(settings.featurizers) != 1:
            raise ValueError(f"Kept members need one featurizer; got {list(settings.featurizers)}.")
        grid = list(dict.fromkeys([*settings.members, *((c, 1.0) for c, _ in settings.members)]))
    total = len(settings.featurizers) * len(grid)
    for name in settings.featurizers:
        logger.info("End model, cross-validation on dev: %s features of %d rows.", name, len(frame))
        featurizer = make_featurizer(name)
        X_all: Any = featurizer.fit_transform(pd.concat([frame, dev_frame], ignore_index=True))
        X, X_dev = X_all[: len(frame)], X_all[len(frame) :]
        featurized[name] = (featurizer, X, X_dev)
        if settings.reference:
            own = reference_featurizer(name, featurizer, dev_frame)
            X_own = X_dev if own is featurizer else own.transform(dev_frame)
            references[name] = (
                own,
                cross_validated(X_own, gold, assignment, n_classes=n_classes, seed=seed),
            )
        alive = [(c, share) for c, share in grid if share >= 1 or len(frame)]
        done, out = cross_validate(
            (X, X_dev), fold_softs, gold, assignment, alive, n_classes, settings
        )
        for (classifier, share), proba in done.items():
            candidate = (name, classifier, share)
            probas[candidate] = proba
            figures[candidate] = choice_score(gold, proba.argmax(axis=1), n_classes)
            key = f"{name}, {classifier}, gold share {share:g}"
            scores[key] = {"macro_f1": figures[candidate][0], "accuracy": figures[candidate][1]}
        dropped |= {f"{name}, {c}, gold share {share:g}": n for (c, share), n in out.items()}
        logger.info(
            "End model, cross-validation on dev: %d/%d candidates scored, %d dropped as "
            "decided (%.0f s so far).",
            len(scores),
            total,
            len(dropped),
            time.perf_counter() - started,
        )
    if not figures:
        raise DistillError("No featurizer, classifier and gold share could be scored.")
    chosen = (
        chosen_members(figures, probas, gold, settings.averaged)
        if settings.members is None
        else [
            (settings.featurizers[0], classifier, share) for classifier, share in settings.members
        ]
    )
    name = chosen[0][0]
    members = [(classifier, share) for _, classifier, share in chosen]
    oof_proba = np.mean([probas[c] for c in chosen], axis=0)
    oof = {
        "distilled": oof_proba.argmax(axis=1),
        "dev_only": np.mean([probas[c] for c in dev_only_twin(chosen)], axis=0).argmax(axis=1),
    }
    fit = GoldFit(DistilledModel(), name, members, scores, dropped=dropped)
    if references:
        reference = choose_reference(references, dev_frame, gold, n_classes, seed)
        oof["reference"] = references[reference.featurizer][1].argmax(axis=1)
        # The two choices' answers, each fold's from what was chosen without it; members kept
        # from before were not chosen here: their own out-of-fold answers.
        ours = (
            oof_proba
            if settings.members is not None
            else choice_out_of_fold(
                probas,
                gold,
                assignment,
                lambda proba, rows_gold: chosen_members(
                    scored(proba, rows_gold, n_classes), proba, rows_gold, settings.averaged
                ),
            )
        )
        theirs = choice_out_of_fold(
            {featurizer: proba for featurizer, (_, proba) in references.items()},
            gold,
            assignment,
            lambda proba, rows_gold: [best_scoring(proba, rows_gold, n_classes)],
        )
        fit.reference, fit.versus_reference = (
            reference,
            versus_reference(
                gold, assignment, ours.argmax(axis=1), theirs.argmax(axis=1), n_classes
            ),
        )
        fit.winner = "programs" if clears_noise(fit.versus_reference) else "reference"
    if fit.winner == "reference":
        assert fit.reference is not None
        fit.model, oof["distilled"] = fit.reference.model, oof["reference"]
        fit.model.temperature_ = reference_temperature(
            fit.model, dev_frame, gold, folds=folds, seed=seed
        )
    else:
        fit.model = mixed_model(featurized[name], soft, gold, n_classes, members, seed, workers)
        fit.model.temperature_ = fit_temperature(oof_proba, gold)  # its answers out of fold
    fit.model.dev_predictions_ = {}
    for method, predicted in oof.items():
        full = np.full(len(dev_gold), -1, dtype=np.int64)
        full[known] = predicted
        fit.model.dev_predictions_[method] = full
    if fit.reference is not None:
        fit.model.reference_ = fit.reference.model
    fit.seconds = time.perf_counter() - started
    return fit


__all__ = [
    "AVERAGED",
    "CLASSIFIERS",
    "RACE_ERRORS",
    "GOLD_SHARES",
    "GoldFit",
    "GoldSettings",
    "Reference",
    "fit_mixed",
    "fit_reference",
    "fit_with_gold",
    "versus_reference",
]
