"""The user's labels on a run: its label store, suggestions, import and export.

The stages live in ``alchemist.labels``; this module hands them a run's files. The command line
(``alchemist suggest``, ``alchemist labels``) and the workbench's Label page call these functions
and nothing else, so both label through the same store and see the same suggestions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from alchemist.distill import DistilledModel
from alchemist.errors import RunError
from alchemist.label_matrix import LabelMatrix
from alchemist.labels import (
    Evidence,
    LabelStore,
    label_studio_tasks,
    labels_frame,
    rank,
    read_csv,
    read_label_studio,
    row_ids,
    with_labels,
    write_csv,
    write_label_studio,
)
from alchemist.labels.calibration import below
from alchemist.labels.transfer import ID_COLUMN, fields_of
from alchemist.run.folder import RunDir, load_splits
from alchemist.task import Task

PROBABILITY_COLUMN = "alchemist_probability"


@dataclass(frozen=True)
class RowSuggestion:
    id: str
    row: int  # position in the training split as last run
    score: float
    reason: str
    item: Any
    label_model: str  # the label model's likeliest class
    probability: float


class RunLabels:
    """One run's rows by id and its label store (test rows refused, unknown ids refused)."""

    def __init__(self, run: RunDir) -> None:
        self.run = run
        self.task = run.task()
        self.config = run.config()
        self.raw = load_splits(self.task, self.config)
        self.items: dict[str, Any] = {}
        frames: list[pd.DataFrame] = []
        self.position: dict[str, int] = {}
        for split in ("train", "dev"):
            if split in self.raw:
                data = self.raw[split]
                for k, (row, item) in enumerate(zip(row_ids(data.items), data.items, strict=True)):
                    self.items.setdefault(row, item)
                    self.position.setdefault(row, sum(len(f) for f in frames) + k)
                frames.append(data.frame)
        self.frame = pd.concat(frames, ignore_index=True)  # what the end model reads, by row
        test = self.raw.get("test")
        self.test_ids = frozenset(row_ids(test.items)) if test is not None else frozenset()
        self.store = LabelStore(
            run.labels_dir,
            classes=self.task.class_names,
            refused=self.test_ids,
            allowed=self.items,
        )

    def current(self) -> dict[str, str]:
        return self.store.current()

    def suggest(self, n: int = 20) -> list[RowSuggestion]:
        """The ``n`` training rows a label would help most (``alchemist.labels.suggest``)."""
        return suggest_rows(self, n)

    def export(self, path: str | Path) -> Path:
        """The current labels as CSV, or as Label Studio tasks for a ``.json`` path."""
        labels = self.current()
        if str(path).endswith(".json"):
            items = {row: self.items.get(row) for row in labels}
            return write_label_studio(label_studio_tasks(self.task, items, labels), path)
        frame = labels_frame(self.task, self.items, self.store.events(), labels)
        return write_csv(frame, path)

    def export_review(self, path: str | Path, threshold: float) -> tuple[Path, int]:
        """The unlabeled training and dev rows (never a row of the test split, nor one with the
        same inputs) whose distilled-model probability is under
        ``threshold``, least sure first, for review: CSV (id, inputs, predicted class,
        ``alchemist_probability``) or, for ``.json``, Label Studio tasks with the model's answer
        as a prediction. The path and the number of rows."""
        model = DistilledModel.load(self.run.model_dir)
        current = self.current()
        ids = [row for row in self.items if row not in current and row not in self.test_ids]
        frame = self.frame.iloc[[self.position[row] for row in ids]].reset_index(drop=True)
        proba = model.predict_proba(frame) if ids else np.zeros((0, self.task.n_classes))
        rows = below(proba, threshold)
        names = self.task.class_names
        answers = {ids[i]: (names[int(proba[i].argmax())], float(proba[i].max())) for i in rows}
        if str(path).endswith(".json"):
            tasks = label_studio_tasks(
                self.task, {row: self.items[row] for row in answers}, predictions=answers
            )
            return write_label_studio(tasks, path), len(rows)
        table = pd.DataFrame(
            [
                {ID_COLUMN: row, **fields_of(self.task, self.items[row]), "predicted": name}
                | {PROBABILITY_COLUMN: p}
                for row, (name, p) in answers.items()
            ],
            columns=[ID_COLUMN, *self.task.input_fields, "predicted", PROBABILITY_COLUMN],
        )
        return write_csv(table, path), len(rows)

    def import_file(self, path: str | Path) -> int:
        """Labels from a CSV or Label Studio ``.json`` file; how many changed. Checked whole
        before anything is written (a test row or an unknown class writes nothing)."""
        read = read_label_studio if str(path).endswith(".json") else read_csv
        return len(self.store.label_many(read(path, self.task)))


