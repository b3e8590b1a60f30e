"""Prices, the cost ledger (per stage, per model, budget cap, resume) and dry-run plans."""

from __future__ import annotations

import json
import threading

import pytest

from alchemist.errors import BudgetExceeded, LLMError
from alchemist.llm import (
    CachedProvider,
    Ledger,
    PriceTable,
    PriceWarning,
    ResponseCache,
    SamplingParams,
    estimate_run,
    estimate_stage,
)

from .llm_helpers import StandIn

MESSAGES = [{"role": "user", "content": "Write a labeling function."}]
PARAMS = SamplingParams(max_tokens=20)


def test_default_prices_cover_the_paper_models():
    table = PriceTable.default()
    assert table.price("gpt-3.5-turbo") == (0.5, 1.5)
    assert table.price("gpt-4") == (30.0, 60.0)
    for model in ("gpt-4o", "gpt-4o-mini", "claude-3-haiku", "claude-3-sonnet", "claude-3-opus"):
        assert table.knows(model)


def test_dated_model_names_match_the_longest_listed_prefix():
    table = PriceTable.default()
    assert table.price("gpt-4o-mini-2024-07-18") == table.price("gpt-4o-mini")
    assert table.price("gpt-4-0613") == table.price("gpt-4")
    assert table.price("claude-3-haiku-20240307") == (0.25, 1.25)
    assert not table.knows("gpt-4oops")  # a prefix must end at a dash


def test_unknown_model_price_is_an_actionable_error():
    with pytest.raises(LLMError, match="Add it to a price file"):
        PriceTable.default().price("llama-3-70b")


@pytest.mark.parametrize(
    "suffix, text",
    [
        (".yaml", "my-model: {input: 1.5, output: 2.5}\ngpt-4: {input: 1, output: 2}\n"),
        (".toml", "[my-model]\ninput = 1.5\noutput = 2.5\n[gpt-4]\ninput = 1\noutput = 2\n"),
    ],
)
def test_price_file_extends_and_overrides_the_defaults(tmp_path, suffix, text):
    path = tmp_path / f"prices{suffix}"
    path.write_text(text)
    table = PriceTable.from_file(path)
    assert table.price("my-model") == (1.5, 2.5)
    assert table.price("gpt-4") == (1.0, 2.0)
    assert table.price("gpt-4o") == PriceTable.default().price("gpt-4o")


def test_malformed_price_file_is_rejected(tmp_path):
    path = tmp_path / "prices.yaml"
    path.write_text("my-model: 3\n")
    with pytest.raises(LLMError, match="must be \\{input"):
        PriceTable.from_file(path)


def test_two_stages_with_two_models_are_priced_at_their_own_rates():
    ledger = Ledger(None)
    cheap = StandIn(model="gpt-3.5-turbo", input_tokens=1000, output_tokens=100)
    dear = StandIn(model="gpt-4", input_tokens=2000, output_tokens=300)
    ledger.meter(cheap, "supplementary").complete(MESSAGES, PARAMS)
    for _ in range(2):
        ledger.meter(dear, "synthesis").complete(MESSAGES, PARAMS)
    totals = ledger.totals()
    cheap_cost = (1000 * 0.5 + 100 * 1.5) / 1e6
    dear_cost = 2 * (2000 * 30 + 300 * 60) / 1e6
    assert totals["by_stage"]["supplementary"]["cost_usd"] == pytest.approx(cheap_cost)
    assert totals["by_stage"]["synthesis"]["cost_usd"] == pytest.approx(dear_cost)
    assert totals["by_model"]["gpt-4"]["calls"] == 2
    assert totals["by_model"]["gpt-4"]["input_tokens"] == 4000
    assert totals["cost_usd"] == pytest.approx(cheap_cost + dear_cost)


