"""ProviderSpec and make_provider."""

from __future__ import annotations

import pytest

from alchemist.errors import LLMError
from alchemist.llm import (
    AnthropicProvider,
    EmbeddedProvider,
    OpenAICompatProvider,
    Provider,
    ProviderSpec,
    make_provider,
)


def test_threads_reach_the_embedded_model():
    assert make_provider(ProviderSpec(model="smollm2-135m", threads=1)).threads == 1


def test_speculative_decoding_is_off_unless_a_drafter_is_named():
    assert make_provider(ProviderSpec()).draft is None
    assert make_provider(ProviderSpec.from_mapping({"draft": "ngram"})).draft == "ngram"


def test_the_embedded_model_decodes_in_one_slot_unless_told():
    assert make_provider(ProviderSpec()).parallel == 1
    assert make_provider(ProviderSpec(concurrency=4, slots=3)).parallel == 3


def test_default_spec_is_the_embedded_model():
    provider = make_provider(ProviderSpec())
    assert isinstance(provider, EmbeddedProvider) and isinstance(provider, Provider)
    assert provider.model == "qwen2.5-coder-1.5b"


def test_openai_key_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    provider = make_provider(ProviderSpec(kind="openai", model="gpt-4o-mini"))
    assert isinstance(provider, OpenAICompatProvider)
    assert provider.base_url == "https://api.openai.com/v1"
    assert provider._headers["Authorization"] == "Bearer sk-test"
    assert not provider.local


def test_missing_key_for_an_official_endpoint_says_what_to_do(monkeypatch):
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    with pytest.raises(LLMError, match="ANTHROPIC_API_KEY is not set"):
        make_provider(ProviderSpec(kind="anthropic", model="claude-3-haiku-20240307"))


def test_custom_key_variable_and_keyless_local_server(monkeypatch):
    monkeypatch.setenv("MY_KEY", "abc")
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    anthropic = make_provider(
        ProviderSpec(kind="anthropic", model="claude-3-opus", api_key_env="MY_KEY")
    )
    assert isinstance(anthropic, AnthropicProvider) and anthropic._headers["x-api-key"] == "abc"
    local = make_provider(
        ProviderSpec(
            kind="openai", model="llama3", base_url="http://localhost:11434/v1", max_retries=2
        )
    )
    assert local.local and "Authorization" not in local._headers
    assert local.retry.max_retries == 2


@pytest.mark.parametrize(
    "raw, message",
    [
        ({"kind": "gemini"}, "Unknown provider kind"),
        ({"kind": "openai", "temperature": 1}, "Unknown provider setting"),
        ({"kind": "embedded", "base_url": "http://x"}, "takes no base_url"),
        ({"concurrency": 0}, "concurrency >= 1"),
        ({"slots": 0}, "slots >= 1"),
        ({"threads": 0}, "threads must be a positive count"),
        ({"kind": "openai", "threads": 2}, "embedded provider only"),
        ({"kind": "anthropic", "draft": "ngram"}, "embedded provider only"),
    ],
)
def test_invalid_specs_are_rejected(raw, message):
    with pytest.raises(LLMError, match=message):
        ProviderSpec.from_mapping(raw)
