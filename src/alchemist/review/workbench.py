"""The workbench's model of one run directory: what the pages show and the changes they make.

Everything here calls the stage functions the CLI calls (``load_splits``, ``aggregate``,
``rerun``, the executor's ``check_program`` and ``execute``); nothing labels on its own. Changes
are serialised by a lock held in this process and on ``.workbench.lock`` in the run directory
(so two workbenches on one run take turns); program files are written atomically by the store.
"""

from __future__ import annotations

import difflib
import fcntl
import logging
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from alchemist.data.dataset import Dataset
from alchemist.errors import RunError
from alchemist.execution import check_program
from alchemist.label_matrix import LabelMatrix
from alchemist.labels import with_labels
from alchemist.programs import Program
from alchemist.report.overview import Overview
from alchemist.review._records import (
    Change,
    Changes,
    RerunJob,
    RunView,
    SplitView,
    TryResult,
    TryRow,
    _Messages,
    error_name,
    out_of_use,
    program_template,
)
from alchemist.review._try import TRY_SPLITS, try_source
from alchemist.run import pipeline
from alchemist.run.choices import Choices
from alchemist.run.labeling import RunLabels

_ID = re.compile(r"^[A-Za-z0-9_\-]{1,64}$")


class NotFound(RunError):
    """A program, split or file the run does not have."""


