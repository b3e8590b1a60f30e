"""Supplementary information drafted by a language model, and exemplars drawn from a dev split.

``generate_supplementary`` asks the model for a dataset description, class descriptions,
keywords and labeling rules (one call each); the draft is saved as YAML for a person to review
and edit (``GeneratedSupplementary``), and applied to the task the prompts see. ``draw_exemplars``
picks labeled examples per class for the prompts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from string import Template
from typing import Any

import numpy as np
import yaml

from alchemist import prompts
from alchemist._util.paths import atomic_write_text
from alchemist.errors import BudgetExceeded, TaskError
from alchemist.llm.base import Message, Provider, SamplingParams
from alchemist.synthesis.oneshot import clip_text, provenance
from alchemist.task import Exemplar, Supplementary, Task, task_from_dict

SUPPLEMENTARY_KINDS = ("dataset_description", "class_descriptions", "keywords", "rules")
SUPPLEMENTARY_PARAMS = SamplingParams(temperature=0.3, max_tokens=300)


@dataclass
class GeneratedSupplementary:
    """Supplementary information drafted by a model, to be reviewed and edited by a person.

    ``save`` writes it as YAML in the task file's own shape; ``load`` reads a (possibly
    edited) file back and re-validates it against the task; ``apply`` gives the task with it.
    What the person wrote in the task file always wins over what the model drafted.
    """

    supplementary: Supplementary
    class_descriptions: dict[str, str] = field(default_factory=dict)
    provenance: dict[str, Any] = field(default_factory=dict)

    def apply(self, task: Task) -> Task:
        own = task.supplementary
        drafted = self.supplementary
        return replace(
            task,
            classes=tuple(
                c
                if c.description
                else replace(c, description=self.class_descriptions.get(c.name, ""))
                for c in task.classes
            ),
            supplementary=Supplementary(
                dataset_description=own.dataset_description or drafted.dataset_description,
                keywords={**drafted.keywords, **own.keywords},
                exemplars=own.exemplars or drafted.exemplars,
                rules=own.rules or drafted.rules,
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        sup = self.supplementary
        return {
            "class_descriptions": dict(self.class_descriptions),
            "supplementary": {
                "dataset_description": sup.dataset_description,
                "keywords": {k: list(v) for k, v in sup.keywords.items()},
                "exemplars": [{"input": e.input, "label": e.label} for e in sup.exemplars],
                "rules": list(sup.rules),
            },
            "provenance": self.provenance,
        }

    def save(self, path: str | Path) -> None:
        header = (
            "# Supplementary information drafted by a language model for the prompts.\n"
            "# Edit or delete anything; the next run reads this file as it is.\n"
        )
        atomic_write_text(
            path,
            header + yaml.safe_dump(self.to_dict(), sort_keys=False, allow_unicode=True, width=100),
        )

    @classmethod
    def load(cls, path: str | Path, task: Task) -> GeneratedSupplementary:
        """Read a saved draft back, validated like the ``supplementary`` of a task file."""
        path = Path(path)
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            first = str(exc).strip().splitlines()[0]
            raise TaskError(
                f"cannot parse the supplementary file ({first}).", path=str(path)
            ) from None
        descriptions = (raw.get("class_descriptions") or {}) if isinstance(raw, dict) else None
        if not isinstance(descriptions, dict):
            raise TaskError(
                "a supplementary file is a mapping with 'class_descriptions' (a "
                "mapping of class names) and 'supplementary'; got something else. "
                "Fix the file or delete it to draft a new one.",
                path=str(path),
            )
        unknown = sorted(set(map(str, descriptions)) - set(task.class_names))
        if unknown:
            raise TaskError(
                f"class_descriptions names unknown classes {unknown}; expected "
                f"some of {list(task.class_names)}.",
                path=str(path),
            )
        try:
            checked = task_from_dict(
                {**task.to_dict(), "supplementary": raw.get("supplementary") or {}}
            )
        except TaskError as exc:
            raise TaskError(str(exc), path=str(path)) from None
        return cls(
            checked.supplementary,
            {str(k): str(v) for k, v in descriptions.items()},
            raw.get("provenance") or {},
        )


def supplementary_messages(task: Task, kind: str) -> list[Message]:
    """The chat messages asking for one kind of supplementary information."""
    table = prompts.table("supplementary")
    fields = {
        "description": task.description,
        "class_names": ", ".join(task.class_names),
        "class_names_lines": "\n".join(task.class_names),
    }
    return [
        {"role": "system", "content": table["system"].strip()},
        {"role": "user", "content": Template(table[kind]).substitute(fields).strip()},
    ]


def generate_supplementary(
    task: Task,
    provider: Provider,
    *,
    kinds: Sequence[str] = SUPPLEMENTARY_KINDS,
    params: SamplingParams = SUPPLEMENTARY_PARAMS,
    seed: int = 0,
) -> GeneratedSupplementary:
    """Ask the model for supplementary information, one call per kind (``SUPPLEMENTARY_KINDS``).

    Answers that cannot be parsed leave their kind empty; every answer is recorded in
    ``provenance`` with the model, prompt and sampling settings.
    """
    unknown = [k for k in kinds if k not in SUPPLEMENTARY_KINDS]
    if unknown:
        raise ValueError(
            f"Unknown supplementary kind(s) {unknown}; expected some of "
            f"{list(SUPPLEMENTARY_KINDS)}."
        )
    parsed: dict[str, Any] = {}
    record: dict[str, Any] = {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "calls": {},
    }
    for i, kind in enumerate(kinds):
        messages = supplementary_messages(task, kind)
        call_params = replace(params, seed=seed + i)
        try:
            completion = provider.complete(messages, call_params)
        except BudgetExceeded:
            break
        parsed[kind] = _PARSERS[kind](_unfence(completion.text), task)
        record["calls"][kind] = {
            **provenance(completion, messages, call_params, strategy=kind, fixes=[]),
            "parsed": bool(parsed[kind]),
        }
    return GeneratedSupplementary(
        Supplementary(
            dataset_description=parsed.get("dataset_description", ""),
            keywords=parsed.get("keywords", {}),
            rules=tuple(parsed.get("rules", ())),
        ),
        class_descriptions=parsed.get("class_descriptions", {}),
        provenance=record,
    )


def draw_exemplars(
    items: Sequence[Any],
    gold: np.ndarray,
    task: Task,
    *,
    per_class: int = 2,
    seed: int = 0,
    max_chars: int = 300,
) -> tuple[Exemplar, ...]:
    """Labeled exemplars for the prompts, drawn from rows with known gold (a dev split):
    up to ``per_class`` per class, text clipped to ``max_chars``, reproducible for a seed."""
    gold = np.asarray(gold)
    if gold.shape != (len(items),):
        raise ValueError(
            f"gold must hold one class index per item ({len(items)}); got shape {gold.shape}."
        )
    rng = np.random.default_rng(seed)
    chosen = []
    for index, cls in enumerate(task.classes):
        rows = np.flatnonzero(gold == index)
        for row in rng.permutation(rows)[:per_class]:
            chosen.append(Exemplar(clip_text(items[row], max_chars), cls.name))
    return tuple(chosen)


def _unfence(text: str) -> str:
    return "\n".join(
        line for line in text.strip().splitlines() if not line.strip().startswith("```")
    ).strip()


_NAMED_LINE = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)])?\s*\**`?([^:*`]+?)`?\**\s*:\s*(.+)$")
_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)])\s+(.+)$")


def _named_lines(text: str, task: Task) -> dict[str, str]:
    """``NAME: value`` lines whose name is a class name (any case), by canonical name."""
    names = {n.lower(): n for n in task.class_names}
    found: dict[str, str] = {}
    for line in text.splitlines():
        m = _NAMED_LINE.match(line)
        if m and m.group(1).strip().lower() in names:
            found.setdefault(names[m.group(1).strip().lower()], m.group(2).strip())
    return found


def _parse_description(text: str, task: Task) -> str:
    return clip_text(" ".join(text.split()), 600)


def _parse_class_descriptions(text: str, task: Task) -> dict[str, str]:
    return {name: value.strip(" *") for name, value in _named_lines(text, task).items()}


def _parse_keywords(text: str, task: Task) -> dict[str, list[str]]:
    keywords = {}
    for name, value in _named_lines(text, task).items():
        words = [w.strip(" \"'`*.[]") for w in re.split(r"[,;]", value)]
        words = list(dict.fromkeys(w for w in words if w and len(w) <= 40))[:12]
        if words:
            keywords[name] = words
    return keywords


def _parse_rules(text: str, task: Task) -> list[str]:
    rules = [m.group(1).strip() for line in text.splitlines() if (m := _BULLET.match(line))]
    return list(dict.fromkeys(r for r in rules if len(r.split()) >= 3))[:6]


_PARSERS: dict[str, Callable[[str, Task], Any]] = {
    "dataset_description": _parse_description,
    "class_descriptions": _parse_class_descriptions,
    "keywords": _parse_keywords,
    "rules": _parse_rules,
}


__all__ = [
    "SUPPLEMENTARY_KINDS",
    "SUPPLEMENTARY_PARAMS",
    "GeneratedSupplementary",
    "draw_exemplars",
    "generate_supplementary",
    "supplementary_messages",
]
