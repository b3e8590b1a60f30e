"""Retries, backoff, Retry-After, timeouts and error reporting against loopback servers."""

from __future__ import annotations

import time

import pytest

from alchemist.errors import BudgetExceeded, LLMError
from alchemist.llm import Ledger, OpenAICompatProvider, PriceTable, SamplingParams

from .llm_helpers import Reply, openai_answer, scripted, serve

MESSAGES = [{"role": "user", "content": "Label this."}]
PARAMS = SamplingParams(max_tokens=8, seed=1)


def provider(url: str, **kwargs) -> OpenAICompatProvider:
    options = {"backoff": 0.01, "timeout": 5.0, **kwargs}
    return OpenAICompatProvider("gpt-test", base_url=f"{url}/v1", api_key="k", **options)


def test_request_has_the_openai_wire_format():
    with serve(scripted()) as server:
        completion = provider(server.url).complete(MESSAGES, PARAMS)
    (request,) = server.requests
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == "Bearer k"
    assert request.body["messages"] == MESSAGES
    assert request.body["seed"] == 1 and request.body["max_tokens"] == 8
    assert (completion.text, completion.input_tokens, completion.output_tokens) == ("ok", 11, 3)
    assert completion.extra["tokens_estimated"] is False


def test_repeat_penalty_is_not_sent_to_openai_itself():
    assert "repeat_penalty" in provider("http://127.0.0.1:1")._body(MESSAGES, PARAMS)
    official = OpenAICompatProvider("gpt-4o", api_key="k")
    assert "repeat_penalty" not in official._body(MESSAGES, PARAMS)


def test_429_honours_retry_after_then_succeeds():
    limited = Reply(429, {"error": "slow down"}, {"Retry-After": "1"})
    with serve(scripted(limited)) as server:
        start = time.perf_counter()
        completion = provider(server.url).complete(MESSAGES, PARAMS)
        elapsed = time.perf_counter() - start
    assert completion.text == "ok"
    assert len(server.requests) == 2
    assert elapsed >= 1.0  # the backoff alone (0.01 s base) would not wait this long


def test_retry_after_ms_is_preferred():
    limited = Reply(429, {}, {"retry-after-ms": "300", "Retry-After": "30"})
    with serve(scripted(limited)) as server:
        start = time.perf_counter()
        provider(server.url).complete(MESSAGES, PARAMS)
    assert 0.3 <= time.perf_counter() - start < 5


def test_5xx_are_retried_with_backoff():
    with serve(scripted(Reply(500, {}), Reply(502, {}), Reply(503, {}))) as server:
        assert provider(server.url).complete(MESSAGES, PARAMS).text == "ok"
    assert len(server.requests) == 4


def test_timeouts_are_retried():
    with serve(scripted(Reply(body=openai_answer("late"), delay=1.0))) as server:
        completion = provider(server.url, timeout=0.3).complete(MESSAGES, PARAMS)
    assert completion.text == "ok"  # the first, slow answer was abandoned
    assert len(server.requests) == 2


def test_exhausted_retries_raise_llm_error_with_status():
    with serve(scripted(then=Reply(500, {"error": "boom"}))) as server:
        with pytest.raises(LLMError, match="HTTP 500") as info:
            provider(server.url, max_retries=2).complete(MESSAGES, PARAMS)
    assert (info.value.status, info.value.provider) == (500, "openai")
    assert len(server.requests) == 3


def test_timeouts_exhausted_raise_llm_error():
    with serve(scripted(then=Reply(body=openai_answer(), delay=0.6))) as server:
        with pytest.raises(LLMError, match="Timeout") as info:
            provider(server.url, timeout=0.2, max_retries=1).complete(MESSAGES, PARAMS)
    assert info.value.status is None
    assert len(server.requests) == 2


def test_client_errors_are_not_retried():
    with serve(scripted(then=Reply(401, {"error": "bad key"}))) as server:
        with pytest.raises(LLMError, match="Check the API key") as info:
            provider(server.url).complete(MESSAGES, PARAMS)
    assert info.value.status == 401
    assert len(server.requests) == 1


def test_refused_connection_is_an_llm_error():
    with serve(scripted()) as server:
        url = server.url
    with pytest.raises(LLMError, match="ConnectError"):
        provider(url, max_retries=1).complete(MESSAGES, PARAMS)


def test_non_json_answer_is_an_llm_error():
    with serve(scripted(then=Reply(200, b"<html>hello</html>"))) as server:
        with pytest.raises(LLMError, match="expected a JSON object"):
            provider(server.url).complete(MESSAGES, PARAMS)


def test_missing_usage_is_estimated_and_flagged():
    answer = openai_answer("x" * 40, prompt_tokens=None, completion_tokens=None)
    with serve(scripted(then=Reply(body=answer))) as server:
        completion = provider(server.url).complete(MESSAGES, PARAMS)
    assert completion.extra["tokens_estimated"] is True
    assert completion.output_tokens == 10  # 40 characters at 4 per token
    assert completion.input_tokens > 0


def test_budget_stops_before_the_call_that_would_exceed_it():
    prices = PriceTable({"gpt-test": (1000.0, 1000.0)})  # $0.001 per token
    ledger = Ledger(None, prices=prices, budget_usd=0.05)
    with serve(
        scripted(then=Reply(body=openai_answer(prompt_tokens=10, completion_tokens=5)))
    ) as server:
        metered = ledger.meter(provider(server.url), "synthesis")
        # Worst case per call: ~7 input tokens estimated + 8 max output = $0.015.
        for _ in range(3):
            metered.complete(MESSAGES, PARAMS)
        with pytest.raises(BudgetExceeded) as info:
            metered.complete(MESSAGES, PARAMS)
    assert len(server.requests) == 3  # the fourth call never reached the server
    assert info.value.spent == pytest.approx(0.045)
    assert info.value.spent + info.value.estimate > info.value.budget
    assert ledger.totals()["cost_usd"] == pytest.approx(0.045)
