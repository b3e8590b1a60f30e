"""Labels in and out: CSV and Label Studio's JSON tasks.

CSV: one row per labeled item, columns ``alchemist_id``, the task's input fields, ``label`` (the
class name), ``user``, ``time``. Reading one back needs a label column (``label``, or the task's
``label_field``; class names or class ids) and either ``alchemist_id`` or the input fields (the
id is their hash, ``store.row_id``), so a CSV labeled in a spreadsheet from the data's own
columns imports too.

Label Studio: the JSON list of tasks its import reads and its export writes. Each task carries
the row's inputs and its id in ``data``; a label is an annotation whose result is a ``choices``
value::

    [{"data": {"text": "...", "alchemist_id": "3f2a..."},
      "annotations": [{"result": [{"type": "choices", "from_name": "label", "to_name": "text",
                                   "value": {"choices": ["spam"]}}]}]}]

Rows exported for review carry the model's answer as a Label Studio ``prediction`` (with its
probability as ``score``) instead of an annotation. ``label_config`` writes the matching labeling
interface. Reading takes each task's latest annotation that was not cancelled.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from alchemist.errors import LabelError
from alchemist.labels.store import LabelEvent, row_id
from alchemist.task import Task

ID_COLUMN = "alchemist_id"
FROM_NAME = "label"


def labels_frame(
    task: Task, items: Mapping[str, Any], events: Sequence[LabelEvent], labels: Mapping[str, str]
) -> pd.DataFrame:
    """The current ``labels`` (row id -> class name) as a CSV-ready table; ``items`` gives each
    row's inputs, ``events`` who labeled it last and when."""
    last = {e.row: e for e in events if e.action != "undo"}
    records = []
    for row, label in labels.items():
        record: dict[str, Any] = {ID_COLUMN: row, **fields_of(task, items.get(row))}
        record.update(label=label, user=last[row].user, time=last[row].time)
        records.append(record)
    columns = [ID_COLUMN, *task.input_fields, "label", "user", "time"]
    return pd.DataFrame.from_records(records, columns=columns)


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    path = Path(path)
    frame.to_csv(path, index=False)
    return path


def read_csv(path: str | Path, task: Task) -> dict[str, str]:
    """row id -> class name from a CSV (module docstring); ``LabelError`` when it lacks a label
    column or the inputs to name its rows."""
    frame = pd.read_csv(path, keep_default_na=False, dtype={ID_COLUMN: str})
    column = next((c for c in ("label", task.label_field) if c and c in frame.columns), None)
    if column is None:
        raise LabelError(
            f"no label column; expected 'label' or {task.label_field!r} among "
            f"{list(frame.columns)}.",
            path=str(path),
        )
    ids = _ids(frame, task, str(path))
    labels = {}
    for row, value in zip(ids, frame[column], strict=True):
        if str(value).strip() != "":
            labels[row] = _class_name(task, value, str(path))
    return labels


def label_studio_tasks(
    task: Task,
    items: Mapping[str, Any],
    labels: Mapping[str, str] | None = None,
    predictions: Mapping[str, tuple[str, float]] | None = None,
) -> list[dict[str, Any]]:
    """Label Studio tasks for ``items`` (row id -> inputs): an annotation where ``labels`` has
    the row, a prediction (class name, probability) where ``predictions`` has it."""
    labels, predictions = labels or {}, predictions or {}
    tasks = []
    for row, item in items.items():
        entry: dict[str, Any] = {"data": {**fields_of(task, item), ID_COLUMN: row}}
        if row in labels:
            entry["annotations"] = [{"result": [_choice(task, labels[row])]}]
        if row in predictions:
            name, score = predictions[row]
            entry["predictions"] = [{"result": [_choice(task, name)], "score": float(score)}]
        tasks.append(entry)
    return tasks


def write_label_studio(tasks: list[dict[str, Any]], path: str | Path) -> Path:
    path = Path(path)
    path.write_text(json.dumps(tasks, indent=2, ensure_ascii=False, default=str) + "\n")
    return path


def read_label_studio(path: str | Path, task: Task) -> dict[str, str]:
    """row id -> class name from a Label Studio JSON export (or import) file."""
    try:
        tasks = json.loads(Path(path).read_text())
    except (OSError, ValueError) as exc:
        raise LabelError(f"cannot read as Label Studio JSON ({exc}).", path=str(path)) from None
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        raise LabelError("expected a JSON list of tasks.", path=str(path))
    labels = {}
    for entry in tasks:
        data = entry.get("data", {}) if isinstance(entry, dict) else {}
        choice = _latest_choice(entry.get("annotations") or [])
        if choice is None:
            continue
        row = str(data[ID_COLUMN]) if ID_COLUMN in data else _id_of(data, task, str(path))
        labels[row] = _class_name(task, choice, str(path))
    return labels


def label_config(task: Task) -> str:
    """Label Studio's labeling interface for these tasks (paste it into the project's settings)."""
    shown = task.input_fields[0] if task.takes_text else ID_COLUMN
    choices = "".join(f'\n    <Choice value="{_xml(name)}"/>' for name in task.class_names)
    return (
        f'<View>\n  <Text name="text" value="${shown}"/>\n'
        f'  <Choices name="{FROM_NAME}" toName="text" choice="single">{choices}\n  </Choices>\n'
        "</View>\n"
    )


def fields_of(task: Task, item: Any) -> dict[str, Any]:
    if item is None:
        return {}
    if isinstance(item, dict):
        return {k: _plain(v) for k, v in item.items()}
    return {task.input_fields[0]: _plain(item)}


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") and not isinstance(value, str) else value


def _choice(task: Task, name: str) -> dict[str, Any]:
    return {
        "type": "choices",
        "from_name": FROM_NAME,
        "to_name": "text",
        "value": {"choices": [name]},
    }


def _latest_choice(annotations: list[Any]) -> str | None:
    for annotation in reversed(annotations):
        if not isinstance(annotation, dict) or annotation.get("was_cancelled"):
            continue
        for result in annotation.get("result") or []:
            value = result.get("value") if isinstance(result, dict) else None
            choices = value.get("choices") if isinstance(value, dict) else None
            if choices:
                return str(choices[0])
    return None


def _ids(frame: pd.DataFrame, task: Task, source: str) -> list[str]:
    if ID_COLUMN in frame.columns:
        return [str(v) for v in frame[ID_COLUMN]]
    return [_id_of(record, task, source) for record in frame.to_dict("records")]


def _id_of(data: Mapping[str, Any], task: Task, source: str) -> str:
    missing = [f for f in task.input_fields if f not in data]
    if missing:
        raise LabelError(
            f"a row has neither {ID_COLUMN!r} nor the input field(s) {missing} that name it; "
            "export from the run (it writes both) or add those columns.",
            path=source,
        )
    if task.takes_text:
        return row_id(str(data[task.input_fields[0]]))
    return row_id({f: data[f] for f in task.input_fields})


def _class_name(task: Task, value: Any, source: str) -> str:
    text = str(value).strip()
    if text in task.class_names:
        return text
    for cls in task.classes:
        if text == str(cls.id):
            return cls.name
    raise LabelError(
        f"{text!r} is not a class of the task; expected one of {list(task.class_names)} "
        "(or their ids).",
        path=source,
    )


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


__all__ = [
    "ID_COLUMN",
    "fields_of",
    "label_config",
    "label_studio_tasks",
    "labels_frame",
    "read_csv",
    "read_label_studio",
    "write_csv",
    "write_label_studio",
]
