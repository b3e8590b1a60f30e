"""The learning-curve benchmark: its pool of items to label and its budgets, with no model run."""

import importlib.util
import sys
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from alchemist.data.dataset import load_dataset
from alchemist.labels import row_ids

from .conftest import dataset_path

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_active.py"


@pytest.fixture(scope="module")
def bench_active():
    pytest.importorskip("matplotlib")
    sys.path.insert(0, str(SCRIPT.parent))  # its siblings paper_table and table_render
    spec = importlib.util.spec_from_file_location("bench_active", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it executes
    spec.loader.exec_module(module)
    yield module
    for name in (spec.name, "paper_table", "table_render"):
        sys.modules.pop(name, None)
    sys.path.remove(str(SCRIPT.parent))


def test_pool_is_the_training_and_dev_rows_with_their_gold_apart(bench_active, tmp_path: Path):
    dataset_path("sms")
    pool = bench_active.make_pool("sms", tmp_path)
    splits = tmp_path / "splits"
    train = pd.read_parquet(splits / "train.parquet")
    assert pool.task.label_field not in train.columns  # paper_table's, unlabeled
    assert pool.task.label_field not in pd.read_parquet(pool.path).columns
    dev = load_dataset(splits / "dev.parquet", pool.task, require_gold=True)
    assert len(pool.frame) == len(train) + len(dev)
    assert pool.frame["SMS"].tolist() == train["SMS"].tolist() + dev.frame["SMS"].tolist()
    dev_ids = row_ids(dev.items)
    assert all(pool.answers[r] == g for r, g in zip(dev_ids, dev.gold, strict=True))
    assert set(pool.answers) == set(pool.position)  # every training row has its answer
    assert pool.metric == "positive_f1" and pool.positive == 1
    assert len(pool.test) == len(pd.read_parquet(splits / "test.parquet"))


def test_budgets_record_what_was_labeled(bench_active, tmp_path: Path, monkeypatch):
    """A budget past the pool labels what there is; a short round of suggestions labels what
    it suggested; a budget that adds no label is not evaluated twice."""
    dataset_path("youtube")
    pool = bench_active.make_pool("youtube", tmp_path / "data")
    order = list(pool.answers)[:15]
    pool.answers = {r: pool.answers[r] for r in order}
    evaluated = []

    def evaluate(pool, run, reference, labeled, seed, tag):
        evaluated.append(len(labeled))
        return [(len(labeled), "alchemist", "macro_f1", 0.0)]

    def suggest(run, n):
        have = bench_active.LabelStore(run.labels_dir, classes=pool.task.class_names).current()
        return [SimpleNamespace(id=r) for r in order if r not in have][: min(n, 3)]

    monkeypatch.setattr(bench_active, "evaluate", evaluate)
    monkeypatch.setattr(bench_active, "suggest", suggest)
    monkeypatch.setattr(bench_active, "pipeline", SimpleNamespace(rerun=lambda run: None))
    run = bench_active.new_run(tmp_path / "random", pool, 0, 0, "tfidf")
    records = bench_active.curve(pool, run, None, order, [0, 10, 20, 30], 0, "random")
    assert evaluated == [0, 10, 15] and [r[0] for r in records] == [0, 10, 15]
    evaluated.clear()
    run = bench_active.new_run(tmp_path / "chosen", pool, 0, 0, "tfidf")
    bench_active.curve(pool, run, None, None, [0, 10, 20], 0, "chosen")
    assert evaluated == [0, 3, 6]