class Busy(RunError):
    """A re-run is in progress; changes wait until it ends."""


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
        self._splits: dict[str, Dataset] | None = None  # the data, read once
        self.previous: Overview | None = None  # the overview before the last re-run
        self.previous_choices: Choices | None = None  # and the choices it was made with
        self.previous_balance: list[float] | None = None  # and its pseudolabels' class shares
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

    def train_coverage(self) -> dict[str, float]:
        """Each program's share of training rows voted on, at the last re-run."""
        path = self.run.matrix_path("train")
        if not path.exists():
            return {}
        matrix = LabelMatrix.load(path)
        voted = (matrix.votes >= 0).mean(axis=0) if len(matrix.votes) else np.zeros(matrix.shape[1])
        return {p: float(v) for p, v in zip(matrix.program_ids, voted, strict=True)}

    def out_of_use(self) -> dict[str, str]:
        """Why each program, or some of its votes, is not used by the label model
        (``_records.out_of_use``)."""
        summary = self.run.read_json("summary.json", missing_ok=True) or {}
        return out_of_use(self.programs(), summary)

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

    def template(self) -> str:
        """The source a new program starts from: the task's function name and input, its
        class ids and names, abstaining everywhere until a rule is written."""
        return program_template(self.task)

    def add_program(self, source: str) -> Program:
        """Store ``source`` as a new program ``w<NNN>`` (enabled), written in the workbench."""
        verdict = check_program(source, self.task.function_name)
        if not verdict.ok:
            raise RunError(f"Not saved: the static check refused the code ({verdict.reason}).")
        with self._changing():
            taken = {p.id for p in self.programs()}
            number = 1
            while f"w{number:03d}" in taken:
                number += 1
            new = Program(
                id=f"w{number:03d}",
                source=source,
                function_name=self.task.function_name,
                provenance={
                    "author": "written in the workbench",
                    "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                },
            )
            self.run.programs.add(new)
        return self.program(new.id)

    def revert(self, program_id: str) -> Program:
        """Put the version a program was edited from back in use, and this one out of use;
        both stay on disk. Returns the parent."""
        program = self.program(program_id)
        parent_id = program.provenance.get("parent")
        if not parent_id:
            raise RunError(f"{program.id} was not edited from another program: nothing to revert.")
        parent = self.program(str(parent_id))
        with self._changing():
            self.run.programs.set_enabled(parent.id, True)
            self.run.programs.set_enabled(program.id, False)
        return self.program(parent.id)

    def parent_diff(self, program: Program) -> str:
        """A unified diff from the program it was edited from ("" when it has none)."""
        parent_id = program.provenance.get("parent")
        if not parent_id:
            return ""
        try:
            parent = self.program(str(parent_id))
        except NotFound:
            return ""
        return "".join(
            difflib.unified_diff(
                parent.source.splitlines(keepends=True),
                program.source.splitlines(keepends=True),
                fromfile=parent.id,
                tofile=program.id,
            )
        )

    def try_program(self, program_id: str, source: str, split: str, n: int) -> TryResult:
        """Run ``source`` on a fixed sample of ``split`` (``review._try``)."""
        if split not in TRY_SPLITS:
            raise NotFound(f"Programs are tried on {' or '.join(TRY_SPLITS)} rows; got {split!r}.")
        view = self.view()
        if split not in view.splits:
            raise NotFound(f"The run has no {split!r} split.")
        call_timeout = self.config.call_timeout
        return try_source(self.task, view.splits[split], program_id, source, n, call_timeout)

    def choices(self) -> Choices | None:
        """The label model and end model the last run chose (kept by the next re-run)."""
        return Choices.read(self.run)

    def balance(self) -> list[float] | None:
        """The pseudolabels' class shares on the covered training rows (None before any)."""
        if not self.run.pseudolabels_path.exists():
            return None
        covered, proba = self.run.read_pseudolabels(self.task)
        counts = np.bincount(proba[covered].argmax(axis=1), minlength=self.task.n_classes)
        return [float(c) / max(int(counts.sum()), 1) for c in counts]

    def changes(self) -> Changes | None:
        """The last re-run's figures beside those before it (None before any re-run here)."""
        before = self.previous
        if before is None:
            return None
        now = self.overview()
        rows = []
        for s in now.scores:
            if s.baseline or s.split == "train":
                continue
            old = next(
                (b for b in before.scores if (b.split, b.method) == (s.split, s.method)), None
            )
            rows.append(
                Change(
                    s.split,
                    s.method,
                    None if old is None else old.accuracy,
                    s.accuracy,
                    None if old is None else old.macro_f1,
                    s.macro_f1,
                )
            )
        choices = self.choices()
        return Changes(
            rows,
            self.previous_balance,
            self.balance(),
            [] if choices is None else choices.changed(self.previous_choices),
            self.job.choose_again,
            self.job.seconds,
        )

    def start_rerun(self, *, choose_again: bool = False) -> None:
        """Re-run in the background (``pipeline.rerun``): only new or changed programs are
        executed, and the label model and end model the last run chose are refitted on the new
        votes, unless ``choose_again``: then both are chosen again on dev."""
        with self._lock:
            if self.job.state == "running":
                raise Busy("A re-run is already in progress.")
            self.job = RerunJob(state="running", started=time.time(), choose_again=choose_again)
        threading.Thread(target=self._rerun, name="alchemist-rerun", daemon=True).start()

    # ------------------------------------------------------------------ internals
    def _rerun(self) -> None:
        job = self.job
        messages = _Messages(job)
        logger = logging.getLogger("alchemist")
        logger.addHandler(messages)
        try:
            with self._changing(rerun=True):
                before, choices, balance = self.overview(), self.choices(), self.balance()
                job.step = "starting"
                pipeline.rerun(
                    self.run,
                    task=self.task,
                    config=self.config,
                    splits=self.splits(),
                    progress=job.progress,
                    keep_choices=not job.choose_again,
                    reuse_votes=True,
                )
                with self._lock:
                    self._view = self._overview = None
                    self.previous, self.previous_choices = before, choices
                    self.previous_balance = balance
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

    def splits(self) -> dict[str, Dataset]:
        """The run's data splits with the user's latest labels merged in (``run.splits``); the
        data files are read once (a re-run changes programs and labels, not data)."""
        with self._lock:
            if self._splits is None:
                self._splits = pipeline.load_splits(self.task, self.config)
            base = self._splits
        return with_labels(base, self.run.labels(self.task))

    def _load_view(self) -> RunView:
        splits = self.splits()
        matrices = self.run.load_matrices(splits)
        saved = self.run.read_predictions()
        summary = self.run.read_json("summary.json")
        return RunView(
            self.task,
            summary["label_model"]["name"],
            {
                split: SplitView(
                    dataset,
                    matrices[split],
                    saved[split]["label_model_proba"],
                    saved[split]["label_model"],
                    saved[split]["distilled"],
                    "distilled" in [str(n) for n in saved[split].get("out_of_fold", [])],
                )
                for split, dataset in splits.items()
            },
        )


def _checked_id(program_id: str) -> str:
    if not _ID.match(program_id):
        raise NotFound(f"{program_id!r} is not a program id (letters, digits, _ and -).")
    return program_id


__all__ = [
    "Busy",
    "Change",
    "Changes",
    "NotFound",
    "RerunJob",
    "RunView",
    "SplitView",
    "TryResult",
    "TryRow",
    "Workbench",
    "error_name",
    "program_template",
]
