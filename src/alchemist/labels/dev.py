"""The dev split as it grows: the user's labels merged into the splits a run reads.

``with_labels`` is the one place labels become gold:

- a labeled **training** row leaves the training split and joins dev with its label as gold (a
  row is never both a pseudolabeled training row and a gold dev row);
- a labeled **dev** row (of a given dev file or ``--dev-size``) takes the label in place of the
  file's gold: the person's latest word is the label;
- the **test** split is never touched: its rows refuse labels (``LabelStore``'s ``refused``).

Without labels the splits come back unchanged, so a run that never labeled anything reads
exactly what it read before.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from alchemist.data.dataset import Dataset
from alchemist.labels.store import row_ids


def with_labels(splits: dict[str, Dataset], labels: Mapping[str, str]) -> dict[str, Dataset]:
    """``splits`` with ``labels`` (row id -> class name) applied (module docstring)."""
    if not labels:
        return splits
    train = splits["train"]
    task = train.task
    index = {name: i for i, name in enumerate(task.class_names)}
    out = dict(splits)
    train_ids = row_ids(train.items)
    moved = np.array([i for i, r in enumerate(train_ids) if r in labels], dtype=np.int64)
    parts = []
    if "dev" in splits:
        dev = splits["dev"]
        gold = np.full(len(dev), -1) if dev.gold is None else dev.gold.copy()
        for i, r in enumerate(row_ids(dev.items)):
            if r in labels:
                gold[i] = index[labels[r]]
        parts.append(_with_gold(dev, gold))
    if len(moved):
        taken = train.subset(moved)
        gold = np.array([index[labels[train_ids[i]]] for i in moved], dtype=np.int64)
        parts.append(_with_gold(taken, gold))
        out["train"] = train.subset(np.setdiff1d(np.arange(len(train)), moved))
    if parts:
        out["dev"] = parts[0] if len(parts) == 1 else _concat(parts)
    return out


def labeled_count(splits: dict[str, Dataset]) -> int:
    """How many dev rows have a gold label (the labels every dev choice reads)."""
    dev = splits.get("dev")
    return 0 if dev is None or dev.gold is None else int((dev.gold >= 0).sum())


def _with_gold(dataset: Dataset, gold: np.ndarray) -> Dataset:
    return Dataset(
        dataset.frame,
        np.asarray(gold, dtype=np.int64),
        dataset.task,
        dataset.source,
        dataset.reference_votes,
        dataset.groups,
    )


def _concat(parts: list[Dataset]) -> Dataset:
    first = parts[0]

    def joined(name: str) -> np.ndarray | None:
        values = [getattr(p, name) for p in parts]
        return None if any(v is None for v in values) else np.concatenate(values)

    return Dataset(
        pd.concat([p.frame for p in parts], ignore_index=True),
        joined("gold"),
        first.task,
        first.source,
        joined("reference_votes"),
        joined("groups"),
    )


__all__ = ["labeled_count", "with_labels"]
