"""Training the distilled MLP from a stream of chunks, in fixed memory.

``fit_in_batches`` is ``DistilledModel.fit`` for data that does not fit in memory: it takes a
function returning a fresh iterator of ``(frame, soft_labels)`` chunks (one pass per epoch),
featurizes each chunk alone and takes Adam steps over it in shuffled minibatches. Only one chunk
and its features are held at a time. The featurizer must not need every row to be fitted: the
hashing featurizer learns nothing; any other is fitted on the first chunk alone. The result is a
plain fitted ``DistilledModel``: it saves, loads and predicts like any other.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from alchemist.distill.classifiers import (
    MLPClassifier,
    _Adam,
    _as_features,
    _forward,
    _init_params,
    _targets,
    _training_rows,
    _validation_score,
)
from alchemist.distill.model import DistilledModel
from alchemist.errors import DistillError

Chunks = Callable[[], Iterable[tuple[pd.DataFrame, np.ndarray]]]


def fit_in_batches(
    model: DistilledModel,
    chunks: Chunks,
    *,
    n_classes: int,
    epochs: int = 1,
    dev_frame: pd.DataFrame | None = None,
    dev_gold: np.ndarray | None = None,
    progress: Callable[[int], None] | None = None,
) -> DistilledModel:
    """Fit ``model`` (an MLP classifier) on the chunks ``chunks()`` yields, ``epochs`` passes.

    Soft labels are (n, k) probabilities (rows without a label are skipped, as in ``fit``).
    With a dev split (``dev_frame``, ``dev_gold``: class indices, -1 = unknown) the weights of
    the best epoch by dev accuracy are kept; else those of the last. ``progress`` is called with
    the rows of each chunk trained on.
    """
    if epochs < 1:
        raise ValueError(f"epochs must be an int >= 1. Got {epochs!r} instead.")
    featurizer, classifier = model._build()
    if not isinstance(classifier, MLPClassifier):
        raise DistillError(
            f"Training in batches needs the 'mlp' classifier; got "
            f"{classifier.name!r}. Use classifier='mlp'."
        )
    classifier._validate_params()
    started = time.perf_counter()
    rng = np.random.default_rng(classifier.seed)
    state: dict[str, object] = {}
    dev = None
    best: tuple[float, float] = (-math.inf, math.inf)
    history: list[tuple[float, float]] = []
    with threadpool_limits(limits=1, user_api="blas"):
        for epoch in range(epochs):
            for frame, soft in chunks():
                if "params" not in state:
                    featurizer.fit(frame)
                rows = _train_chunk(
                    classifier, featurizer.transform(frame), soft, n_classes, state, rng
                )
                if progress is not None:
                    progress(rows)
            if "params" not in state:
                raise DistillError(
                    "No streamed row has a pseudolabel: nothing to train on. "
                    "Check the programs' coverage."
                )
            params: list[np.ndarray] = state["params"]  # type: ignore[assignment]
            if dev_frame is not None and dev_gold is not None:
                if dev is None:
                    dev = _training_rows(
                        featurizer.transform(dev_frame), dev_gold, n_classes, "dev"
                    )
                score = _validation_score(_forward(params, dev[0])[-1], dev[1])
                history.append(score)
                if score <= best:
                    continue
                best = score
            state["kept"], classifier.best_epoch_ = [p.copy() for p in params], epoch
    kept: list[np.ndarray] = state["kept"]  # type: ignore[assignment]
    classifier.coefs_, classifier.intercepts_ = kept[0::2], kept[1::2]
    classifier.n_features_in_, classifier.n_classes_ = kept[0].shape[0], kept[-1].shape[0]
    classifier.n_epochs_ = epochs
    classifier.validation_ = "dev" if history else "none"
    classifier.validation_scores_ = [{"accuracy": a, "loss": -nl} for a, nl in history]
    model.featurizer_, model.classifier_ = featurizer, classifier
    model.n_classes_ = classifier.n_classes_
    model.fit_seconds_ = time.perf_counter() - started
    return model


def _train_chunk(
    classifier: MLPClassifier,
    X: object,
    soft: np.ndarray,
    n_classes: int,
    state: dict[str, object],
    rng: np.random.Generator,
) -> int:
    """Adam steps over one chunk's labeled rows in shuffled minibatches; rows seen."""
    T, keep = _targets(np.asarray(soft), n_classes)
    if not keep.any():
        return len(keep)
    features = _as_features(X)[np.flatnonzero(keep)]
    T = T[keep]
    if "params" not in state:
        sizes = [features.shape[1], *classifier.hidden_sizes, T.shape[1]]
        state["params"] = _init_params(sizes, rng)
        state["optimizer"] = _Adam(state["params"], classifier.learning_rate)  # type: ignore[arg-type]
    params: list[np.ndarray] = state["params"]  # type: ignore[assignment]
    optimizer: _Adam = state["optimizer"]  # type: ignore[assignment]
    order = rng.permutation(features.shape[0])
    for start in range(0, len(order), classifier.batch_size):
        batch = order[start : start + classifier.batch_size]
        optimizer.step(params, classifier._gradients(params, features[batch], T[batch]))
    return len(keep)
