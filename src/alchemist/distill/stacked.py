"""The end model for a few labels: the programs' model and the reference, weighed by the labels.

With a handful of gold rows (fewer than a cross-validation can choose with) neither source is
safe alone: the programs' pseudolabels cover every row but carry the programs' blind spots, and
a classifier on ten labels has seen little. ``StackedClassifier`` keeps both and lets the gold
rows say how far to trust each:

- the programs' model: soft-label logistic regression on the pseudolabels alone, so its answers
  on the gold rows are out of sample;
- the reference: ``BalancedLogistic`` on the gold rows (what a user fits on their labels), its
  answers on the gold rows left out one at a time, at the C chosen on all of them: with twenty
  labels, five folds would judge a reference trained on sixteen, and two folds (a class with
  two labels) one trained on half, far weaker than the one that answers new rows, and the
  weights would lean on the programs too much;
- the combination: class logits ``w_p * log p_programs + w_r * log p_reference + b``, one
  non-negative weight per model and one bias per class, fitted on the gold rows by class-balanced
  log-loss, the weights shrunk towards an equal share and the biases towards none. Three to four
  parameters, where a gold share, a classifier and a featurizer chosen by cross-validation
  would be dozens. Each model's log-probabilities are first put on the scale at which its
  answers on the gold rows are right (its own temperature, ``model.fit_temperature``): a
  reference trained on twenty labels with a small C answers barely above one half where it is
  mostly right, and on its raw scale an "equal share" would leave it a whisper beside the
  programs' confident model (``shares_`` are the weights on that scale, ``weights_`` on the
  raw one).

Where the programs' model is wrong on the gold rows its weight falls towards zero and the
reference decides; where the reference, trained on few rows, is unsure or overconfident, the
programs' model carries it. Fewer than two gold rows of some class leave the reference without
out-of-fold answers to weigh: the programs' model then decides alone (``weights_`` (1, 0)).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any, Self

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import log_softmax

from alchemist._util.numeric import softmax, stratified_folds
from alchemist.distill._base import Classifier
from alchemist.distill._network import Features
from alchemist.distill._params import restore
from alchemist.distill.classifiers import CLASSIFIERS, LogisticClassifier, _training_rows
from alchemist.distill.mixed import featurized
from alchemist.distill.model import DistilledModel, fit_temperature
from alchemist.distill.reference import BalancedLogistic, cross_validated
from alchemist.errors import DistillError

_TINY = 1e-9  # probabilities are floored here before the logarithm
# How many labeled rows' worth of belief the combination's weights start with (see
# ``combination``): 5 keeps ten labels from swinging them to an extreme.
PRIOR_STRENGTH = 5.0


class StackedClassifier(Classifier):
    """The programs' model and the reference (``members_``), their log-probabilities combined
    with ``weights_`` and ``bias_`` learned on the gold rows (see the module docstring).

    ``fit(X, Y, X_dev=..., y_dev=...)``: ``X``/``Y`` the pseudolabeled rows and their class
    probabilities, ``X_dev``/``y_dev`` the gold rows and their class indices (required). The
    reference's out-of-sample answers on them: each row's from a reference trained on all the
    others (``folds`` None), or from ``folds``-fold stratified cross-validation."""

    name = "stacked"
    members_: list[Classifier]
    weights_: np.ndarray
    bias_: np.ndarray
    shares_: np.ndarray  # the weights on the members' calibrated log-probabilities; unsaved
    gold_proba_: np.ndarray  # on the gold rows, from the members' out-of-sample answers; unsaved

    def __init__(self, *, folds: int | None = None, seed: int = 0) -> None:
        self.folds = folds
        self.seed = seed

    @property
    def kinds(self) -> tuple[str, ...]:
        return ("logistic", "balanced_logistic")

    def fit(
        self,
        X: Features,
        Y: np.ndarray,
        *,
        X_dev: Features | None = None,
        y_dev: np.ndarray | None = None,
        n_classes: int | None = None,
    ) -> Self:
        """Train the programs' model on ``X``/``Y``, the reference on the gold rows, and the
        weights on the gold rows (the reference's answers out of fold)."""
        if X_dev is None or y_dev is None:
            raise DistillError(
                "A stacked classifier learns its weights on gold rows; pass X_dev and y_dev."
            )
        X_gold, T_gold = _training_rows(X_dev, y_dev, n_classes, "dev")
        gold, k = T_gold.argmax(axis=1), T_gold.shape[1]
        programs = LogisticClassifier(seed=self.seed).fit(X, Y, n_classes=k)
        reference = BalancedLogistic(seed=self.seed).fit(X_gold, gold, n_classes=k)
        self.members_ = [programs, reference]
        self.n_features_in_, self.n_classes_ = programs.n_features_in_, k
        out_of_fold = self._reference_out_of_fold(X_gold, gold, k, reference.C_)
        logs = [_log(programs.predict_proba(X_gold))]
        if out_of_fold is None:
            self.weights_, self.bias_ = np.array([1.0, 0.0]), np.zeros(k)
            self.shares_ = self.weights_
            logs.append(np.zeros_like(logs[0]))
        else:
            logs.append(_log(out_of_fold))
            scales = np.array([1.0 / fit_temperature(np.exp(log), gold) for log in logs])
            calibrated = [scale * log for scale, log in zip(scales, logs, strict=True)]
            self.shares_, self.bias_ = combination(calibrated, gold, k)
            self.weights_ = self.shares_ * scales
        self.gold_proba_ = softmax(combine(self.weights_, self.bias_, logs))
        return self

    def _reference_out_of_fold(
        self, X_gold: Features, gold: np.ndarray, k: int, C: float
    ) -> np.ndarray | None:
        fewest = int(np.bincount(gold, minlength=k).min())
        if fewest < 2:
            return None
        if self.folds is None:
            return cross_validated(
                X_gold, gold, np.arange(len(gold)), n_classes=k, seed=self.seed, C_grid=(C,)
            )
        assignment = stratified_folds(gold, min(self.folds, fewest), self.seed)
        return cross_validated(X_gold, gold, assignment, n_classes=k, seed=self.seed)

    def _logits(self, X: Features) -> np.ndarray:
        logs = [_log(member.predict_proba(X)) for member in self.members_]
        return combine(self.weights_, self.bias_, logs)

    def _state(self) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        meta: dict[str, Any] = {"members_": [], "n_classes_": self.n_classes_}
        arrays: dict[str, np.ndarray] = {"weights": self.weights_, "bias": self.bias_}
        for i, member in enumerate(self.members_):
            state, own = member._state()
            meta["members_"].append(
                {"name": member.name, "params": member.get_params(), "state": state}
            )
            arrays.update({f"{i}/{key}": value for key, value in own.items()})
        return meta, arrays

    def _load_state(self, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
        members = []
        for i, part in enumerate(meta["members_"]):
            member = restore(CLASSIFIERS[part["name"]], part["params"])
            own = {k[len(f"{i}/") :]: v for k, v in arrays.items() if k.startswith(f"{i}/")}
            member._load_state(part["state"], own)
            members.append(member)
        self.members_ = members
        self.weights_, self.bias_ = arrays["weights"], arrays["bias"]
        self.n_features_in_ = members[0].n_features_in_
        self.n_classes_ = meta["n_classes_"]


def fit_stacked(
    frame: pd.DataFrame,
    soft: np.ndarray,
    dev_frame: pd.DataFrame,
    gold: np.ndarray,
    *,
    n_classes: int,
    featurizer: str,
    seed: int = 0,
) -> DistilledModel:
    """A ``DistilledModel`` whose classifier is a ``StackedClassifier``: the pseudolabeled rows
    ``frame`` (class probabilities ``soft``) and the gold rows of ``dev_frame`` (``gold``, -1
    where a row has none) on ``featurizer``'s features; its ``reference_`` is the stacked
    reference alone, scored beside it. Its temperature (``model.fit_temperature``) is fitted on
    the gold rows' combined answers: the weights were fitted class-balanced, which leaves the
    probabilities off the rate at which the model is right."""
    started = time.perf_counter()
    (fitted, X, X_gold), gold = featurized(frame, dev_frame, gold, featurizer)
    classifier = StackedClassifier(seed=seed).fit(
        X, soft, X_dev=X_gold, y_dev=gold, n_classes=n_classes
    )
    model = DistilledModel(featurizer=fitted.name, classifier=classifier.name, seed=seed)
    model.featurizer_, model.classifier_, model.n_classes_ = fitted, classifier, n_classes
    model.temperature_ = fit_temperature(classifier.gold_proba_, gold)
    model.fit_seconds_ = time.perf_counter() - started
    reference = DistilledModel(featurizer=fitted.name, classifier=BalancedLogistic.name, seed=seed)
    reference.featurizer_, reference.classifier_ = fitted, classifier.members_[1]
    reference.n_classes_, reference.fit_seconds_ = n_classes, 0.0
    model.reference_ = reference  # scored beside the end model, as fit_with_gold's is
    return model


def combination(
    logs: Sequence[np.ndarray], gold: np.ndarray, n_classes: int
) -> tuple[np.ndarray, np.ndarray]:
    """Non-negative weights (one per array of log-probabilities in ``logs``) and per-class
    biases minimising the class-balanced mean log-loss on ``gold`` plus
    ``PRIOR_STRENGTH * (|w - 1/m|² + |b|²) / (2 n)``. The weights shrink towards the plain
    geometric mean of the models, not towards zero: a few labels that neither model happens to
    answer well must not leave a constant classifier. The biases shrink towards zero, the
    models' own class balance: two labels of a rare class, weighed up by the class balancing,
    must not make the end model answer it on half the rows."""
    m, n = len(logs), len(gold)
    counts = np.bincount(gold, minlength=n_classes).astype(float)
    row_weight = (n / (n_classes * np.maximum(counts, 1)))[gold]
    row_weight /= row_weight.sum()
    rows = np.arange(n)

    def loss(theta: np.ndarray) -> float:
        weights, bias = theta[:m], theta[m:]
        log_p = log_softmax(combine(weights, bias, logs), axis=1)
        shrink = np.concatenate([weights - 1.0 / m, bias])
        return float(
            -(log_p[rows, gold] * row_weight).sum() + PRIOR_STRENGTH * shrink @ shrink / (2 * n)
        )

    start = np.concatenate([np.full(m, 1.0 / m), np.zeros(n_classes)])
    bounds = [(0.0, None)] * m + [(None, None)] * n_classes
    theta = minimize(loss, start, method="L-BFGS-B", bounds=bounds).x
    return theta[:m], theta[m:]


def combine(weights: np.ndarray, bias: np.ndarray, logs: Sequence[np.ndarray]) -> np.ndarray:
    """Class logits: the weighted sum of ``logs`` plus ``bias``."""
    return sum((w * log for w, log in zip(weights, logs, strict=True)), np.asarray(bias, float))


def _log(proba: np.ndarray) -> np.ndarray:
    return np.log(np.maximum(proba, _TINY))


CLASSIFIERS[StackedClassifier.name] = StackedClassifier

__all__ = ["StackedClassifier", "combination", "combine", "fit_stacked"]
