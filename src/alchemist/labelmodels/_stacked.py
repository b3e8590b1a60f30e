"""A label model that learns from gold labels too, and the choice of one by cross-validation.

``StackedLabelModel`` fits an unsupervised label model on the training votes, then learns on the
labeled dev rows how far to trust each program: a multinomial logistic regression whose inputs
are the programs' one-hot votes (abstain = all zeros) and the unsupervised model's log
probabilities, regularised by ``C`` (small C: close to the unsupervised model; large C: the
dev rows decide). A program that is right less often than chance gets a negative weight instead
of being believed, which no unsupervised model can do.

``choose_label_model`` picks between the unsupervised models (the dev choice of
``select_label_model``) and stacked models with a few values of C by k-fold cross-validation on
the dev split (macro-F1, ties: accuracy, as every choice made on dev): every candidate is scored
on dev rows it never learned from (the unsupervised choice is itself made on the other folds), so
the comparison is fair. Only dev labels are read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Self

import numpy as np
from sklearn.linear_model import LogisticRegression

from alchemist._util.models import quiet_fit
from alchemist._util.numeric import choice_score, stratified_folds
from alchemist.errors import LabelModelError, NotFittedError
from alchemist.labelmodels._base import LabelModel
from alchemist.labelmodels._selection import (
    DEFAULT_LABEL_MODEL,
    DEV_CANDIDATES,
    LABEL_MODELS,
    make_label_model,
    select_label_model,
)
from alchemist.labelmodels._votes import check_n_classes, check_votes

STACKED_C_GRID = (0.1, 1.0)


class StackedLabelModel:
    """Unsupervised ``base`` model on the training votes, corrected on gold dev rows.

    ``fit(L_train, n_classes, L_dev, y_dev)``; then ``predict_proba(L)`` / ``predict(L)`` as any
    label model (``predict`` gives -1 where no program voted). Learned: ``base_`` (the fitted
    unsupervised model), ``coef_``, ``intercept_``, ``class_balance_`` (dev frequencies,
    smoothed), ``accuracies_`` (each program's smoothed accuracy on the dev rows it votes on).
    """

    def __init__(self, *, base: str = DEFAULT_LABEL_MODEL, C: float = 1.0, seed: int = 0) -> None:
        if base not in LABEL_MODELS:
            raise LabelModelError(
                f"Unknown base label model {base!r}; expected one of {sorted(LABEL_MODELS)}.",
                model=base,
            )
        if not C > 0:
            raise LabelModelError(f"C must be positive; got {C}.", model="stacked")
        self.base = base
        self.C = C
        self.seed = seed

    def fit(
        self,
        L: np.ndarray,
        n_classes: int,
        L_dev: np.ndarray,
        y_dev: np.ndarray,
        *,
        base_model: LabelModel | None = None,
    ) -> Self:
        """Learn from training votes ``L`` (no labels) and the labeled dev votes.

        ``base_model``: an unsupervised model already fitted on ``L`` (saves refitting it).
        """
        k = check_n_classes(n_classes)
        L = check_votes(L, k)
        L_dev = check_votes(L_dev, k, L.shape[1])
        gold = np.asarray(y_dev, dtype=np.int64).ravel()
        if gold.shape != (len(L_dev),):
            raise LabelModelError(
                f"y_dev must have one label per dev row ({len(L_dev)}); got shape {gold.shape}.",
                model="stacked",
                n_classes=k,
                n_programs=L.shape[1],
            )
        known = gold >= 0
        if len(np.unique(gold[known])) < 2:
            raise LabelModelError(
                "The stacked label model needs dev rows of at least two "
                "classes; this dev split has fewer.",
                model="stacked",
                n_classes=k,
                n_programs=L.shape[1],
            )
        self.n_classes_, self.n_programs_ = k, L.shape[1]
        self.base_ = base_model or make_label_model(self.base, seed=self.seed).fit(L, k)
        X = self._features(L_dev[known])
        model = LogisticRegression(C=self.C, max_iter=2000, random_state=self.seed)
        quiet_fit(model, X, gold[known])  # not converged in 2000 steps: used as it stands
        coef, intercept = model.coef_, model.intercept_
        if coef.shape[0] == 1:  # binary: sklearn keeps one logit, for the second class
            coef, intercept = np.vstack([np.zeros_like(coef), coef]), np.r_[0.0, intercept]
        full_coef = np.zeros((k, X.shape[1]))
        full_intercept = np.full(k, -1e3)  # a class no dev row has is never predicted
        full_coef[model.classes_], full_intercept[model.classes_] = coef, intercept
        self.coef_, self.intercept_ = full_coef, full_intercept
        counts = np.bincount(gold[known], minlength=k) + 1.0
        self.class_balance_ = counts / counts.sum()
        self.accuracies_ = _dev_accuracies(L_dev[known], gold[known])
        return self

    def predict_proba(self, L: np.ndarray) -> np.ndarray:
        """(n, k) probabilities; ``class_balance_`` for rows no program voted on."""
        self._check_fitted()
        L = check_votes(L, self.n_classes_, self.n_programs_)
        logits = self._features(L) @ self.coef_.T + self.intercept_
        logits -= logits.max(axis=1, keepdims=True)
        proba = np.exp(logits)
        proba /= proba.sum(axis=1, keepdims=True)
        proba[~(L >= 0).any(axis=1)] = self.class_balance_
        return proba

    def predict(self, L: np.ndarray) -> np.ndarray:
        pred = self.predict_proba(L).argmax(axis=1)
        pred[~(np.asarray(L) >= 0).any(axis=1)] = -1
        return pred

    def get_params(self) -> dict[str, Any]:
        return {"base": self.base, "C": self.C, "seed": self.seed}

    def _features(self, L: np.ndarray) -> np.ndarray:
        k = self.n_classes_
        onehot = np.concatenate([(L == c).astype(np.float64) for c in range(k)], axis=1)
        base = np.log(np.clip(self.base_.predict_proba(L), 1e-6, 1.0))
        return np.concatenate([onehot, base], axis=1)

    def _check_fitted(self) -> None:
        if not hasattr(self, "coef_"):
            raise NotFittedError("This StackedLabelModel is not fitted yet; call fit first.")


@dataclass(frozen=True)
class CrossValidatedChoice:
    """The chosen label model fitted on all the training votes (and dev rows, if stacked), its
    label, and every candidate's cross-validated dev macro-F1."""

    name: str
    params: dict[str, Any]
    model: Any
    scores: dict[str, float] = field(default_factory=dict)


def choose_label_model(
    L_train: np.ndarray,
    L_dev: np.ndarray,
    y_dev: np.ndarray,
    n_classes: int,
    *,
    folds: int = 5,
    seed: int = 0,
    c_grid: tuple[float, ...] = STACKED_C_GRID,
) -> CrossValidatedChoice:
    """The unsupervised dev choice or a stacked model, whichever has the higher k-fold
    cross-validated macro-F1 (ties: accuracy, then unsupervised) on the labeled dev rows with
    a vote; ``scores`` holds each candidate's cross-validated macro-F1."""
    k = check_n_classes(n_classes)
    gold = np.asarray(y_dev, dtype=np.int64).ravel()
    rows = np.flatnonzero((gold >= 0) & (np.asarray(L_dev) >= 0).any(axis=1))
    unsupervised = {
        name: make_label_model(name, seed=seed).fit(L_train, k) for name in DEV_CANDIDATES
    }
    if len(rows) < 2 * folds or len(np.unique(gold[rows])) < 2:
        selection = select_label_model(L_train, L_dev, y_dev, k, seed=seed)
        return CrossValidatedChoice(
            selection.name, selection.params, selection.model, dict(selection.scores)
        )
    assignment = stratified_folds(gold[rows], folds, seed)
    predictions = {name: m.predict(L_dev[rows]) for name, m in unsupervised.items()}
    scores: dict[str, tuple[float, float]] = {}
    # The unsupervised choice, made on the other folds each time.
    chosen = np.empty(len(rows), dtype=np.int64)
    for f in range(folds):
        fit, held = assignment != f, assignment == f
        best = max(predictions, key=lambda n: choice_score(gold[rows][fit], predictions[n][fit], k))
        chosen[held] = predictions[best][held]
    scores["unsupervised (chosen on dev)"] = choice_score(gold[rows], chosen, k)
    base = select_label_model(L_train, L_dev, y_dev, k, seed=seed)
    for C in c_grid:
        predicted = np.full(len(rows), -1, dtype=np.int64)
        for f in range(folds):
            fit, held = rows[assignment != f], rows[assignment == f]
            if len(np.unique(gold[fit])) < 2:
                continue
            stacked = StackedLabelModel(base=base.name, C=C, seed=seed).fit(
                L_train, k, L_dev[fit], gold[fit], base_model=unsupervised[base.name]
            )
            predicted[assignment == f] = stacked.predict(L_dev[held])
        scores[f"stacked({base.name}, C={C:g})"] = choice_score(gold[rows], predicted, k)
    winner = max(scores, key=lambda s: scores[s])
    figures = {label: score[0] for label, score in scores.items()}  # macro-F1, as reported
    unsupervised_score = scores["unsupervised (chosen on dev)"]
    if winner.startswith("unsupervised") or scores[winner] <= unsupervised_score:
        return CrossValidatedChoice(base.name, base.params, base.model, figures)
    C = float(winner.split("C=")[1].rstrip(")"))
    model = StackedLabelModel(base=base.name, C=C, seed=seed).fit(
        L_train, k, L_dev, gold, base_model=unsupervised[base.name]
    )
    return CrossValidatedChoice("stacked", {"base": base.name, "C": C}, model, figures)


def _dev_accuracies(L: np.ndarray, gold: np.ndarray) -> np.ndarray:
    voted = L >= 0
    right = (L == gold[:, None]) & voted
    return (right.sum(axis=0) + 1.0) / (voted.sum(axis=0) + 2.0)
