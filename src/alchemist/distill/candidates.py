"""The candidates ``distill.gold.fit_with_gold`` chooses among, and how they are scored: the
settings (featurizers, classifiers, gold shares, folds), the fold loop that drops a candidate
once it is decided to lose (the race), the near-equal runners-up averaged with the best, and
the out-of-fold answers of the choice itself (``choice_out_of_fold``).

A fold's candidates are independent fits: they are trained side by side in worker processes,
one per core other work leaves free (``GoldSettings.workers``); each fit is seeded alone, so
the answers are the same in any order and with any number of workers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from alchemist._util.cores import free_cores
from alchemist._util.numeric import choice_score
from alchemist._util.parallel import side_by_side
from alchemist.distill.mixed import fit_one
from alchemist.evaluation.metrics import paired_gain

GOLD_SHARES = (0.0, 0.25, 0.5, 0.75, 1.0)
CLASSIFIERS = ("mlp", "logistic")
AVERAGED = 3
RACE_ERRORS = 3.0


@dataclass(frozen=True)
class GoldSettings:
    """What ``fit_with_gold`` chooses among: ``featurizers``, ``classifiers`` and gold
    ``shares``, by ``folds``-fold cross-validation seeded with ``seed``; ``averaged``: how many
    candidates at most the model averages (1: the best alone); ``reference``: whether the
    strongest simple reference competes for the end model (off: the programs' candidates
    alone, as before the reference existed); ``race``: whether a candidate whose held-out
    predictions after two or more folds are right less often than the best's by more than
    ``RACE_ERRORS`` paired standard errors is left out, its remaining folds not fitted (the
    gold-share-1 candidates, the dev-only twins, always run); ``members``: a choice made before
    (classifier, gold share; on the single featurizer) kept as it is, only it and its
    dev-labels-only twin cross-validated, for their out-of-fold dev predictions (no race);
    ``progress(done, total)``: called as each candidate's fold is trained; ``workers``: how many
    processes train a fold's candidates side by side (None: the cores free when the
    cross-validation starts, ``free_cores``; 1: one after another in this process)."""

    featurizers: Sequence[str]
    classifiers: Sequence[str] = CLASSIFIERS
    shares: Sequence[float] = GOLD_SHARES
    folds: int = 5
    seed: int = 0
    averaged: int = AVERAGED
    reference: bool = True
    race: bool = True
    members: Sequence[tuple[str, float]] | None = None
    progress: Callable[[int, int], None] | None = None
    workers: int | None = None


def cross_validate(
    features: tuple[Any, Any],
    fold_softs: list[np.ndarray],
    gold: np.ndarray,
    assignment: np.ndarray,
    candidates: list[tuple[str, float]],
    n_classes: int,
    settings: GoldSettings,
) -> tuple[dict[tuple[str, float], np.ndarray], dict[tuple[str, float], int]]:
    """Out-of-fold class probabilities of each candidate (classifier, gold share) on the dev
    rows, fold by fold; with ``settings.race``, a candidate decided to lose (``_decided``) after
    a fold is dropped. Returns the completed candidates' probabilities and, for the dropped
    ones, the number of folds they ran."""
    X, X_dev = features
    proba = {c: np.zeros((len(gold), n_classes)) for c in candidates}
    alive, dropped = list(candidates), {}
    race = settings.race and settings.members is None
    total, done = len(candidates) * settings.folds, 0
    workers = settings.workers or free_cores()

    def arrived() -> None:  # one more candidate's fold trained
        nonlocal done
        done += 1
        if settings.progress is not None:
            settings.progress(done, total)

    for f in range(settings.folds):
        train_rows, held = assignment != f, assignment == f
        jobs = [
            (X_dev[held], X, fold_softs[f], X_dev[train_rows], gold[train_rows], share)
            + (n_classes, classifier, settings.seed)
            for classifier, share in alive
        ]
        answers, served = side_by_side(_held_out, jobs, workers, "candidates", arrived)
        workers = workers if served else 1
        for candidate, answer in zip(alive, answers, strict=True):
            proba[candidate][held] = answer
        if race and 1 <= f < settings.folds - 1:
            seen = assignment <= f
            for candidate in _decided(alive, proba, gold, seen, n_classes):
                alive.remove(candidate)
                dropped[candidate] = f + 1
    return {c: proba[c] for c in alive}, dropped


def _held_out(X_held: Any, *fit: Any) -> np.ndarray:
    """The class probabilities of the held-out rows ``X_held`` by one candidate trained
    without them (``fit``: ``fit_one``'s arguments)."""
    return fit_one(*fit).predict_proba(X_held)


def _decided(
    alive: list[tuple[str, float]],
    proba: dict[tuple[str, float], np.ndarray],
    gold: np.ndarray,
    seen: np.ndarray,
    n_classes: int,
) -> list[tuple[str, float]]:
    """The candidates (gold share below 1) right less often on the ``seen`` rows than the best
    of ``alive`` there by more than ``RACE_ERRORS`` paired standard errors."""
    predicted = {c: proba[c][seen].argmax(axis=1) for c in alive}
    best = max(alive, key=lambda c: choice_score(gold[seen], predicted[c], n_classes))
    decided = []
    for candidate in alive:
        if candidate[1] >= 1 or candidate == best:
            continue
        gain = paired_gain(gold[seen], predicted[best], predicted[candidate])
        if gain["accuracy_gain"] > max(RACE_ERRORS * gain["standard_error"], 0.0):
            decided.append(candidate)
    return decided


def chosen_members(
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


def choice_out_of_fold(
    probas: dict[Any, np.ndarray],
    gold: np.ndarray,
    assignment: np.ndarray,
    choose: Callable[[dict[Any, np.ndarray], np.ndarray], list[Any]],
) -> np.ndarray:
    """Out-of-fold class probabilities of a choice among candidates, not of the candidate it
    chose: each fold's rows get the mean of the candidates ``choose(probas, gold)`` picks from
    the other folds' rows alone (``probas`` and ``gold`` cut to those rows).

    The best of twenty candidates on the same folds is partly the luckiest, so its own
    out-of-fold figure overstates what choosing that way earns; here no fold's answers come
    from a choice that saw that fold's scores. Costs no training: the candidates' out-of-fold
    answers are already there (a candidate the race dropped is out of every fold's choice)."""
    out = np.zeros_like(next(iter(probas.values())))
    for f in np.unique(assignment):
        rest, held = assignment != f, assignment == f
        picked = choose({c: p[rest] for c, p in probas.items()}, gold[rest])
        out[held] = np.mean([probas[c][held] for c in picked], axis=0)
    return out


def scored(
    probas: dict[Any, np.ndarray], gold: np.ndarray, n_classes: int
) -> dict[Any, tuple[float, float]]:
    """Each candidate's (macro-F1, accuracy) of its predictions (``probas``' argmax) on
    ``gold``: what ``chosen_members`` and ``best_scoring`` rank by."""
    return {c: choice_score(gold, p.argmax(axis=1), n_classes) for c, p in probas.items()}


def best_scoring(probas: dict[Any, np.ndarray], gold: np.ndarray, n_classes: int) -> Any:
    """The candidate whose predictions score best (macro-F1, ties: accuracy, then the first)."""
    figures = scored(probas, gold, n_classes)
    return max(figures, key=lambda c: figures[c])


def dev_only_twin(chosen: list[tuple[str, str, float]]) -> list[tuple[str, str, float]]:
    """The dev-labels-only twin of the chosen candidates: each one's features and classifier
    with gold share 1."""
    return [(name, classifier, 1.0) for name, classifier, _ in chosen]


__all__ = [
    "AVERAGED",
    "CLASSIFIERS",
    "GOLD_SHARES",
    "RACE_ERRORS",
    "GoldSettings",
    "best_scoring",
    "choice_out_of_fold",
    "chosen_members",
    "cross_validate",
    "dev_only_twin",
    "scored",
]
