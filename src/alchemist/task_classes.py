"""The task's classes: ``LabelClass``, the ways a task file may write them, and class ids read
from task files and data, which give them as ints, floats or strings.

``classes`` is a list of ``{id, name, description}`` mappings, a list of names (ids are their
positions) or a mapping ``{id: name}``; ids are integers in 0..127, and ids and names unique.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from alchemist.errors import TaskError


@dataclass(frozen=True)
class LabelClass:
    id: int
    name: str
    description: str = ""


def parse_classes(raw: Any) -> tuple[LabelClass, ...]:
    """The classes as a task file writes them, checked: at least two, ids and names unique."""
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
            raise TaskError(
                f"Class {c.get('name', c.get('id'))!r} has unknown key(s) {unknown}; "
                "expected id, name, description. (Quote a description that "
                "contains commas.)"
            )
        cid = class_id(c.get("id"))
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


def class_id(value: Any) -> int | None:
    """``value`` as an integer class id: an int, an integral float or an integer written as a
    string (task files and data give ids all three ways); None otherwise, booleans included."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


__all__ = ["LabelClass", "class_id", "parse_classes"]
