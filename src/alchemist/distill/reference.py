"""The strongest simple reference: class-balanced logistic regression on the dev labels alone.

What a user fits in three lines of scikit-learn, and what every run must beat: for each
featurizer, ``LogisticRegression(class_weight="balanced")`` trained on the gold dev rows alone,
its ``C`` chosen by an inner stratified cross-validation on the rows it is trained on
(``BalancedLogistic``). ``cross_validated`` scores it out of fold on the dev rows with the folds
the distilled model's candidates are scored on (``distill.gold.fit_with_gold``), so the two are
compared row for row; the featurizer that scores best is "dev labels only, best simple model".
"""

from __future__ import annotations

from typing import Any, Self

import numpy as np
from sklearn.linear_model import LogisticRegression

from alchemist._util.models import quiet_fit
from alchemist._util.numeric import choice_score, stratified_folds
from alchemist.distill._base import Classifier
from alchemist.distill._network import Features
from alchemist.distill.classifiers import CLASSIFIERS, _training_rows

C_GRID = (0.01, 0.1, 1.0, 10.0, 100.0)
_ABSENT = -30.0  # the logit of a class the training rows never show


class BalancedLogistic(Classifier):
    """Logistic regression with class-balanced weights, ``C`` chosen from ``C_grid`` by
    ``folds``-fold stratified cross-validation on the training rows (macro-F1, ties: accuracy,
    then the smaller C; one pass over the grid per fold, each fit warm-started from the last).

    Trained on class indices (or the most probable class of probability rows). With fewer than
    two rows of some class per inner fold, the folds shrink; under two, ``C`` is 1."""

    name = "balanced_logistic"
    coef_: np.ndarray
    intercept_: np.ndarray
    C_: float

    def __init__(
        self,
        *,
        C_grid: tuple[float, ...] = C_GRID,
        folds: int = 3,
        max_iter: int = 1000,
        seed: int = 0,
    ) -> None:
        self.C_grid = C_grid
        self.folds = folds
        self.max_iter = max_iter
        self.seed = seed

    def fit(
        self,
        X: Features,
        Y: np.ndarray,
        *,
        X_dev: Features | None = None,
        y_dev: np.ndarray | None = None,
        n_classes: int | None = None,
    ) -> Self:
        """Train on ``X`` and labels ``Y`` (``X_dev`` / ``y_dev`` are not used: ``C`` is
        chosen by cross-validation on the training rows)."""
        if not self.C_grid or self.folds < 2:
            raise ValueError(
                f"BalancedLogistic needs a non-empty C_grid and folds >= 2; got C_grid="
                f"{self.C_grid!r}, folds={self.folds!r}."
            )
        X, T = _training_rows(X, Y, n_classes)
        y, k = T.argmax(axis=1), T.shape[1]
        self.C_ = self._choose_C(X, y, k)
        self.n_features_in_, self.n_classes_ = X.shape[1], k
        self.coef_, self.intercept_ = self._fitted(X, y, k, self.C_)
        return self

    def _choose_C(self, X: Features, y: np.ndarray, k: int) -> float:
        counts = np.bincount(y, minlength=k)
        folds = min(self.folds, int(counts[counts > 0].min()))
        grid = sorted(self.C_grid)
        if folds < 2 or (counts > 0).sum() < 2 or len(grid) == 1:
            return 1.0 if len(grid) > 1 else grid[0]
        assignment = stratified_folds(y, folds, self.seed)
        predicted = np.empty((len(grid), len(y)), dtype=np.int64)
        for f in range(folds):
            train, held = assignment != f, assignment == f
            model = self._model(grid[0])
            for i, C in enumerate(grid):  # ascending C, each fit from the last one's weights
                model.set_params(C=C)
                quiet_fit(model, X[train], y[train])
                predicted[i, held] = model.predict(X[held])
        scores = [choice_score(y, p, k) for p in predicted]
        return grid[max(range(len(grid)), key=lambda i: (scores[i], -i))]

    def _model(self, C: float) -> LogisticRegression:
        return LogisticRegression(
            C=C,
            class_weight="balanced",
            max_iter=self.max_iter,
            warm_start=True,
            random_state=self.seed,
        )

    def _fitted(self, X: Features, y: np.ndarray, k: int, C: float) -> tuple[Any, Any]:
        """Coefficients (d, k) and intercepts (k,) over all ``k`` classes."""
        coef = np.zeros((X.shape[1], k))
        intercept = np.full(k, _ABSENT)
        present = np.unique(y)
        if len(present) == 1:  # one class to learn: it is always the answer
            intercept[present[0]] = 0.0
            return coef, intercept
        model = self._model(C)
        quiet_fit(model, X, y)
        if model.coef_.shape[0] == 1:  # binary: one logit, for the second class
            coef[:, present[1]] = model.coef_[0]
            intercept[present] = [0.0, model.intercept_[0]]
        else:
            coef[:, present] = model.coef_.T
            intercept[present] = model.intercept_
        return coef, intercept

    def _logits(self, X: Features) -> np.ndarray:
        return np.asarray(X @ self.coef_) + self.intercept_

    def _state(self) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        meta = {"n_features_in_": self.n_features_in_, "n_classes_": self.n_classes_, "C_": self.C_}
        return meta, {"coef": self.coef_, "intercept": self.intercept_}

    def _load_state(self, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
        self.coef_, self.intercept_ = arrays["coef"], arrays["intercept"]
        self.n_features_in_, self.n_classes_, self.C_ = (
            meta["n_features_in_"],
            meta["n_classes_"],
            meta["C_"],
        )


def cross_validated(
    X_dev: Features,
    gold: np.ndarray,
    assignment: np.ndarray,
    *,
    n_classes: int,
    seed: int = 0,
    C_grid: tuple[float, ...] = C_GRID,
) -> np.ndarray:
    """Out-of-fold class probabilities of ``BalancedLogistic`` on the dev rows: each fold
    (``assignment``) predicted by a model trained on the other folds' rows, (n, k). Each fold
    chooses its C from ``C_grid`` (one C: that C, the fitted model's, for its temperature)."""
    proba = np.empty((len(gold), n_classes))
    for f in np.unique(assignment):
        held = assignment == f
        model = BalancedLogistic(C_grid=C_grid, seed=seed)
        model.fit(X_dev[~held], gold[~held], n_classes=n_classes)
        proba[held] = model.predict_proba(X_dev[held])
    return proba


CLASSIFIERS[BalancedLogistic.name] = BalancedLogistic

__all__ = ["C_GRID", "BalancedLogistic", "cross_validated"]
