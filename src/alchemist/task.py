"""The labeling task: classes, description, inputs and supplementary information.

A task is written by a person in YAML or TOML::

    name: youtube-spam
    description: Decide whether a YouTube comment is spam or a genuine comment.
    modality: text
    input_fields: [text]
    label_field: label            # optional: the gold column, where the data has one
    classes:
      - {id: 0, name: HAM, description: a genuine comment about the video}
      - {id: 1, name: SPAM, description: advertising, self-promotion, requests to subscribe}
    supplementary:                # optional, placed before the instruction in every prompt
      dataset_description: Comments left under popular music videos in 2015.
      keywords: {SPAM: [subscribe, check out my]}
      exemplars: [{input: "check out my channel!!", label: SPAM}]
      rules: ["Comments with a URL are usually SPAM."]

``classes`` may also be a list of names (ids are their positions) or a mapping ``{id: name}``.
Programs return class *ids*; the label matrix stores class *indices* (positions 0..k-1).
"""

from __future__ import annotations

import keyword
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from alchemist.errors import TaskError
from alchemist.paths import atomic_write_text

ABSTAIN = -1
MODALITIES = ("text", "tabular", "image", "timeseries")


@dataclass(frozen=True)
class LabelClass:
    id: int
    name: str
    description: str = ""


@dataclass(frozen=True)
class Exemplar:
    input: Any
    label: str


@dataclass(frozen=True)
class Supplementary:
    """Optional context placed before the labeling instruction in prompts."""

    dataset_description: str = ""
    keywords: dict[str, list[str]] = field(default_factory=dict)
    exemplars: tuple[Exemplar, ...] = ()
    rules: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not (self.dataset_description or self.keywords or self.exemplars or self.rules)


