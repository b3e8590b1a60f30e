"""The zero-shot baseline: prompt, answer parsing, labels, ledger records, side-by-side table."""

from __future__ import annotations

import numpy as np
import pytest

from alchemist.data.dataset import load_dataset
from alchemist.errors import LLMError
from alchemist.evaluation.zero_shot import (
    STAGE,
    ZERO_SHOT_PARAMS,
    comparison_table,
    method_cost,
    parse_answer,
    plan_zero_shot,
    zero_shot,
    zero_shot_messages,
)
from alchemist.llm import (
    CachedProvider,
    Ledger,
    OpenAICompatProvider,
    PriceTable,
    ResponseCache,
)
from alchemist.task import task_from_dict

from .llm_helpers import StandIn, embedded, proxy_to, serve

TASK = task_from_dict(
    {
        "name": "youtube-spam",
        "description": "Decide whether a comment left under a YouTube music video is spam.",
        "classes": [
            {"id": 0, "name": "HAM", "description": "a genuine comment"},
            {"id": 1, "name": "SPAM", "description": "advertising or self-promotion"},
        ],
    }
)
TOPICS = task_from_dict(
    {
        "name": "t",
        "description": "Topic of a medical abstract.",
        "classes": {1: "neoplasms", 3: "nervous system diseases", 4: "cardiovascular diseases"},
        "input_fields": ["title", "abstract"],
    }
)


def test_prompt_holds_description_classes_and_item_in_order():
    (message,) = zero_shot_messages(TASK, "check out my channel {please}")
    text = message["content"]
    assert message["role"] == "user"
    positions = [
        text.index(s)
        for s in (
            TASK.description,
            "- HAM: a genuine comment",
            "- SPAM: advertising",
            "check out my channel {please}",
            "Answer with the name of one class",
        )
    ]
    assert positions == sorted(positions)


def test_prompt_of_a_multi_field_item_names_its_fields():
    text = zero_shot_messages(TOPICS, {"title": "Tumour growth", "abstract": "We study..."})
    assert "title: Tumour growth\nabstract: We study..." in text[0]["content"]


@pytest.mark.parametrize(
    "answer, expected",
    [
        ("SPAM", 1),
        ("spam.", 1),
        ("**HAM**", 0),
        ("The answer is: HAM", 0),
        ("This is not spam. HAM", 0),
        ("SPAM (it is not HAM)", 1),
        ("1", 1),
        ("Class 0", 0),
        ("HAMMER", -1),
        ("", -1),
        ("I cannot tell", -1),
        ("Answer: 7", -1),
        ("spammy", -1),
    ],
)
def test_answers_are_parsed_to_class_indices(answer, expected):
    assert parse_answer(answer, TASK) == expected


@pytest.mark.parametrize(
    "answer, expected",
    [
        ("Nervous system diseases", 1),
        ("3", 1),
        ("4 - cardiovascular diseases", 2),
        ("neoplasms", 0),
        ("2", -1),
    ],
)
def test_ids_map_to_indices_when_ids_are_not_positions(answer, expected):
    assert parse_answer(answer, TOPICS) == expected


def keyword_labeler(prompt: str) -> str:
    item = prompt.split("Item to label:\n")[1].split("\n\n")[0]
    if "broken" in item:
        raise LLMError("HTTP 500 after 6 attempt(s)", provider="standin", status=500)
    if "???" in item:
        return "I am not sure."
    return "SPAM" if "subscribe" in item else "This is HAM."


def test_zero_shot_labels_records_failures_and_costs():
    items = ["great song", "subscribe to me", "??? what", "broken", "please subscribe"]
    ledger = Ledger(None)
    inner = StandIn(keyword_labeler, model="gpt-3.5-turbo", input_tokens=80, output_tokens=2)
    result = zero_shot(TASK, items, inner, ledger=ledger, concurrency=2)
    assert result.labels.tolist() == [0, 1, -1, -1, 1]
    assert {(f.index, f.kind) for f in result.failures} == {(2, "unparseable"), (3, "error")}
    assert (result.n_calls, result.input_tokens, result.output_tokens) == (4, 320, 8)
    assert result.answers[3] is None and result.answers[2] == "I am not sure."
    stage = ledger.totals()["by_stage"][STAGE]
    assert (stage["calls"], stage["failed"]) == (4, 1)
    assert stage["cost_usd"] == pytest.approx((320 * 0.5 + 8 * 1.5) / 1e6)
    assert result.accuracy(np.array([0, 1, 0, 1, -1])) == pytest.approx(2 / 4)


