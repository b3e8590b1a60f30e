"""The interface every distillation classifier follows: input checks, class probabilities,
prediction, and the state saved with the model (``classifiers`` holds the MLP and logistic
regression, ``averaged`` their average)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, ClassVar, Self

import numpy as np
from scipy import sparse

from alchemist._util.numeric import softmax
from alchemist.distill._network import Features
from alchemist.distill._params import saved_params
from alchemist.errors import NotFittedError


class Classifier(ABC):
    """A classifier of feature rows; ``name`` is its registry name (``classifiers.CLASSIFIERS``)."""

    name: ClassVar[str]
    n_classes_: int

    @abstractmethod
    def fit(
        self,
        X: Features,
        Y: np.ndarray,
        *,
        X_dev: Features | None = None,
        y_dev: np.ndarray | None = None,
        n_classes: int | None = None,
    ) -> Self: ...

    def get_params(self) -> dict[str, Any]:
        """The constructor settings (read from ``__init__``), JSON-ready."""
        return saved_params(self)

    @property
    def kinds(self) -> tuple[str, ...]:
        """The classifier names this one is made of: its own (an average: its members')."""
        return (self.name,)

    def predict_proba(self, X: Features) -> np.ndarray:
        """Class probabilities, (n, k) float64, rows summing to 1."""
        return softmax(self._logits(self._checked(X))).astype(np.float64)

    def predict(self, X: Features) -> np.ndarray:
        """The most probable class index per row, (n,) int64."""
        return self.predict_proba(X).argmax(axis=1)

    def _checked(self, X: Features) -> Features:
        if not hasattr(self, "n_features_in_"):
            raise NotFittedError(f"This {type(self).__name__} is not fitted yet; call fit first.")
        X = _as_features(X)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(
                f"X has {X.shape[1]} features; this {type(self).__name__} was "
                f"fitted on {self.n_features_in_}. Use the same featurizer."
            )
        return X

    @abstractmethod
    def _logits(self, X: Features) -> np.ndarray: ...

    @abstractmethod
    def _state(self) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        """What ``fit`` learned: JSON-ready values and arrays (saved with the model)."""

    @abstractmethod
    def _load_state(self, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> None: ...


def _as_features(X: Features) -> Features:
    """``X`` as a 2-D float32 array, or as a float32 CSR matrix when it is sparse."""
    if sparse.issparse(X):
        return sparse.csr_matrix(X, dtype=np.float32)
    X = np.asarray(X, dtype=np.float32)
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D feature matrix; got shape {X.shape}.")
    return X
