"""The LLM names the concepts: task-specific primitives a local extractor can score.

As in the paper's prompt ("What are the visual primitive concepts to classify ...? Parse the
results into JSON"), the model answers with a JSON list of short concept names and
descriptions. Helpful concepts separate the classes; for RoboShot the model also lists
*spurious* concepts (backgrounds, recording conditions) that co-occur with the classes without
deciding them. An answer that is not usable JSON is recorded with a one-line reason and the
question is asked again with the next seed; only when every attempt failed does naming raise
``ConceptError``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from typing import Any

from alchemist import prompts
from alchemist.errors import BudgetExceeded, ConceptError
from alchemist.llm.base import Provider, SamplingParams
from alchemist.task import CONCEPT_ROLES, Concept, Task

ROLES = CONCEPT_ROLES
NAMING_PARAMS = SamplingParams(temperature=0.3, top_p=0.95, max_tokens=600, repeat_penalty=1.05)
_ITEM = {
    "image": "an image",
    "timeseries": "a signal (a sequence of numbers over time)",
    "tabular": "a table row",
}
_KIND = {"image": "visual ", "timeseries": "signal-shape ", "tabular": "attribute "}
_QUESTION = {
    "helpful": "What are the {kind}primitive concepts that tell these classes apart? Name "
    "only what the item itself shows, not facts from outside it.",
    "spurious": "What are the spurious concepts: things in the item (such as backgrounds, "
    "surroundings or recording conditions) that often appear together with some "
    "class but do not decide the class?",
}
_JSON_START = re.compile(r"[\[{]")


@dataclass
class ConceptNaming:
    """Concepts obtained, and what went wrong with the other answers."""

    concepts: list[Concept] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)
    n_calls: int = 0


def build_concept_messages(
    task: Task, *, n: int, role: str = "helpful", extractor_hint: str = ""
) -> list[dict[str, str]]:
    """The chat messages asking for ``n`` concepts of ``role`` for ``task``."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {list(ROLES)}; got {role!r}.")
    sup = task.supplementary.dataset_description
    user = prompts.render(
        "concepts",
        supplementary=f"Dataset: {sup}\n\n" if sup else "",
        description=task.description,
        class_lines="\n".join(
            f"- {c.name}" + (f": {c.description}" if c.description else "") for c in task.classes
        ),
        item=_ITEM.get(task.modality, "an item"),
        extractor=extractor_hint.strip(),
        question=_QUESTION[role].replace("{kind}", _KIND.get(task.modality, "")),
        n=str(n),
    )
    return [
        {"role": "system", "content": "You are an expert who answers with JSON only."},
        {"role": "user", "content": user},
    ]


def parse_concepts(text: str, *, role: str = "helpful", limit: int | None = None) -> list[Concept]:
    """The concepts in a model's answer; raises ``ConceptError`` with a one-line reason.

    Accepts ``{"concepts": [...]}``, a bare list, or a mapping of names to descriptions; each
    entry is a ``{"name", "description"}`` object or a plain string. Names become lowercase
    snake_case keys ("Webbed feet" -> ``webbed_feet``: small models write programs that read
    them reliably), deduplicated; ``limit`` keeps the first ones.
    """
    data = _first_json(text)
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list)]
        if lists:
            data = lists[0]
        elif all(isinstance(v, str) for v in data.values()):
            data = [{"name": k, "description": v} for k, v in data.items()]
    if not isinstance(data, list):
        raise ConceptError(f"the JSON answer holds no list of concepts (got {type(data).__name__})")
    concepts: dict[str, Concept] = {}
    for entry in data:
        concept = _concept(entry, role)
        if concept is not None and concept.name.lower() not in concepts:
            concepts[concept.name.lower()] = concept
    if not concepts:
        raise ConceptError("the JSON answer names no concept")
    return list(concepts.values())[:limit]


def name_concepts(
    task: Task,
    provider: Provider,
    *,
    n: int = 8,
    role: str = "helpful",
    extractor_hint: str = "",
    attempts: int = 3,
    seed: int = 0,
    params: SamplingParams = NAMING_PARAMS,
) -> ConceptNaming:
    """Ask ``provider`` for ``n`` concepts, up to ``attempts`` times (seeds ``seed + i``).

    Raises ``ConceptError`` when no answer gave a usable list.
    """
    if n < 1 or attempts < 1:
        raise ValueError(f"n and attempts must be at least 1; got {n} and {attempts}.")
    messages = build_concept_messages(task, n=n, role=role, extractor_hint=extractor_hint)
    result = ConceptNaming()
    for i in range(attempts):
        try:
            completion = provider.complete(messages, replace(params, seed=seed + i))
        except BudgetExceeded as exc:
            result.failures.append({"attempt": i, "reason": f"budget reached: {exc}", "raw": ""})
            break
        result.n_calls += 1
        try:
            result.concepts = parse_concepts(completion.text, role=role, limit=n)
            return result
        except ConceptError as exc:
            result.failures.append(
                {"attempt": i, "seed": seed + i, "reason": str(exc), "raw": completion.text}
            )
    reason = result.failures[-1]["reason"] if result.failures else "no answer"
    raise ConceptError(
        f"None of {result.n_calls} answers of {provider.model!r} gave a usable "
        f"JSON list of {role} concepts (last problem: {reason}). Write the "
        "concepts into the task file ('concepts:') or try a larger model."
    )


def _concept(entry: Any, role: str) -> Concept | None:
    if isinstance(entry, str):
        name, description = entry, ""
    elif isinstance(entry, dict) and isinstance(entry.get("name", entry.get("concept")), str):
        name = str(entry.get("name", entry.get("concept")))
        description = str(entry.get("description", "") or "")
        role = str(entry.get("role", role))
    else:
        return None
    name = re.sub(r"\W+", "_", name.strip().lower()).strip("_")[:60]
    if role not in ROLES:
        raise ConceptError(
            f"A concept's role must be one of {list(ROLES)}; got {role!r}.", concept=name
        )
    return Concept(name, " ".join(description.split()), role) if name else None


def _first_json(text: str) -> Any:
    """The first JSON value in ``text`` (inside a code fence or not), trailing commas allowed."""
    decoder = json.JSONDecoder()
    for match in _JSON_START.finditer(text):
        candidate = re.sub(r",\s*([\]}])", r"\1", text[match.start() :])
        try:
            return decoder.raw_decode(candidate)[0]
        except json.JSONDecodeError:
            continue
    first = text.strip().splitlines()[0][:60] if text.strip() else "an empty answer"
    raise ConceptError(f"no JSON in the answer (it starts {first!r})")


__all__ = [
    "NAMING_PARAMS",
    "ROLES",
    "ConceptNaming",
    "build_concept_messages",
    "name_concepts",
    "parse_concepts",
]
