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

from alchemist.distill._network import (
    Adam,
    Features,
    forward,
    init_params,
    touched,
    validation_score,
)
from alchemist.distill.classifiers import MLPClassifier, _as_features, _targets, _training_rows
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
    the best epoch by dev balanced accuracy are kept, and training stops after the MLP's
    ``patience`` epochs without improvement; else the last epoch's weights are kept.
    ``progress`` is called with the rows of each chunk trained on.
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
    trainer = _Trainer(classifier, n_classes)
    dev = None
    best: tuple[float, float] = (-math.inf, math.inf)
    history: list[tuple[float, float]] = []
    kept: list[np.ndarray] = []
    with threadpool_limits(limits=1, user_api="blas"):
        for epoch in range(epochs):
            for frame, soft in chunks():
                if not trainer.params:
                    featurizer.fit(frame)
                rows = trainer.train_chunk(featurizer.transform(frame), soft)
                if progress is not None:
                    progress(rows)
            if not trainer.params:
                raise DistillError(
                    "No streamed row has a pseudolabel: nothing to train on. "
                    "Check the programs' coverage."
                )
            if dev_frame is not None and dev_gold is not None:
                if dev is None:
                    dev = _training_rows(
                        featurizer.transform(dev_frame), dev_gold, n_classes, "dev"
                    )
                score = validation_score(forward(trainer.params, dev[0])[-1], dev[1])
                history.append(score)
                if score <= best:
                    if epoch - classifier.best_epoch_ >= classifier.patience:
                        break
                    continue
                best = score
            kept, classifier.best_epoch_ = [p.copy() for p in trainer.params], epoch
    classifier.coefs_, classifier.intercepts_ = kept[0::2], kept[1::2]
    classifier.n_features_in_, classifier.n_classes_ = kept[0].shape[0], kept[-1].shape[0]
    classifier.n_epochs_ = epoch + 1
    classifier.validation_ = "dev" if history else "none"
    classifier.validation_scores_ = [{"balanced_accuracy": a, "loss": -nl} for a, nl in history]
    model.featurizer_, model.classifier_ = featurizer, classifier
    model.n_classes_ = classifier.n_classes_
    model.fit_seconds_ = time.perf_counter() - started
    return model


class _Trainer:
    """The MLP's weights and Adam state, stepped one minibatch at a time (with sparse
    features, only the first-layer rows a minibatch touches: ``_network.Adam``)."""

    def __init__(self, classifier: MLPClassifier, n_classes: int) -> None:
        self.classifier, self.n_classes = classifier, n_classes
        self.rng = np.random.default_rng(classifier.seed)
        self.params: list[np.ndarray] = []
        self.optimizer: Adam | None = None

    def train_chunk(self, X: Features, soft: np.ndarray) -> int:
        """Steps over one chunk's labeled rows in shuffled minibatches; the chunk's rows."""
        T, keep = _targets(np.asarray(soft), self.n_classes)
        if not keep.any():
            return len(keep)
        features, T = _as_features(X)[np.flatnonzero(keep)], T[keep]
        if self.optimizer is None:
            sizes = [features.shape[1], *self.classifier.hidden_sizes, T.shape[1]]
            self.params = init_params(sizes, self.rng)
            self.optimizer = Adam(self.params, self.classifier.learning_rate)
        order = self.rng.permutation(features.shape[0])
        for start in range(0, len(order), self.classifier.batch_size):
            rows = order[start : start + self.classifier.batch_size]
            batch, local, present = touched(self.params, features[rows])
            grads = self.classifier._gradients(local, batch, T[rows])
            self.optimizer.step(self.params, grads, present)
        return len(keep)
