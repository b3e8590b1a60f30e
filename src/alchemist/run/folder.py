"""The run directory: its files, written atomically.

A run directory holds everything a run made, so each stage can be re-run alone and a re-run
resumes instead of starting over::

    run.yaml            the RunConfig (data paths, model, sampling, label model, featurizer)
    task.yaml           a copy of the task
    programs/           <id>.py + <id>.json: readable programs with provenance; edit by hand
    matrices/<split>.npz  label matrices (train, dev, test)
    diagnostics.json    per-program and set diagnostics
    pseudolabels.parquet  label-model output on the training data
    predictions.npz     what the figures score, per split: label model, distilled model
    model/              the distilled classifier (featurizer + MLP)
    ledger.jsonl        every LLM call: stage, model, tokens, cost
    synthesis.json      generation time, calls, rejected answers with reasons
    quality.json        the quality loop's kept and dropped programs (with --quality-loop)
    search.json         the program search's candidates, scores and verdicts (the default)
    distill.json        the end model's featurizer, classifiers and gold shares (CV on dev)
    supplementary.yaml  LLM-drafted supplementary information, editable (--supplementary generate)
    baseline/<split>.*  zero-shot labels and figures (alchemist zero-shot)
    labels/labels.jsonl the user's labels, append-only (alchemist.labels.store); they join dev
    summary.json, report.md, report.html (the same figures with charts; opens without a server)

Every file is written atomically (a temporary file renamed over the old one), so a run killed
at any moment leaves each file whole: either as it was or as it was meant to be. Programs are
never overwritten: a re-run reuses the programs on disk and generates only the missing ones;
``archive_programs`` moves the old ones to ``programs-archive/<time>/`` first.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from alchemist._util.paths import TEMPORARY_GLOB, atomic_path, atomic_write_text
from alchemist.data.dataset import Dataset, load_dataset
from alchemist.errors import DataError, RunError
from alchemist.label_matrix import LabelMatrix
from alchemist.labels import LabelStore, row_ids, with_labels
from alchemist.llm import (
    Ledger,
    PriceTable,
)
from alchemist.programs import ProgramStore
from alchemist.report.overview import Overview
from alchemist.run.settings import RunConfig
from alchemist.task import Task, load_task

SPLITS = ("train", "dev", "test")
# Fewer gold dev rows than this are too few to read anything from (chance votes, the baseline).
_MIN_GOLD = 10
# The rule for small dev splits: below this many gold rows nothing is chosen by cross-validation
# (label model, dev classifier and its features, the end model's features, classifier and gold
# share). Five folds of fewer than 10 rows score each candidate on a handful of rows: the
# winner is the luckiest draw, not the best choice. Below it the run keeps the programs-first
# defaults (the unsupervised label model, the programs' model) and the end model weighs the
# programs' model and a classifier of the gold rows by how well each answered them
# (``distill.stacked``: three or four parameters, not a choice among candidates).
MIN_CHOICE_LABELS = 50


class RunDir:
    """The paths of a run directory, and reading/writing its files (atomically)."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.programs = ProgramStore(self.folder / "programs")

    def overview(self) -> Overview:
        """The overview of this run (its figures, baselines and charts) once ``summary.json``
        is written."""
        task = self.task()
        pseudolabels = self.read_pseudolabels(task) if self.pseudolabels_path.exists() else None
        zero_shot = {
            split: self.read_json(f"baseline/{split}.json", missing_ok=True)
            for split in ("dev", "test")
        }
        return Overview.build(
            task,
            self.read_json("summary.json"),
            self.read_json("diagnostics.json", missing_ok=True) or {"programs": []},
            LabelMatrix.load(self.matrix_path("train")),
            pseudolabels,
            Ledger(self.ledger_path, prices=PriceTable.default()),
            {split: figures for split, figures in zero_shot.items() if figures},
        )

    def matrix_path(self, split: str) -> Path:
        return self.folder / "matrices" / f"{split}.npz"

    @property
    def model_dir(self) -> Path:
        return self.folder / "model"

    @property
    def ledger_path(self) -> Path:
        return self.folder / "ledger.jsonl"

    @property
    def pseudolabels_path(self) -> Path:
        return self.folder / "pseudolabels.parquet"

    @property
    def labels_dir(self) -> Path:
        return self.folder / "labels"

    def task(self) -> Task:
        return load_task(self._existing("task.yaml"))

    def labels(self, task: Task) -> dict[str, str]:
        """The user's current labels: row id -> class name (``alchemist.labels.store``)."""
        return LabelStore(self.labels_dir, classes=task.class_names).current()

    def splits(self, task: Task, config: RunConfig) -> dict[str, Dataset]:
        """The run's splits as every stage reads them: ``load_splits`` with the user's labels
        merged in (labeled training rows join dev; ``alchemist.labels.dev``)."""
        return with_labels(load_splits(task, config), self.labels(task))

    def open_ledger(self, config: RunConfig) -> Ledger:
        """The run's ledger, priced by ``config``: its budget cap stops a call before it is
        made."""
        return Ledger(self.ledger_path, prices=config.prices(), budget_usd=config.budget_usd)

    def config(self) -> RunConfig:
        raw = yaml.safe_load(self._existing("run.yaml").read_text())
        return RunConfig.from_dict(raw or {})

    def write_text(self, name: str, text: str) -> Path:
        path = self.folder / name
        atomic_write_text(path, text)
        return path

    def write_json(self, name: str, data: Any) -> Path:
        return self.write_text(name, json.dumps(data, indent=2, default=_jsonable) + "\n")

    def read_json(self, name: str, *, missing_ok: bool = False) -> Any:
        """A JSON file of the run; ``missing_ok`` gives None for a file not written yet."""
        if missing_ok and not (self.folder / name).exists():
            return None
        return json.loads(self._existing(name).read_text())

    def save_matrix(self, split: str, matrix: LabelMatrix) -> None:
        with atomic_path(self.matrix_path(split)) as temporary, temporary.open("wb") as f:
            matrix.save(f)

    def load_matrices(self, splits: dict[str, Any]) -> dict[str, LabelMatrix]:
        """The saved label matrices of ``splits`` (its keys); ``RunError`` when one is missing."""
        missing = [s for s in splits if not self.matrix_path(s).exists()]
        if missing:
            raise RunError(
                f"No label matrix for {missing} in {self.folder}. "
                f"Run: alchemist execute {self.folder}",
                path=str(self.matrix_path(missing[0])),
                split=missing[0],
            )
        return {s: LabelMatrix.load(self.matrix_path(s)) for s in splits}

    def write_pseudolabels(
        self, task: Task, matrix: LabelMatrix, proba: np.ndarray, train: Dataset | None = None
    ) -> None:
        """The label model's output on the training rows: class, name and one probability
        column per class; rows no program voted on get label -1. With ``train`` (the training
        split), each row's id too (``alchemist.labels.row_id``), which names the rows for
        suggestions after labels have moved some of them to dev."""
        covered = (matrix.votes >= 0).any(axis=1)
        index = proba.argmax(axis=1)
        frame = pd.DataFrame(
            {
                "row": np.arange(len(proba)),
                **({"id": row_ids(train.items)} if train is not None else {}),
                "covered": covered,
                "label": [task.classes[i].id for i in index],
                "label_name": [task.classes[i].name for i in index],
            }
        )
        for i, c in enumerate(task.classes):
            frame[f"p_{c.name}"] = proba[:, i]
        frame.loc[~covered, ["label", "label_name"]] = [-1, ""]
        with atomic_path(self.pseudolabels_path) as temporary:
            frame.to_parquet(temporary, index=False)

    def read_pseudolabels(self, task: Task) -> tuple[np.ndarray, np.ndarray]:
        """(covered mask, class probabilities) as ``write_pseudolabels`` saved them."""
        path = self.pseudolabels_path
        if not path.exists():
            raise RunError(
                f"{path} is missing. Run: alchemist aggregate {self.folder}",
                path=str(path),
                split="train",
            )
        labels = pd.read_parquet(path)
        proba = labels[[f"p_{c.name}" for c in task.classes]].to_numpy()
        return labels["covered"].to_numpy(), proba

    @property
    def predictions_path(self) -> Path:
        return self.folder / "predictions.npz"

    def write_predictions(self, predictions: dict[str, dict[str, np.ndarray]]) -> None:
        """Per split, the predictions the run's figures score (``scoring.predict_splits``)."""
        arrays: dict[str, Any] = {
            f"{s}.{name}": a for s, named in predictions.items() for name, a in named.items()
        }
        with atomic_path(self.predictions_path) as temporary, temporary.open("wb") as f:
            np.savez_compressed(f, **arrays)

    def read_predictions(self) -> dict[str, dict[str, np.ndarray]]:
        """``write_predictions``'s arrays; ``RunError`` where a run predates them."""
        if not self.predictions_path.exists():
            raise RunError(
                f"{self.predictions_path} is missing: the run was made before its predictions "
                f"were saved. Re-run it once: alchemist rerun {self.folder}",
                path=str(self.predictions_path),
            )
        out: dict[str, dict[str, np.ndarray]] = {}
        with np.load(self.predictions_path, allow_pickle=False) as saved:
            for key in saved.files:
                split, name = key.split(".", 1)
                out.setdefault(split, {})[name] = saved[key]
        return out

    def replace_folder(self, name: str, write: Any) -> Path:
        """Fill the folder ``name`` atomically: ``write(path)`` fills a fresh folder beside it,
        which then takes the old one's place (the old one is removed)."""
        target = self.folder / name
        fresh = self.folder / f".{name}.new"
        old = self.folder / f".{name}.old"
        for leftover in (fresh, old):
            shutil.rmtree(leftover, ignore_errors=True)
        write(fresh)
        if target.exists():
            target.rename(old)
        fresh.rename(target)
        shutil.rmtree(old, ignore_errors=True)
        return target

    def _existing(self, name: str) -> Path:
        path = self.folder / name
        if not path.exists():
            raise RunError(
                f"{path} is missing: {self.folder} is not a complete run directory. "
                "Create it with `alchemist run`.",
                path=str(path),
            )
        return path


