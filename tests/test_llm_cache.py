"""The persistent response cache."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alchemist.errors import LLMError
from alchemist.llm import CachedProvider, ResponseCache, SamplingParams, request_key

from .llm_helpers import StandIn

MESSAGES = [{"role": "user", "content": "Label: great video"}]
PARAMS = SamplingParams(temperature=0.7, max_tokens=32, seed=3)


def test_second_identical_call_is_served_from_disk_by_a_new_cache_object(tmp_path):
    inner = StandIn(lambda prompt: f"answer to {prompt}")
    first = CachedProvider(inner, ResponseCache(tmp_path)).complete(MESSAGES, PARAMS)
    again = CachedProvider(inner, ResponseCache(tmp_path)).complete(MESSAGES, PARAMS)
    assert inner.calls == 1
    assert not first.cached and again.cached
    assert (again.text, again.input_tokens, again.output_tokens) == (
        first.text,
        first.input_tokens,
        first.output_tokens,
    )
    assert len(ResponseCache(tmp_path)) == 1


@pytest.mark.parametrize(
    "change",
    [
        {"params": SamplingParams(temperature=0.7, max_tokens=32, seed=4)},
        {"params": SamplingParams(temperature=0.2, max_tokens=32, seed=3)},
        {"messages": [{"role": "user", "content": "Label: bad video"}]},
        {"model": "gpt-4o-mini"},
        {"name": "anthropic"},
    ],
)
def test_any_change_of_the_request_misses(tmp_path, change):
    base = StandIn()
    CachedProvider(base, ResponseCache(tmp_path)).complete(MESSAGES, PARAMS)
    other = StandIn(model=change.get("model", base.model), name=change.get("name", base.name))
    CachedProvider(other, ResponseCache(tmp_path)).complete(
        change.get("messages", MESSAGES), change.get("params", PARAMS)
    )
    assert other.calls == 1


def test_endpoint_is_part_of_the_key():
    a, b = StandIn(), StandIn()
    a.endpoint, b.endpoint = "http://127.0.0.1:8000/v1", "http://127.0.0.1:9000/v1"
    assert request_key(a, MESSAGES, PARAMS) != request_key(b, MESSAGES, PARAMS)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {"role": st.sampled_from(["system", "user"]), "content": st.text(max_size=40)}
        ),
        min_size=1,
        max_size=3,
    ),
    st.none() | st.integers(0, 2**31),
)
def test_key_is_stable_and_separates_seeds(messages, seed):
    provider = StandIn()
    params = SamplingParams(seed=seed)
    assert request_key(provider, messages, params) == request_key(
        provider, list(messages), SamplingParams(seed=seed)
    )
    other = SamplingParams(seed=(seed or 0) + 1)
    assert request_key(provider, messages, params) != request_key(provider, messages, other)


def test_bypass_calls_again_and_refreshes_the_entry(tmp_path):
    answers = iter(["old", "new"])
    inner = StandIn(lambda prompt: next(answers))
    CachedProvider(inner, ResponseCache(tmp_path)).complete(MESSAGES, PARAMS)
    fresh = CachedProvider(inner, ResponseCache(tmp_path), bypass=True).complete(MESSAGES, PARAMS)
    assert (fresh.text, fresh.cached, inner.calls) == ("new", False, 2)
    assert CachedProvider(inner, ResponseCache(tmp_path)).complete(MESSAGES, PARAMS).text == "new"


def test_failures_are_not_cached_and_damaged_entries_miss(tmp_path):
    def flaky(prompt: str) -> str:
        if inner.calls == 1:
            raise LLMError("HTTP 503", provider="standin", status=503)
        return "fine"

    inner = StandIn(flaky)
    cached = CachedProvider(inner, ResponseCache(tmp_path))
    with pytest.raises(LLMError):
        cached.complete(MESSAGES, PARAMS)
    assert cached.complete(MESSAGES, PARAMS).text == "fine"
    (entry,) = tmp_path.glob("*/*.json")
    entry.write_text("{not json")
    assert cached.complete(MESSAGES, PARAMS).text == "fine"
    assert inner.calls == 3
