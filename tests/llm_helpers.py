"""Test helpers for the llm tests: loopback HTTP servers and an in-process stand-in provider.

Every server listens on 127.0.0.1 only, on a free port, and stops when its ``with`` block ends.
"""

from __future__ import annotations

import functools
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from alchemist.llm import Completion, EmbeddedProvider, SamplingParams
from alchemist.llm.embedded import models_dir


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class Reply:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (to trip client timeouts)


Handler = Callable[[Request], Reply]


@dataclass
class Loopback:
    url: str
    requests: list[Request]


@contextmanager
def serve(handler: Handler) -> Iterator[Loopback]:
    """Run ``handler`` behind a threaded HTTP server on 127.0.0.1; record every request."""
    requests: list[Request] = []

    class _Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            request = Request(
                self.path, {k.lower(): v for k, v in self.headers.items()}, json.loads(raw or b"{}")
            )
            requests.append(request)
            reply = handler(request)
            time.sleep(reply.delay)
            data = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
            try:
                self.send_response(reply.status)
                for k, v in {"Content-Type": "application/json", **reply.headers}.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield Loopback(f"http://127.0.0.1:{server.server_port}", requests)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def openai_answer(
    text: str = "ok", *, prompt_tokens: int | None = 11, completion_tokens: int | None = 3
) -> dict[str, Any]:
    """A chat-completions answer in OpenAI's wire format."""
    body: dict[str, Any] = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "model": "gpt-test",
        "choices": [
            {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": text}}
        ],
    }
    if prompt_tokens is not None and completion_tokens is not None:
        body["usage"] = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        }
    return body


def scripted(*replies: Reply, then: Reply | None = None) -> Handler:
    """Answer with ``replies`` in order, then with ``then`` (default: a normal answer)."""
    queue = list(replies)
    lock = threading.Lock()

    def handle(request: Request) -> Reply:
        with lock:
            if queue:
                return queue.pop(0)
        return then or Reply(body=openai_answer())

    return handle


def proxy_to(base_url: str, responses: list[dict[str, Any]]) -> Handler:
    """Forward OpenAI chat requests to ``base_url``, recording the real server's answers."""

    def handle(request: Request) -> Reply:
        upstream = httpx.post(f"{base_url}/chat/completions", json=request.body, timeout=120)
        responses.append(upstream.json())
        return Reply(upstream.status_code, upstream.json())

    return handle


def anthropic_bridge(base_url: str, responses: list[dict[str, Any]]) -> Handler:
    """Speak Anthropic's Messages API, answering through the OpenAI server at ``base_url``."""

    def handle(request: Request) -> Reply:
        if request.path != "/v1/messages" or "anthropic-version" not in request.headers:
            return Reply(404, {"type": "error", "error": {"type": "not_found_error"}})
        if request.headers.get("x-api-key") != "test-key":
            return Reply(401, {"type": "error", "error": {"type": "authentication_error"}})
        body = request.body
        system = [{"role": "system", "content": body["system"]}] if "system" in body else []
        upstream = httpx.post(
            f"{base_url}/chat/completions",
            timeout=120,
            json={
                "messages": system + body["messages"],
                "max_tokens": body["max_tokens"],
                "temperature": body.get("temperature", 1.0),
                "stop": body.get("stop_sequences", []),
            },
        ).json()
        choice = upstream["choices"][0]
        answer = {
            "id": "msg_1",
            "type": "message",
            "role": "assistant",
            "model": body["model"],
            "content": [{"type": "text", "text": choice["message"]["content"]}],
            "stop_reason": "max_tokens" if choice["finish_reason"] == "length" else "end_turn",
            "usage": {
                "input_tokens": upstream["usage"]["prompt_tokens"],
                "output_tokens": upstream["usage"]["completion_tokens"],
            },
        }
        responses.append(answer)
        return Reply(body=answer)

    return handle


@functools.cache
def _loaded(name: str) -> EmbeddedProvider:
    provider = EmbeddedProvider(name, threads=2)
    provider.base_url  # noqa: B018 (loads the model once per test session)
    return provider


def embedded(name: str) -> EmbeddedProvider:
    """The embedded model ``name``, loaded once per session; skips when it is not installed."""
    if not (models_dir() / f"{name}.gguf").exists():
        pytest.skip(f"embedded model {name} is not installed (alchemist model install {name})")
    return _loaded(name)


class StandIn:
    """An in-process provider answering from a function of the prompt, counting its calls."""

    def __init__(
        self,
        answer: Callable[[str], str] = lambda prompt: "ok",
        *,
        name: str = "standin",
        model: str = "gpt-4o",
        input_tokens: int = 100,
        output_tokens: int = 10,
        delay: float = 0.0,
    ) -> None:
        self.name, self.model = name, model
        self.answer = answer
        self.input_tokens, self.output_tokens = input_tokens, output_tokens
        self.delay = delay
        self.calls = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()

    def complete(self, messages: list[dict[str, str]], params: SamplingParams) -> Completion:
        with self._lock:
            self.calls += 1
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            time.sleep(self.delay)
            text = self.answer(messages[-1]["content"])
        finally:
            with self._lock:
                self.in_flight -= 1
        return Completion(
            text, self.model, self.name, self.input_tokens, self.output_tokens, self.delay
        )
