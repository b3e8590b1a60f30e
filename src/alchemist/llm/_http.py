"""One HTTP POST with retries, and the plumbing shared by the remote providers.

Retried: timeouts, connection errors, 429 and 5xx, with exponential backoff and full jitter,
waiting what the server's ``retry-after-ms`` / ``Retry-After`` asks for when it says. Anything
else (400, 401, 404...) fails at once: retrying a malformed or unauthorised request only costs.
"""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from alchemist.errors import LLMError

RETRY_STATUSES = frozenset({408, 409, 429}) | frozenset(range(500, 600))


@dataclass(frozen=True)
class RetryPolicy:
    """``max_retries`` extra attempts; waits ``base * 2**attempt`` (jittered), at most ``cap``."""

    max_retries: int = 5
    base: float = 1.0
    cap: float = 60.0

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError(f"max_retries must be >= 0; got {self.max_retries}.")

    def backoff(self, attempt: int, rng: random.Random) -> float:
        return rng.uniform(0, min(self.cap, self.base * 2**attempt))


def post_json(
    client: httpx.Client,
    url: str,
    body: dict[str, Any],
    headers: dict[str, str],
    *,
    provider: str,
    policy: RetryPolicy,
    sleep: Callable[[float], None] = time.sleep,
) -> dict[str, Any]:
    """POST ``body`` and return the JSON answer, retrying transient failures per ``policy``.

    Raises ``LLMError`` (with ``provider`` and the last HTTP ``status``, if any) once the retries
    are spent or on a non-retryable answer.
    """
    rng = random.Random()
    for attempt in range(policy.max_retries + 1):
        last = attempt == policy.max_retries
        try:
            response = client.post(url, json=body, headers=headers)
        except httpx.TransportError as exc:  # timeouts and refused/dropped connections
            if last:
                raise LLMError(
                    f"{provider}: {type(exc).__name__} calling {url} after "
                    f"{policy.max_retries + 1} attempt(s). Check that the server is up, or raise "
                    "the timeout.",
                    provider=provider,
                ) from None
            sleep(policy.backoff(attempt, rng))
            continue
        if response.status_code < 400:
            return _json(response, provider)
        if response.status_code not in RETRY_STATUSES or last:
            raise _status_error(response, provider, attempts=attempt + 1)
        wait = _retry_after(response.headers)
        sleep(wait if wait is not None else policy.backoff(attempt, rng))
    raise AssertionError("unreachable: the last attempt returns or raises")


def _json(response: httpx.Response, provider: str) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise LLMError(
            f"{provider}: expected a JSON object from {response.request.url}, got "
            f"{response.text[:200]!r}. Is the base URL an API endpoint?",
            provider=provider,
            status=response.status_code,
        )
    return data


def _status_error(response: httpx.Response, provider: str, *, attempts: int) -> LLMError:
    detail = response.text.strip().replace("\n", " ")[:300]
    hint = {
        401: "Check the API key.",
        403: "Check the API key's permissions.",
        404: "Check the base URL and the model name.",
        429: "Rate limited: lower the concurrency or retry later.",
    }.get(response.status_code, "See the server's message above.")
    return LLMError(
        f"{provider}: HTTP {response.status_code} from {response.request.url} after "
        f"{attempts} attempt(s): {detail} {hint}",
        provider=provider,
        status=response.status_code,
    )


def _retry_after(headers: httpx.Headers) -> float | None:
    """Seconds to wait from ``retry-after-ms`` or ``Retry-After`` (seconds or an HTTP date)."""
    if (ms := headers.get("retry-after-ms")) is not None:
        try:
            return max(0.0, float(ms) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class HTTPProvider:
    """Base of the remote providers: base URL, headers, retry policy, client, one timed POST."""

    name = "http"

    def __init__(
        self,
        model: str,
        *,
        base_url: str,
        headers: dict[str, str],
        timeout: float,
        max_retries: int,
        backoff: float,
        client: httpx.Client | None,
        local: bool,
    ) -> None:
        self.model = model
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retry = RetryPolicy(max_retries=max_retries, base=backoff)
        self.local = local
        self._headers = headers
        self._client = client or httpx.Client(timeout=timeout)

    @property
    def endpoint(self) -> str:
        """What identifies the model server in cache keys, beside ``name`` and ``model``."""
        return self.base_url

    def close(self) -> None:
        self._client.close()

    def _post(self, path: str, body: dict[str, Any]) -> tuple[dict[str, Any], float]:
        """The answer to ``body`` posted at ``path``, and the seconds it took (retries too)."""
        start = time.perf_counter()
        data = post_json(
            self._client,
            f"{self.base_url}{path}",
            body,
            self._headers,
            provider=self.name,
            policy=self.retry,
        )
        return data, time.perf_counter() - start