def test_budget_stop_marks_the_rest_not_run():
    inner = StandIn(keyword_labeler, model="gpt-4", input_tokens=80, output_tokens=2)
    plan = plan_zero_shot(TASK, ["a"], "gpt-4", prices=PriceTable.default())
    ledger = Ledger(None, budget_usd=2.5 * plan.cost_usd)
    result = zero_shot(TASK, ["a", "b", "c", "d"], inner, ledger=ledger, concurrency=1)
    assert inner.calls == 2
    assert [f.kind for f in result.failures] == ["not_run", "not_run"]
    assert "Budget cap" in result.failures[0].detail


def test_plan_counts_each_items_prompt():
    items = ["short", "a much longer comment " * 10]
    line = plan_zero_shot(TASK, items, "gpt-4", prices=PriceTable.default())
    assert line.calls == 2 and line.output_tokens == 2 * ZERO_SHOT_PARAMS.max_tokens
    assert line.input_tokens > 2 * 50  # the longer item adds ~55 tokens to a ~40-token prompt
    assert line.cost_usd == pytest.approx((line.input_tokens * 30 + line.output_tokens * 60) / 1e6)
    assert (
        plan_zero_shot(TASK, items, "qwen", prices=PriceTable.default(), local=True).cost_usd == 0
    )


def test_comparison_table_sets_methods_side_by_side_and_reprices(tmp_path):
    zero = Ledger(None)
    zero.meter(StandIn(model="gpt-4", input_tokens=1_000_000, output_tokens=0), STAGE).complete(
        [{"role": "user", "content": "x"}], ZERO_SHOT_PARAMS
    )
    programs = Ledger(None)
    programs.meter(
        StandIn(model="gpt-4", input_tokens=1000, output_tokens=500), "synthesis"
    ).complete([{"role": "user", "content": "y"}], ZERO_SHOT_PARAMS)
    rows = [
        method_cost("zero-shot", zero, accuracy=0.8, stages=[STAGE]),
        method_cost("programs", programs, accuracy=0.9),
    ]
    table = comparison_table(rows, reprice_as=["gpt-3.5-turbo"]).splitlines()
    assert table[0].startswith("| method | accuracy | LLM calls |")
    assert table[0].endswith("| at gpt-3.5-turbo USD |")
    assert table[2] == "| zero-shot | 0.800 | 1 | 1000000 | 0 | 30.0000 | 0.5000 |"
    assert table[3] == "| programs | 0.900 | 1 | 1000 | 500 | 0.0600 | 0.0013 |"


@pytest.mark.slow  # four calls to a 0.5B model on a shared CPU
def test_zero_shot_with_a_real_model_records_server_usage_and_reruns_free(tmp_path, spam_folder):
    model = embedded("qwen2.5-coder-0.5b")
    data = load_dataset(spam_folder / "test.json", TASK, limit=4)
    responses: list[dict] = []
    with serve(proxy_to(model.base_url, responses)) as proxy:

        def run() -> tuple:
            ledger = Ledger(tmp_path / "ledger.jsonl")
            provider = CachedProvider(
                OpenAICompatProvider("qwen2.5-coder-0.5b", base_url=f"{proxy.url}/v1"),
                ResponseCache(tmp_path / "cache"),
            )
            return zero_shot(TASK, data.items, provider, ledger=ledger), ledger

        first, ledger = run()
        again, _ = run()
    assert len(proxy.requests) == 4  # the second run made no server call
    assert set(first.labels.tolist()) <= {-1, 0, 1} and first.n_calls == 4
    assert first.labels.tolist() == again.labels.tolist() and again.n_cached == 4
    assert sorted(first.answers) == sorted(r["choices"][0]["message"]["content"] for r in responses)
    stage = ledger.totals()["by_stage"][STAGE]
    assert stage["input_tokens"] == sum(r["usage"]["prompt_tokens"] for r in responses)
    assert stage["output_tokens"] == sum(r["usage"]["completion_tokens"] for r in responses)
    assert 0.0 <= first.accuracy(data.gold) <= 1.0
