"""Every stage after synthesis over data larger than memory, chunk by chunk on one machine.

- ``stream_execute``: the isolated executor (and its vote cache) over each chunk; the label
  matrix is written as it grows (``MatrixParts``), resuming at the first missing part;
- ``fit_from_parts``: a label model fitted on the vote patterns merged across the parts;
- ``stream_pseudolabels``: its probabilities, part by part, into one Parquet file;
- ``stream_distill``: the hashing featurizer and the MLP trained in minibatches;
- ``stream_predict``: the distilled model over new data, output written as it goes.

Memory is one chunk (``chunk_rows`` rows, ``scale.settings.CHUNK_ROWS`` by default) plus what the
label model and the classifier hold, whatever the number of rows. Each function reports
``Progress`` (rows, rows/s, ETA) to its ``progress`` callback.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from alchemist.data.dataset import Dataset
from alchemist.distill import DistilledModel, fit_in_batches
from alchemist.errors import DataError
from alchemist.execution import ExecutionConfig, Executor
from alchemist.labelmodels import Selection, VotePatterns, make_label_model, select_label_model
from alchemist.programs import Program
from alchemist.run.folder import RunDir
from alchemist.run.pipeline import PREDICTION_COLUMNS
from alchemist.scale.parts import MatrixParts
from alchemist.scale.progress import Meter, ProgressCallback
from alchemist.scale.reading import count_rows, iter_chunks
from alchemist.scale.settings import CHUNK_ROWS, ScaleSettings
from alchemist.task import Task

_SETTINGS = ScaleSettings()
MIN_STEPS = 1000  # minibatch steps the streamed MLP takes at least (small data: more epochs)


def stream_execute(
    programs: Sequence[Program],
    source: str | Path,
    task: Task,
    folder: str | Path,
    *,
    chunk_rows: int = CHUNK_ROWS,
    config: ExecutionConfig | None = None,
    progress: ProgressCallback | None = None,
) -> MatrixParts:
    """Run ``programs`` over every row of ``source``, one chunk at a time, into ``folder``.

    Parts already written by the same programs over the same source are kept (resume).
    """
    parts = MatrixParts(folder)
    parts.prepare(programs, task.class_ids, chunk_rows, str(source))
    done = parts.done()
    first_missing = min(set(range(len(done) + 1)) - done)
    meter = Meter("execute", count_rows(source), progress)
    meter.set(first_missing * chunk_rows)
    per_row = 1 / max(1, len(programs))
    patterns = Patterns(task.n_classes)
    with Executor(
        config or ExecutionConfig(), progress=lambda cells: meter.advance(cells * per_row)
    ) as executor:
        for chunk in iter_chunks(source, task, chunk_rows=chunk_rows, start_chunk=first_missing):
            if chunk.index in done:
                meter.advance(len(chunk.data))
                continue
            matrix = executor.run(programs, chunk.data.items, task.class_ids)
            parts.write(chunk.index, chunk.start, matrix)
            patterns.add(matrix.votes)
    patterns.save(parts, complete=not done)
    meter.finish()
    return parts


class Patterns:
    """Vote patterns merged chunk by chunk as the parts are written."""

    def __init__(self, n_classes: int) -> None:
        self.n_classes = n_classes
        self.merged: VotePatterns | None = None

    def add(self, votes: np.ndarray | VotePatterns) -> None:
        chunk = votes if isinstance(votes, VotePatterns) else VotePatterns.of(votes, self.n_classes)
        self.merged = chunk if self.merged is None else self.merged.merge(chunk)

    def save(self, parts: MatrixParts, *, complete: bool) -> None:
        """Save the merged patterns; when parts were resumed rather than made here
        (``complete`` False), count all of them again from disk."""
        if complete and self.merged is not None:
            parts.save_patterns(self.merged)
        elif parts.done():
            parts.patterns(self.n_classes)


def fit_from_parts(
    parts: MatrixParts,
    task: Task,
    label_model: str = "auto",
    *,
    dev_votes: np.ndarray | None = None,
    dev_gold: np.ndarray | None = None,
    seed: int = 0,
) -> Selection:
    """The label model fitted on the vote patterns of ``parts``; with "auto" and a labeled dev
    split, chosen on it like ``select_label_model`` (the same models, fitted the same way)."""
    patterns = parts.patterns(task.n_classes)
    if label_model == "auto":
        return select_label_model(patterns, dev_votes, dev_gold, task.n_classes, seed=seed)
    model = make_label_model(label_model, seed=seed).fit(patterns, task.n_classes)
    return Selection(label_model, {}, model, {})


def write_pseudolabels(
    parts: MatrixParts,
    model: Any,
    task: Task,
    path: str | Path,
    *,
    progress: ProgressCallback | None = None,
) -> dict[str, int]:
    """The label model's probabilities for every row of ``parts``, written part by part into
    ``path`` (the columns of the in-memory run's ``pseudolabels.parquet``). Returns the rows
    and covered rows."""
    meter = Meter("pseudolabels", None, progress)
    covered_rows = 0
    with _ParquetOut(path) as out:
        for start, matrix in parts:
            proba = model.predict_proba(matrix.votes)
            covered = np.asarray((matrix.votes >= 0).any(axis=1))
            covered_rows += int(covered.sum())
            out.write(_label_frame(task, proba, covered, start))
            meter.advance(len(proba))
    return {"rows": meter.finish().done, "covered": covered_rows}


def stream_distill(
    source: str | Path,
    pseudolabels: str | Path,
    task: Task,
    *,
    settings: ScaleSettings = _SETTINGS,
    seed: int = 0,
    dev: Dataset | None = None,
    progress: ProgressCallback | None = None,
    **params: Any,
) -> DistilledModel:
    """Hashing featurizer + MLP trained in minibatches on the covered rows' pseudolabels.

    ``params`` are ``DistilledModel`` settings (``featurizer__n_features=...``,
    ``classifier__batch_size=...``); the featurizer defaults to "hashing". The data is read in
    chunks of ``settings.chunk_rows`` rows. By default the minibatch holds 1% of the rows (32 to
    512), and ``settings.epochs`` (None) are as many passes as make ``MIN_STEPS`` minibatch
    steps (one pass from about 500 000 rows on, at most 100); with a dev split, training stops
    early on it (the MLP's ``patience``).
    """
    rows, chunk_rows, epochs = count_rows(source), settings.chunk_rows, settings.epochs
    batch = params.setdefault("classifier__batch_size", min(512, max(32, rows // 100)))
    if epochs is None:
        epochs = min(100, max(1, -(-MIN_STEPS * batch // max(1, rows))))
    meter = Meter("distill", rows * epochs, progress)
    names = [f"p_{c.name}" for c in task.classes]

    def chunks() -> Iterator[tuple[pd.DataFrame, np.ndarray]]:
        labels = _exact_batches(pq.ParquetFile(pseudolabels), chunk_rows, ["covered", *names])
        for chunk in iter_chunks(source, task, chunk_rows=chunk_rows):
            frame = next(labels)
            proba = frame[names].to_numpy(copy=True)
            proba[~frame["covered"].to_numpy()] = 0.0  # uncovered rows teach nothing
            yield chunk.data.frame, proba

    model = DistilledModel(
        **{
            "featurizer": "hashing",
            "classifier": "mlp",
            "seed": seed,
            **params,
        }
    )
    fit_in_batches(
        model,
        chunks,
        n_classes=task.n_classes,
        epochs=epochs,
        dev_frame=None if dev is None else dev.frame,
        dev_gold=None if dev is None else dev.gold,
        progress=meter.advance,
    )
    meter.finish()
    return model


def stream_predict(
    model: DistilledModel,
    source: str | Path,
    task: Task,
    out: str | Path,
    *,
    chunk_rows: int = CHUNK_ROWS,
    prefix: str = "predicted_",
    progress: ProgressCallback | None = None,
) -> int:
    """Label every row of ``source`` with ``model`` and write ``out`` (CSV, or Parquet by its
    suffix) as it goes: every column of the data, plus ``<prefix>label``, ``<prefix>label_name``
    and ``<prefix>confidence`` (as ``pipeline.predict``; a column of the data is never
    replaced). The file appears under its name only once complete. Returns the rows written."""
    meter = Meter("predict", count_rows(source), progress)
    names = [f"{prefix}{column}" for column in PREDICTION_COLUMNS]
    ids = np.array([c.id for c in task.classes])
    labels = np.array([c.name for c in task.classes], dtype=object)
    with _TableOut(out) as writer:
        for chunk in iter_chunks(source, task, chunk_rows=chunk_rows, every_column=True):
            clash = [name for name in names if name in chunk.table.columns]
            if clash:
                raise DataError(
                    f"the data already has column(s) {clash}, and predictions "
                    "never replace a column of yours. Choose other names with "
                    f"--prefix (now {prefix!r}).",
                    path=str(source),
                )
            proba = model.predict_proba(chunk.data.frame)
            index = proba.argmax(axis=1)
            frame = chunk.table.assign(
                **{names[0]: ids[index], names[1]: labels[index], names[2]: proba.max(axis=1)}
            )
            writer.write(frame)
            meter.advance(len(frame))
    return meter.finish().done


def predict_run(
    folder: str | Path,
    source: str | Path,
    out: str | Path,
    *,
    chunk_rows: int = CHUNK_ROWS,
    prefix: str = "predicted_",
    progress: ProgressCallback | None = None,
) -> int:
    """``stream_predict`` with the distilled model and task of the run directory ``folder``."""
    run = RunDir(folder)
    model = DistilledModel.load(run.model_dir)
    return stream_predict(
        model, source, run.task(), out, chunk_rows=chunk_rows, prefix=prefix, progress=progress
    )


def _label_frame(task: Task, proba: np.ndarray, covered: np.ndarray, start: int) -> pd.DataFrame:
    index = proba.argmax(axis=1)
    ids = np.array([c.id for c in task.classes])[index]
    names = np.array([c.name for c in task.classes], dtype=object)[index]
    frame = pd.DataFrame(
        {
            "row": np.arange(start, start + len(proba)),
            "covered": covered,
            "label": np.where(covered, ids, -1),
            "label_name": np.where(covered, names, ""),
        }
    )
    for i, c in enumerate(task.classes):
        frame[f"p_{c.name}"] = proba[:, i]
    return frame


def _exact_batches(handle: pq.ParquetFile, rows: int, columns: list[str]) -> Iterator[pd.DataFrame]:
    """Consecutive frames of exactly ``rows`` rows (the last may be shorter)."""
    pending: list[pa.RecordBatch] = []
    held = 0
    for batch in handle.iter_batches(batch_size=rows, columns=columns):
        pending.append(batch)
        held += batch.num_rows
        while held >= rows:
            table = pa.Table.from_batches(pending)
            yield table.slice(0, rows).to_pandas()
            rest = table.slice(rows)
            pending, held = rest.to_batches(), rest.num_rows
    if held:
        yield pa.Table.from_batches(pending).to_pandas()


class _ParquetOut:
    """A Parquet file written one frame (row group) at a time, renamed into place on success."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.partial = self.path.with_name(f".{self.path.name}.{os.getpid()}.partial")
        self.writer: pq.ParquetWriter | None = None

    def __enter__(self) -> _ParquetOut:
        return self

    def write(self, frame: pd.DataFrame) -> None:
        table = pa.Table.from_pandas(frame, preserve_index=False)
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.partial, table.schema, compression="zstd")
        self.writer.write_table(table)

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if self.writer is not None:
            self.writer.close()
        if exc_type is None and self.partial.exists():
            os.replace(self.partial, self.path)
        else:
            self.partial.unlink(missing_ok=True)


class _TableOut(_ParquetOut):
    """Like ``_ParquetOut``, but CSV unless the name ends in .parquet."""

    def write(self, frame: pd.DataFrame) -> None:
        if self.path.suffix.lower() in (".parquet", ".pq"):
            super().write(frame)
            return
        first = not self.partial.exists()
        frame.to_csv(self.partial, mode="w" if first else "a", header=first, index=False)
