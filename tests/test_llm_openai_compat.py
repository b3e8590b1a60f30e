"""OpenAICompatProvider against a real OpenAI-compatible server on loopback.

The server is llama.cpp's, run in-process by the embedded runtime; a recording proxy in front of
it shows what the server itself reported and how many calls reached it.
"""

from __future__ import annotations

import pytest

from alchemist.llm import (
    CachedProvider,
    Ledger,
    OpenAICompatProvider,
    PriceTable,
    ResponseCache,
    SamplingParams,
    complete_many,
)

from .llm_helpers import embedded, proxy_to, serve

GREEDY = SamplingParams(temperature=0.0, max_tokens=12, seed=7)


def ask(i: int) -> list[dict[str, str]]:
    return [
        {"role": "system", "content": "You answer in one short sentence."},
        {"role": "user", "content": f"Name a colour, then the number {i}."},
    ]


@pytest.mark.slow  # a 0.5B model writing ~100 tokens on a shared CPU
def test_synthesis_like_call_returns_code():
    model = embedded("qwen2.5-coder-0.5b")
    responses: list[dict] = []
    messages = [
        {
            "role": "user",
            "content": "Write a Python function `def label(text: str) -> int:` that returns 1 when "
            "the YouTube comment asks people to subscribe and 0 otherwise. Only code.",
        }
    ]
    with serve(proxy_to(model.base_url, responses)) as proxy:
        provider = OpenAICompatProvider("qwen2.5-coder-0.5b", base_url=f"{proxy.url}/v1")
        ledger = Ledger(None)
        completion = ledger.meter(provider, "synthesis").complete(
            messages, SamplingParams(temperature=0.2, max_tokens=120, seed=1)
        )
    assert "def label" in completion.text
    (reported,) = responses
    assert completion.text == reported["choices"][0]["message"]["content"]
    assert completion.input_tokens == reported["usage"]["prompt_tokens"]
    assert completion.output_tokens == reported["usage"]["completion_tokens"]
    assert provider.local and ledger.totals()["by_stage"]["synthesis"]["cost_usd"] == 0


def test_ledger_totals_equal_the_usage_the_server_reported():
    model = embedded("smollm2-135m")
    responses: list[dict] = []
    prices = PriceTable.default().extend({"smollm2": (1.0, 2.0)})
    ledger = Ledger(None, prices=prices)
    with serve(proxy_to(model.base_url, responses)) as proxy:
        provider = OpenAICompatProvider("smollm2", base_url=f"{proxy.url}/v1")
        result = complete_many(
            ledger.meter(provider, "concepts"), [ask(i) for i in range(4)], GREEDY, concurrency=2
        )
    assert result.n_done == 4 and len(responses) == 4
    reported_in = sum(r["usage"]["prompt_tokens"] for r in responses)
    reported_out = sum(r["usage"]["completion_tokens"] for r in responses)
    totals = ledger.totals()
    assert (totals["input_tokens"], totals["output_tokens"]) == (reported_in, reported_out)
    assert totals["cost_usd"] == pytest.approx((reported_in * 1.0 + reported_out * 2.0) / 1e6)
    assert not any(e.tokens_estimated for e in ledger.entries)


def test_second_run_is_served_by_the_cache_without_calling_the_server(tmp_path):
    model = embedded("smollm2-135m")
    responses: list[dict] = []
    with serve(proxy_to(model.base_url, responses)) as proxy:

        def run() -> tuple[list[str], dict]:
            ledger = Ledger(tmp_path / "ledger.jsonl")
            provider = OpenAICompatProvider("smollm2", base_url=f"{proxy.url}/v1")
            cached = CachedProvider(provider, ResponseCache(tmp_path / "cache"))
            batch = complete_many(
                ledger.meter(cached, "synthesis"), [ask(i) for i in range(3)], GREEDY
            )
            return [c.text for c in batch.completions], ledger.totals()

        first_texts, _ = run()
        calls_after_first = len(proxy.requests)
        second_texts, totals = run()
    assert calls_after_first == 3 and len(proxy.requests) == 3
    assert second_texts == first_texts
    # The resumed ledger file holds both runs: 3 billed calls, then 3 served from the cache.
    assert (totals["calls"], totals["cached"]) == (6, 3)
    assert (
        totals["cached_output_tokens"]
        == totals["output_tokens"]
        == sum(r["usage"]["completion_tokens"] for r in responses)
    )
