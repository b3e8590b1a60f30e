"""The concept stage inside the pipeline: named concepts -> scored splits -> programs over
scores; bad concept JSON recorded; the raw variant; re-runs need no LLM."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from alchemist.concepts import needed
from alchemist.concepts.signals import FEATURE_POINTS, MEASUREMENTS
from alchemist.errors import ConceptError
from alchemist.run.folder import RunDir, load_splits
from alchemist.run.pipeline import predict, rerun, run_pipeline
from alchemist.run.settings import RunConfig
from alchemist.task import task_from_dict

from .conftest import NoCallProvider, ScriptedProvider

TASK = task_from_dict(
    {
        "name": "spikes",
        "description": "Tell signals with a tall spike from flat ones.",
        "modality": "timeseries",
        "input_fields": ["series"],
        "function_name": "label_spike",
        "extractor": {"name": "signal", "rate": 10},
        "classes": [{"id": 0, "name": "FLAT"}, {"id": 1, "name": "SPIKE"}],
    }
)
CONCEPTS = json.dumps(
    {
        "concepts": [
            {"name": "tall spike", "description": "the peak height of the tallest spike is large"},
            {"name": "upward trend", "description": "the signal rises overall, a rising slope"},
        ]
    }
)
PROGRAM = """```python
def label_spike(scores: dict) -> int:
    if scores["tall_spike"] > 0.6:
        return 1
    if scores["tall_spike"] < 0.4:
        return 0
    return -1
```"""


def _write(path: Path, n: int, seed: int) -> str:
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        label = i % 2
        x = rng.normal(0, 0.05, 40)
        x[20] += 3.0 if label else 0.3
        rows.append({"series": x.round(3).tolist(), "label": label})
    pd.DataFrame(rows).to_json(path, orient="records", lines=True)
    return str(path)


@pytest.fixture
def config(tmp_path: Path) -> RunConfig:
    return RunConfig(
        data=_write(tmp_path / "train.jsonl", 60, 0),
        test=_write(tmp_path / "test.jsonl", 40, 1),
        dev_size=10,
        n_programs=1,
        use_cache=False,
        workers=1,
        generator="oneshot",
    )


def test_programs_read_named_scores_and_the_run_reuses_them(
    tmp_path: Path, config: RunConfig
) -> None:
    provider = ScriptedProvider(["not json at all", CONCEPTS, PROGRAM])
    summary = run_pipeline(TASK, config, tmp_path / "run", provider=provider)
    run = RunDir(tmp_path / "run")
    record = json.loads((run.folder / "concepts.json").read_text())
    assert record["failures"][0]["reason"].startswith("no JSON")
    assert record["grounding"]["tall_spike"]["measured_as"].startswith("peak height")
    assert record["concepts"][0]["measure"] == "peak height"
    program_prompt = provider.calls[2][0][1]["content"]
    assert "def label_spike(scores: dict) -> int:" in program_prompt
    assert '- scores["tall_spike"]: the peak height' in program_prompt
    assert summary["evaluation"]["test"]["label_model"]["accuracy"] > 0.9
    scored = pd.read_parquet(run.folder / "concepts" / "test.parquet")
    # Beside the scores, the signal's shape and measurements, for the distilled model only.
    features = list(run.task().feature_fields)
    assert len(features) == FEATURE_POINTS + len(MEASUREMENTS)
    assert list(scored.columns) == ["tall_spike", "upward_trend", *features, "label"]
    assert not any("_feature" in str(m["content"]) for c in provider.calls for m in c[0])
    assert run.task().takes_scores and run.config().data.endswith("train.parquet")
    assert set(load_splits(run.task(), run.config())["test"].items[0]) == {
        "tall_spike",
        "upward_trend",
    }
    # Re-running every stage after synthesis reads the scored splits: no LLM, same figures.
    again = rerun(run)
    assert again["evaluation"]["test"] == summary["evaluation"]["test"]
    # New raw data is scored on the run's concepts for the distilled model: no LLM.
    labeled = predict(run.folder, config.test)
    assert {"series", "predicted_label"} <= set(labeled.columns)
    truth = pd.read_json(config.test, lines=True)["label"]
    assert (labeled["predicted_label"] == truth).mean() > 0.9
    # A new run in the same folder finds the named concepts and the programs on disk.
    run_pipeline(TASK, config, tmp_path / "run", provider=NoCallProvider())


def test_hand_written_concepts_need_no_llm_and_raw_programs_get_series(
    tmp_path: Path, config: RunConfig
) -> None:
    written = task_from_dict(
        {**yaml.safe_load(yaml.safe_dump(TASK.to_dict())), "concepts": ["peak height"]}
    )
    provider = ScriptedProvider([PROGRAM.replace("tall_spike", "peak height")])
    run_pipeline(written, config, tmp_path / "a", provider=provider)
    assert len(provider.calls) == 1
    raw = ScriptedProvider(
        [
            "```python\ndef label_spike(series: list) -> int:\n"
            "    return 1 if max(series) > 1.5 else 0\n```"
        ]
    )
    summary = run_pipeline(
        TASK,
        RunConfig(
            **{
                **config.to_dict(),
                "representation": "raw",
                "provider": config.provider,
                "strategies": ("default",),
            }
        ),
        tmp_path / "b",
        provider=raw,
    )
    assert "def label_spike(series: list) -> int:" in raw.calls[0][0][1]["content"]
    assert summary["evaluation"]["test"]["label_model"]["accuracy"] == 1.0


def test_concepts_needed_only_for_unscored_images_and_signals() -> None:
    assert needed(TASK) and not needed(TASK, "raw")
    with pytest.raises(ConceptError, match="representation"):
        needed(TASK, "pixels")
    tabular = task_from_dict(
        {
            "name": "t",
            "description": "d",
            "modality": "tabular",
            "input_fields": ["a"],
            "classes": ["x", "y"],
        }
    )
    assert not needed(tabular)
