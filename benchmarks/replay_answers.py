"""Committed LLM answers back into the response cache, so that a change to how the search
refines or ranks is measured on the same first-round candidates, not on a new draw of them.

``replay(folder, cache)`` stores, for every program under ``folder/programs`` that an LLM call
wrote (``provenance["messages"]``), its answer under that call's request key; and for each
unusable answer in ``folder/search.json``'s failures, its raw text under the request of its
strategy's candidate prompt with its seed (a round's candidate prompts differ only in their
strategy). A run with the response cache on gets these answers with no LLM call wherever it
sends the same request; any other request (a refinement whose prompt changed) goes to the
model. Replayed unusable answers carry no token counts, so such a run's costs undercount them.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from alchemist.llm.base import Completion, SamplingParams
from alchemist.llm.cache import ResponseCache, request_key


def replay(folder: Path, cache: ResponseCache) -> int:
    """The answers committed under ``folder`` (``paper_table``'s ``programs/<dataset>/s<seed>``)
    into ``cache``; the number stored."""
    prompts: dict[str, tuple[Any, list[Any], dict[str, Any]]] = {}
    stored = 0
    for path in sorted((folder / "programs").glob("*.json")):
        made = json.loads(path.read_text())["provenance"]
        if "messages" not in made or made.get("cached"):
            continue  # written by hand or by the search (a swapped twin): no call of its own
        provider = SimpleNamespace(name=made["provider"], model=made["model"])
        if made.get("search_round") == "search":
            prompts[made["strategy"]] = (provider, made["messages"], made["params"])
        answer = Completion(
            made["response"],
            made["model"],
            made["provider"],
            made["input_tokens"],
            made["output_tokens"],
            made["seconds"],
        )
        _store(cache, provider, made["messages"], made["params"], answer)
        stored += 1
    failures = json.loads((folder / "search.json").read_text())["failures"]
    for failure in failures:
        if failure["strategy"] in prompts and failure.get("raw") is not None:
            provider, messages, params = prompts[failure["strategy"]]
            answer = Completion(failure["raw"], provider.model, provider.name, 0, 0, 0.0)
            _store(cache, provider, messages, {**params, "seed": failure["seed"]}, answer)
            stored += 1
    return stored


def _store(
    cache: ResponseCache,
    provider: Any,
    messages: list[Any],
    params: dict[str, Any],
    answer: Completion,
) -> None:
    sampling = SamplingParams(**{**params, "stop": tuple(params["stop"])})
    cache.put(request_key(provider, messages, sampling), answer, {"replayed": True})
