"""The registry of label models and the choice of one on a labeled dev split."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from alchemist._util.numeric import choice_score
from alchemist.errors import LabelModelError
from alchemist.labelmodels._average import AveragedLabelModel
from alchemist.labelmodels._base import LabelModel
from alchemist.labelmodels._dawid_skene import DawidSkene
from alchemist.labelmodels._flyingsquid import FlyingSquid
from alchemist.labelmodels._patterns import VotePatterns
from alchemist.labelmodels._snorkel import SnorkelStyle
from alchemist.labelmodels._votes import check_n_classes, check_votes
from alchemist.labelmodels._voting import MajorityVote, WeightedMajorityVote

LABEL_MODELS: dict[str, type[LabelModel]] = {
    "majority": MajorityVote,
    "weighted": WeightedMajorityVote,
    "dawid_skene": DawidSkene,
    "snorkel": SnorkelStyle,
    "flyingsquid": FlyingSquid,
    "average": AveragedLabelModel,
}

#: The models a labeled dev split chooses among (``select_label_model``, ``choose_label_model``):
#: the single models. "average" is the answer for when nothing can choose.
DEV_CANDIDATES = ("majority", "weighted", "dawid_skene", "snorkel", "flyingsquid")

#: The models that take a ``class_balance`` (k probabilities): the pipeline gives them the class
#: shares a task file states whenever the label model is not chosen on a dev split.
TAKE_CLASS_BALANCE = frozenset({"dawid_skene", "snorkel", "flyingsquid", "average"})

#: Used when there is no labeled dev split: the pooled (geometric-mean) probabilities of
#: Dawid-Skene, Snorkel-style and FlyingSquid (``AveragedLabelModel``; a class balance the task
#: file states goes to each). Alone, each is far off on some task: Dawid-Skene estimates the class
#: balance from the votes, which programs that fall back to one class skew; the Snorkel-style and
#: FlyingSquid models assume uniform classes unless told, wrong for a rare class. Their pool is
#: rarely far off, which is what a run with no labels to choose by needs (docs/benchmarks.md
#: compares it with each model alone).
DEFAULT_LABEL_MODEL = "average"

Candidate = str | tuple[str, Mapping[str, Any]]


@dataclass(frozen=True)
class Selection:
    """The chosen label model: its registry name, its hyperparameters, the model fitted on the
    training votes, and the dev macro-F1 of every candidate (empty when there was no dev split).
    """

    name: str
    params: dict[str, Any]
    model: LabelModel
    scores: dict[str, float] = field(default_factory=dict)


def make_label_model(name: str, **params: Any) -> LabelModel:
    """A new, unfitted label model from its registry name and keyword hyperparameters."""
    if name not in LABEL_MODELS:
        raise LabelModelError(
            f"Unknown label model {name!r}; expected one of "
            f"{sorted(LABEL_MODELS)}. Fix the 'label_model' setting.",
            model=name,
        )
    return LABEL_MODELS[name](**params)


def select_label_model(
    L_train: np.ndarray | VotePatterns,
    L_dev: np.ndarray | None,
    y_dev: np.ndarray | None,
    n_classes: int,
    *,
    candidates: Sequence[Candidate] | None = None,
    seed: int = 0,
) -> Selection:
    """Fit every candidate on ``L_train`` (no labels) and keep the best on the dev split.

    ``L_train`` is the training vote matrix or its ``VotePatterns`` (e.g. merged over chunks).

    A candidate is a registry name or ``(name, params)``. By default: every single model
    (``DEV_CANDIDATES``) with its default hyperparameters, plus the Snorkel-style model given
    the dev split's class frequencies (it cannot estimate them itself). A candidate's score is
    its macro-F1 (ties: accuracy) on the dev rows that have a gold label (``y_dev >= 0``) and at
    least one vote: rows without votes get the same -1 from every model, so they cannot separate
    them. Then the earlier candidate (the defaults run from simplest to most elaborate). Only
    ``L_dev`` and ``y_dev`` are read for the choice: keep test labels out of both.

    Without a usable dev split (None, or no labeled row with a vote), the result is
    ``DEFAULT_LABEL_MODEL`` with default hyperparameters, fitted on ``L_train``, and empty scores.
    """
    k = check_n_classes(n_classes)
    if not isinstance(L_train, VotePatterns):  # patterns merged over chunks fit the same way
        L_train = check_votes(L_train, k)
    m = L_train.n_programs if isinstance(L_train, VotePatterns) else L_train.shape[1]
    rows = _scorable_rows(L_dev, y_dev, k, m)
    if rows is None:
        model = make_label_model(DEFAULT_LABEL_MODEL, seed=seed).fit(L_train, k)
        return Selection(DEFAULT_LABEL_MODEL, {}, model, {})
    L_dev_rows, gold = rows
    if candidates is None:
        frequencies = (np.bincount(gold, minlength=k) + 1.0) / (len(gold) + k)
        candidates = [*DEV_CANDIDATES, ("snorkel", {"class_balance": frequencies.tolist()})]
    best: tuple[tuple[float, float], Selection] | None = None
    scores: dict[str, float] = {}
    for candidate in candidates:
        name, params = (candidate, {}) if isinstance(candidate, str) else candidate
        params = dict(params)
        model = make_label_model(name, **{"seed": seed, **params}).fit(L_train, k)
        figure = choice_score(gold, model.predict(L_dev_rows), k)
        scores[_label(name, params)] = figure[0]
        if best is None or figure > best[0]:
            best = (figure, Selection(name, params, model))
    if best is None:
        raise LabelModelError(
            "No candidate label model was given; pass at least one name "
            f"from {sorted(LABEL_MODELS)}, or None for the default set.",
            n_classes=k,
            n_programs=m,
        )
    return Selection(best[1].name, best[1].params, best[1].model, scores)


def _scorable_rows(
    L_dev: np.ndarray | None, y_dev: np.ndarray | None, k: int, m: int
) -> tuple[np.ndarray, np.ndarray] | None:
    if L_dev is None or y_dev is None:
        return None
    L_dev = check_votes(L_dev, k, m)
    gold = np.asarray(y_dev).astype(np.int64, copy=False).ravel()
    if gold.shape != (len(L_dev),):
        raise LabelModelError(
            f"y_dev must have one label per dev row ({len(L_dev)}); got "
            f"shape {np.shape(y_dev)}. Pass the dev split's gold indices.",
            n_classes=k,
            n_programs=m,
        )
    if gold.max(initial=-1) >= k:
        raise LabelModelError(
            f"y_dev holds class index {gold.max()} but there are {k} classes; "
            "pass class indices 0..k-1 (-1 = unknown).",
            n_classes=k,
            n_programs=m,
        )
    keep = (gold >= 0) & (L_dev >= 0).any(axis=1)
    return (L_dev[keep], gold[keep]) if keep.any() else None


def _label(name: str, params: Mapping[str, Any]) -> str:
    if not params:
        return name
    return f"{name}({', '.join(f'{k}={_short(v)}' for k, v in sorted(params.items()))})"


def _short(value: Any) -> str:
    if isinstance(value, list | tuple | np.ndarray):
        return "[" + ", ".join(f"{float(v):.3g}" for v in value) + "]"
    return repr(value)
