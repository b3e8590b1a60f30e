"""Streamed stages on one machine give what the in-memory stages give, in bounded chunks, and
resume at part granularity."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from alchemist.data.dataset import Dataset, load_dataset
from alchemist.errors import DataError
from alchemist.execution import ExecutionConfig, execute
from alchemist.label_matrix import CellError
from alchemist.labelmodels import make_label_model
from alchemist.scale.parts import MatrixParts
from alchemist.scale.progress import Progress
from alchemist.scale.settings import ScaleSettings
from alchemist.scale.streaming import (
    stream_distill,
    stream_execute,
    stream_predict,
    write_pseudolabels,
)
from alchemist.task import Task
from tests.scale_helpers import spam_parquet, spam_programs

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the executor's OS layer is Linux-only"
)

CONFIG = ExecutionConfig(workers=2)


@pytest.fixture(scope="module")
def spam(tmp_path_factory: pytest.TempPathFactory) -> tuple[Task, Dataset, Path]:
    return spam_parquet(tmp_path_factory.mktemp("data"))


def test_streamed_execution_equals_in_memory_and_resumes(spam, tmp_path: Path) -> None:
    task, train, path = spam
    programs = spam_programs(task)
    reference = execute(programs, train.items, task.class_ids, CONFIG)
    events: list[Progress] = []
    parts = stream_execute(
        programs, path, task, tmp_path / "m", chunk_rows=400, config=CONFIG, progress=events.append
    )
    assert sorted(parts.done()) == [0, 1, 2, 3]
    starts, matrices = zip(*parts, strict=True)
    assert starts == (0, 400, 800, 1200)
    assert np.array_equal(np.vstack([m.votes for m in matrices]), reference.votes)
    assert np.array_equal(np.vstack([m.errors for m in matrices]), reference.errors)
    bad = np.vstack([m.errors for m in matrices])[:, -1]
    assert (bad == CellError.EXCEPTION).sum() == sum("song" in t for t in train.items) > 0
    summary = parts.summary()
    assert summary["failures"]["bad"]["exception"] == (bad == CellError.EXCEPTION).sum()
    assert "ZeroDivisionError" in summary["failures"]["bad"]["first_reason"]
    assert events[-1].finished and events[-1].done == events[-1].total == len(train)
    assert all(e.rows_per_second >= 0 for e in events)

    # A killed run leaves whole parts: the missing one is made again, the others are kept.
    parts.path(2).unlink()
    kept = parts.path(3).stat().st_mtime_ns
    stream_execute(programs, path, task, tmp_path / "m", chunk_rows=400, config=CONFIG)
    assert sorted(parts.done()) == [0, 1, 2, 3] and parts.path(3).stat().st_mtime_ns == kept
    assert np.array_equal(np.vstack([m.votes for _, m in parts]), reference.votes)
    # Other programs: the old parts no longer apply and are removed.
    stream_execute(programs[:3], path, task, tmp_path / "m", chunk_rows=400, config=CONFIG)
    assert MatrixParts(tmp_path / "m").program_ids == [p.id for p in programs[:3]]
    assert np.array_equal(np.vstack([m.votes for _, m in parts]), reference.votes[:, :3])


def test_pseudolabels_distillation_and_prediction_in_chunks(spam, tmp_path: Path) -> None:
    task, train, path = spam
    programs = spam_programs(task)[:10]
    parts = stream_execute(programs, path, task, tmp_path / "m", chunk_rows=500, config=CONFIG)
    votes = execute(programs, train.items, task.class_ids, CONFIG).votes
    label_model = make_label_model("dawid_skene").fit(votes, task.n_classes)
    counts = write_pseudolabels(parts, label_model, task, tmp_path / "pseudo.parquet")
    labels = pd.read_parquet(tmp_path / "pseudo.parquet")
    covered = (votes >= 0).any(axis=1)
    assert counts == {"rows": len(train), "covered": int(covered.sum())}
    assert labels["row"].tolist() == list(range(len(train)))
    assert np.allclose(labels[["p_HAM", "p_SPAM"]], label_model.predict_proba(votes))
    assert (labels["label"][~covered] == -1).all()

    dev = load_dataset(path.parent / "spam" / "valid.json", task)
    settings = ScaleSettings(chunk_rows=500)
    model = stream_distill(path, tmp_path / "pseudo.parquet", task, settings=settings, dev=dev)
    assert model.featurizer_.name == "hashing" and model.classifier_.validation_ == "dev"
    test = load_dataset(path.parent / "spam" / "test.json", task)
    majority = np.bincount(test.gold).max() / len(test)
    assert (model.predict(test.frame) == test.gold).mean() > majority + 0.15

    for out in (tmp_path / "out.csv", tmp_path / "out.parquet"):
        assert stream_predict(model, path, task, out, chunk_rows=300) == len(train)
        written = pd.read_parquet(out) if out.suffix == ".parquet" else pd.read_csv(out)
        assert written["text"].tolist() == train.frame["text"].tolist()
        assert written["label"].tolist() == train.gold.tolist()  # the data's own columns stay
        expected = np.array([c.id for c in task.classes])[model.predict(train.frame)]
        assert np.array_equal(written["predicted_label"].to_numpy(), expected)
        assert not list(tmp_path.glob(".*partial"))
    with pytest.raises(DataError, match=r"already has column\(s\) \['label'\]"):
        stream_predict(model, path, task, tmp_path / "clash.csv", prefix="")
    assert not list(tmp_path.glob("*clash*")) and not list(tmp_path.glob(".*partial"))