def init_run(folder: str | Path, task: Task, config: RunConfig) -> RunDir:
    """Create (or reopen) a run directory and record its task and configuration."""
    run = RunDir(folder)
    run.folder.mkdir(parents=True, exist_ok=True)
    for leftover in run.folder.rglob(TEMPORARY_GLOB):  # of a run killed mid-write
        leftover.unlink()
    task.save(run.folder / "task.yaml")
    run.write_text("run.yaml", yaml.safe_dump(config.to_dict(), sort_keys=False))
    return run


def archive_programs(run: RunDir) -> Path | None:
    """Move the current programs aside so the next run generates new ones."""
    folder = run.programs.folder
    if not folder.exists() or not any(folder.iterdir()):
        return None
    target = run.folder / "programs-archive" / time.strftime("%Y%m%d-%H%M%S")
    target.parent.mkdir(parents=True, exist_ok=True)
    folder.rename(target)
    return target


def load_splits(task: Task, config: RunConfig) -> dict[str, Dataset]:
    """The training data and, where configured, the labeled dev and test splits."""
    splits = {"train": load_dataset(config.data, task, limit=config.limit)}
    if config.dev:
        splits["dev"] = load_dataset(config.dev, task, require_gold=True)
    elif config.dev_size:
        try:
            splits["train"], splits["dev"] = splits["train"].hold_out(
                config.dev_size, seed=config.seed, labeled_only=True
            )
        except DataError as exc:
            raise RunError(
                f"--dev-size {config.dev_size}: {exc} Or pass a --dev file.",
                path=config.data,
                split="dev",
            ) from None
    if config.test:
        splits["test"] = load_dataset(config.test, task, require_gold=True)
    return splits


def labeled_dev(splits: dict[str, Dataset], minimum: int = _MIN_GOLD) -> Dataset | None:
    """The dev split when it has ``minimum`` gold rows of at least two classes."""
    dev = splits.get("dev")
    if dev is None or dev.gold is None or not dev.has_gold:
        return None
    gold = dev.gold[dev.gold >= 0]
    return dev if len(gold) >= minimum and len(np.unique(gold)) >= 2 else None


def choosing_dev(splits: dict[str, Dataset]) -> Dataset | None:
    """The dev split when it has enough gold rows to choose on (``MIN_CHOICE_LABELS``)."""
    return labeled_dev(splits, minimum=MIN_CHOICE_LABELS)


def _jsonable(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    return str(value)


__all__ = [
    "MIN_CHOICE_LABELS",
    "SPLITS",
    "RunDir",
    "archive_programs",
    "choosing_dev",
    "init_run",
    "labeled_dev",
    "load_splits",
]
