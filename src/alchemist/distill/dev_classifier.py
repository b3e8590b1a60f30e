"""The classifier trained on the gold dev rows that votes beside the programs, and its features.

``DevClassifier`` is logistic regression on the dev labels; its ``cross_fitted`` votes are for
every row of the data and, for the dev rows themselves, out of fold, so that a label model
learning on dev sees how often it is right on rows it did not learn from;
``choose_featurizer`` picks its features by what the dev labels alone learn out of fold. (The
distilled model's own features are chosen with the pseudolabels: ``distill.gold``.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from alchemist._util.numeric import choice_score, stratified_folds
from alchemist.distill.classifiers import make_classifier
from alchemist.distill.featurizers import make_featurizer
from alchemist.errors import DistillError


class DevClassifier:
    """A classifier trained on gold dev rows, voting beside the programs.

    Logistic regression on ``featurizer``'s features (fitted once on the dev rows and every
    frame of ``frames``); ``votes(rows)`` trains on the gold dev rows ``rows`` and gives its
    class for every row of each frame; ``cross_fitted()`` the votes a label model learns from.
    """

    def __init__(
        self,
        frames: dict[str, pd.DataFrame],
        dev_frame: pd.DataFrame,
        dev_gold: np.ndarray,
        *,
        n_classes: int,
        featurizer: str,
        seed: int = 0,
    ) -> None:
        self.gold, self.n_classes, self.seed = np.asarray(dev_gold), n_classes, seed
        X: Any = make_featurizer(featurizer).fit_transform(
            pd.concat([dev_frame, *frames.values()], ignore_index=True)
        )
        self.X_dev, self.X_frames, start = X[: len(dev_frame)], {}, len(dev_frame)
        for name, frame in frames.items():
            self.X_frames[name] = X[start : start + len(frame)]
            start += len(frame)

    def trained_on(self, rows: np.ndarray) -> Any:
        clf = make_classifier("logistic", seed=self.seed, C=10.0)
        return clf.fit(self.X_dev[rows], self.gold[rows], n_classes=self.n_classes)

    def votes(self, rows: np.ndarray) -> dict[str, np.ndarray]:
        model = self.trained_on(rows)
        return {name: model.predict(X) for name, X in self.X_frames.items()}

    def out_of_fold(self, rows: np.ndarray, folds: int = 5) -> np.ndarray:
        """Votes for the dev rows ``rows``, each fold's by a model trained on the other folds
        (a fold whose others hold one class only gets the model trained on all ``rows``, fitted
        only then)."""
        voted = np.empty(len(rows), dtype=np.int64)
        assignment = stratified_folds(self.gold[rows], folds, self.seed)
        everything = None
        for f in range(folds):
            held, rest = rows[assignment == f], rows[assignment != f]
            if not len(held):
                continue
            if len(np.unique(self.gold[rest])) >= 2:
                model = self.trained_on(rest)
            else:
                everything = self.trained_on(rows) if everything is None else everything
                model = everything
            voted[assignment == f] = model.predict(self.X_dev[held])
        return voted

    def cross_fitted(self, folds: int = 5) -> tuple[dict[str, np.ndarray], np.ndarray]:
        """Its votes, trained on all gold dev rows, for every row of each frame; and for the
        dev rows themselves out of fold (``out_of_fold``), so that a label model learning on
        dev sees how often it is right on rows it did not learn from. Dev rows without gold get
        the all-rows model's vote."""
        known = np.flatnonzero(self.gold >= 0)
        everything = self.trained_on(known)
        votes = {name: everything.predict(X) for name, X in self.X_frames.items()}
        dev_votes = everything.predict(self.X_dev)
        dev_votes[known] = self.out_of_fold(known, folds)
        return votes, dev_votes


def choose_featurizer(
    dev_frame: pd.DataFrame,
    dev_gold: np.ndarray,
    *,
    n_classes: int,
    candidates: Sequence[str],
    folds: int = 5,
    seed: int = 0,
) -> tuple[str, dict[str, dict[str, float]]]:
    """The featurizer under which a classifier trained on the dev labels scores best out of
    fold on the dev rows (``DevClassifier``; macro-F1, ties: accuracy, then the earlier
    candidate), and every candidate's scores: the features of the dev classifier that votes
    beside the programs (the distilled model's own are chosen by ``fit_with_gold``)."""
    known = np.flatnonzero(np.asarray(dev_gold) >= 0)
    frame, gold = dev_frame.iloc[known].reset_index(drop=True), np.asarray(dev_gold)[known]
    scores: dict[str, dict[str, float]] = {}
    best: tuple[tuple[float, float], str] | None = None
    for name in candidates:
        voter = DevClassifier({}, frame, gold, n_classes=n_classes, featurizer=name, seed=seed)
        figure = choice_score(gold, voter.out_of_fold(np.arange(len(gold)), folds), n_classes)
        scores[name] = {"macro_f1": figure[0], "accuracy": figure[1]}
        if best is None or figure > best[0]:
            best = (figure, name)
    if best is None:
        raise DistillError("No featurizer to choose from.")
    return best[1], scores


__all__ = ["DevClassifier", "choose_featurizer"]
