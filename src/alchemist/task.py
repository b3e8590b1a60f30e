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
    # a class may say its expected share of the items, e.g. {id: 1, name: SPAM, share: 0.4}
    # (every class or none): without a dev split, the search drops hopeless programs by it and
    # the label model takes it as its class prior
    concepts:                     # optional (image, timeseries): else the LLM names them
      - {name: wide QRS complex, description: the main spike is broad}
    extractor: {name: signal, rate: 360}   # optional settings of the concept extractor
    group_field: group            # optional: a column of group labels (worst-group accuracy)
    feature_fields: [f0, f1]      # optional: columns only the distilled model reads (the
                                  # concept stage sets them to the extractor's item features)
    supplementary:                # optional, placed before the instruction in every prompt
      dataset_description: Comments left under popular music videos.
      keywords: {SPAM: [subscribe, check out my]}
      exemplars: [{input: "check out my channel!!", label: SPAM}]
      rules: ["Comments with a URL are usually SPAM."]

``classes`` may also be a list of names (ids are their positions) or a mapping ``{id: name}``.
Programs return class *ids*; the label matrix stores class *indices* (positions 0..k-1).

What a program receives follows the modality: ``text`` (one text field), ``row`` (a dict of the
input fields), for raw images and signals ``image`` (nested lists of pixels) or ``series`` (a
list of numbers), and, once concepts have been scored (``alchemist.concepts``), ``scores``: a
dict of concept names to scores in [0, 1].
"""

from __future__ import annotations

import keyword
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from alchemist._task_classes import LabelClass, class_id, parse_classes
from alchemist._util.paths import atomic_write_text
from alchemist.errors import TaskError

ABSTAIN = -1
MODALITIES = ("text", "tabular", "image", "timeseries")


@dataclass(frozen=True)
class Exemplar:
    input: Any
    label: str


@dataclass(frozen=True)
class Concept:
    """A named concept: programs over concepts see its score under ``name``.

    ``role`` is "helpful" (tells the classes apart) or "spurious" (co-occurs with a class
    without deciding it; RoboShot removes it); ``measure`` says what the extractor measures.
    """

    name: str
    description: str = ""
    role: str = "helpful"
    measure: str = ""

    def text(self) -> str:
        """The words an extractor grounds: the name and its description."""
        return f"{self.name}: {self.description}" if self.description else self.name


CONCEPT_ROLES = ("helpful", "spurious")
RAW_PARAMETERS = {"image": "image: list", "timeseries": "series: list"}


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
    concepts: tuple[Concept, ...] = ()
    extractor: dict[str, Any] = field(default_factory=dict)
    group_field: str | None = None
    feature_fields: tuple[str, ...] = ()

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
    def class_shares(self) -> tuple[float, ...] | None:
        """The classes' expected shares of the items, as the task file gives them (None if not)."""
        shares = [c.share for c in self.classes]
        if any(s is None for s in shares):
            return None
        total = sum(s for s in shares if s is not None)
        return tuple(s / total for s in shares if s is not None)

    @property
    def takes_text(self) -> bool:
        """True when programs receive one string; otherwise they receive a ``row`` dict."""
        return self.modality == "text" and len(self.input_fields) == 1

    @property
    def helpful_concepts(self) -> tuple[Concept, ...]:
        return tuple(c for c in self.concepts if c.role == "helpful")

    @property
    def takes_scores(self) -> bool:
        """True when programs receive ``scores``: the inputs are the scored concepts."""
        names = tuple(c.name for c in self.helpful_concepts)
        return bool(names) and self.input_fields == names

    @property
    def takes_raw(self) -> bool:
        """True when programs receive one raw image or signal (``image`` / ``series``)."""
        return (
            self.modality in RAW_PARAMETERS
            and not self.takes_scores
            and len(self.input_fields) == 1
        )

    @property
    def parameter(self) -> str:
        """What a program takes, ``name: type`` (``text: str``, ``row: dict``, ...)."""
        if self.takes_text:
            return "text: str"
        if self.takes_scores:
            return "scores: dict"
        if self.takes_raw:
            return RAW_PARAMETERS[self.modality]
        return "row: dict"

    @property
    def signature(self) -> str:
        return f"def {self.function_name}({self.parameter}) -> int:"

    def input_description(self) -> str:
        """What a program over scores or a raw image/signal receives, for the prompt."""
        if self.takes_scores:
            lines = [
                f'- scores["{c.name}"]: {c.description or c.name}' for c in self.helpful_concepts
            ]
            return (
                "one input, given as a dict `scores` with exactly the keys listed below, "
                "each a concept's score between 0 and 1: close to 1 means the item shows "
                "the concept more strongly than most items, close to 0 much less.\n"
                + "\n".join(lines)
            )
        if self.modality == "image":
            return (
                "one input, given as `image`: a small picture as a nested list of rows of "
                "pixels, each pixel a list [red, green, blue] of integers 0..255"
            )
        rate = self.extractor.get("rate")
        return "one input, given as `series`: a list of floats, a signal over time" + (
            f" sampled {rate} times per second" if rate else ""
        )

    def index_of(self, label: Any) -> int:
        """The class index (0..k-1) of a gold label given as class id or class name.

        Returns -1 for a missing label; raises ``TaskError`` for a label outside the classes.
        """
        if label is None or (isinstance(label, float) and label != label):
            return ABSTAIN
        for i, c in enumerate(self.classes):
            if label == c.name or (not isinstance(label, bool) and class_id(label) == c.id):
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
        data["concepts"] = [asdict(c) for c in self.concepts]
        data["feature_fields"] = list(self.feature_fields)
        for key in ("concepts", "extractor", "group_field", "feature_fields"):
            if not data[key]:
                del data[key]  # a task file without them stays as it was
        return data

    def save(self, path: str | Path) -> None:
        atomic_write_text(path, yaml.safe_dump(self.to_dict(), sort_keys=False, allow_unicode=True))


