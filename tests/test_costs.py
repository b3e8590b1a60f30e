"""The zero-shot baseline on a run, the comparison table and the plan."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from alchemist.cli.main import main
from alchemist.errors import SettingError, SynthesisError
from alchemist.llm.embedded import models_dir
from alchemist.llm.tokens import estimate_message_tokens
from alchemist.run import costs, pipeline
from alchemist.run.folder import RunDir, init_run, load_splits
from alchemist.run.settings import RunConfig

from .conftest import EXAMPLES, ScriptedProvider
from .llm_helpers import Reply, Request, openai_answer, serve
from .test_pipeline import PROGRAMS


def test_baseline_compare_and_plan_with_a_real_small_model(tmp_path: Path, youtube_task, config):
    pytest.importorskip("xllamacpp", reason="the embedded runtime is not installed")
    if not (models_dir() / "smollm2-135m.gguf").exists():
        pytest.skip("smollm2-135m is not installed (alchemist model install smollm2-135m)")
    run_dir = tmp_path / "run"
    pipeline.run_pipeline(youtube_task, config, run_dir, provider=ScriptedProvider(PROGRAMS))
    run = RunDir(run_dir)
    # The zero-shot baseline goes to the run's configured model: here the tiny embedded one.
    small = RunConfig.from_dict({**config.to_dict(), "provider": {"model": "smollm2-135m"}})
    init_run(run_dir, youtube_task, small)
    figures = costs.run_baseline(run, limit=6)
    assert figures["calls"] == 6 and figures["input_tokens"] > 0
    # The model's label of each of the first 6 test items, against their gold labels.
    labels = pd.read_csv(run_dir / "baseline" / "test.csv")["label"].to_numpy()
    gold = load_splits(youtube_task, config)["test"].gold[:6]
    assert len(labels) == 6 and set(labels) <= {-1, 0, 1}
    assert figures["accuracy"] == pytest.approx(np.mean(labels == gold))
    table = costs.compare(run)
    rows = [
        line
        for line in table.splitlines()
        if line.startswith("| programs") or line.startswith("| zero-shot")
    ]
    assert len(rows) == 3 and "at gpt-4 USD" in table
    zero_shot_row = rows[-1].split("|")
    assert zero_shot_row[3].strip() == "6"  # calls, from the run's ledger

    estimate = costs.plan(
        youtube_task,
        RunConfig.from_dict({**config.to_dict(), "provider": {"kind": "openai", "model": "gpt-4"}}),
    )
    assert [line.stage for line in estimate.lines] == ["synthesis", "baseline"]
    assert estimate.lines[1].calls == 1600 and estimate.cost_usd > 0


def _run_against(server_url: str, tmp_path: Path, youtube_task, config) -> RunDir:
    spec = {
        "kind": "openai",
        "model": "stub",
        "base_url": server_url,
        "max_retries": 0,
        "timeout": 5,
    }
    return init_run(
        tmp_path / "run", youtube_task, RunConfig.from_dict({**config.to_dict(), "provider": spec})
    )


def test_a_baseline_where_every_call_fails_says_why_and_exits_non_zero(
    tmp_path: Path, youtube_task, config, capsys
):
    with serve(lambda request: Reply(500, {"error": {"message": "model crashed"}})) as server:
        run = _run_against(server.url, tmp_path, youtube_task, config)
        assert main(["zero-shot", str(run.folder), "--limit", "4"]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith("alchemist: error: All 4 zero-shot calls to 'stub' failed")
    assert "4 x error: " in err and "500" in err
    figures = run.read_json("baseline/test.json")
    assert figures["calls"] == 0 and figures["failed_calls"] == 4


def test_a_baseline_with_some_failed_calls_counts_them(
    tmp_path: Path, youtube_task, config, capsys
):
    def half(request: Request) -> Reply:
        item = request.body["messages"][-1]["content"]
        return Reply(body=openai_answer("SPAM")) if len(item) % 2 else Reply(503, {})

    with serve(half) as server:
        run = _run_against(server.url, tmp_path, youtube_task, config)
        assert main(["baseline", str(run.folder), "--limit", "20"]) == 0
    figures = run.read_json("baseline/test.json")
    assert 0 < figures["failed_calls"] < 20 and figures["calls"] == 20 - figures["failed_calls"]
    out = capsys.readouterr().out
    assert f"{figures['calls']} calls, {figures['failed_calls']} failed" in out


def test_plan_covers_what_the_quality_loop_can_really_ask(tmp_path: Path, youtube_task, config):
    """Every call the loop made, priced at its worst (estimated prompt, max_tokens answer), fits
    in the plan: the loop's call cap and its repair prompts are counted."""
    crash = "def label_spam(text):\n    return 1 / 0\n"  # repaired, then regenerated, in vain
    provider = ScriptedProvider([crash])
    looped = RunConfig.from_dict(
        {
            **config.to_dict(),
            "n_programs": 3,
            "generator": "loop",
            "max_llm_calls": 8,
            "max_tokens": 200,
        }
    )
    with pytest.raises(SynthesisError):
        pipeline.run_pipeline(youtube_task, looped, tmp_path / "run", provider=provider)
    assert len(provider.calls) == 8
    repairs = [m for m, _ in provider.calls if "fix" in m[-1]["content"].lower()]
    assert repairs, "the loop was expected to ask for repairs"
    priced = RunConfig.from_dict(
        {**looped.to_dict(), "provider": {"kind": "openai", "model": "gpt-4"}}
    )
    estimate = costs.plan(youtube_task, priced)
    (synthesis,) = [line for line in estimate.lines if line.stage == "synthesis"]
    prices = priced.prices()
    spent = sum(
        prices.cost("gpt-4", estimate_message_tokens(m), p.max_tokens) for m, p in provider.calls
    )
    assert synthesis.calls == 8 and synthesis.cost_usd >= spent


