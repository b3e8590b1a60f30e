"""The workbench's model of one run directory: what the pages show and the changes they make.

Everything here calls the stage functions the CLI calls (``load_splits``, ``aggregate``,
``rerun``, the executor's ``check_program`` and ``execute``); nothing labels on its own. Changes
are serialised by a lock held in this process and on ``.workbench.lock`` in the run directory
(so two workbenches on one run take turns); program files are written atomically by the store.
"""

from __future__ import annotations

import fcntl
import logging
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from alchemist.data.dataset import Dataset
from alchemist.distill import DistilledModel
from alchemist.errors import RunError
from alchemist.execution import ExecutionConfig, check_program, execute
from alchemist.label_matrix import CellError, LabelMatrix
from alchemist.programs import Program
from alchemist.report.overview import Overview
from alchemist.run import aggregation, pipeline
from alchemist.run.labeling import RunLabels
from alchemist.task import Task

_ID = re.compile(r"^[A-Za-z0-9_\-]{1,64}$")
TRY_SPLITS = ("dev", "train")  # never the test split: it stays unseen by every choice
MAX_TRY_ROWS = 500
TRY_SECONDS = 10.0  # a hung edit costs at most this (the executor's batch limit)


class NotFound(RunError):
    """A program, split or file the run does not have."""


class Busy(RunError):
    """A re-run is in progress; changes wait until it ends."""


@dataclass
class SplitView:
    dataset: Dataset
    matrix: LabelMatrix
    proba: np.ndarray  # label model, (n, k)
    label_model: np.ndarray  # label model's class index per row, -1 where nothing voted
    distilled: np.ndarray  # distilled model's class index per row


@dataclass
class RunView:
    """The run as last re-run: data, votes, label model and distilled model on every split."""

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
class RerunJob:
    state: str = "idle"  # idle | running | done | failed
    messages: list[str] = field(default_factory=list)
    started: float = 0.0
    finished: float = 0.0
    error: str = ""
    step: str = ""  # what it is doing now
    fraction: float = 0.0  # of the work, by executed cells (execution dominates a re-run)

    def progress(self, event: dict[str, Any], total: int, finished: dict[str, int]) -> None:
        """One of the pipeline's progress events (program calls done per split)."""
        if event.get("stage") != "execute" or total <= 0:
            return
        finished[event["split"]] = event["done"]
        self.fraction = 0.8 * min(1.0, sum(finished.values()) / total)
        self.step = f"executing programs on {event['split']}"
        if event["done"] >= event["total"]:
            self.step = "aggregating votes and distilling"


class _Messages(logging.Handler):
    """The library's log messages during a re-run, for the page."""

    def __init__(self, job: RerunJob) -> None:
        super().__init__(logging.INFO)
        self.job = job

    def emit(self, record: logging.LogRecord) -> None:
        self.job.messages.append(record.getMessage())


