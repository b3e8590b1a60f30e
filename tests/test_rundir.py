"""The run directory: configuration, splits, files written whole, archived programs."""

from pathlib import Path

import pytest

from alchemist import pipeline
from alchemist.errors import RunError
from alchemist.rundir import RunConfig, RunDir, load_splits

from .conftest import ScriptedProvider
from .test_pipeline import PROGRAMS


def test_fresh_programs_are_archived_not_lost(tmp_path: Path, youtube_task, config):
    run_dir = tmp_path / "run"
    pipeline.run_pipeline(youtube_task, config, run_dir, provider=ScriptedProvider(PROGRAMS))
    pipeline.run_pipeline(youtube_task, config, run_dir, provider=ScriptedProvider(PROGRAMS),
                          fresh_programs=True)
    archived = list((run_dir / "programs-archive").glob("*/p001.py"))
    assert len(archived) == 1


def test_stage_commands_need_their_inputs(tmp_path: Path):
    with pytest.raises(RunError, match="not a complete run directory"):
        RunDir(tmp_path).task()


def test_dev_split_held_out_from_labeled_data(youtube_task, config):
    held = RunConfig.from_dict({**config.to_dict(), "dev": None, "dev_size": 100})
    splits = load_splits(youtube_task, held)
    assert len(splits["dev"]) == 100 and len(splits["train"]) == 1586 - 100
    assert (splits["dev"].gold >= 0).all()
    everything = load_splits(youtube_task, config)["train"].items
    assert sorted(splits["dev"].items + splits["train"].items) == sorted(everything)
    again = load_splits(youtube_task, held)
    assert splits["dev"].items == again["dev"].items
    with pytest.raises(RunError, match="needs more labeled rows"):
        load_splits(youtube_task, RunConfig.from_dict(
            {**held.to_dict(), "dev_size": 5000}))
