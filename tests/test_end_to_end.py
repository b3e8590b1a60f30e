"""The whole system on real data with the real embedded default model (slow; runs in CI)."""

import json
from pathlib import Path

import pandas as pd
import pytest

from alchemist.cli.main import main
from alchemist.llm.embedded import DEFAULT_MODEL, models_dir

from .conftest import EXAMPLES, dataset_path

pytestmark = pytest.mark.slow


def test_youtube_with_the_embedded_default_model(tmp_path: Path, capsys):
    if not (models_dir() / f"{DEFAULT_MODEL}.gguf").exists():
        pytest.skip(f"run `alchemist model install {DEFAULT_MODEL}` first")
    youtube = dataset_path("youtube")
    run_dir = tmp_path / "youtube"
    code = main(
        [
            "run",
            str(EXAMPLES / "youtube.yaml"),
            "--data",
            str(youtube / "train.json"),
            "--dev",
            str(youtube / "valid.json"),
            "--test",
            str(youtube / "test.json"),
            "--out",
            str(run_dir),
            "--no-cache",
        ]
    )
    assert code == 0, capsys.readouterr().err
    summary = json.loads((run_dir / "summary.json").read_text())
    print(
        json.dumps(
            {k: summary[k] for k in ("label_model", "coverage", "evaluation", "synthesis")},
            indent=1,
            default=str,
        )
    )
    assert len(list((run_dir / "programs").glob("*.py"))) >= 5
    assert summary["synthesis"]["tokens_per_second"] > 0
    test = summary["evaluation"]["test"]
    # The model's programs must beat always answering the majority class (52.8% HAM).
    assert test["label_model"]["accuracy"] > 0.6
    assert test["distilled"]["accuracy"] > 0.6

    code = main(
        [
            "predict",
            str(run_dir),
            "--data",
            str(youtube / "test.json"),
            "--out",
            str(tmp_path / "pred.csv"),
        ]
    )
    assert code == 0
    assert len(pd.read_csv(tmp_path / "pred.csv")) == 250
