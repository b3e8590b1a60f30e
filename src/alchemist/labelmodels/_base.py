"""The interface every label model follows, with the shared tie and no-vote policy."""

from __future__ import annotations

import inspect
from typing import Any, Self

import numpy as np

from alchemist.errors import LabelModelError, NotFittedError
from alchemist.labelmodels._patterns import VotePatterns
from alchemist.labelmodels._votes import Votes, check_n_classes, check_votes

_TIE_TOLERANCE = 1e-9
#: Default bound on the distinct rows a fit reads (see ``LabelModel``).
MAX_FIT_ROWS = 200_000


class LabelModel:
    """Aggregates the votes of m programs over n items into class probabilities.

    Scikit-learn-like: ``__init__`` only stores keyword-only hyperparameters, ``fit`` learns,
    learned state ends in ``_``. Votes are an (n, m) integer matrix of class indices 0..k-1 with
    -1 for abstain (int8 is kept as is; other integer types are converted once).

    Policies shared by every model:

    * ``predict_proba`` of a row where no program voted is ``class_balance_``.
    * ``predict`` is the most probable class; classes whose probabilities are equal (within
      1e-9) are broken toward the larger ``class_balance_``, then the lower class index.
      Rows where no program voted get -1.
    * ``accuracies_[j]`` estimates P(program j's vote is correct | it votes); it is nan for a
      program that never voted in the fitted matrix (such a program adds nothing to scores).
    * ``max_fit_rows`` (default ``MAX_FIT_ROWS``): when the training votes hold more distinct
      rows than this, ``fit`` reads a random sample of this many rows drawn with ``seed``
      (rows of a matrix, or rows of a ``VotePatterns`` drawn without replacement). The
      parameters are m*k*k numbers, and 200,000 rows pin them down to sampling error (about
      0.003 on an accuracy); below the bound, and whenever rows collapse into fewer distinct
      patterns, the fit reads every row. None reads every row always. Every model is
      otherwise a deterministic function of the votes.

    Learned state: ``n_classes_``, ``n_programs_``, ``accuracies_`` (m,), ``class_balance_`` (k,).
    """

    accuracies_: np.ndarray
    class_balance_: np.ndarray
    n_classes_: int
    n_programs_: int

    def __init__(self, *, seed: int = 0, max_fit_rows: int | None = MAX_FIT_ROWS) -> None:
        self.seed = seed
        self.max_fit_rows = max_fit_rows

    def fit(self, L: np.ndarray | VotePatterns, n_classes: int) -> Self:
        """Learn from the (n, m) vote matrix ``L`` of a task with ``n_classes`` classes.

        ``L`` may also be the ``VotePatterns`` of the matrix (e.g. merged over chunks): the
        fit is then the same as on the matrix itself.
        """
        k = check_n_classes(n_classes)
        if isinstance(L, VotePatterns):
            if L.n_classes != k:
                raise LabelModelError(
                    f"The vote patterns were counted for {L.n_classes} "
                    f"classes, not {k}; pass the task's n_classes to both.",
                    n_classes=k,
                    n_programs=L.n_programs,
                )
            m = L.n_programs
            votes = Votes.of_patterns(*self._sample_patterns(L.patterns, L.counts), k)
        else:
            L = check_votes(L, k)
            m = L.shape[1]
            votes = Votes.of(L, k)
            if self.max_fit_rows is not None and len(votes.rows) > self.max_fit_rows:
                rng = np.random.default_rng(self.seed)
                votes = Votes.of(L[np.sort(rng.choice(len(L), self.max_fit_rows, False))], k)
        if m == 0:
            raise LabelModelError(
                "The label matrix has no program columns; expected at least "
                "one. Synthesize or load programs before fitting.",
                n_classes=k,
                n_programs=0,
            )
        return self._fit_votes(votes, m)

    def predict_proba(self, L: np.ndarray) -> np.ndarray:
        """(n, k) float64 class probabilities; ``class_balance_`` for rows without votes."""
        return self._proba_and_covered(L)[0]

    def predict(self, L: np.ndarray) -> np.ndarray:
        """(n,) int64 class index per row, -1 where no program voted (ties: see the class)."""
        proba, covered = self._proba_and_covered(L)
        tied = proba >= proba.max(axis=1, keepdims=True) - _TIE_TOLERANCE
        pred = np.argmax(np.where(tied, self.class_balance_, -np.inf), axis=1)
        pred[~covered] = -1
        return pred

    def get_params(self) -> dict[str, Any]:
        """The hyperparameters given to ``__init__`` (as scikit-learn's ``get_params``)."""
        names = inspect.signature(type(self).__init__).parameters
        return {name: getattr(self, name) for name in names if name != "self"}

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({params})"

    def _fit_votes(self, votes: Votes, n_programs: int) -> Self:
        """Fit on votes already checked (and sampled); other models may fit one this way."""
        self.n_classes_ = votes.n_classes
        self.n_programs_ = n_programs
        self._fit(votes)
        return self

    # What subclasses provide --------------------------------------------------------------

    def _fit(self, votes: Votes) -> None:
        """Set ``accuracies_``, ``class_balance_`` and whatever ``_proba`` needs."""
        raise NotImplementedError

    def _proba(self, votes: Votes) -> np.ndarray:
        """(k, r) class-major probabilities of the rows of ``votes`` (rows without votes are
        replaced)."""
        raise NotImplementedError

    # Shared machinery ---------------------------------------------------------------------

    def _proba_and_covered(self, L: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if not hasattr(self, "class_balance_"):
            raise NotFittedError(
                f"This {type(self).__name__} is not fitted yet; call "
                "fit(L, n_classes) before predict or predict_proba."
            )
        votes = Votes.of(check_votes(L, self.n_classes_, self.n_programs_), self.n_classes_)
        covered = votes.covered()
        proba = self._proba(votes)
        proba[:, ~covered] = self.class_balance_[:, None]
        return np.ascontiguousarray(votes.expand(proba.T)), votes.expand(covered)

    def _sample_patterns(
        self, patterns: np.ndarray, counts: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """``max_fit_rows`` rows drawn without replacement, when there are more patterns."""
        if self.max_fit_rows is None or len(counts) <= self.max_fit_rows:
            return patterns, counts
        rng = np.random.default_rng(self.seed)
        counts = rng.multivariate_hypergeometric(counts, self.max_fit_rows)
        return patterns[counts > 0], counts[counts > 0]
