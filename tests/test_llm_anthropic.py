"""AnthropicProvider against loopback servers speaking the Messages API wire format."""

from __future__ import annotations

import pytest

from alchemist.errors import LLMError
from alchemist.llm import AnthropicProvider, Ledger, SamplingParams

from .llm_helpers import Reply, anthropic_bridge, embedded, scripted, serve

MESSAGES = [
    {"role": "system", "content": "You are terse."},
    {"role": "user", "content": "Say hello."},
]
PARAMS = SamplingParams(temperature=0.0, max_tokens=10, stop=("\n\n",), seed=1)


def claude_answer(text: str) -> dict:
    return {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "model": "claude-3-haiku",
        "content": [{"type": "text", "text": text}],
        "stop_reason": "end_turn",
        "usage": {"input_tokens": 21, "output_tokens": 4},
    }


def test_answers_come_from_the_real_model_through_a_messages_api_bridge():
    model = embedded("smollm2-135m")
    responses: list[dict] = []
    ledger = Ledger(None)
    with serve(anthropic_bridge(model.base_url, responses)) as bridge:
        provider = AnthropicProvider(
            "claude-3-haiku-20240307", base_url=bridge.url, api_key="test-key"
        )
        completion = ledger.meter(provider, "supplementary").complete(MESSAGES, PARAMS)
    (request,) = bridge.requests
    assert request.headers["anthropic-version"] == "2023-06-01"
    assert request.body["system"] == "You are terse."
    assert request.body["messages"] == [{"role": "user", "content": "Say hello."}]
    assert request.body["stop_sequences"] == ["\n\n"] and "top_p" not in request.body
    (answer,) = responses
    assert completion.text == answer["content"][0]["text"] != ""
    assert completion.input_tokens == answer["usage"]["input_tokens"]
    assert completion.output_tokens == answer["usage"]["output_tokens"]
    expected = (completion.input_tokens * 0.25 + completion.output_tokens * 1.25) / 1e6
    assert ledger.totals()["by_model"]["claude-3-haiku-20240307"]["cost_usd"] == pytest.approx(
        expected
    )


def test_bad_key_fails_at_once_with_the_status():
    with serve(anthropic_bridge("http://127.0.0.1:9", [])) as bridge:
        provider = AnthropicProvider("claude-3-opus", base_url=bridge.url, api_key="wrong")
        with pytest.raises(LLMError, match="HTTP 401") as info:
            provider.complete(MESSAGES, PARAMS)
    assert (info.value.status, info.value.provider) == (401, "anthropic")
    assert len(bridge.requests) == 1


def test_overloaded_529_is_retried():
    overloaded = Reply(529, {"type": "error", "error": {"type": "overloaded_error"}})
    with serve(scripted(overloaded, then=Reply(body=claude_answer("hi")))) as server:
        provider = AnthropicProvider(
            "claude-3-haiku", base_url=server.url, api_key="k", backoff=0.01
        )
        completion = provider.complete(MESSAGES, PARAMS)
    assert (completion.text, completion.input_tokens, completion.output_tokens) == ("hi", 21, 4)
    assert len(server.requests) == 2


def test_conversation_must_start_with_the_user():
    provider = AnthropicProvider("claude-3-haiku", api_key="k")
    with pytest.raises(ValueError, match="first non-system message"):
        provider.complete([{"role": "assistant", "content": "hi"}], PARAMS)
