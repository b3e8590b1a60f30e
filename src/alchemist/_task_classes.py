"""The task's classes: ``LabelClass``, the ways a task file may write them, and class ids read
from task files and data, which give them as ints, floats or strings.

``classes`` is a list of ``{id, name, description, share}`` mappings, a list of names (ids are
their positions) or a mapping ``{id: name}``; ids are integers in 0..127, and ids and names
unique. ``share``, optional, is the share of items the class is expected to hold (given for every
class or for none; shares sum to 1): where no labeled dev split says it, it lets the search drop
programs whose votes cannot beat chance however they fall (the search), and the label
model takes it as its class prior (``alchemist.run.aggregation.aggregate``).
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
    share: float | None = None


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
        unknown = sorted(set(c) - {"id", "name", "description", "share"})
        if unknown:
            raise TaskError(
                f"Class {c.get('name', c.get('id'))!r} has unknown key(s) {unknown}; "
                "expected id, name, description, share. (Quote a description that "
                "contains commas.)"
            )
        cid = class_id(c.get("id"))
        if cid is None or cid < 0 or cid > 127:
            raise TaskError(f"Class id must be an integer in 0..127; got {c.get('id')!r}.")
        if not c.get("name"):
            raise TaskError(f"Class {cid} needs a 'name'.")
        classes.append(
            LabelClass(
                cid,
                str(c["name"]),
                str(c.get("description", "")).strip(),
                _share(c.get("share"), c["name"]),
            )
        )
    if len(classes) < 2:
        raise TaskError(f"A task needs at least two classes; got {len(classes)}.")
    shares = [c.share for c in classes]
    if any(s is not None for s in shares):
        if any(s is None for s in shares):
            missing = [c.name for c in classes if c.share is None]
            raise TaskError(f"Give every class a 'share' or none; missing for {missing}.")
        total = sum(s for s in shares if s is not None)
        if abs(total - 1) > 0.01:
            raise TaskError(f"Class shares must sum to 1; they sum to {total:g}.")
    for attr in ("id", "name"):
        values = [getattr(c, attr) for c in classes]
        if len(set(values)) != len(values):
            raise TaskError(f"Class {attr}s must be unique; got {values}.")
    return tuple(classes)


def _share(value: Any, name: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1:
        raise TaskError(
            f"Class {name!r}: 'share' must be a number between 0 and 1 (the share of items "
            f"expected in the class); got {value!r}."
        )
    return float(value)


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
