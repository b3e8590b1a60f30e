"""One end model trained on pseudolabels and gold rows mixed at a given share of the weight.

``fit_mixed`` is the model ``distill.gold`` chooses among (and, at gold share 1, the
dev-labels-only baseline): logistic regression weighs the gold rows to carry their share; for
the MLP they are repeated until they do. Early stopping of the MLP (and logistic regression's
choice of C) watches a tenth of the (unrepeated) training rows of both kinds, held out.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from alchemist._util.parallel import side_by_side
from alchemist.distill.averaged import AveragedClassifier
from alchemist.distill.classifiers import make_classifier
from alchemist.distill.featurizers import Featurizer, make_featurizer
from alchemist.distill.model import DistilledModel
from alchemist.errors import DistillError

_HOLDOUT = 0.1


def fit_mixed(
    frame: pd.DataFrame,
    soft: np.ndarray,
    dev_frame: pd.DataFrame,
    gold: np.ndarray,
    *,
    n_classes: int,
    featurizer: str,
    members: Sequence[tuple[str, float]],
    seed: int = 0,
) -> DistilledModel:
    """One ``DistilledModel`` on ``featurizer``'s features: for each of ``members`` (classifier
    name, gold share) that classifier trained on pseudolabels and gold rows with the gold share
    of the weight (1: gold rows alone, the dev-labels-only baseline); several members are
    averaged (``AveragedClassifier``)."""
    if not members:
        raise DistillError("fit_mixed needs at least one (classifier, gold share) member.")
    features, gold = featurized(frame, dev_frame, gold, featurizer)
    return mixed_model(features, soft, gold, n_classes, members, seed)


def featurized(
    frame: pd.DataFrame, dev_frame: pd.DataFrame, gold: np.ndarray, featurizer: str
) -> tuple[tuple[Featurizer, Any, Any], np.ndarray]:
    """``featurizer`` fitted on the pseudolabeled rows ``frame`` and the rows of ``dev_frame``
    with a gold label (``gold`` >= 0): (the fitted featurizer, the pseudolabeled rows' features,
    the gold rows' features), and those rows' gold labels."""
    known = np.flatnonzero(np.asarray(gold) >= 0)
    dev_frame, gold = dev_frame.iloc[known].reset_index(drop=True), np.asarray(gold)[known]
    fitted = make_featurizer(featurizer)
    X_all: Any = fitted.fit_transform(pd.concat([frame, dev_frame], ignore_index=True))
    return (fitted, X_all[: len(frame)], X_all[len(frame) :]), gold


def mixed_model(
    features: tuple[Featurizer, Any, Any],
    soft: np.ndarray,
    gold: np.ndarray,
    n_classes: int,
    members: Sequence[tuple[str, float]],
    seed: int,
    workers: int = 1,
) -> DistilledModel:
    """``fit_mixed`` on features already computed: (fitted featurizer, training rows' features,
    gold rows' features); the members trained side by side in up to ``workers`` processes."""
    started = time.perf_counter()
    fitted, X, X_gold = features
    jobs = [(X, soft, X_gold, gold, share, n_classes, c, seed) for c, share in members]
    classifiers, _ = side_by_side(fit_one, jobs, workers, "the members")
    clf = classifiers[0] if len(classifiers) == 1 else AveragedClassifier.of(classifiers, seed=seed)
    model = DistilledModel(featurizer=fitted.name, classifier=clf.name, seed=seed)
    model.featurizer_, model.classifier_ = fitted, clf
    model.n_classes_, model.fit_seconds_ = n_classes, time.perf_counter() - started
    return model


def finite(soft: np.ndarray) -> np.ndarray:
    """Pseudolabels with the rows a fold's label model left without a label made uniform."""
    bad = ~np.isfinite(soft).all(axis=1) | (soft.sum(axis=1) <= 0)
    return np.where(bad[:, None], 1.0 / soft.shape[1], soft)


def fit_one(
    X: Any,
    soft: np.ndarray,
    X_gold: Any,
    gold: np.ndarray,
    share: float,
    n_classes: int,
    classifier: str,
    seed: int,
) -> Any:
    """The classifier on pseudolabeled rows and gold rows repeated to carry ``share``."""
    rng = np.random.default_rng(seed)
    hard = np.zeros((len(gold), n_classes), dtype=np.float32)
    hard[np.arange(len(gold)), gold] = 1.0
    parts = []
    if share < 1 and X.shape[0]:
        parts.append((X, soft.astype(np.float32), 1))
    if share > 0:
        copies = (
            1
            if share >= 1 or not X.shape[0]
            else max(1, int(round(share / (1 - share) * X.shape[0] / max(len(gold), 1))))
        )
        parts.append((X_gold, hard, copies))
    weighted = classifier == "logistic"  # weights rows itself: no copies needed
    train_X, train_T, train_w, val_X, val_T = [], [], [], [], []
    for features, targets, copies in parts:
        order = rng.permutation(features.shape[0])
        n_val = int(round(_HOLDOUT * len(order))) if len(order) >= 20 else 0
        val, fit = np.sort(order[:n_val]), np.sort(order[n_val:])
        repeat = 1 if weighted else copies
        train_X += [features[fit]] * repeat
        train_T += [targets[fit]] * repeat
        train_w.append(np.full(len(fit) * repeat, copies / repeat, dtype=np.float64))
        if n_val:
            val_X.append(features[val])
            val_T.append(targets[val])
    # The held-out rows above watch early stopping: no second holdout inside the MLP.
    clf = make_classifier(
        classifier, seed=seed, **({"validation_fraction": 0.0} if classifier == "mlp" else {})
    )
    stack = sparse.vstack if sparse.issparse(X_gold) else np.vstack
    extra = {"sample_weight": np.concatenate(train_w)} if weighted else {}
    clf.fit(
        stack(train_X),
        np.vstack(train_T),
        X_dev=stack(val_X) if val_X else None,
        y_dev=np.vstack(val_T) if val_T else None,
        n_classes=n_classes,
        **extra,
    )
    return clf


__all__ = ["featurized", "finite", "fit_mixed", "fit_one", "mixed_model"]
