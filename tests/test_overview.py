"""The run overview: figures and baselines, on a real run directory built without an LLM."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from alchemist.data.dataset import load_dataset
from alchemist.distill import DistilledModel
from alchemist.label_matrix import LabelMatrix

from .run_helpers import build_run


def test_overview_scores_and_majority_class_baseline(tmp_path: Path):
    """The overview's figures, recomputed here from the run's saved model, matrices and data."""
    run = build_run(tmp_path / "run")
    overview = run.overview()
    task = run.task()
    test = load_dataset(tmp_path / "spam" / "test.json", task)
    distilled = DistilledModel.load(run.model_dir).predict(test.frame)
    assert overview.accuracy("test", "distilled") == pytest.approx(np.mean(distilled == test.gold))
    # Always answering the test split's most frequent class.
    majority = np.bincount(test.gold).max() / len(test)
    assert overview.accuracy("test", "majority_class") == pytest.approx(majority)
    train = LabelMatrix.load(run.matrix_path("train"))
    assert overview.coverage["train"] == pytest.approx((train.votes >= 0).any(axis=1).mean())
    # The run's own outputs first, then the baselines: dev labels only, majority class, human LFs
    test_scores = [s for s in overview.scores if s.split == "test"]
    assert [(s.method, s.baseline) for s in test_scores] == [
        ("label_model", False),
        ("distilled", False),
        ("dev_only", True),
        ("majority_class", True),
        ("reference_majority_vote", True),
    ]
    assert overview.program_ids == ["p001", "p002", "p003", "p004", "p005"]
