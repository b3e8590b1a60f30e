"""Labeling new data with a run's distilled model alone: no LLM, no programs (``alchemist
predict``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from alchemist import concepts
from alchemist.data.dataset import read_table
from alchemist.distill import DistilledModel
from alchemist.errors import DataError
from alchemist.run.folder import RunDir

PREDICTION_COLUMNS = ("label", "label_name", "confidence")


def predict(
    folder: str | Path, data: str, *, limit: int | None = None, prefix: str = "predicted_"
) -> pd.DataFrame:
    """Label new data with a run's distilled model alone: no LLM, no programs.

    Gives every column of ``data`` as it was, plus ``<prefix>label`` (class id),
    ``<prefix>label_name`` and ``<prefix>confidence``. A column of the data is never replaced:
    when one already has such a name, ``DataError`` names it and the way out (another prefix).
    """
    run = RunDir(folder)
    task = run.task()
    table = read_table(data, task, limit=limit)
    names = [f"{prefix}{column}" for column in PREDICTION_COLUMNS]
    clash = [name for name in names if name in table.columns]
    if clash:
        raise DataError(
            f"the data already has column(s) {clash}, and predictions never replace "
            f"a column of yours. Choose other names with --prefix (now {prefix!r}).",
            path=str(data),
        )
    dataset = concepts.rescore(run.folder, table, task, source=str(data))
    proba = DistilledModel.load(run.model_dir).predict_proba(dataset.frame)
    index = proba.argmax(axis=1)
    out = table.copy()
    out[names[0]] = [task.classes[i].id for i in index]
    out[names[1]] = [task.classes[i].name for i in index]
    out[names[2]] = proba.max(axis=1)
    return out


__all__ = ["PREDICTION_COLUMNS", "predict"]
