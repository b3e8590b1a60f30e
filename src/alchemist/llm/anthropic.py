"""Anthropic's Messages API (``POST {base_url}/v1/messages``)."""

from __future__ import annotations

from typing import Any

import httpx

from alchemist.errors import LLMError
from alchemist.llm._http import HTTPProvider
from alchemist.llm.base import Completion, Message, SamplingParams
from alchemist.llm.tokens import estimate_message_tokens, estimate_tokens

ANTHROPIC_BASE_URL = "https://api.anthropic.com"
ANTHROPIC_VERSION = "2023-06-01"


class AnthropicProvider(HTTPProvider):
    """Claude models through the Messages API.

    System messages are joined into the top-level ``system`` field. Only ``temperature`` is sent
    of the two sampling knobs (Anthropic advises changing one, and newer models reject both),
    capped at Anthropic's maximum of 1;
    ``seed`` and ``repeat_penalty`` have no Anthropic equivalent and are not sent (``seed`` still
    keys the response cache). 529 "overloaded" is retried like any 5xx. Thread-safe.
    """

    name = "anthropic"

    def __init__(
        self,
        model: str,
        *,
        base_url: str = ANTHROPIC_BASE_URL,
        api_key: str | None = None,
        timeout: float = 120.0,
        max_retries: int = 5,
        backoff: float = 1.0,
        client: httpx.Client | None = None,
    ) -> None:
        headers = {"anthropic-version": ANTHROPIC_VERSION}
        if api_key:
            headers["x-api-key"] = api_key
        super().__init__(
            model,
            base_url=base_url,
            headers=headers,
            timeout=timeout,
            max_retries=max_retries,
            backoff=backoff,
            client=client,
            local=False,
        )

    def complete(self, messages: list[Message], params: SamplingParams) -> Completion:
        data, seconds = self._post("/v1/messages", self._body(messages, params))
        blocks = data.get("content")
        if not isinstance(blocks, list):
            raise LLMError(
                f"{self.name}: the answer has no content blocks: {str(data)[:200]}. "
                "Check that the server speaks the Messages API.",
                provider=self.name,
            )
        text = "".join(
            b.get("text", "") for b in blocks if isinstance(b, dict) and b.get("type") == "text"
        )
        usage = data.get("usage") or {}
        estimated = "input_tokens" not in usage or "output_tokens" not in usage
        return Completion(
            text=text,
            model=self.model,
            provider=self.name,
            input_tokens=int(usage.get("input_tokens", estimate_message_tokens(messages))),
            output_tokens=int(usage.get("output_tokens", estimate_tokens(text))),
            seconds=seconds,
            extra={
                "finish_reason": data.get("stop_reason"),
                "response_model": data.get("model"),
                "tokens_estimated": estimated,
            },
        )

    def _body(self, messages: list[Message], params: SamplingParams) -> dict[str, Any]:
        system = "\n\n".join(m["content"] for m in messages if m["role"] == "system")
        turns = [
            {"role": m["role"], "content": m["content"]} for m in messages if m["role"] != "system"
        ]
        if not turns or turns[0]["role"] != "user":
            raise ValueError(
                "Anthropic's Messages API needs the first non-system message to be "
                f"from the user; got roles {[m['role'] for m in messages]}."
            )
        body: dict[str, Any] = {
            "model": self.model,
            "messages": turns,
            "max_tokens": params.max_tokens,
            "temperature": min(params.temperature, 1.0),
        }
        if system:
            body["system"] = system
        if params.stop:
            body["stop_sequences"] = list(params.stop)
        return body