def test_cached_calls_are_recorded_at_zero_cost(tmp_path):
    ledger = Ledger(None)
    inner = StandIn(model="gpt-4", input_tokens=500, output_tokens=50)
    metered = ledger.meter(CachedProvider(inner, ResponseCache(tmp_path)), "synthesis")
    metered.complete(MESSAGES, PARAMS)
    metered.complete(MESSAGES, PARAMS)
    totals = ledger.totals()
    assert inner.calls == 1
    assert (totals["calls"], totals["cached"]) == (2, 1)
    assert (totals["input_tokens"], totals["cached_input_tokens"]) == (500, 500)
    assert totals["cost_usd"] == pytest.approx((500 * 30 + 50 * 60) / 1e6)


def test_cached_answers_are_served_even_when_the_budget_is_spent(tmp_path):
    cache = ResponseCache(tmp_path)
    inner = StandIn(model="gpt-4", input_tokens=500, output_tokens=50)
    CachedProvider(inner, cache).complete(MESSAGES, PARAMS)
    ledger = Ledger(None, budget_usd=0.0)
    completion = ledger.meter(CachedProvider(inner, cache), "synthesis").complete(MESSAGES, PARAMS)
    assert completion.cached and inner.calls == 1


def test_budget_raises_before_calling_and_keeps_the_spend():
    # Worst case of one call: ~11 estimated input tokens + 20 output at gpt-4 prices.
    worst = (11 * 30 + 20 * 60) / 1e6
    ledger = Ledger(None, budget_usd=2.5 * worst)
    inner = StandIn(model="gpt-4", input_tokens=11, output_tokens=20)
    metered = ledger.meter(inner, "synthesis")
    metered.complete(MESSAGES, PARAMS)
    metered.complete(MESSAGES, PARAMS)
    with pytest.raises(BudgetExceeded, match="Raise the budget") as info:
        metered.complete(MESSAGES, PARAMS)
    assert inner.calls == 2
    assert info.value.spent == pytest.approx(2 * worst)
    assert info.value.budget == pytest.approx(2.5 * worst)


