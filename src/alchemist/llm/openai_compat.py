"""Any OpenAI-compatible chat API: OpenAI, vLLM, Ollama, llama.cpp server, LM Studio..."""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlsplit

import httpx

from alchemist.errors import LLMError
from alchemist.llm._http import HTTPProvider
from alchemist.llm.base import Completion, Message, SamplingParams
from alchemist.llm.tokens import estimate_message_tokens, estimate_tokens

OPENAI_BASE_URL = "https://api.openai.com/v1"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class OpenAICompatProvider(HTTPProvider):
    """Chat completions over HTTP at ``base_url`` (the part before ``/chat/completions``).

    ``api_key`` is sent as a Bearer token when given; local servers need none. ``repeat_penalty``
    is not an OpenAI parameter (OpenAI rejects it), so it is sent only to other servers
    (llama.cpp, Ollama, vLLM...) unless ``send_repeat_penalty`` says otherwise. Token counts come
    from the answer's ``usage``; when a server omits it they are estimated
    (``alchemist.llm.tokens``) and the completion's ``extra["tokens_estimated"]`` is True.
    The provider is thread-safe: ``complete_many`` may share it between threads.
    """

    name = "openai"

    def __init__(
        self,
        model: str,
        *,
        base_url: str = OPENAI_BASE_URL,
        api_key: str | None = None,
        timeout: float = 120.0,
        max_retries: int = 5,
        backoff: float = 1.0,
        send_repeat_penalty: bool | None = None,
        client: httpx.Client | None = None,
    ) -> None:
        host = urlsplit(base_url).hostname or ""
        super().__init__(
            model,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            backoff=backoff,
            client=client,
            local=host in LOOPBACK_HOSTS,
            headers={"Authorization": f"Bearer {api_key}"} if api_key else {},
        )
        self.send_repeat_penalty = (
            host != "api.openai.com" if send_repeat_penalty is None else send_repeat_penalty
        )

    def complete(self, messages: list[Message], params: SamplingParams) -> Completion:
        data, seconds = self._post("/chat/completions", self._body(messages, params))
        choices = data.get("choices")
        if not choices or not isinstance(choices[0], dict):
            raise LLMError(
                f"{self.name}: the answer has no choices: {str(data)[:200]}. Check "
                "that the server speaks the OpenAI chat API.",
                provider=self.name,
            )
        text = (choices[0].get("message") or {}).get("content") or ""
        usage = data.get("usage") or {}
        estimated = "prompt_tokens" not in usage or "completion_tokens" not in usage
        return Completion(
            text=text,
            model=self.model,
            provider=self.name,
            input_tokens=int(usage.get("prompt_tokens", estimate_message_tokens(messages))),
            output_tokens=int(usage.get("completion_tokens", estimate_tokens(text))),
            seconds=seconds,
            extra={
                "finish_reason": choices[0].get("finish_reason"),
                "response_model": data.get("model"),
                "tokens_estimated": estimated,
            },
        )

    def _body(self, messages: list[Message], params: SamplingParams) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            "max_tokens": params.max_tokens,
            "temperature": params.temperature,
            "top_p": params.top_p,
        }
        if params.seed is not None:
            body["seed"] = params.seed
        if params.stop:
            body["stop"] = list(params.stop)
        if self.send_repeat_penalty and params.repeat_penalty != 1.0:
            body["repeat_penalty"] = params.repeat_penalty
        return body


def key_from_env(variable: str, *, required: bool, provider: str) -> str | None:
    """The API key in environment ``variable``; ``LLMError`` when required and unset."""
    key = os.environ.get(variable) or None
    if key is None and required:
        raise LLMError(
            f"{provider}: no API key: the environment variable {variable} is not set. "
            f"Export it, or name another variable with api_key_env.",
            provider=provider,
        )
    return key