def suggest(run: RunDir | str | Path, n: int = 20) -> list[RowSuggestion]:
    """The ``n`` unlabeled training rows whose labels would help the run most, best first."""
    return RunLabels(run if isinstance(run, RunDir) else RunDir(run)).suggest(n)


def suggest_rows(labels: RunLabels, n: int) -> list[RowSuggestion]:
    run, task = labels.run, labels.task
    ids, proba = _pseudolabels(run, task, labels)
    votes = LabelMatrix.load(run.matrix_path("train")).votes if ids else np.zeros((0, 0))
    if len(votes) != len(ids):
        raise RunError(
            f"The training votes ({len(votes)} rows) and pseudolabels ({len(ids)}) of "
            f"{run.folder} differ. Run: alchemist rerun {run.folder}",
            path=str(run.folder),
        )
    current = labels.current()
    items = [labels.items.get(i) for i in ids]
    eligible = np.array(
        [i not in current and i not in labels.test_ids and i in labels.items for i in ids]
    )
    frame = labels.frame.iloc[[labels.position.get(i, 0) for i in ids]].reset_index(drop=True)
    model = DistilledModel.load(run.model_dir) if run.model_dir.exists() else None
    features = distilled = labeled = None
    if model is not None and len(frame):
        features = model.featurizer_.transform(frame)
        distilled = model.classifier_.predict_proba(features)
    dev = with_labels(labels.raw, current).get("dev")
    counts = np.zeros(task.n_classes)
    if dev is not None and dev.gold is not None:
        known = dev.gold >= 0
        counts = np.bincount(dev.gold[known], minlength=task.n_classes).astype(float)
        if model is not None and known.any():
            labeled = model.featurizer_.transform(dev.frame[known].reset_index(drop=True))
    evidence = Evidence(
        votes,
        proba,
        distilled=distilled,
        features=features,
        labeled_features=labeled,
        label_counts=counts,
        eligible=eligible,
        keys=ids,
    )
    ranked = rank(task, evidence, n=n, seed=labels.config.seed)
    return [
        RowSuggestion(
            ids[s.row],
            s.row,
            s.score,
            s.reason,
            items[s.row],
            task.class_names[int(proba[s.row].argmax())],
            float(proba[s.row].max()),
        )
        for s in ranked
    ]


def _pseudolabels(run: RunDir, task: Task, labels: RunLabels) -> tuple[list[str], np.ndarray]:
    path = run.pseudolabels_path
    if not path.exists():
        raise RunError(f"{path} is missing. Run: alchemist rerun {run.folder}", path=str(path))
    saved = pd.read_parquet(path)
    proba = saved[[f"p_{c.name}" for c in task.classes]].to_numpy()
    if "id" in saved.columns:
        return [str(i) for i in saved["id"]], proba
    train = with_labels(labels.raw, labels.current())["train"]  # a run saved before row ids
    return row_ids(train.items), proba


__all__ = ["PROBABILITY_COLUMN", "RowSuggestion", "RunLabels", "suggest", "suggest_rows"]
