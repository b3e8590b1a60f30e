"""Token counts for when an API reports no usage, and for dry-run plans.

A cheap, documented heuristic rather than a tokenizer: about four characters per token (OpenAI's
rule of thumb for English with BPE tokenizers) plus a few tokens of chat framing per message.
It errs slightly high on English prose and low on dense code; it is used only where an API gives
no ``usage`` (the ledger marks such records ``tokens_estimated``) and for ``plan`` estimates.
"""

from __future__ import annotations

from collections.abc import Sequence

from alchemist.llm.base import Message

CHARS_PER_TOKEN = 4
TOKENS_PER_MESSAGE = 4  # role markers and separators of a chat template


def estimate_tokens(text: str) -> int:
    """Estimated tokens of ``text``: ``ceil(len / 4)``; 0 for an empty string."""
    return -(-len(text) // CHARS_PER_TOKEN)


def estimate_message_tokens(messages: Sequence[Message]) -> int:
    """Estimated prompt tokens of chat ``messages``, framing included."""
    return sum(estimate_tokens(m.get("content", "")) + TOKENS_PER_MESSAGE for m in messages)
