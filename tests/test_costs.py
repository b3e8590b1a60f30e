"""The zero-shot baseline on a run, the comparison table and the plan."""

from pathlib import Path

from alchemist import costs, pipeline
from alchemist.rundir import RunConfig, RunDir, init_run

from .conftest import ScriptedProvider
from .test_pipeline import PROGRAMS


def test_baseline_compare_and_plan_with_a_real_small_model(tmp_path: Path, youtube_task,
                                                           config):
    run_dir = tmp_path / "run"
    pipeline.run_pipeline(youtube_task, config, run_dir, provider=ScriptedProvider(PROGRAMS))
    run = RunDir(run_dir)
    # The zero-shot baseline goes to the run's configured model: here the tiny embedded one.
    small = RunConfig.from_dict({**config.to_dict(),
                                          "provider": {"model": "smollm2-135m"}})
    init_run(run_dir, youtube_task, small)
    figures = costs.run_baseline(run, limit=6)
    assert figures["calls"] == 6 and figures["input_tokens"] > 0
    assert 0.0 <= figures["accuracy"] <= 1.0
    table = costs.compare(run)
    rows = [line for line in table.splitlines() if line.startswith("| programs")
            or line.startswith("| zero-shot")]
    assert len(rows) == 3 and "at gpt-4 USD" in table
    zero_shot_row = rows[-1].split("|")
    assert zero_shot_row[3].strip() == "6"        # calls, from the run's ledger

    estimate = costs.plan(youtube_task, RunConfig.from_dict(
        {**config.to_dict(), "provider": {"kind": "openai", "model": "gpt-4"}}))
    assert [line.stage for line in estimate.lines] == ["synthesis", "baseline"]
    assert estimate.lines[1].calls == 1586 and estimate.cost_usd > 0
