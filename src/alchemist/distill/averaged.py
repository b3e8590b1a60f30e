"""An average of classifiers: the distilled model of a dev-split choice that keeps the close
runners-up of its cross-validation (``distill.gold.fit_with_gold``).

``AveragedClassifier`` ("averaged") predicts the mean of its members' class probabilities. It is
built from fitted members (``of``), as ``fit_with_gold`` does with each member trained on its
own mix of pseudolabels and gold rows; fitted by name, each member kind of ``members`` is
trained on the same rows (so the dev-labels-only twin of an average is the same average). It
saves and loads like the other classifiers, its members' states nested in its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Self

import numpy as np

from alchemist.distill._base import Classifier
from alchemist.distill._network import Features
from alchemist.distill._params import restore
from alchemist.distill.classifiers import CLASSIFIERS, make_classifier
from alchemist.errors import DistillError


class AveragedClassifier(Classifier):
    """The mean of the class probabilities of ``members`` (classifier names, e.g.
    ``("mlp", "logistic")``), each made with ``seed``."""

    name = "averaged"
    members_: list[Classifier]

    def __init__(self, *, members: tuple[str, ...] = ("mlp",), seed: int = 0) -> None:
        self.members = members
        self.seed = seed

    @classmethod
    def of(cls, fitted: Sequence[Classifier], *, seed: int = 0) -> AveragedClassifier:
        """An average of classifiers already fitted on the same features and classes."""
        averaged = cls(members=tuple(m.name for m in fitted), seed=seed)
        averaged._set(list(fitted))
        return averaged

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(self.members)

    def fit(
        self,
        X: Features,
        Y: np.ndarray,
        *,
        X_dev: Features | None = None,
        y_dev: np.ndarray | None = None,
        n_classes: int | None = None,
    ) -> Self:
        """Train one classifier of each member kind on ``X`` and ``Y`` (see their ``fit``)."""
        self._set(
            [
                make_classifier(name, seed=self.seed).fit(
                    X, Y, X_dev=X_dev, y_dev=y_dev, n_classes=n_classes
                )
                for name in self.members
            ]
        )
        return self

    def predict_proba(self, X: Features) -> np.ndarray:
        """The members' mean class probabilities, (n, k)."""
        X = self._checked(X)
        return np.mean([m.predict_proba(X) for m in self.members_], axis=0)

    def _logits(self, X: Features) -> np.ndarray:
        return np.log(np.maximum(self.predict_proba(X), np.finfo(np.float64).tiny))

    def _set(self, fitted: list[Classifier]) -> None:
        if not fitted:
            raise DistillError("An averaged classifier needs at least one member.")
        shapes = {(m.n_features_in_, m.n_classes_) for m in fitted}  # type: ignore[attr-defined]
        if len(shapes) > 1:
            raise DistillError(
                f"The members of an averaged classifier must share features and classes; got "
                f"(features, classes) {sorted(shapes)}."
            )
        self.members_ = fitted
        self.n_features_in_, self.n_classes_ = next(iter(shapes))

    def _state(self) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        meta: dict[str, Any] = {"members_": []}
        arrays: dict[str, np.ndarray] = {}
        for i, member in enumerate(self.members_):
            state, own = member._state()
            meta["members_"].append({"params": member.get_params(), "state": state})
            arrays.update({f"{i}/{key}": value for key, value in own.items()})
        return meta, arrays

    def _load_state(self, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
        members = []
        for i, (name, part) in enumerate(zip(self.members, meta["members_"], strict=True)):
            member = restore(CLASSIFIERS[name], part["params"])
            own = {k[len(f"{i}/") :]: v for k, v in arrays.items() if k.startswith(f"{i}/")}
            member._load_state(part["state"], own)
            members.append(member)
        self._set(members)


CLASSIFIERS[AveragedClassifier.name] = AveragedClassifier

__all__ = ["AveragedClassifier"]
