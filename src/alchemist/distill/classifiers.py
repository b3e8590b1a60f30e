"""Classifiers trained on soft pseudolabels: the paper's MLP, and logistic regression to compare.

Targets ``Y`` are either an (n, k) array of class probabilities (a label model's output) or an
(n,) array of class indices. Rows with nothing to learn from are dropped before training: a
probability row that is all zero or holds NaN, or a class index of -1 (an item no program
voted on, where the label model gives no answer).

The MLP is plain numpy: two small hidden layers train in seconds on a CPU, with no heavy
dependency on the default path and bit-for-bit repeatable runs for a given seed.
"""

from __future__ import annotations

import math
from typing import Any, Self

import numpy as np
from threadpoolctl import threadpool_limits

from alchemist._util.numeric import softmax
from alchemist.distill._base import Classifier, _as_features
from alchemist.distill._logistic import soft_logistic
from alchemist.distill._network import (
    Adam,
    Features,
    forward,
    init_params,
    interleave,
    touched,
    validation_score,
)
from alchemist.errors import DistillError


class MLPClassifier(Classifier):
    """Multi-layer perceptron (default: 2 hidden layers of 32 ReLU units, as in the paper).

    Trained with Adam on minibatches to minimise cross-entropy against the target
    probabilities, with L2 ``weight_decay`` on the weights. After each epoch it is scored on a
    validation set: the dev split (``X_dev``, ``y_dev``: gold labels) when given, else
    ``validation_fraction`` of the training rows held out against their pseudolabels (0 turns
    this off and trains ``max_epochs``). Training stops after ``patience`` epochs without
    improvement and keeps the best epoch's weights. The validation score is balanced accuracy
    (mean recall over the classes; plain accuracy ties a majority-class model with a useful one
    on small imbalanced sets), ties broken by lower cross-entropy. The same ``seed`` and data
    give the same model.
    """

    name = "mlp"

    def __init__(
        self,
        *,
        hidden_sizes: tuple[int, ...] = (32, 32),
        learning_rate: float = 1e-3,
        batch_size: int = 64,
        max_epochs: int = 100,
        patience: int = 10,
        weight_decay: float = 1e-4,
        validation_fraction: float = 0.1,
        seed: int = 0,
    ) -> None:
        self.hidden_sizes = hidden_sizes
        self.learning_rate = learning_rate
        self.batch_size = batch_size
        self.max_epochs = max_epochs
        self.patience = patience
        self.weight_decay = weight_decay
        self.validation_fraction = validation_fraction
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
        """Train on features ``X`` and targets ``Y`` (see the module docstring).

        ``n_classes`` is needed only when ``Y`` holds class indices that may miss a class.
        """
        self._validate_params()
        X, T = _training_rows(X, Y, n_classes)
        rng = np.random.default_rng(self.seed)
        X, T, X_val, T_val, self.validation_ = self._validation_split(X, T, X_dev, y_dev, rng)
        sizes = [X.shape[1], *self.hidden_sizes, T.shape[1]]
        params = init_params(sizes, rng)
        # Minibatch products are small: more BLAS threads only contend for the cores, and on a
        # busy machine they wait on one another at every product.
        with threadpool_limits(limits=1, user_api="blas"):
            best_params, history = self._train(params, X, T, X_val, T_val, rng)
        self.validation_scores_ = [{"balanced_accuracy": a, "loss": -nl} for a, nl in history]
        self.coefs_, self.intercepts_ = best_params[0::2], best_params[1::2]
        self.n_features_in_, self.n_classes_ = sizes[0], sizes[-1]
        return self

    def _train(
        self,
        params: list[np.ndarray],
        X: Features,
        T: np.ndarray,
        X_val: Features | None,
        T_val: np.ndarray | None,
        rng: np.random.Generator,
    ) -> tuple[list[np.ndarray], list[tuple[float, float]]]:
        """The epochs: returns the kept weights and the validation scores per epoch."""
        optimizer = Adam(params, self.learning_rate)
        best, best_params, history = (-math.inf, math.inf), params, []
        for epoch in range(self.max_epochs):
            order = rng.permutation(X.shape[0])
            for start in range(0, len(order), self.batch_size):
                rows = order[start : start + self.batch_size]
                batch, local, present = touched(params, X[rows])
                optimizer.step(params, self._gradients(local, batch, T[rows]), present)
            if X_val is None or T_val is None:
                best_params, self.best_epoch_ = params, epoch
                continue
            current = validation_score(forward(params, X_val)[-1], T_val)
            history.append(current)
            if current > best:
                best, best_params, self.best_epoch_ = current, [p.copy() for p in params], epoch
            elif epoch - self.best_epoch_ >= self.patience:
                break
        self.n_epochs_ = epoch + 1
        return best_params, history

    def _validate_params(self) -> None:
        checks = {
            "hidden_sizes": isinstance(self.hidden_sizes, tuple | list)
            and all(isinstance(h, int) and h > 0 for h in self.hidden_sizes),
            "learning_rate": self.learning_rate > 0,
            "batch_size": self.batch_size >= 1,
            "max_epochs": self.max_epochs >= 1,
            "patience": self.patience >= 1,
            "weight_decay": self.weight_decay >= 0,
            "validation_fraction": 0 <= self.validation_fraction < 1,
        }
        for name, ok in checks.items():
            if not ok:
                raise ValueError(
                    f"MLPClassifier setting {name!r} is out of range; got "
                    f"{getattr(self, name)!r}. See the class docstring."
                )

    def _validation_split(
        self,
        X: Features,
        T: np.ndarray,
        X_dev: Features | None,
        y_dev: np.ndarray | None,
        rng: np.random.Generator,
    ) -> tuple:
        if X_dev is not None and y_dev is not None:
            X_val, T_val = _training_rows(X_dev, y_dev, T.shape[1], "dev")
            if X_val.shape[1] != X.shape[1]:
                raise ValueError(
                    f"X_dev has {X_val.shape[1]} features, X has {X.shape[1]}; "
                    "featurize both with the same fitted featurizer."
                )
            return X, T, X_val, T_val, "dev"
        n_val = int(round(self.validation_fraction * X.shape[0]))
        if n_val < 10 or X.shape[0] - n_val < 10:  # too few rows to hold any out usefully
            return X, T, None, None, "none"
        order = rng.permutation(X.shape[0])
        train, val = np.sort(order[n_val:]), np.sort(order[:n_val])
        return X[train], T[train], X[val], T[val], "holdout"

    def _gradients(self, params: list[np.ndarray], X: Features, T: np.ndarray) -> list[np.ndarray]:
        activations = forward(params, X)
        delta = (softmax(activations[-1]) - T) / X.shape[0]
        grads: list[np.ndarray] = []
        for layer in range(len(params) // 2 - 1, -1, -1):
            W = params[2 * layer]
            inputs = activations[layer - 1] if layer else X
            grad_W = np.asarray(inputs.T @ delta, dtype=np.float32) + self.weight_decay * W
            grads[:0] = [grad_W, delta.sum(axis=0)]
            if layer:
                delta = (delta @ W.T) * (inputs > 0)
        return grads

    def _logits(self, X: Features) -> np.ndarray:
        return forward(interleave(self.coefs_, self.intercepts_), X)[-1]

    def _state(self) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        meta = {
            "n_features_in_": self.n_features_in_,
            "n_classes_": self.n_classes_,
            "best_epoch_": self.best_epoch_,
            "n_epochs_": self.n_epochs_,
            "validation_": self.validation_,
        }
        arrays = {f"W{i}": W for i, W in enumerate(self.coefs_)}
        arrays.update({f"b{i}": b for i, b in enumerate(self.intercepts_)})
        return meta, arrays

    def _load_state(self, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
        n_layers = len(self.hidden_sizes) + 1
        self.coefs_ = [arrays[f"W{i}"] for i in range(n_layers)]
        self.intercepts_ = [arrays[f"b{i}"] for i in range(n_layers)]
        for key in ("n_features_in_", "n_classes_", "best_epoch_", "n_epochs_", "validation_"):
            setattr(self, key, meta[key])
        self.validation_scores_ = []


class LogisticClassifier(Classifier):
    """Multinomial logistic regression on soft labels (L-BFGS), for comparison.

    Soft targets are exact: the loss is the cross-entropy against each row's class
    probabilities plus ``||W||² / (2 C)``, the objective scikit-learn minimises when each row is
    repeated once per class with that class's probability as its weight, without the
    repetition (two classes: one logit, as scikit-learn's binary model). Rows may carry
    ``sample_weight``. With a dev split, ``C`` is chosen from ``C_grid`` by dev balanced accuracy
    (ties: the lower cross-entropy, then the smaller C), each C's fit starting from the last
    one's weights; without one, ``C`` is used.
    """

    name = "logistic"
    coef_: np.ndarray
    intercept_: np.ndarray
    C_: float

    def __init__(
        self,
        *,
        C: float = 1.0,
        C_grid: tuple[float, ...] = (0.1, 1.0, 10.0, 100.0),
        max_iter: int = 1000,
        seed: int = 0,
    ) -> None:
        self.C = C
        self.C_grid = C_grid
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
        sample_weight: np.ndarray | None = None,
    ) -> Self:
        """Train on ``X`` and targets ``Y`` (rows weighted by ``sample_weight``, default 1);
        choose ``C`` on the dev split when given."""
        weights = np.ones(len(Y)) if sample_weight is None else np.asarray(sample_weight, float)
        X_all = _as_features(X)
        _, keep = _targets(np.asarray(Y), n_classes)
        X, T = _training_rows(X_all, Y, n_classes)
        weights = weights[keep]
        k = T.shape[1]
        dev = None if X_dev is None or y_dev is None else _training_rows(X_dev, y_dev, k, "dev")
        best: tuple[tuple[float, float], float, np.ndarray, np.ndarray] | None = None
        start = None
        with threadpool_limits(limits=1, user_api="blas"):  # see MLPClassifier.fit
            for C in sorted(self.C_grid) if dev is not None else [self.C]:
                start = soft_logistic(X, T, weights, C, start, self.max_iter)
                self._set_weights(start, X.shape[1], k)
                rank = validation_score(self._logits(dev[0]), dev[1]) if dev is not None else (0, 0)
                if best is None or rank > best[0]:
                    best = (rank, C, self.coef_, self.intercept_)
        assert best is not None  # at least one C was tried
        _, self.C_, self.coef_, self.intercept_ = best
        return self

    def _set_weights(self, flat: np.ndarray, n_features: int, k: int) -> None:
        outputs = 1 if k == 2 else k
        W = flat[: n_features * outputs].reshape(n_features, outputs)
        b = flat[n_features * outputs :]
        if k == 2:  # binary: one logit for class 1; softmax of [0, z] is sigmoid(z)
            W, b = np.hstack([np.zeros_like(W), W]), np.concatenate([[0.0], b])
        self.coef_, self.intercept_ = W.astype(np.float64), b.astype(np.float64)
        self.n_features_in_, self.n_classes_ = n_features, k

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


CLASSIFIERS: dict[str, type[Classifier]] = {
    cls.name: cls for cls in (MLPClassifier, LogisticClassifier)
}


def make_classifier(name: str, **params: Any) -> MLPClassifier | LogisticClassifier:
    """A new classifier by name: "mlp" (default) or "logistic"."""
    if name not in CLASSIFIERS:
        raise DistillError(f"Unknown classifier {name!r}; expected one of {sorted(CLASSIFIERS)}.")
    try:
        return CLASSIFIERS[name](**params)  # type: ignore[return-value]
    except TypeError as exc:
        raise DistillError(f"Bad settings for the {name!r} classifier: {exc}.") from None


def _training_rows(
    X: Features, Y: np.ndarray, n_classes: int | None, what: str = "training"
) -> tuple[Features, np.ndarray]:
    """Features and (n, k) float32 target probabilities of the rows with something to learn."""
    X = _as_features(X)
    T, keep = _targets(np.asarray(Y), n_classes)
    if T.shape[0] != X.shape[0]:
        raise ValueError(f"X has {X.shape[0]} rows but the labels have {T.shape[0]}.")
    if not keep.any():
        raise DistillError(
            f"No {what} row has a label: every one is missing (-1, NaN or all "
            "zero). Expected some labeled rows; for pseudolabels, add or fix "
            "programs so that they cover some items."
        )
    return X[np.flatnonzero(keep)], T[keep]


def _targets(Y: np.ndarray, n_classes: int | None) -> tuple[np.ndarray, np.ndarray]:
    if Y.ndim == 1:
        hard = Y.astype(np.int64)
        k = n_classes if n_classes is not None else int(hard.max(initial=0)) + 1
        if hard.max(initial=0) >= k or hard.min(initial=0) < -1:
            raise ValueError(
                f"Class indices must be in 0..{k - 1} or -1; got "
                f"{int(hard.min())}..{int(hard.max())}."
            )
        T = np.zeros((hard.size, max(k, 2)), dtype=np.float32)
        keep = hard >= 0
        T[np.flatnonzero(keep), hard[keep]] = 1.0
        return T, keep
    if Y.ndim != 2 or (n_classes is not None and Y.shape[1] != n_classes) or Y.shape[1] < 2:
        raise ValueError(
            f"Soft labels must be (n, k) probabilities with k >= 2 "
            f"(k = n_classes when given); got shape {Y.shape}."
        )
    T = Y.astype(np.float64)
    if (T < 0).any():
        raise ValueError("Soft labels must be non-negative probabilities; got negative values.")
    totals = T.sum(axis=1)
    keep = np.isfinite(totals) & (totals > 0)
    T = np.divide(T, totals[:, None], out=np.zeros_like(T), where=keep[:, None])
    return T.astype(np.float32), keep
