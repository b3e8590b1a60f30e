"""The user's labels: an append-only event log in the run folder, ``labels/labels.jsonl``.

Each line is one event, written whole::

    {"event": "<uuid>", "row": "<row id>", "class": "<class name>", "user": "ana",
     "time": "2025-01-31T10:02:11+0000", "action": "label" | "correct" | "undo"}

The current labels are the fold of the events in file order: ``label`` and ``correct`` set a
row's class (``correct`` when the row already had another one), ``undo`` returns the row to the
class it had before its latest ``label``/``correct`` (none, for a first label). Nothing is ever
rewritten, so the file is also the history: who labeled what, when, and what they changed.

Writes are safe against a killed process and against two writers (two browser tabs, the
workbench and a command): each event is appended as one line with ``O_APPEND`` and ``fsync``
while an exclusive ``flock`` on ``labels/.lock`` is held, and the decision what to write (a
first label, a correction, nothing because the row already has that class) is made under that
lock from the file as it is then. A line cut short by a crash is skipped when reading; every
whole line before and after it counts. An event id seen twice counts once.

Rows are named by ``row_id``: a hash of the row's input fields, so the id does not depend on the
row's position (a held-out dev split, ``--limit`` or a re-ordered file leave it the same), and an
exported file's rows find their way back. Two rows with identical inputs share an id and a label,
as they would share any program's vote. The user's input file is never written.
"""

from __future__ import annotations

import fcntl
import getpass
import hashlib
import json
import os
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alchemist.errors import LabelError

ACTIONS = ("label", "correct", "undo")
FILE = "labels.jsonl"


def row_id(item: Any) -> str:
    """The stable id of one row: 16 hex digits of the SHA-256 of its inputs as canonical JSON
    (a text, or a table row's fields)."""
    canonical = json.dumps(item, sort_keys=True, default=_plain, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def row_ids(items: Iterable[Any]) -> list[str]:
    """``row_id`` of each item, in order."""
    return [row_id(item) for item in items]


@dataclass(frozen=True)
class LabelEvent:
    row: str
    label: str | None  # the class name (None for an undo)
    action: str
    user: str
    time: str
    event: str

    def to_json(self) -> str:
        return json.dumps(
            {
                "event": self.event,
                "row": self.row,
                "class": self.label,
                "user": self.user,
                "time": self.time,
                "action": self.action,
            },
            ensure_ascii=False,
        )


@dataclass(frozen=True)
class Written:
    """What ``LabelStore.label`` or ``undo`` did: the event written, or None when nothing was
    needed (the row already had that class; nothing to undo), and the row's class after it."""

    event: LabelEvent | None
    label: str | None


class LabelStore:
    """The labels of one run: ``folder`` is the run's ``labels/`` folder.

    ``classes``: the class names a label may take; ``refused``: row ids that never take a label
    (the test split's), with ``allowed`` (when given) the only ids that may.
    """

    def __init__(
        self,
        folder: str | Path,
        *,
        classes: Iterable[str],
        refused: Iterable[str] = (),
        allowed: Iterable[str] | None = None,
    ) -> None:
        self.folder = Path(folder)
        self.path = self.folder / FILE
        self.classes = tuple(classes)
        self.refused = frozenset(refused)
        self.allowed = None if allowed is None else frozenset(allowed)

    # ------------------------------------------------------------------ reading
    def events(self) -> list[LabelEvent]:
        """Every whole event in file order (a line cut short by a crash is skipped; a repeated
        event id counts once)."""
        if not self.path.exists():
            return []
        seen: set[str] = set()
        events = []
        for line in self.path.read_bytes().splitlines():
            event = _parse(line)
            if event is not None and event.event not in seen:
                seen.add(event.event)
                events.append(event)
        return events

    def current(self) -> dict[str, str]:
        """row id -> class name: the fold of the events (module docstring)."""
        return fold(self.events())

    # ------------------------------------------------------------------ writing
    def label(self, row: str, label: str, *, user: str | None = None) -> Written:
        """Give ``row`` the class ``label`` (a class name): a ``label`` event for an unlabeled
        row, a ``correct`` event for one with another class, nothing when it has that one."""
        self._check(row, label)
        with self._locked():
            now = self.current().get(row)
            if now == label:
                return Written(None, now)
            action = "label" if now is None else "correct"
            event = self._append(row, label, action, user)
        return Written(event, label)

    def label_many(self, labels: Mapping[str, str], *, user: str | None = None) -> list[LabelEvent]:
        """``label`` for each (row, class) under one lock; the events written. Every row and
        class is checked before anything is written, so a bad one writes nothing."""
        for row, label in labels.items():
            self._check(row, label)
        written = []
        with self._locked():
            now = self.current()
            for row, label in labels.items():
                if now.get(row) != label:
                    action = "label" if now.get(row) is None else "correct"
                    written.append(self._append(row, label, action, user))
                    now[row] = label
        return written

    def undo(self, row: str, *, user: str | None = None) -> Written:
        """Return ``row`` to its class before its latest label (nothing when it has none)."""
        with self._locked():
            events = self.events()
            if fold(events).get(row) is None:
                return Written(None, None)
            event = self._append(row, None, "undo", user)
            return Written(event, fold([*events, event]).get(row))

    # ------------------------------------------------------------------ internals
    def _check(self, row: str, label: str) -> None:
        if row in self.refused:
            raise LabelError(
                f"Row {row} is in the test split, and test rows never take a label (they only "
                "score the run). Label a training or dev row instead.",
                row=row,
            )
        if self.allowed is not None and row not in self.allowed:
            raise LabelError(
                f"No row {row} in the run's training or dev data; labels name rows by the ids "
                "that `alchemist suggest` and the exports print.",
                row=row,
            )
        if label not in self.classes:
            raise LabelError(
                f"{label!r} is not a class of the task; expected one of {list(self.classes)}.",
                row=row,
            )

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / ".lock").open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _append(self, row: str, label: str | None, action: str, user: str | None) -> LabelEvent:
        event = LabelEvent(
            row=row,
            label=label,
            action=action,
            user=user or _user(),
            time=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            event=uuid.uuid4().hex,
        )
        line = (event.to_json() + "\n").encode()
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            _repair_tail(fd, self.path)
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)
        return event


