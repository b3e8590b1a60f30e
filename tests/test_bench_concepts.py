"""benchmarks/bench_concepts.py: its splits, its baselines and its table."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest

from alchemist.data.dataset import load_dataset
from alchemist.task import load_task

from .conftest import EXAMPLES

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_concepts.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_concepts", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_splits_are_disjoint_and_sized(bench, tmp_path: Path) -> None:
    paths = bench.write_splits("italypower", tmp_path)
    frames = {s: pd.read_json(p, lines=True) for s, p in paths.items()}
    assert (len(frames["test"]), len(frames["dev"]), len(frames["train"])) == (400, 100, 596)
    keys = {s: {tuple(x) for x in f["series"]} for s, f in frames.items()}
    assert not keys["test"] & keys["dev"] and not keys["test"] & keys["train"]


def test_dev_only_baselines_on_raw_series(bench, tmp_path: Path) -> None:
    paths = bench.write_splits("italypower", tmp_path)
    task = load_task(EXAMPLES / "italypower.yaml")
    splits = {s: load_dataset(p, task) for s, p in paths.items()}
    mlp, majority = bench.dev_only_rows(task, splits, "raw series")
    assert majority["accuracy"] == pytest.approx(0.5, abs=0.05)  # balanced classes
    assert mlp["accuracy"] > 0.8  # 100 labeled days are enough for these series
    table = bench.render(
        "italypower",
        [mlp, {**majority, "accuracy": None}],
        argparse.Namespace(
            model="m", programs=1, concepts=1, threads=1, candidates=4, refinements=1
        ),
    )
    assert "| majority class of dev | — |" in table
