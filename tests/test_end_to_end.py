"""The whole system with the real embedded default model on the synthetic spam splits (slow;
runs in CI)."""

import json
from pathlib import Path

import pandas as pd
import pytest

from alchemist.cli.main import main
from alchemist.llm.embedded import DEFAULT_MODEL, models_dir

from .conftest import EXAMPLES

pytestmark = pytest.mark.slow


def test_spam_with_the_embedded_default_model(tmp_path: Path, capsys, spam_folder: Path):
    if not (models_dir() / f"{DEFAULT_MODEL}.gguf").exists():
        pytest.skip(f"run `alchemist model install {DEFAULT_MODEL}` first")
    run_dir = tmp_path / "spam"
    code = main(
        [
            "run",
            str(EXAMPLES / "youtube.yaml"),
            str(spam_folder / "train.json"),
            "--dev",
            str(spam_folder / "valid.json"),
            "--test",
            str(spam_folder / "test.json"),
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
    # The model's programs must beat always answering the majority class (54.4% SPAM).
    assert test["label_model"]["accuracy"] > 0.6
    assert test["distilled"]["accuracy"] > 0.6

    code = main(
        [
            "predict",
            str(run_dir),
            str(spam_folder / "test.json"),
            "-o",
            str(tmp_path / "pred.csv"),
        ]
    )
    assert code == 0
    assert len(pd.read_csv(tmp_path / "pred.csv")) == 250