class Workbench:
    def __init__(self, folder: str | Path) -> None:
        self.run = pipeline.RunDir(Path(folder).resolve())
        self.folder = self.run.folder
        self.task = self.run.task()
        self.config = self.run.config()
        self.job = RerunJob()
        self._lock = threading.RLock()  # the cached view and overview
        self._writing = threading.Lock()  # changes to the run directory, one at a time
        self._view: RunView | None = None
        self._overview: Overview | None = None
        self.previous: Overview | None = None  # the overview before the last re-run
        self._labels: RunLabels | None = None

    def labels(self) -> RunLabels:
        """The run's rows by id and its label store (``run.labeling``), read once."""
        with self._lock:
            if self._labels is None:
                self._labels = RunLabels(self.run)
            return self._labels

    # ------------------------------------------------------------------ reading
    def overview(self) -> Overview:
        with self._lock:
            if self._overview is None:
                self._overview = self.run.overview()
            return self._overview

    def view(self) -> RunView:
        with self._lock:
            if self._view is None:
                self._view = self._load_view()
            return self._view

    def programs(self) -> list[Program]:
        return [
            replace(p, function_name=self.task.function_name)
            for p in self.run.programs.load(include_disabled=True)
        ]

    def program(self, program_id: str) -> Program:
        for program in self.programs():
            if program.id == _checked_id(program_id):
                return program
        raise NotFound(f"No program {program_id!r} in {self.run.programs.folder}.")

    def diagnostics(self) -> dict[str, dict[str, Any]]:
        raw = self.run.read_json("diagnostics.json", missing_ok=True) or {"programs": []}
        return {p["id"]: p for p in raw["programs"]}

    def reasons(self) -> dict[str, str]:
        """Each program's recorded failure reason on the training split."""
        return dict(self.view().splits["train"].matrix.reasons)

    def file(self, relative: str) -> Path:
        """A file inside the run directory; anything resolving outside it is not found."""
        path = (self.folder / relative).resolve()
        if (
            not path.is_relative_to(self.folder)
            or not path.is_file()
            or any(part.startswith(".") for part in path.relative_to(self.folder).parts)
        ):
            raise NotFound(f"No file {relative!r} in the run directory.")
        return path

    # ------------------------------------------------------------------ changing
    def set_enabled(self, program_id: str, enabled: bool) -> Program:
        with self._changing():
            self.run.programs.set_enabled(self.program(program_id).id, enabled)
        return self.program(program_id)

    def save_version(self, program_id: str, source: str) -> Program:
        """Store ``source`` as a new program ``<root>_v<N>`` and disable the old version."""
        old = self.program(program_id)
        verdict = check_program(source, self.task.function_name)
        if not verdict.ok:
            raise RunError(f"Not saved: the static check refused the code ({verdict.reason}).")
        with self._changing():
            new = Program(
                id=self._next_version(old.id),
                source=source,
                function_name=self.task.function_name,
                enabled=old.enabled,
                provenance={
                    "author": "edited in the workbench",
                    "parent": old.id,
                    "parent_sha": old.sha,
                    "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                },
            )
            self.run.programs.add(new)
            self.run.programs.set_enabled(old.id, False)
        return self.program(new.id)

    def try_program(self, program_id: str, source: str, split: str, n: int) -> TryResult:
        """Run ``source`` on a fixed sample of ``split`` through the static check and the
        isolated executor (never in this process); per row its vote, error and gold label."""
        if split not in TRY_SPLITS:
            raise NotFound(f"Programs are tried on {' or '.join(TRY_SPLITS)} rows; got {split!r}.")
        verdict = check_program(source, self.task.function_name)
        if not verdict.ok:
            return TryResult(False, f"The static check refused the code: {verdict.reason}")
        view = self.view()
        if split not in view.splits:
            raise NotFound(f"The run has no {split!r} split.")
        part = view.splits[split]
        rows = np.sort(
            np.random.default_rng(0).permutation(len(part.dataset))[: max(1, min(n, MAX_TRY_ROWS))]
        )
        items = [part.dataset.items[i] for i in rows]
        program = Program(id="candidate", source=source, function_name=self.task.function_name)
        matrix = execute(
            [program],
            items,
            self.task.class_ids,
            ExecutionConfig(
                workers=1, call_timeout=self.config.call_timeout, batch_timeout=TRY_SECONDS
            ),
        )
        saved = (
            part.matrix.program_ids.index(program_id)
            if program_id in part.matrix.program_ids
            else None
        )
        gold, errors = part.dataset.gold, np.asarray(matrix.errors)
        return TryResult(
            True,
            matrix.reasons.get("candidate", ""),
            [
                TryRow(
                    int(i),
                    items[k],
                    int(matrix.votes[k, 0]),
                    error_name(errors[k, 0]),
                    -1 if gold is None else int(gold[i]),
                    None if saved is None else int(part.matrix.votes[i, saved]),
                )
                for k, i in enumerate(rows)
            ],
        )

    def start_rerun(self) -> None:
        """Re-execute, re-aggregate and re-distill in the background (``pipeline.rerun``)."""
        with self._lock:
            if self.job.state == "running":
                raise Busy("A re-run is already in progress.")
            self.job = RerunJob(state="running", started=time.time())
        threading.Thread(target=self._rerun, name="alchemist-rerun", daemon=True).start()

    # ------------------------------------------------------------------ internals
    def _rerun(self) -> None:
        job = self.job
        messages = _Messages(job)
        logger = logging.getLogger("alchemist")
        logger.addHandler(messages)
        try:
            with self._changing(rerun=True):
                before = self.overview()
                splits = self.run.splits(self.task, self.config)  # with the latest labels
                total = len([p for p in self.programs() if p.enabled]) * sum(
                    len(d) for d in splits.values()
                )
                finished: dict[str, int] = {}
                job.step = "starting"
                pipeline.rerun(
                    self.run,
                    task=self.task,
                    config=self.config,
                    splits=splits,
                    progress=lambda event: job.progress(event, total, finished),
                )
                with self._lock:
                    self._view = self._overview = None
                    self.previous = before
            job.fraction, job.step = 1.0, "done"
            job.state = "done"
        except Exception as exc:  # reported on the page, never lost in a thread
            job.error = f"{type(exc).__name__}: {exc}"
            job.state = "failed"
        finally:
            logger.removeHandler(messages)
            job.finished = time.time()

    @contextmanager
    def _changing(self, *, rerun: bool = False) -> Iterator[None]:
        if not rerun and self.job.state == "running":
            raise Busy("A re-run is in progress; try again when it has finished.")
        with self._writing, (self.folder / ".workbench.lock").open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _next_version(self, program_id: str) -> str:
        root = re.sub(r"_v\d+$", "", program_id)
        taken = {p.id for p in self.programs()}
        number = 2
        while f"{root}_v{number}" in taken:
            number += 1
        return f"{root}_v{number}"

    def _load_view(self) -> RunView:
        splits = self.run.splits(self.task, self.config)
        matrices = self.run.load_matrices(splits)
        fitted = aggregation.aggregate(self.task, matrices, splits, self.config)
        distilled = DistilledModel.load(self.run.model_dir)
        return RunView(
            self.task,
            fitted.name,
            {
                split: SplitView(
                    dataset,
                    matrices[split],
                    fitted.model.predict_proba(matrices[split].votes),
                    fitted.model.predict(matrices[split].votes),
                    np.asarray(distilled.predict(dataset.frame)),
                )
                for split, dataset in splits.items()
            },
        )


def error_name(code: int) -> str:
    """How a cell's error code reads on a page ("" for a vote or a plain abstain)."""
    return "" if code == CellError.OK else CellError(int(code)).name.lower().replace("_", " ")


def _checked_id(program_id: str) -> str:
    if not _ID.match(program_id):
        raise NotFound(f"{program_id!r} is not a program id (letters, digits, _ and -).")
    return program_id


__all__ = [
    "Busy",
    "NotFound",
    "RerunJob",
    "RunView",
    "SplitView",
    "TryResult",
    "TryRow",
    "Workbench",
    "error_name",
]
