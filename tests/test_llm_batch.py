"""complete_many: bounded concurrency, order, failures recorded, budget stop."""

from __future__ import annotations

from dataclasses import replace

import pytest

from alchemist.errors import LLMError
from alchemist.llm import CachedProvider, Ledger, ResponseCache, SamplingParams, complete_many

from .llm_helpers import StandIn

PARAMS = SamplingParams(max_tokens=10)


def requests(n: int) -> list[list[dict[str, str]]]:
    return [[{"role": "user", "content": f"item {i}"}] for i in range(n)]


def test_results_keep_request_order_and_concurrency_is_bounded():
    inner = StandIn(lambda prompt: prompt.upper(), delay=0.02)
    seen: list[tuple[int, int]] = []
    result = complete_many(
        inner,
        requests(12),
        PARAMS,
        concurrency=3,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert [c.text for c in result.completions] == [f"ITEM {i}" for i in range(12)]
    assert 1 < inner.max_in_flight <= 3
    assert seen[-1] == (12, 12) and len(seen) == 12


def test_one_sampling_setting_per_request():
    class Seeds(StandIn):
        def complete(self, messages, params):
            completion = super().complete(messages, params)
            return replace(completion, text=str(params.seed))

    each = [replace(PARAMS, seed=10 + i) for i in range(4)]
    result = complete_many(Seeds(), requests(4), each, concurrency=2)
    assert [c.text for c in result.completions] == ["10", "11", "12", "13"]
    with pytest.raises(ValueError, match="3 sampling settings for 4 requests"):
        complete_many(Seeds(), requests(4), each[:3])


def fail_on_odd(prompt: str) -> str:
    if int(prompt.split()[1]) % 2:
        raise LLMError("HTTP 500 after 6 attempt(s)", provider="standin", status=500)
    return "ok"


def test_failures_are_recorded_and_the_batch_goes_on():
    result = complete_many(StandIn(fail_on_odd), requests(6), PARAMS, concurrency=2)
    assert sorted(result.errors) == [1, 3, 5]
    assert result.n_done == 3 and result.stopped is None
    assert all(result.errors[i].status == 500 for i in result.errors)


def test_on_error_raise_stops_new_calls():
    inner = StandIn(fail_on_odd)
    with pytest.raises(LLMError):
        complete_many(inner, requests(20), PARAMS, concurrency=1, on_error="raise")
    assert inner.calls == 2


def test_budget_stop_keeps_paid_answers_and_a_rerun_pays_only_the_rest(tmp_path):
    inner = StandIn(model="gpt-4", input_tokens=5, output_tokens=10)
    paid = (5 * 30 + 10 * 60) / 1e6  # per call, at gpt-4 prices
    worst = (6 * 30 + 10 * 60) / 1e6  # "item i" is ~2 tokens + 4 of framing, up to 10 out
    cache = ResponseCache(tmp_path)
    ledger = Ledger(None, budget_usd=4.5 * worst)
    result = complete_many(
        ledger.meter(CachedProvider(inner, cache), "baseline"), requests(10), PARAMS, concurrency=1
    )
    assert result.stopped is not None and result.n_done == 4 == inner.calls
    assert ledger.spent_usd == pytest.approx(4 * paid)

    rerun = complete_many(
        Ledger(None).meter(CachedProvider(inner, cache), "baseline"),
        requests(10),
        PARAMS,
        concurrency=2,
    )
    assert rerun.n_done == 10 and inner.calls == 10
    assert sum(c.cached for c in rerun.completions) == 4


def test_bad_arguments():
    with pytest.raises(ValueError, match="concurrency"):
        complete_many(StandIn(), requests(1), PARAMS, concurrency=0)
    with pytest.raises(ValueError, match="on_error"):
        complete_many(StandIn(), requests(1), PARAMS, on_error="ignore")
