"""The embedded default LLM: a small GGUF code model shipped inside PyPI packages
(``llm.models`` installs and verifies it), run on CPU.

``EmbeddedProvider`` loads it with ``xllamacpp`` in-process; the same runtime also listens on
loopback with an OpenAI-compatible API (``base_url``), which the provider tests use.
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any

from alchemist._util.cores import free_cores
from alchemist.errors import LLMError
from alchemist.llm.base import Completion, Message, SamplingParams
from alchemist.llm.models import (
    DEFAULT_MODEL,
    MODELS,
    EmbeddedModel,
    install_model,
    models_dir,
    resolve_model,
    verify_model_file,
)


class EmbeddedProvider:
    """A GGUF model run in-process by llama.cpp (``xllamacpp``); loaded on first use.

    ``parallel`` decoding slots: up to that many requests sent from different threads (as
    the search and ``complete_many`` do) are decoded together in one batch; the others
    wait. Each slot keeps the last prompt it read cached, so a request that starts like the one
    before it (the search's candidate prompts share their head) reads only its new tokens: on a
    CPU one slot that reads the head once is faster than several that each read it again
    (``benchmarks/bench_parallel.py``). ``threads`` defaults to ``free_cores()`` when the model
    loads. ``draft``: speculative decoding, off by default: "ngram" drafts tokens from n-grams
    the answer already holds, a model name or ``.gguf`` path drafts them with that (smaller)
    model; the model itself checks each draft, so answers follow the same distribution. On 2
    CPU cores neither drafter made the search faster (``benchmarks/results/speculative.md``);
    with more cores or a GPU it may.
    """

    name = "embedded"
    local = True  # runs here: the ledger prices its calls at 0

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        *,
        n_ctx: int = 4096,
        threads: int | None = None,
        parallel: int = 1,
        draft: str | None = None,
    ) -> None:
        if parallel < 1:
            raise ValueError(f"parallel must be at least 1; got {parallel}.")
        chat = sorted(m.name for m in MODELS.values() if m.chat)
        for name, role, or_else in (
            (model, "write programs", ""),
            (draft, "draft tokens", " or ngram"),
        ):
            if name in MODELS and not MODELS[name].chat:
                raise LLMError(
                    f"{name!r} is a text-embedding model and cannot {role}; it serves "
                    f"'--featurizer nomic'. Pick a chat model: {chat}{or_else}.",
                    provider=self.name,
                )
        self.model = model
        self.n_ctx = n_ctx
        self.threads = threads
        self.parallel = parallel
        self.draft = draft
        self._server: Any = None
        self._slots = threading.Semaphore(parallel)  # requests in the runtime at once
        self._load_lock = threading.Lock()  # one load, however many threads ask at once

    @property
    def base_url(self) -> str:
        """The loopback address of the runtime's OpenAI-compatible server (loads the model)."""
        return f"{self._load().listening_address.rstrip('/')}/v1"

    def complete(self, messages: list[Message], params: SamplingParams) -> Completion:
        request: dict[str, Any] = {
            "messages": messages,
            "max_tokens": params.max_tokens,
            "temperature": params.temperature,
            "top_p": params.top_p,
            "repeat_penalty": params.repeat_penalty,
        }
        if params.seed is not None:
            request["seed"] = params.seed
        if params.stop:
            request["stop"] = list(params.stop)
        server = self._load()
        with self._slots:  # the call's seconds start when a slot takes it, not in the queue
            start = time.perf_counter()
            try:
                response = server.handle_chat_completions(request)
            except (ValueError, RuntimeError) as exc:
                raise LLMError(
                    f"The embedded model rejected the request: {exc}", provider=self.name
                ) from None
            seconds = time.perf_counter() - start
        if not isinstance(response, dict) or "choices" not in response:
            raise LLMError(
                f"The embedded model answered without choices: {json.dumps(response)[:200]}",
                provider=self.name,
            )
        usage, timings = response.get("usage", {}), response.get("timings", {})
        return Completion(
            text=response["choices"][0]["message"].get("content") or "",
            model=self.model,
            provider=self.name,
            input_tokens=int(usage.get("prompt_tokens", 0)),
            output_tokens=int(usage.get("completion_tokens", 0)),
            seconds=seconds,
            extra={
                "finish_reason": response["choices"][0].get("finish_reason"),
                # prompt tokens read now; the rest came from the slot's cache
                "prompt_read": timings.get("prompt_n"),
                # speculative decoding: tokens drafted, and those the model kept
                "drafted": timings.get("draft_n"),
                "accepted": timings.get("draft_n_accepted"),
            },
        )

    def _load(self) -> Any:
        with self._load_lock:
            if self._server is None:
                self._server = self._start()
        return self._server

    def _start(self) -> Any:
        """Load the model into a new runtime server (seconds, and about the model's size)."""
        if self.threads is None:
            self.threads = free_cores()
        return start_runtime(
            self.model,
            threads=self.threads,
            n_ctx=self.n_ctx * self.parallel,  # each slot gets n_ctx
            n_parallel=self.parallel,
            draft=self.draft,
        )


def start_runtime(
    model: str,
    *,
    threads: int,
    n_ctx: int,
    n_parallel: int = 1,
    embedding: bool = False,
    draft: str | None = None,
) -> Any:
    """Model ``model`` (a registered name or a ``.gguf`` path) loaded into a new in-process
    llama.cpp server (``xllamacpp``); ``embedding``: a text-embedding server, each text in one
    batch of at most ``n_ctx`` tokens; ``draft``: speculative decoding (see
    ``EmbeddedProvider``)."""
    try:
        import xllamacpp
    except ImportError:
        raise LLMError(
            "The embedded runtime is not installed. Run: pip install 'alchemist-labeling[local]'",
            provider=EmbeddedProvider.name,
        ) from None
    params = xllamacpp.CommonParams()
    params.model.path = str(resolve_model(model))
    params.n_ctx = n_ctx
    params.n_parallel = n_parallel
    if embedding:
        params.embedding = True
        params.n_batch = params.n_ubatch = n_ctx
    params.cpuparams.n_threads = params.cpuparams_batch.n_threads = threads
    params.verbosity = -1
    if draft is not None:
        _speculate(params, draft, threads, xllamacpp.common_speculative_type)
    return xllamacpp.Server(params)


def _speculate(params: Any, draft: str, threads: int, kinds: Any) -> None:
    """Set ``params`` to draft tokens by n-grams ("ngram") or with the model ``draft``."""
    if draft == "ngram":
        params.speculative.types = [kinds.COMMON_SPECULATIVE_TYPE_NGRAM_MOD]
        return
    params.speculative.types = [kinds.COMMON_SPECULATIVE_TYPE_DRAFT_SIMPLE]
    params.speculative.draft.mparams.path = str(resolve_model(draft))
    cpu = params.speculative.draft
    cpu.cpuparams.n_threads = cpu.cpuparams_batch.n_threads = threads


__all__ = [
    "DEFAULT_MODEL",
    "MODELS",
    "EmbeddedModel",
    "EmbeddedProvider",
    "free_cores",
    "install_model",
    "models_dir",
    "resolve_model",
    "start_runtime",
    "verify_model_file",
]
