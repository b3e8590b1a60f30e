"""Language-model providers behind one interface."""

from alchemist.llm.base import Completion, Message, Provider, SamplingParams

__all__ = ["Completion", "Message", "Provider", "SamplingParams"]
