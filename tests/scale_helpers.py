"""Shared by the scale tests: the benchmark's hand-written programs and the synthetic spam
splits' training rows as Parquet."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from alchemist.data.dataset import Dataset, load_dataset
from alchemist.programs import Program, ProgramStore
from alchemist.task import Task, load_task
from tests.conftest import ROOT
from tests.synthetic import spam_splits


def spam_programs(task: Task) -> list[Program]:
    """The benchmark's ten hand-written programs, plus one that fails on some rows only."""
    programs = [
        replace(p, function_name=task.function_name)
        for p in ProgramStore(ROOT / "benchmarks" / "scale_programs").load()
    ]
    failing = Program(
        "bad",
        "def label_spam(text):\n    return 1 // 0 if 'song' in text else -1\n",
        task.function_name,
    )
    return [*programs, failing]


def spam_parquet(folder: Path) -> tuple[Task, Dataset, Path]:
    """The YouTube task, the synthetic spam training split (1600 rows; its dev and test splits
    are in ``folder / "spam"``), and that split written as Parquet (row groups of 300 rows, so
    that chunks cross row-group borders)."""
    task = load_task(ROOT / "examples" / "youtube.yaml")
    train = load_dataset(spam_splits(folder / "spam") / "train.json", task)
    path = folder / "train.parquet"
    train.frame.assign(label=train.gold).to_parquet(path, row_group_size=300)
    return task, train, path
