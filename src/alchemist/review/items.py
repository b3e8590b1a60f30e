"""The Items page's query: rows of one split with every program's vote and both models' output,
filtered to where a person looks for the next rule."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from alchemist.review.workbench import SplitView, error_name

FILTERS = {
    "all": "all rows",
    "disagreements": "programs disagree",
    "label-model-wrong": "label model wrong (gold known)",
    "distilled-wrong": "distilled model wrong (gold known)",
    "uncovered": "no program votes",
    "program-wrong": "one program wrong (gold known)",
}
PER_PAGE = 50


@dataclass
class ItemRow:
    row: int
    item: Any
    gold: int  # class index, -1 unknown
    votes: list[int]  # per program, class index or -1
    errors: list[str]  # per program, "" or the CellError name
    proba: list[float]  # label model, per class
    label_model: int  # class index, -1 where nothing voted
    distilled: int


@dataclass
class ItemsPage:
    rows: list[ItemRow]
    total: int  # rows matching the filter and query
    page: int
    pages: int


def select(
    view: SplitView, *, show: str = "all", query: str = "", page: int = 1, program: str = ""
) -> ItemsPage:
    """The matching rows of one split, ``PER_PAGE`` at a time (``program``: the one whose
    wrong votes "program-wrong" shows)."""
    votes = view.matrix.votes.astype(np.int64)
    gold = view.dataset.gold if view.dataset.gold is not None else np.full(len(votes), -1)
    mask = _filter(show, votes, gold, view)
    if show == "program-wrong":
        if program not in view.matrix.program_ids:
            raise ValueError(f"The last re-run has no program {program!r}; choose one of its.")
        column = votes[:, view.matrix.program_ids.index(program)]
        mask = (gold >= 0) & (column >= 0) & (column != gold)
    if query:
        needle = query.casefold()
        texts = np.array([needle in str(item).casefold() for item in view.dataset.items])
        mask &= texts
    matching = np.flatnonzero(mask)
    pages = max(1, -(-len(matching) // PER_PAGE))
    page = min(max(1, page), pages)
    chosen = matching[(page - 1) * PER_PAGE : page * PER_PAGE]
    items = view.dataset.items
    errors = np.asarray(view.matrix.errors)
    return ItemsPage(
        [
            ItemRow(
                int(i),
                items[i],
                int(gold[i]),
                votes[i].tolist(),
                [error_name(e) for e in errors[i]],
                [float(p) for p in view.proba[i]],
                int(view.label_model[i]),
                int(view.distilled[i]),
            )
            for i in chosen
        ],
        len(matching),
        page,
        pages,
    )


def _filter(show: str, votes: np.ndarray, gold: np.ndarray, view: SplitView) -> np.ndarray:
    if show not in FILTERS:
        raise ValueError(f"show must be one of {sorted(FILTERS)}; got {show!r}.")
    voted = votes >= 0
    if show == "disagreements":
        classes = range(view.proba.shape[1])
        mask = np.stack([(votes == c).any(axis=1) for c in classes], axis=1).sum(axis=1) >= 2
    elif show == "label-model-wrong":
        mask = (gold >= 0) & (view.label_model != gold)
    elif show == "distilled-wrong":
        mask = (gold >= 0) & (view.distilled != gold)
    elif show == "uncovered":
        mask = ~voted.any(axis=1)
    else:
        mask = np.ones(len(votes), dtype=bool)
    return np.asarray(mask, dtype=bool)


__all__ = ["FILTERS", "PER_PAGE", "ItemRow", "ItemsPage", "select"]
