"""Which rows to label next: the rule, and why.

Each unlabeled training row gets a **need** score in [0, 1], the mean of three signals that a
label there would change something:

- **disagreement**: the entropy of the programs' votes on the row (abstentions left out),
  divided by log k. Where the programs split, the label model has to guess which of them to
  trust; a gold label there teaches it (and the search) whose rule holds. 0 when the programs
  agree or one votes.
- **uncertainty**: 1 - the margin between the label model's two likeliest classes. A row the
  label model is sure of teaches little; a row nothing votes on sits at the class prior and is
  maximally unsure (the programs miss it, so only a label covers it).
- **conflict**: the total-variation distance between the distilled model's and the label
  model's probabilities. Where the end model has learned something the votes do not say (or
  failed to learn what they say), a label settles which is right.

It is multiplied by **scarcity**, 0.5 + 0.5 x (1 + fewest labels of a class) / (1 + labels of
the row's likeliest class): rows of a class with few labels count up to twice as much, since
every choice made on the dev split is blind to a class it has no labels of.

Then **diversity** picks the batch greedily: each pick maximises need x distance, where distance
is the cosine distance (in the distilled model's own features) from the row to the nearest
labeled row or row already picked, capped at 1. A row identical to one labeled or picked scores
0, so a batch is never twenty copies of one case, and each pick covers a part of the data no
label speaks for yet. Rows with identical inputs share one id and are one candidate.

A **fair share** of each batch (``FAIR_SHARE``, half; rounded down) is drawn at random from the
rows that may be suggested (an input several rows share as likely as those rows together),
before the rule picks the rest (and the rule's distances count them as picked). Every choice a
run makes on its labels (the label model, the end model, whether the programs beat the
reference) and every figure it reports on them assumes they are a fair sample of the data;
labels chosen only where the run is unsure are not (they are the hard rows), and on the
benchmark's learning curves such labels scored below as many random ones (``bench_active.py``).
Half at random keeps the labels a fair sample of half their size while the other half goes
where the rule says it is needed. The random rows' reason says so.

The score printed is need x distance at the moment the row was picked (a random row: its need);
the reason names the signals that drove it. Test rows are never candidates.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse

from alchemist.task import Task

# Of the candidates ranked by need, how many (per row asked for) the diversity pass considers.
_POOL_PER_PICK = 25
FAIR_SHARE = 0.5  # of each batch, drawn at random (module docstring)
FAIR_REASON = "drawn at random, so that the labels stay a fair sample of the data"


@dataclass(frozen=True)
class Suggestion:
    row: int  # index into the rows ranked (the training split as last run)
    score: float
    need: float
    reason: str
    signals: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Evidence:
    """What the rule reads of the rows it ranks.

    ``votes`` (rows x programs, -1 abstain) and ``proba`` (label model) are the rows' own;
    ``distilled`` the end model's probabilities; ``features`` the rows' features for the
    diversity pass, ``labeled_features`` the labeled rows'; ``label_counts`` the labels per
    class; ``eligible`` the rows that may be suggested; ``keys`` an id per row (rows sharing
    one are suggested once).
    """

    votes: np.ndarray
    proba: np.ndarray
    distilled: np.ndarray | None = None
    features: np.ndarray | sparse.spmatrix | None = None
    labeled_features: np.ndarray | sparse.spmatrix | None = None
    label_counts: np.ndarray | None = None
    eligible: np.ndarray | None = None
    keys: list[str] | None = None


def rank(
    task: Task, evidence: Evidence, n: int = 20, *, fair: float = FAIR_SHARE, seed: int = 0
) -> list[Suggestion]:
    """The ``n`` rows to label next (module docstring): the rule's picks, best first, then the
    ``fair`` share of ``n`` drawn at random (seeded with ``seed`` and the labels so far)."""
    votes, proba, distilled = evidence.votes, evidence.proba, evidence.distilled
    features, labeled_features = evidence.features, evidence.labeled_features
    label_counts, eligible, keys = evidence.label_counts, evidence.eligible, evidence.keys
    k = task.n_classes
    rows = len(votes)
    eligible = np.ones(rows, dtype=bool) if eligible is None else eligible.copy()
    if keys is not None:
        eligible &= _first_of_each(keys)
    signals = _signals(votes, proba, distilled, k)
    counts = np.zeros(k) if label_counts is None else np.asarray(label_counts, dtype=float)
    likeliest = proba.argmax(axis=1)
    scarcity = 0.5 + 0.5 * (1 + counts.min()) / (1 + counts[likeliest])
    need = np.mean(list(signals.values()), axis=0) * scarcity
    copies = np.ones(rows) if keys is None else _copies(keys)
    fair_rows = _drawn(eligible, copies, int(n * fair), seed + int(counts.sum()))
    eligible[fair_rows] = False
    fair_need = {int(i): float(need[i]) for i in fair_rows}
    need = np.where(eligible, need, -1.0)
    order = np.argsort(-need, kind="stable")
    pool = order[: max(n * _POOL_PER_PICK, n)]
    pool = pool[need[pool] >= 0]
    if features is not None and len(fair_rows):  # the rule's picks keep away from them too
        drawn = features[fair_rows]
        labeled_features = (
            drawn
            if labeled_features is None or not labeled_features.shape[0]
            else (sparse.vstack if sparse.issparse(drawn) else np.vstack)([labeled_features, drawn])
        )
    picks = _diverse(pool, need, features, labeled_features, n - len(fair_rows))
    picks += list(fair_need.items())
    return [
        Suggestion(
            int(i),
            float(score),
            fair_need.get(i, float(need[i])),
            FAIR_REASON
            if i in fair_need
            else _reason(task, i, votes, proba, distilled, signals, counts),
            {name: float(values[i]) for name, values in signals.items()}
            | {"scarcity": float(scarcity[i])},
        )
        for i, score in picks
    ]


def _drawn(eligible: np.ndarray, copies: np.ndarray, m: int, seed: int) -> np.ndarray:
    """``m`` of the ``eligible`` rows drawn at random, each as likely as its ``copies`` (the rows
    sharing its id) make it: a fair sample of the rows, not of the distinct inputs. Fewer where
    fewer are eligible."""
    rows = np.flatnonzero(eligible)
    if m <= 0 or not len(rows):
        return np.zeros(0, dtype=np.int64)
    weights = copies[rows] / copies[rows].sum()
    rng = np.random.default_rng(seed)
    return np.sort(rng.choice(rows, size=min(m, len(rows)), replace=False, p=weights))


def _signals(
    votes: np.ndarray, proba: np.ndarray, distilled: np.ndarray | None, k: int
) -> dict[str, np.ndarray]:
    counts = np.stack([(votes == c).sum(axis=1) for c in range(k)], axis=1).astype(float)
    total = counts.sum(axis=1, keepdims=True)
    shares = np.divide(counts, total, out=np.zeros_like(counts), where=total > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        entropy = -np.nansum(np.where(shares > 0, shares * np.log(shares), 0.0), axis=1)
    top = np.sort(proba, axis=1)
    signals = {
        "disagreement": entropy / np.log(k),
        "uncertainty": 1.0 - (top[:, -1] - top[:, -2]),
    }
    if distilled is not None:
        signals["conflict"] = 0.5 * np.abs(distilled - proba).sum(axis=1)
    return signals


def _diverse(
    pool: np.ndarray,
    need: np.ndarray,
    features: np.ndarray | sparse.spmatrix | None,
    labeled: np.ndarray | sparse.spmatrix | None,
    n: int,
) -> list[tuple[int, float]]:
    """Greedy max of need x distance to the nearest labeled or picked row (module docstring)."""
    if features is None or not len(pool):
        return [(int(i), float(need[i])) for i in pool[:n]]
    X = _unit(features[pool])
    distance = np.ones(len(pool))
    if labeled is not None and labeled.shape[0]:
        similarity = _dense(X @ _unit(labeled).T)
        distance = np.clip(1.0 - similarity.max(axis=1), 0.0, 1.0)
    picks: list[tuple[int, float]] = []
    available = np.ones(len(pool), dtype=bool)
    for _ in range(min(n, len(pool))):
        value = np.where(available, need[pool] * distance, -1.0)
        best = int(value.argmax())
        if value[best] <= 0 and picks:  # only copies of picked or labeled rows are left
            break
        picks.append((int(pool[best]), float(value[best])))
        available[best] = False
        similarity = _dense(X @ X[best].T).ravel()
        distance = np.minimum(distance, np.clip(1.0 - similarity, 0.0, 1.0))
    return picks


def _reason(
    task: Task,
    i: int,
    votes: np.ndarray,
    proba: np.ndarray,
    distilled: np.ndarray | None,
    signals: dict[str, np.ndarray],
    counts: np.ndarray,
) -> str:
    names = task.class_names
    parts = []
    voted = votes[i][votes[i] >= 0]
    if signals["disagreement"][i] > 0:
        tally = ", ".join(f"{int((voted == c).sum())} {names[c]}" for c in np.unique(voted))
        parts.append(f"programs disagree ({tally})")
    elif not len(voted):
        parts.append("no program votes")
    likeliest = int(proba[i].argmax())
    if signals["uncertainty"][i] >= 0.5:
        parts.append(f"label model unsure ({names[likeliest]} {proba[i, likeliest]:.2f})")
    if distilled is not None and int(distilled[i].argmax()) != likeliest:
        parts.append(f"distilled model says {names[int(distilled[i].argmax())]}")
    if counts[likeliest] <= counts.min() and counts.max() > counts.min():
        parts.append(f"few {names[likeliest]} labels ({int(counts[likeliest])})")
    return "; ".join(parts) or "unlike the labeled rows"


def _first_of_each(keys: list[str]) -> np.ndarray:
    seen: set[str] = set()
    first = np.zeros(len(keys), dtype=bool)
    for i, key in enumerate(keys):
        if key not in seen:
            seen.add(key)
            first[i] = True
    return first


def _copies(keys: list[str]) -> np.ndarray:
    """How many rows share each row's id."""
    counts = Counter(keys)
    return np.array([counts[key] for key in keys], dtype=np.float64)


def _unit(X: np.ndarray | sparse.spmatrix) -> np.ndarray | sparse.spmatrix:
    if sparse.issparse(X):
        X = sparse.csr_matrix(X, dtype=np.float64)
        norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1))).ravel()
        return sparse.diags(1.0 / np.maximum(norms, 1e-12)) @ X
    X = np.asarray(X, dtype=np.float64)
    return X / np.maximum(np.linalg.norm(X, axis=1, keepdims=True), 1e-12)


def _dense(X: Any) -> np.ndarray:
    return np.asarray(X.todense()) if sparse.issparse(X) else np.asarray(X)


__all__ = ["FAIR_REASON", "FAIR_SHARE", "Evidence", "Suggestion", "rank"]