def fold(events: Iterable[LabelEvent]) -> dict[str, str]:
    """row id -> class name after ``events`` in order (module docstring)."""
    history: dict[str, list[str]] = {}
    for event in events:
        stack = history.setdefault(event.row, [])
        if event.action == "undo":
            if stack:
                stack.pop()
        elif event.label is not None:
            stack.append(event.label)
    return {row: stack[-1] for row, stack in history.items() if stack}


def _parse(line: bytes) -> LabelEvent | None:
    try:
        raw = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(raw, dict) or raw.get("action") not in ACTIONS or "row" not in raw:
        return None
    return LabelEvent(
        row=str(raw["row"]),
        label=None if raw.get("class") is None else str(raw["class"]),
        action=str(raw["action"]),
        user=str(raw.get("user", "")),
        time=str(raw.get("time", "")),
        event=str(raw.get("event") or uuid.uuid4().hex),
    )


def _repair_tail(fd: int, path: Path) -> None:
    """End a line a crash cut short, so the next event starts on a line of its own."""
    if not os.fstat(fd).st_size:
        return
    with path.open("rb") as handle:
        handle.seek(-1, os.SEEK_END)
        if handle.read(1) != b"\n":
            os.write(fd, b"\n")


def _plain(value: Any) -> Any:
    """numpy scalars as the Python values a re-read file gives (39, not "39")."""
    return value.item() if hasattr(value, "item") else str(value)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a bare container)
        return f"uid{os.getuid()}"


__all__ = ["ACTIONS", "LabelEvent", "LabelStore", "Written", "fold", "row_id", "row_ids"]