def test_budget_holds_with_calls_in_flight_on_many_threads():
    inner = StandIn(model="gpt-4", input_tokens=11, output_tokens=20, delay=0.05)
    worst = (11 * 30 + 20 * 60) / 1e6
    ledger = Ledger(None, budget_usd=3.5 * worst)
    metered = ledger.meter(inner, "baseline")
    outcomes: list[str] = []

    def call() -> None:
        try:
            metered.complete(MESSAGES, PARAMS)
            outcomes.append("ok")
        except BudgetExceeded:
            outcomes.append("stopped")

    threads = [threading.Thread(target=call) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("ok") == 3 == inner.calls
    assert ledger.spent_usd <= 3.5 * worst


def test_a_capped_run_needs_prices_for_paid_models():
    ledger = Ledger(None, budget_usd=10.0)
    with pytest.raises(LLMError, match="No price for model 'mystery'"):
        ledger.meter(StandIn(model="mystery"), "synthesis").complete(MESSAGES, PARAMS)


def test_unpriced_model_without_cap_warns_once_and_records_zero():
    ledger = Ledger(None)
    metered = ledger.meter(StandIn(model="mystery"), "synthesis")
    with pytest.warns(PriceWarning, match="mystery"):
        metered.complete(MESSAGES, PARAMS)
    metered.complete(MESSAGES, PARAMS)  # no second warning (it would fail the suite)
    assert [e.priced for e in ledger.entries] == [False, False]
    assert ledger.totals()["cost_usd"] == 0


def test_local_models_are_free_unless_priced():
    local = StandIn(model="qwen2.5-coder-1.5b")
    local.local = True
    ledger = Ledger(None, budget_usd=0.0)
    ledger.meter(local, "synthesis").complete(MESSAGES, PARAMS)
    assert ledger.totals()["cost_usd"] == 0


def test_failed_calls_are_recorded_and_reraised():
    def fail(prompt: str) -> str:
        raise LLMError("HTTP 500 after 6 attempt(s)", provider="standin", status=500)

    ledger = Ledger(None)
    with pytest.raises(LLMError):
        ledger.meter(StandIn(fail), "synthesis").complete(MESSAGES, PARAMS)
    totals = ledger.totals()
    assert (totals["calls"], totals["failed"], totals["cost_usd"]) == (0, 1, 0)
    assert "HTTP 500" in ledger.entries[0].error


def test_ledger_file_is_append_only_jsonl_and_resumes(tmp_path):
    path = tmp_path / "run" / "ledger.jsonl"
    first = Ledger(path)
    first.meter(
        StandIn(model="gpt-4o", input_tokens=1000, output_tokens=100), "synthesis"
    ).complete(MESSAGES, PARAMS)
    lines = path.read_text().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["stage"] == "synthesis"
    with path.open("a") as f:
        f.write('{"stage": "cut sho')  # a line cut short by a killed run
    spent = (1000 * 2.5 + 100 * 10) / 1e6
    resumed = Ledger(path, budget_usd=spent)
    assert resumed.spent_usd == pytest.approx(spent)
    with pytest.raises(BudgetExceeded):
        resumed.meter(StandIn(model="gpt-4o"), "synthesis").complete(MESSAGES, PARAMS)


def test_cost_prices_tokens_at_the_models_rate():
    prices = Ledger(None).prices
    assert prices.cost("gpt-4", 1_000_000, 0) == pytest.approx(30.0)
    assert prices.cost("gpt-3.5-turbo", 0, 2_000_000) == pytest.approx(3.0)


def test_plan_sums_stages_before_any_call():
    prices = PriceTable.default()
    plan = estimate_run(
        [
            estimate_stage(
                "synthesis", "gpt-4", calls=10, prompt_tokens=800, max_tokens=512, prices=prices
            ),
            estimate_stage(
                "baseline",
                "gpt-3.5-turbo",
                calls=3,
                prompt_tokens=[100, 200, 300],
                max_tokens=16,
                prices=prices,
            ),
            estimate_stage(
                "concepts",
                "qwen2.5-coder-1.5b",
                calls=2,
                prompt_tokens=50,
                max_tokens=100,
                prices=prices,
                local=True,
            ),
        ]
    )
    assert plan.calls == 15
    assert plan.input_tokens == 8000 + 600 + 100
    assert plan.output_tokens == 5120 + 48 + 200
    expected = (8000 * 30 + 5120 * 60 + 600 * 0.5 + 48 * 1.5) / 1e6
    assert plan.cost_usd == pytest.approx(expected)
    table = plan.to_markdown()
    assert "| synthesis | gpt-4 | 10 | 8000 | 5120 |" in table and "| total |" in table


def test_plan_with_an_unpriced_paid_model_has_no_total():
    line = estimate_stage(
        "synthesis",
        "mystery",
        calls=1,
        prompt_tokens=10,
        max_tokens=10,
        prices=PriceTable.default(),
    )
    assert line.cost_usd is None and estimate_run([line]).cost_usd is None
    with pytest.raises(ValueError, match="3 counts for 2 calls"):
        estimate_stage(
            "b",
            "gpt-4",
            calls=2,
            prompt_tokens=[1, 2, 3],
            max_tokens=1,
            prices=PriceTable.default(),
        )


def test_an_unpriced_model_is_warned_about_once_across_threads(tmp_path):
    """Threads finishing calls at once must not each warn: the check and the mark are one step."""
    import time
    import warnings

    class SlowSet(set):
        def __contains__(self, item: object) -> bool:
            found = super().__contains__(item)
            time.sleep(0.05)  # widen the gap between looking and marking
            return found

    ledger = Ledger(tmp_path / "ledger.jsonl")
    ledger._warned = SlowSet()
    metered = ledger.meter(StandIn(model="mystery-model"), "synthesis")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        threads = [
            threading.Thread(target=metered.complete, args=(MESSAGES, PARAMS)) for _ in range(4)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert [w.category for w in caught] == [PriceWarning]


def test_a_line_cut_short_by_a_killed_run_does_not_swallow_the_next_record(tmp_path):
    path = tmp_path / "ledger.jsonl"
    Ledger(path).meter(StandIn(model="gpt-4o"), "synthesis").complete(MESSAGES, PARAMS)
    path.write_text(path.read_text() + '{"stage": "synthesis", "mod')  # killed mid-write
    Ledger(path).meter(StandIn(model="gpt-4o"), "synthesis").complete(MESSAGES, PARAMS)
    assert len(Ledger(path).entries) == 2
