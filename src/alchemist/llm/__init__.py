"""Language-model providers behind one interface, and what wraps every call.

Providers: ``EmbeddedProvider`` (the default, in-process), ``OpenAICompatProvider``,
``AnthropicProvider``; ``make_provider(ProviderSpec)`` builds one from configuration.
Wrappers, innermost first: ``CachedProvider`` (persistent response cache), then
``Ledger.meter`` (budget cap and cost records per stage)::

    provider = ledger.meter(CachedProvider(make_provider(spec), ResponseCache(run / "cache")),
                            "synthesis")

``complete_many`` sends many requests with bounded concurrency; ``estimate_stage`` and
``estimate_run`` make dry-run plans.
"""

from alchemist.llm.anthropic import AnthropicProvider
from alchemist.llm.base import Completion, Message, Provider, SamplingParams
from alchemist.llm.batch import BatchResult, complete_many
from alchemist.llm.cache import CachedProvider, ResponseCache, request_key
from alchemist.llm.embedded import EmbeddedProvider
from alchemist.llm.ledger import (
    DEFAULT_PRICES,
    Ledger,
    LedgerEntry,
    MeteredProvider,
    PriceTable,
    PriceWarning,
)
from alchemist.llm.openai_compat import OpenAICompatProvider
from alchemist.llm.plan import PlanLine, RunPlan, estimate_run, estimate_stage
from alchemist.llm.spec import ProviderSpec, make_provider
from alchemist.llm.tokens import estimate_message_tokens, estimate_tokens

__all__ = [
    "DEFAULT_PRICES",
    "AnthropicProvider",
    "BatchResult",
    "CachedProvider",
    "Completion",
    "EmbeddedProvider",
    "Ledger",
    "LedgerEntry",
    "Message",
    "MeteredProvider",
    "OpenAICompatProvider",
    "PlanLine",
    "PriceTable",
    "PriceWarning",
    "Provider",
    "ProviderSpec",
    "ResponseCache",
    "RunPlan",
    "SamplingParams",
    "complete_many",
    "estimate_message_tokens",
    "estimate_run",
    "estimate_stage",
    "estimate_tokens",
    "make_provider",
    "request_key",
]
