"""Reading data larger than memory: fixed-size chunks of CSV, TSV, JSONL and Parquet.

Chunk ``i`` always holds rows ``[i * chunk_rows, (i + 1) * chunk_rows)`` of the source, whatever
the format, so the chunks of two passes over the same file line up (votes, pseudolabels and
features are matched by chunk index) and a chunk can be read on its own by another process
(``read_rows``, used by cluster workers on Parquet). A Parquet source is one file or a folder of
``*.parquet`` files read in name order as one table.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from alchemist.data.dataset import FORMATS, Dataset, dataset_from_frame
from alchemist.errors import DataError
from alchemist.scale.settings import CHUNK_ROWS
from alchemist.task import Task

STREAMABLE = ("csv", "tsv", "jsonl", "parquet")
_READ_ERRORS = (ValueError, OSError, json.JSONDecodeError, KeyError, TypeError, pa.ArrowException)


@dataclass(frozen=True)
class Chunk:
    """Rows ``start .. start + len(data)`` of a source: the ``Dataset`` of the task's columns,
    and ``table``, the columns as read (every column with ``every_column``)."""

    index: int
    start: int
    data: Dataset
    table: pd.DataFrame


def source_format(path: str | Path, format: str | None = None) -> str:
    """The streamable format of ``path`` (a folder is a Parquet dataset)."""
    path = Path(path)
    if not path.exists():
        raise DataError("data file not found. Check the path.", path=str(path))
    if format is None:
        suffix = path.suffix.lower().lstrip(".")
        format = (
            "parquet"
            if path.is_dir()
            else {"ndjson": "jsonl", "pq": "parquet", "txt": "tsv", "json": "wrench"}.get(
                suffix, suffix
            )
        )
    if format not in STREAMABLE:
        known = (
            "one JSON object that cannot be read in parts"
            if format == "wrench"
            else (f"not one of {list(FORMATS)}")
        )
        raise DataError(
            f"cannot stream format {format!r} ({known}); expected one of "
            f"{list(STREAMABLE)}. Convert the file to JSONL or Parquet.",
            path=str(path),
        )
    return format


def parquet_files(path: str | Path) -> list[Path]:
    path = Path(path)
    files = sorted(path.glob("*.parquet")) if path.is_dir() else [path]
    if not files:
        raise DataError(
            "the folder holds no *.parquet file. Expected a Parquet dataset.", path=str(path)
        )
    return files


def count_rows(path: str | Path, format: str | None = None) -> int:
    """Rows of the source: exact for Parquet (metadata) and JSONL; for CSV/TSV, lines minus the
    header (an overestimate when quoted fields hold line breaks). Reads no values."""
    fmt = source_format(path, format)
    if fmt == "parquet":
        total = 0
        for file in parquet_files(path):
            try:
                total += pq.ParquetFile(file).metadata.num_rows
            except _READ_ERRORS as exc:
                raise _read_error(file, "parquet", exc) from None
        return total
    lines, last = 0, b"\n"
    with open(path, "rb") as handle:
        while block := handle.read(1 << 22):
            lines += block.count(b"\n")
            last = block[-1:]
    lines += last != b"\n"
    return lines if fmt == "jsonl" else max(0, lines - 1)


def iter_chunks(
    path: str | Path,
    task: Task,
    *,
    chunk_rows: int = CHUNK_ROWS,
    format: str | None = None,
    start_chunk: int = 0,
    every_column: bool = False,
) -> Iterator[Chunk]:
    """The source as consecutive chunks of ``chunk_rows`` rows (the last may be shorter).

    ``start_chunk`` skips the chunks before it (Parquet skips whole files and row groups
    unread; text formats still parse the skipped rows). Only the task's input and gold
    columns are read unless ``every_column``.
    """
    if chunk_rows < 1:
        raise ValueError(f"chunk_rows must be an int >= 1. Got {chunk_rows!r} instead.")
    fmt = source_format(path, format)
    wanted = None if every_column else _wanted(task)
    frames = (
        _parquet_frames(path, wanted, chunk_rows, start_chunk * chunk_rows)
        if fmt == "parquet"
        else _text_frames(Path(path), fmt, wanted, chunk_rows)
    )
    index = start_chunk if fmt == "parquet" else 0
    for frame in frames:
        if index >= start_chunk:
            table = frame.reset_index(drop=True)
            yield Chunk(index, index * chunk_rows, _dataset(table, task, str(path)), table)
        index += 1


def read_rows(path: str | Path, task: Task, start: int, stop: int) -> Dataset:
    """Rows ``[start, stop)`` of a Parquet source, reading only the row groups that hold them."""
    frames = _parquet_frames(path, _wanted(task), stop - start, start)
    frame = next(frames, None)
    if frame is None:
        frame = pd.DataFrame({c: [] for c in _wanted(task)})
    return _dataset(frame, task, str(path))


def _dataset(frame: pd.DataFrame, task: Task, source: str) -> Dataset:
    return dataset_from_frame(frame.reset_index(drop=True), task, source=source)


def _wanted(task: Task) -> list[str]:
    return [*task.input_fields, task.label_field or "label"]


def _text_frames(
    path: Path, fmt: str, wanted: list[str] | None, chunk_rows: int
) -> Iterator[pd.DataFrame]:
    try:
        if fmt == "jsonl":
            reader = pd.read_json(path, lines=True, chunksize=chunk_rows)
        else:
            reader = pd.read_csv(
                path,
                chunksize=chunk_rows,
                usecols=None if wanted is None else (lambda c: c in wanted),
                **({"sep": "\t", "quoting": 3} if fmt == "tsv" else {}),
            )
        with reader:
            for frame in reader:  # JSON lines cannot be read by column: drop the others here
                yield frame if wanted is None else frame[[c for c in wanted if c in frame]]
    except _READ_ERRORS as exc:
        raise _read_error(path, fmt, exc) from None


def _parquet_frames(
    path: str | Path, wanted: list[str] | None, chunk_rows: int, skip: int
) -> Iterator[pd.DataFrame]:
    """Exactly ``chunk_rows`` rows at a time from row ``skip`` on, across files and row groups."""
    pending: list[pa.Table] = []
    held = 0
    for table in _parquet_tables(path, wanted, skip):
        while len(table):
            take = min(chunk_rows - held, len(table))
            pending.append(table.slice(0, take))
            held += take
            table = table.slice(take)
            if held == chunk_rows:
                yield pa.concat_tables(pending).to_pandas()
                pending, held = [], 0
    if held:
        yield pa.concat_tables(pending).to_pandas()


def _parquet_tables(path: str | Path, wanted: list[str] | None, skip: int) -> Iterator[pa.Table]:
    """Row groups from row ``skip`` on (the first one cut), with the ``wanted`` columns only
    (None: all)."""
    for file in parquet_files(path):
        try:
            handle = pq.ParquetFile(file)
            names = handle.schema_arrow.names
            columns = names if wanted is None else [c for c in wanted if c in names]
            for group in range(handle.metadata.num_row_groups):
                rows = handle.metadata.row_group(group).num_rows
                if skip >= rows:
                    skip -= rows
                    continue
                table = handle.read_row_group(group, columns=columns)
                yield table.slice(skip)
                skip = 0
        except _READ_ERRORS as exc:
            raise _read_error(file, "parquet", exc) from None


def _read_error(path: Path, fmt: str, exc: Exception) -> DataError:
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return DataError(f"cannot read as {fmt} ({first}).", path=str(path))