@dataclass(frozen=True)
class Task:
    name: str
    description: str
    classes: tuple[LabelClass, ...]
    input_fields: tuple[str, ...] = ("text",)
    modality: str = "text"
    label_field: str | None = None
    function_name: str = "label"
    supplementary: Supplementary = field(default_factory=Supplementary)

    @property
    def n_classes(self) -> int:
        return len(self.classes)

    @property
    def class_ids(self) -> tuple[int, ...]:
        return tuple(c.id for c in self.classes)

    @property
    def class_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.classes)

    @property
    def takes_text(self) -> bool:
        """True when programs receive one string; otherwise they receive a ``row`` dict."""
        return self.modality == "text" and len(self.input_fields) == 1

    @property
    def signature(self) -> str:
        parameter = "text: str" if self.takes_text else "row: dict"
        return f"def {self.function_name}({parameter}) -> int:"

    def index_of(self, label: Any) -> int:
        """The class index (0..k-1) of a gold label given as class id or class name.

        Returns -1 for a missing label; raises ``TaskError`` for a label outside the classes.
        """
        if label is None or (isinstance(label, float) and label != label):
            return ABSTAIN
        for i, c in enumerate(self.classes):
            if label == c.name or (not isinstance(label, bool) and _as_int(label) == c.id):
                return i
        raise TaskError(
            f"Gold label {label!r} is not one of the task's classes "
            f"{[c.name for c in self.classes]} (ids {list(self.class_ids)}). "
            "Fix the data or add the class to the task file."
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["classes"] = [asdict(c) for c in self.classes]
        data["input_fields"] = list(self.input_fields)
        sup = data["supplementary"]
        sup["exemplars"] = [asdict(e) for e in self.supplementary.exemplars]
        sup["rules"] = list(self.supplementary.rules)
        return data

    def save(self, path: str | Path) -> None:
        atomic_write_text(path, yaml.safe_dump(self.to_dict(), sort_keys=False,
                                               allow_unicode=True))


def load_task(path: str | Path) -> Task:
    """Read a task from a ``.yaml``/``.yml`` or ``.toml`` file, with one-line validation errors."""
    path = Path(path)
    if not path.is_file():
        raise TaskError("task file not found. Pass the path of a .yaml or .toml task file.",
                        path=str(path))
    text = path.read_text(encoding="utf-8")
    try:
        raw = tomllib.loads(text) if path.suffix == ".toml" else yaml.safe_load(text)
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        first_line = str(exc).strip().splitlines()[0]
        raise TaskError(f"cannot parse the task file ({first_line}).", path=str(path)) from None
    try:
        return task_from_dict(raw)
    except TaskError as exc:
        raise TaskError(str(exc), path=str(path)) from None


def task_from_dict(raw: Any) -> Task:
    if not isinstance(raw, dict):
        raise TaskError(f"A task must be a mapping of settings; got {type(raw).__name__}.")
    known = {"name", "description", "classes", "input_fields", "modality", "label_field",
             "function_name", "supplementary"}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise TaskError(f"Unknown task setting(s) {unknown}; expected some of {sorted(known)}.")
    for required in ("name", "description", "classes"):
        if not raw.get(required):
            raise TaskError(f"The task needs a non-empty '{required}' setting.")
    classes = _parse_classes(raw["classes"])
    fields = raw.get("input_fields", ["text"])
    if isinstance(fields, str):
        fields = [fields]
    if not fields or not all(isinstance(f, str) and f for f in fields):
        raise TaskError(f"'input_fields' must be a list of column names; got {fields!r}.")
    modality = raw.get("modality", "text")
    if modality not in MODALITIES:
        raise TaskError(f"'modality' must be one of {list(MODALITIES)}; got {modality!r}.")
    function_name = raw.get("function_name", "label")
    if not (isinstance(function_name, str) and function_name.isidentifier()
            and not keyword.iskeyword(function_name)):
        raise TaskError(f"'function_name' must be a Python identifier; got {function_name!r}.")
    return Task(
        name=str(raw["name"]),
        description=str(raw["description"]).strip(),
        classes=classes,
        input_fields=tuple(fields),
        modality=modality,
        label_field=raw.get("label_field"),
        function_name=function_name,
        supplementary=_parse_supplementary(raw.get("supplementary") or {}, classes),
    )


def _parse_classes(raw: Any) -> tuple[LabelClass, ...]:
    if isinstance(raw, dict):
        items = [{"id": k, "name": v} for k, v in raw.items()]
    elif isinstance(raw, list):
        items = [c if isinstance(c, dict) else {"id": i, "name": c} for i, c in enumerate(raw)]
    else:
        raise TaskError(f"'classes' must be a list or a mapping; got {type(raw).__name__}.")
    classes = []
    for c in items:
        unknown = sorted(set(c) - {"id", "name", "description"})
        if unknown:
            raise TaskError(f"Class {c.get('name', c.get('id'))!r} has unknown key(s) {unknown}; "
                            "expected id, name, description. (Quote a description that "
                            "contains commas.)")
        cid = _as_int(c.get("id"))
        if cid is None or cid < 0 or cid > 127:
            raise TaskError(f"Class id must be an integer in 0..127; got {c.get('id')!r}.")
        if not c.get("name"):
            raise TaskError(f"Class {cid} needs a 'name'.")
        classes.append(LabelClass(cid, str(c["name"]), str(c.get("description", "")).strip()))
    if len(classes) < 2:
        raise TaskError(f"A task needs at least two classes; got {len(classes)}.")
    for attr in ("id", "name"):
        values = [getattr(c, attr) for c in classes]
        if len(set(values)) != len(values):
            raise TaskError(f"Class {attr}s must be unique; got {values}.")
    return tuple(classes)


def _parse_supplementary(raw: Any, classes: tuple[LabelClass, ...]) -> Supplementary:
    if not isinstance(raw, dict):
        raise TaskError(f"'supplementary' must be a mapping; got {type(raw).__name__}.")
    names = {c.name for c in classes}
    keywords = raw.get("keywords") or {}
    if not isinstance(keywords, dict) or not set(keywords) <= names:
        raise TaskError(f"'supplementary.keywords' must map class names {sorted(names)} "
                        f"to lists of words; got {keywords!r}.")
    exemplars = []
    for e in raw.get("exemplars") or []:
        if not isinstance(e, dict) or "input" not in e or e.get("label") not in names:
            raise TaskError(f"Each exemplar needs 'input' and a 'label' among {sorted(names)}; "
                            f"got {e!r}.")
        exemplars.append(Exemplar(e["input"], e["label"]))
    rules = raw.get("rules") or []
    if isinstance(rules, str):
        rules = [rules]
    return Supplementary(
        dataset_description=str(raw.get("dataset_description", "")).strip(),
        keywords={k: [str(w) for w in v] for k, v in keywords.items()},
        exemplars=tuple(exemplars),
        rules=tuple(str(r) for r in rules),
    )


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None
