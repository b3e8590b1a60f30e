"""What the workbench's pages are given: the views of a run and its splits, a program's try on
a few rows, the change a re-run made, the re-run's progress, and the template of a new program.
Plain records, filled by ``review.workbench``.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from alchemist.data.dataset import Dataset
from alchemist.label_matrix import CellError, LabelMatrix
from alchemist.programs import Program
from alchemist.report.overview import method_name
from alchemist.task import Task


@dataclass
class SplitView:
    dataset: Dataset
    matrix: LabelMatrix
    proba: np.ndarray  # label model, (n, k)
    label_model: np.ndarray  # label model's class index per row, -1 where nothing voted
    distilled: np.ndarray  # distilled model's class index per row (on dev: out of fold)
    out_of_fold: bool = False  # ``distilled`` comes from the cross-validation on dev


@dataclass
class RunView:
    """The run as last re-run: data, votes, and the label model's and distilled model's
    predictions on every split as the run saved them (``predictions.npz``: the rows its
    figures score; nothing is refitted here)."""

    task: Task
    label_model: str
    splits: dict[str, SplitView]


@dataclass
class TryRow:
    row: int
    item: Any
    vote: int  # class index, -1 = abstain or error
    error: str  # CellError name ("" when OK)
    gold: int  # class index, -1 = unknown
    before: int | None  # the saved version's vote on this row, when it was run


@dataclass
class TryResult:
    ok: bool
    reason: str = ""  # why the static check refused the code, or the program's errors
    rows: list[TryRow] = field(default_factory=list)


@dataclass
class Change:
    """One figure of the run's own methods before and after a re-run."""

    split: str
    method: str
    accuracy_before: float | None
    accuracy: float
    macro_f1_before: float | None
    macro_f1: float | None

    @property
    def fell(self) -> list[str]:
        """The figures that fell by more than rounding (``["accuracy", "macro-F1"]``)."""
        out = []
        for name, old, new in (
            ("accuracy", self.accuracy_before, self.accuracy),
            ("macro-F1", self.macro_f1_before, self.macro_f1),
        ):
            if old is not None and new is not None and new < old - 0.0005:
                out.append(name)
        return out


@dataclass
class Changes:
    """What the last re-run changed: figures, class balance, choices; how long it took."""

    rows: list[Change]
    balance_before: list[float] | None
    balance: list[float] | None
    choices_changed: list[str]
    chose_again: bool
    seconds: float

    @property
    def fell(self) -> list[str]:
        """Each figure that fell, as "test label model macro-F1"."""
        return [f"{c.split} {method_name(c.method)} {name}" for c in self.rows for name in c.fell]


# Each stage's rough share of a kept-choices re-run's time (the end model's cross-validated
# folds dominate), so the bar moves with the work; within a stage it moves with its own count
# (program calls executed, folds trained).
_STAGES = {"execute": 0.05, "label_model": 0.15, "distill": 0.65, "evaluate": 0.1, "report": 0.05}
_STAGE_NAMES = {
    "execute": "executing programs",
    "label_model": "fitting the label model",
    "distill": "training the end model",
    "evaluate": "scoring",
    "report": "writing the report",
}


@dataclass
class RerunJob:
    state: str = "idle"  # idle | running | done | failed
    messages: list[str] = field(default_factory=list)
    started: float = 0.0
    finished: float = 0.0
    error: str = ""
    step: str = ""  # what it is doing now
    fraction: float = 0.0  # of the work, stage by stage (``_STAGES``)
    choose_again: bool = False  # the label model and end model chosen again on dev
    executed: dict[str, int] = field(default_factory=dict)  # program calls made, per split

    def progress(self, event: dict[str, Any]) -> None:
        """One of the pipeline's progress events: a stage starting, cells executed, folds."""
        stage = event.get("stage", "")
        if stage not in _STAGES:
            return
        names = list(_STAGES)
        start = sum(_STAGES[s] for s in names[: names.index(stage)])
        within = 0.0
        step = _STAGE_NAMES[stage]
        if stage == "execute":
            self.executed[event["split"]] = event["total"]
        if stage == "execute" and event.get("total"):
            within = min(1.0, event["done"] / event["total"])
            step = f"executing changed programs on {event['split']} ({event['done']:,} of "
            step += f"{event['total']:,} calls)"
        elif stage == "execute":
            step = f"votes of {event.get('split', '')} read from the saved matrices"
        elif stage == "distill" and event.get("total"):
            within = min(1.0, event["done"] / event["total"])
            step = f"training the end model ({event['done']} of {event['total']} folds)"
        self.fraction = max(self.fraction, min(0.99, start + _STAGES[stage] * within))
        self.step = step

    @property
    def seconds(self) -> float:
        return (self.finished or time.time()) - self.started if self.started else 0.0


class _Messages(logging.Handler):
    """The library's log messages during a re-run, for the page."""

    def __init__(self, job: RerunJob) -> None:
        super().__init__(logging.INFO)
        self.job = job

    def emit(self, record: logging.LogRecord) -> None:
        self.job.messages.append(record.getMessage())


def program_template(task: Task) -> str:
    """A program that abstains everywhere, with the task's signature, input and classes."""
    name = task.parameter.split(":")[0]
    classes = "\n".join(
        f"    {c.id} = {c.name}" + (f": {c.description}" if c.description else "")
        for c in task.classes
    )
    if name == "text":
        value = "text.lower()"
    elif name == "row":
        value = f'str(row.get("{task.input_fields[0]}", "")).lower()'
    else:
        value = f"str({name})"
    first = task.classes[0]
    return (
        f"def {task.function_name}({name}):\n"
        f'    """Return a class id where the rule applies, else -1 (abstain).\n\n'
        f"    Classes:\n{classes}\n"
        f'    """\n'
        f"    value = {value}\n"
        f'    if "write a clue here" in value:\n'
        f"        return {first.id}  # {first.name}\n"
        f"    return -1\n"
    )


def error_name(code: int) -> str:
    """How a cell's error code reads on a page ("" for a vote or a plain abstain)."""
    return "" if code == CellError.OK else CellError(int(code)).name.lower().replace("_", " ")


def out_of_use(programs: list[Program], summary: dict[str, Any]) -> dict[str, str]:
    """Why each program, or some of its votes, is not used by the label model: disabled
    (by hand or by the generator's gate), a class's votes ignored as no better than chance
    on dev (the run's ``summary``), or not run yet."""
    in_run = set(summary.get("programs", []))
    ignored: dict[str, list[str]] = {}
    for record in summary.get("ignored_votes", []):
        ignored.setdefault(record["program"], []).append(
            f"votes for {record['class']} ignored: right on "
            f"{100 * record['dev_precision']:.0f}% of {record['dev_votes']} dev votes, "
            f"no better than the {100 * record['class_share']:.0f}% share of that class"
        )
    children = {str(p.provenance["parent"]): p.id for p in programs if "parent" in p.provenance}
    out = {}
    for program in programs:
        if not program.enabled:
            why = program.provenance.get("dropped")
            out[program.id] = (
                f"replaced by {children[program.id]}"
                if program.id in children
                else f"disabled by the generator: {why}"
                if why
                else "disabled by hand"
            )
        elif program.id not in in_run:
            out[program.id] = "enabled since the last re-run: re-run to use it"
        elif program.id in ignored:
            out[program.id] = "; ".join(ignored[program.id])
    return out
