"""The pooled opinion of several unsupervised label models: the default when no dev split can
choose one."""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np

from alchemist._util.numeric import softmax
from alchemist.errors import LabelModelError
from alchemist.labelmodels._base import MAX_FIT_ROWS, LabelModel
from alchemist.labelmodels._dawid_skene import DawidSkene
from alchemist.labelmodels._flyingsquid import FlyingSquid
from alchemist.labelmodels._snorkel import SnorkelStyle
from alchemist.labelmodels._votes import Votes

_FLOOR = 1e-12  # a member's zero probability vetoes a class only this far
_MEMBERS: dict[str, type[LabelModel]] = {
    "dawid_skene": DawidSkene,
    "snorkel": SnorkelStyle,
    "flyingsquid": FlyingSquid,
}


class AveragedLabelModel(LabelModel):
    """The geometric mean of the class probabilities of ``members``, each fitted on the same
    votes, normalised (a log-linear pool).

    Without labels nothing says which model's assumptions a task meets: Dawid-Skene estimates
    the class balance from the votes, which programs that fall back to one class whenever no
    rule matches pull toward that class; the Snorkel-style and FlyingSquid models assume uniform
    classes unless given a balance. Each is far off on some task; their pool is rarely far off.
    The geometric mean keeps a class the members agree on as sure as they are: the arithmetic
    mean flattens it, and a classifier distilled from flat pseudolabels loses the rare classes
    (docs/benchmarks.md compares the two). ``class_balance`` (k probabilities, e.g. a task
    file's class shares) is given to every member. ``class_balance_`` is pooled alike and
    ``accuracies_`` is the members' mean; ``members_`` holds the fitted members.
    """

    def __init__(
        self,
        *,
        members: Sequence[str] = tuple(_MEMBERS),
        class_balance: Sequence[float] | None = None,
        seed: int = 0,
        max_fit_rows: int | None = MAX_FIT_ROWS,
    ) -> None:
        super().__init__(seed=seed, max_fit_rows=max_fit_rows)
        self.members = members
        self.class_balance = class_balance

    def _fit(self, votes: Votes) -> None:
        unknown = sorted(set(self.members) - set(_MEMBERS))
        if unknown or not self.members:
            raise LabelModelError(
                f"Cannot average label models {unknown or 'none'}; name one or more of "
                f"{sorted(_MEMBERS)}.",
                model="average",
            )
        balance = {} if self.class_balance is None else {"class_balance": self.class_balance}
        self.members_ = [
            _MEMBERS[name](seed=self.seed, max_fit_rows=None, **balance)._fit_votes(
                votes, self.n_programs_
            )
            for name in self.members
        ]
        with warnings.catch_warnings():  # a program that never voted is nan in every member
            warnings.simplefilter("ignore", RuntimeWarning)
            self.accuracies_ = np.nanmean([m.accuracies_ for m in self.members_], axis=0)
        self.class_balance_ = _pool([m.class_balance_ for m in self.members_])

    def _proba(self, votes: Votes) -> np.ndarray:
        return _pool([m._proba(votes) for m in self.members_])  # (k, r): classes first


def _pool(probabilities: list[np.ndarray]) -> np.ndarray:
    """Normalised geometric mean over the list of class-major arrays (classes on axis 0)."""
    logs = np.mean([np.log(np.maximum(p, _FLOOR)) for p in probabilities], axis=0)
    return softmax(logs.reshape(len(logs), -1), axis=0).reshape(logs.shape)
