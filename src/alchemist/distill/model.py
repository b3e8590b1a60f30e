"""The distilled model: a featurizer and a classifier, fitted, saved and loaded together.

A saved model is a folder of two files, no pickle:

- ``model.json``: format tag, number of classes, and for the featurizer and the classifier their
  name, constructor settings and learned values that fit JSON (columns, TF-IDF terms in column
  order, numeric column names, category lists, epochs, chosen C);
- ``arrays.npz``: learned arrays, keys prefixed ``featurizer/`` or ``classifier/`` (TF-IDF idf
  weights, numeric means and scales, MLP weights ``W0..`` and biases ``b0..``, logistic
  coefficients).

``DistilledModel.load(folder).predict(frame)`` then works on new raw rows with no LLM and no
training data (the "minilm" featurizer needs its packaged model installed).
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Self

import numpy as np
import pandas as pd
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax

from alchemist._util.numeric import softmax
from alchemist.distill._base import Classifier
from alchemist.distill._params import restore
from alchemist.distill.classifiers import (
    CLASSIFIERS,
    LogisticClassifier,
    MLPClassifier,
    make_classifier,
)
from alchemist.distill.featurizers import FEATURIZERS, Featurizer, make_featurizer
from alchemist.errors import DistillError, NotFittedError

FORMAT = "alchemist.distilled-model/1"
_PREFIXES = ("featurizer__", "classifier__")


class DistilledModel:
    """Featurizer + classifier trained on pseudolabels; predicts class indices from raw rows.

    ``featurizer`` and ``classifier`` are names ("tfidf", "minilm", "tabular"; "mlp",
    "logistic") or unfitted instances. Their settings are passed scikit-learn style with a
    prefix, e.g. ``DistilledModel(featurizer="tfidf", featurizer__max_features=5000,
    classifier__hidden_sizes=(64, 64))``. ``seed`` seeds a classifier given by name.

    ``dev_predictions_``: for a model chosen by cross-validation on gold dev rows
    (``distill.gold.fit_with_gold``), that cross-validation's out-of-fold class predictions for
    each dev row (-1 where the row has no gold label), of this model ("distilled") and of the
    same model on the dev labels alone ("dev_only") and, where it competed, of the strongest
    simple reference ("reference"); None otherwise. ``reference_``: that reference, fitted on
    every gold dev row (``distill.reference``), or None. Neither is saved.
    """

    dev_predictions_: dict[str, np.ndarray] | None = None
    reference_: DistilledModel | None = None
    temperature_: float = 1.0  # see ``fit_temperature``; saved with the model
    class_bias_: np.ndarray | None = None  # see ``fit_class_bias``; saved with the model
    classifier_: Classifier

    def __init__(
        self,
        *,
        featurizer: str | Featurizer = "tfidf",
        classifier: str | MLPClassifier | LogisticClassifier = "mlp",
        seed: int = 0,
        **params: Any,
    ) -> None:
        self.featurizer = featurizer
        self.classifier = classifier
        self.seed = seed
        self.params = params

    def fit(
        self,
        frame: pd.DataFrame,
        soft_labels: np.ndarray,
        *,
        dev_frame: pd.DataFrame | None = None,
        dev_gold: np.ndarray | None = None,
        n_classes: int | None = None,
    ) -> Self:
        """Fit the featurizer on ``frame`` and the classifier on its features and labels.

        ``soft_labels``: (n, k) probabilities from a label model, or (n,) class indices
        (then give ``n_classes``); rows with no label (NaN, all zero, -1) are not trained on.
        ``dev_frame`` / ``dev_gold`` (gold class indices, -1 = unknown): the dev split used for
        early stopping (MLP) or choosing C (logistic).
        """
        featurizer, classifier = self._build()
        started = time.perf_counter()
        X = featurizer.fit_transform(frame)
        X_dev = None if dev_frame is None or dev_gold is None else featurizer.transform(dev_frame)
        classifier.fit(X, soft_labels, X_dev=X_dev, y_dev=dev_gold, n_classes=n_classes)
        self.featurizer_, self.classifier_ = featurizer, classifier
        self.n_classes_ = classifier.n_classes_
        self.fit_seconds_ = time.perf_counter() - started
        return self

    def predict_proba(self, frame: pd.DataFrame) -> np.ndarray:
        """Class probabilities, (n, k), tempered by ``temperature_`` (the ranking of the classes
        is the classifier's), then shifted by ``class_bias_`` where there is one."""
        self._check_fitted()
        proba = tempered(
            self.classifier_.predict_proba(self.featurizer_.transform(frame)), self.temperature_
        )
        return proba if self.class_bias_ is None else shifted(proba, self.class_bias_)

    def predict(self, frame: pd.DataFrame) -> np.ndarray:
        """Predicted class indices (0..k-1), (n,)."""
        return self.predict_proba(frame).argmax(axis=1)

    def save(self, folder: str | Path) -> Path:
        """Write ``model.json`` and ``arrays.npz`` into ``folder`` (created if needed)."""
        self._check_fitted()
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        meta: dict[str, Any] = {
            "format": FORMAT,
            "n_classes": self.n_classes_,
            "seed": self.seed,
            "fit_seconds": self.fit_seconds_,
            "temperature": self.temperature_,
        }
        if self.class_bias_ is not None:
            meta["class_bias"] = [float(b) for b in self.class_bias_]
        arrays: dict[str, Any] = {}
        for part, obj in (("featurizer", self.featurizer_), ("classifier", self.classifier_)):
            state, part_arrays = obj._state()
            meta[part] = {"name": obj.name, "params": obj.get_params(), "state": state}
            arrays.update({f"{part}/{key}": value for key, value in part_arrays.items()})
        np.savez_compressed(folder / "arrays.npz", **arrays)
        (folder / "model.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
        return folder

    @classmethod
    def load(cls, folder: str | Path) -> DistilledModel:
        """A fitted model read back from ``save``'s folder."""
        folder = Path(folder)
        try:
            meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
            with np.load(folder / "arrays.npz", allow_pickle=False) as npz:
                arrays = {key: npz[key] for key in npz.files}
        except (OSError, ValueError) as exc:
            raise DistillError(
                f"Cannot read a distilled model from {folder} ({exc}). Expected "
                "model.json and arrays.npz written by DistilledModel.save.",
                path=str(folder),
            ) from None
        if meta.get("format") != FORMAT:
            raise DistillError(
                f"{folder}/model.json has format {meta.get('format')!r}; "
                f"expected {FORMAT!r}. Re-train the model with this version.",
                path=str(folder),
            )
        try:
            featurizer = _restore(FEATURIZERS, meta["featurizer"], arrays, "featurizer")
            classifier = _restore(CLASSIFIERS, meta["classifier"], arrays, "classifier")
        except (KeyError, TypeError) as exc:
            raise DistillError(
                f"{folder} holds an incomplete distilled model (missing "
                f"{exc}). Re-train and save it again.",
                path=str(folder),
            ) from None
        model = cls(featurizer=featurizer.name, classifier=classifier.name, seed=meta["seed"])
        model.featurizer_, model.classifier_ = featurizer, classifier
        model.n_classes_, model.fit_seconds_ = meta["n_classes"], meta["fit_seconds"]
        model.temperature_ = float(meta.get("temperature", 1.0))  # models saved before: none
        if "class_bias" in meta:
            model.class_bias_ = np.asarray(meta["class_bias"], dtype=np.float64)
        return model

    def _build(self) -> tuple[Featurizer, MLPClassifier | LogisticClassifier]:
        unknown = [k for k in self.params if not k.startswith(_PREFIXES)]
        if unknown:
            raise DistillError(
                f"Unknown DistilledModel setting(s) {unknown}; expected "
                "featurizer__<name> or classifier__<name> settings."
            )
        own = {
            p: {k[len(p) :]: v for k, v in self.params.items() if k.startswith(p)}
            for p in _PREFIXES
        }
        featurizer = self.featurizer
        if isinstance(featurizer, str):
            featurizer = make_featurizer(featurizer, **own["featurizer__"])
        elif own["featurizer__"]:
            raise DistillError(
                "featurizer__ settings apply only to a featurizer given by name; "
                "set them on the instance instead."
            )
        classifier = self.classifier
        if isinstance(classifier, str):
            classifier = make_classifier(classifier, **{"seed": self.seed, **own["classifier__"]})
        elif own["classifier__"]:
            raise DistillError(
                "classifier__ settings apply only to a classifier given by name; "
                "set them on the instance instead."
            )
        return featurizer, classifier

    def _check_fitted(self) -> None:
        if not hasattr(self, "classifier_"):
            raise NotFittedError("This DistilledModel is not fitted yet; call fit or load.")


def fit_temperature(proba: np.ndarray, gold: np.ndarray) -> float:
    """The temperature T that makes ``proba`` ** (1 / T), renormalised, fit the class indices
    ``gold`` best (least mean log-loss; T between 0.001 and 1000: a strongly regularised
    logistic regression can answer barely above one half where it is mostly right). Fitted on
    out-of-fold probabilities, it corrects a model that is too sure (T > 1) or too shy (T < 1)
    without changing any prediction: soft-label training on pseudolabels and class-balanced
    weights both leave the probabilities off the rate at which the model is right."""
    gold = np.asarray(gold)
    log_p = np.log(np.maximum(np.asarray(proba, dtype=np.float64), _TINY))
    rows = np.arange(len(gold))

    def loss(log_t: float) -> float:
        return float(-log_softmax(log_p / np.exp(log_t), axis=1)[rows, gold].mean())

    if len(gold) == 0:
        return 1.0
    return float(
        np.exp(minimize_scalar(loss, bounds=(np.log(1e-3), np.log(1e3)), method="bounded").x)
    )


def tempered(proba: np.ndarray, temperature: float) -> np.ndarray:
    """``proba`` ** (1 / ``temperature``), each row renormalised; unchanged at 1."""
    if temperature == 1.0:
        return proba
    return softmax(np.log(np.maximum(proba, _TINY)) / temperature).astype(np.float64)


def fit_class_bias(proba: np.ndarray, shares: Sequence[float], steps: int = 200) -> np.ndarray:
    """Per-class shifts ``b`` of the log-probabilities such that the most probable class of
    ``proba`` + ``b`` (``shifted``) takes each class for about ``shares`` of the rows.

    Without any label, a task file's stated class shares are the only word on how often each
    class occurs; a model trained on the programs' pseudolabels inherits the programs' leanings
    (a program that fires on words every review has makes one class far too common). Given the
    model's probabilities on the training rows (a sample of the data), the shifts make its
    answers there take the stated shares, keeping its ranking within each class: the rows it
    finds likeliest for a class stay the ones it gives to that class. Fitted by ``steps``
    multiplicative corrections of the answered shares towards the stated ones; the shifts whose
    answered shares came closest are kept."""
    log_p = np.log(np.maximum(np.asarray(proba, dtype=np.float64), _TINY))
    target = np.asarray(shares, dtype=np.float64) / float(np.sum(shares))
    n, k = max(len(log_p), 1), log_p.shape[1]
    bias, best, best_gap = np.zeros(k), np.zeros(k), np.inf
    for _ in range(steps):
        answered = np.bincount((log_p + bias).argmax(axis=1), minlength=k) / n
        gap = float(np.abs(answered - target).sum())
        if gap < best_gap:
            best, best_gap = bias.copy(), gap
        if gap == 0.0:
            break
        bias += 0.5 * (np.log(target) - np.log(np.maximum(answered, 0.5 / n)))
        bias -= bias.mean()
    return best


def shifted(proba: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """``proba`` times ``exp(bias)`` per class, each row renormalised."""
    return softmax(np.log(np.maximum(proba, _TINY)) + bias).astype(np.float64)


_TINY = 1e-12


def _restore(
    registry: dict[str, type], part: dict[str, Any], arrays: dict[str, np.ndarray], prefix: str
) -> Any:
    obj = restore(registry[part["name"]], part["params"])
    own = {k[len(prefix) + 1 :]: v for k, v in arrays.items() if k.startswith(prefix + "/")}
    obj._load_state(part["state"], own)
    return obj