def test_plan_counts_supplementary_drafting(youtube_task, config):
    drafted = RunConfig.from_dict(
        {
            **config.to_dict(),
            "supplementary": "generate",
            "provider": {"kind": "openai", "model": "gpt-4"},
        }
    )
    stages = {line.stage: line.calls for line in costs.plan(youtube_task, drafted).lines}
    assert stages == {"supplementary": 4, "synthesis": 12, "baseline": 1600}


def test_a_budget_on_an_unpriced_model_needs_a_price_file(
    tmp_path: Path, youtube_task, config, capsys
):
    spec = {"kind": "openai", "model": "my-finetune"}
    with pytest.raises(SettingError, match="'my-finetune: {input: USD per 1M tokens"):
        RunConfig.from_dict({**config.to_dict(), "provider": spec, "budget_usd": 1.0})
    task = str(EXAMPLES / "youtube.yaml")
    assert (
        main(
            [
                "plan",
                task,
                config.data,
                "--provider",
                "openai",
                "--model",
                "my-finetune",
                "--budget",
                "1",
            ]
        )
        == 2
    )
    err = capsys.readouterr().err.strip()
    assert err.startswith("alchemist: error: The 'price_file' setting (--price-file) must be")
    assert "\n" not in err
    prices = tmp_path / "prices.yaml"
    prices.write_text("my-finetune: {input: 1.0, output: 2.0}\n")
    assert (
        main(
            [
                "plan",
                task,
                config.data,
                "--provider",
                "openai",
                "--model",
                "my-finetune",
                "--budget",
                "1",
                "--price-file",
                str(prices),
            ]
        )
        == 0
    )
    priced = RunConfig.from_dict(
        {**config.to_dict(), "provider": spec, "budget_usd": 1.0, "price_file": str(prices)}
    )
    line = costs.plan(youtube_task, priced).lines[0]
    assert line.cost_usd == pytest.approx(
        (line.input_tokens * 1.0 + line.output_tokens * 2.0) / 1e6
    )
    ledger = init_run(tmp_path / "run", youtube_task, priced).open_ledger(priced)
    assert ledger.prices.knows("my-finetune") and ledger.budget_usd == 1.0