def load_task(path: str | Path) -> Task:
    """Read a task from a ``.yaml``/``.yml`` or ``.toml`` file, with one-line validation errors."""
    path = Path(path)
    if not path.is_file():
        raise TaskError(
            "task file not found. Pass the path of a .yaml or .toml task file.", path=str(path)
        )
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
    known = {
        "name",
        "description",
        "classes",
        "input_fields",
        "modality",
        "label_field",
        "function_name",
        "supplementary",
        "concepts",
        "extractor",
        "group_field",
        "feature_fields",
    }
    unknown = sorted(set(raw) - known)
    if unknown:
        raise TaskError(f"Unknown task setting(s) {unknown}; expected some of {sorted(known)}.")
    for required in ("name", "description", "classes"):
        if not raw.get(required):
            raise TaskError(f"The task needs a non-empty '{required}' setting.")
    classes = parse_classes(raw["classes"])
    fields = raw.get("input_fields", ["text"])
    if isinstance(fields, str):
        fields = [fields]
    if not fields or not all(isinstance(f, str) and f for f in fields):
        raise TaskError(f"'input_fields' must be a list of column names; got {fields!r}.")
    modality = raw.get("modality", "text")
    if modality not in MODALITIES:
        raise TaskError(f"'modality' must be one of {list(MODALITIES)}; got {modality!r}.")
    function_name = raw.get("function_name", "label")
    if not (
        isinstance(function_name, str)
        and function_name.isidentifier()
        and not keyword.iskeyword(function_name)
    ):
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
        concepts=parse_concepts_setting(raw.get("concepts") or []),
        extractor=_parse_extractor(raw.get("extractor") or {}),
        group_field=raw.get("group_field"),
        feature_fields=_parse_feature_fields(raw.get("feature_fields") or []),
    )


def _parse_feature_fields(raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(f, str) and f for f in raw):
        raise TaskError(f"'feature_fields' must be a list of column names; got {raw!r}.")
    return tuple(raw)


def parse_concepts_setting(raw: Any) -> tuple[Concept, ...]:
    """Concepts written by a person: names, or mappings with name, description, role."""
    if not isinstance(raw, list):
        raise TaskError(
            f"'concepts' must be a list of names or {{name, description}} "
            f"mappings; got {type(raw).__name__}."
        )
    concepts: list[Concept] = []
    for entry in raw:
        entry = {"name": entry} if isinstance(entry, str) else entry
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("name"), str)
            or not entry["name"].strip()
            or set(entry) - {"name", "description", "role", "measure"}
        ):
            raise TaskError(
                f"Each concept must be a name or a mapping with name, description, "
                f"role; got {entry!r}."
            )
        role = entry.get("role", "helpful")
        if role not in CONCEPT_ROLES:
            raise TaskError(
                f"A concept's role must be one of {list(CONCEPT_ROLES)}; got "
                f"{role!r} for {entry['name']!r}."
            )
        concepts.append(
            Concept(
                " ".join(entry["name"].split()),
                str(entry.get("description") or "").strip(),
                role,
                str(entry.get("measure") or ""),
            )
        )
    names = [c.name for c in concepts]
    if len(set(names)) != len(names):
        raise TaskError(f"Concept names must be unique; got {names}.")
    return tuple(concepts)


def _parse_extractor(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict) or not all(isinstance(k, str) for k in raw):
        raise TaskError(
            f"'extractor' must be a mapping of settings such as "
            f"{{name: signal, rate: 360}}; got {raw!r}."
        )
    return dict(raw)


def _parse_supplementary(raw: Any, classes: tuple[LabelClass, ...]) -> Supplementary:
    if not isinstance(raw, dict):
        raise TaskError(f"'supplementary' must be a mapping; got {type(raw).__name__}.")
    names = {c.name for c in classes}
    keywords = raw.get("keywords") or {}
    if not isinstance(keywords, dict) or not set(keywords) <= names:
        raise TaskError(
            f"'supplementary.keywords' must map class names {sorted(names)} "
            f"to lists of words; got {keywords!r}."
        )
    exemplars = []
    for e in raw.get("exemplars") or []:
        if not isinstance(e, dict) or "input" not in e or e.get("label") not in names:
            raise TaskError(
                f"Each exemplar needs 'input' and a 'label' among {sorted(names)}; got {e!r}."
            )
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
