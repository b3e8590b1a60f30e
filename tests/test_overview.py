"""The run overview: figures and baselines, on a real run directory built without an LLM."""

from __future__ import annotations

import json
from pathlib import Path

from alchemist.report.overview import Overview

from .run_helpers import build_run


def test_overview_scores_and_majority_class_baseline(tmp_path: Path):
    run = build_run(tmp_path / "run")
    overview = Overview.read(run)
    summary = json.loads((run.folder / "summary.json").read_text())
    assert (
        overview.accuracy("test", "label_model")
        == summary["evaluation"]["test"]["label_model"]["accuracy"]
    )
    # The test split's majority class is SPAM: 136 of its 250 rows.
    assert overview.accuracy("test", "majority_class") == 136 / 250
    # label model, distilled; majority class, dev labels only, human LFs (baselines)
    assert [s.baseline for s in overview.scores if s.split == "test"] == [
        False,
        False,
        True,
        True,
        True,
    ]
    assert overview.program_ids == ["p001", "p002", "p003", "p004", "p005"]
