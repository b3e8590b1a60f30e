"""The streamed run from the command line: one machine and a local Dask cluster give the same
votes and label model; streamed prediction; one-line errors."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from alchemist.cli.main import main
from alchemist.scale.parts import MatrixParts
from tests.conftest import EXAMPLES, ROOT
from tests.scale_helpers import spam_parquet

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the executor's OS layer is Linux-only"
)


def start_run(folder: Path) -> Path:
    """A run directory holding the ten hand-written programs, so no LLM is asked."""
    shutil.copytree(ROOT / "benchmarks" / "scale_programs", folder / "programs")
    return folder


def test_stream_and_cluster_runs_agree_and_predict_streams(tmp_path: Path, capsys) -> None:
    _, train, data = spam_parquet(tmp_path)
    common = [
        str(EXAMPLES / "youtube.yaml"),
        str(data),
        "--dev",
        str(tmp_path / "spam" / "valid.json"),
        "--test",
        str(tmp_path / "spam" / "test.json"),
        "--chunk-rows",
        "400",
    ]
    laptop, cluster = start_run(tmp_path / "laptop"), start_run(tmp_path / "cluster")
    assert main(["run", *common, "--out", str(laptop), "--stream"]) == 0
    assert main(["run", *common, "--out", str(cluster), "--cluster", "local"]) == 0
    assert "test  distilled" in capsys.readouterr().out

    summaries = [json.loads((run / "summary.json").read_text()) for run in (laptop, cluster)]
    assert (
        summaries[0]["streamed"]["rows"] == len(train)
        and summaries[1]["streamed"]["cluster"] == "local"
    )
    votes = [
        np.vstack([m.votes for _, m in MatrixParts(run / "matrices" / "train")])
        for run in (laptop, cluster)
    ]
    assert np.array_equal(votes[0], votes[1])
    assert summaries[0]["label_model"] == summaries[1]["label_model"]
    labels = [pd.read_parquet(run / "pseudolabels.parquet") for run in (laptop, cluster)]
    assert np.allclose(labels[0].filter(like="p_"), labels[1].filter(like="p_"), atol=1e-9)
    test = summaries[0]["evaluation"]["test"]
    assert test["label_model"]["accuracy"] > 0.7 and test["distilled"]["accuracy"] > 0.6
    assert (laptop / "report.md").exists() and (laptop / "model" / "model.json").exists()

    out = tmp_path / "labeled.parquet"
    assert (
        main(
            [
                "predict",
                str(laptop),
                str(data),
                "-o",
                str(out),
                "--stream",
                "--chunk-rows",
                "500",
            ]
        )
        == 0
    )
    assert len(pd.read_parquet(out)) == len(train)


def test_streamed_runs_refuse_what_needs_the_data_in_memory(tmp_path: Path, capsys) -> None:
    _, _, data = spam_parquet(tmp_path)
    task = str(EXAMPLES / "youtube.yaml")
    for extra in (["--dev-size", "100"], ["--limit", "10"]):
        assert main(["run", task, str(data), "--out", str(tmp_path / "r"), "--stream", *extra]) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("alchemist: error: ") and "--dev file" in err and "\n" not in err
    assert main(["predict", str(tmp_path / "r"), str(data), "--stream"]) == 2
    assert "give -o FILE" in capsys.readouterr().err
