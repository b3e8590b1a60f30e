import re


def _label_as_written(text: str) -> int:
    if "excellent" in text.lower() and not re.search(r"but|however|only|wish|disappointment", text, re.IGNORECASE):
        return 1
    else:
        return 0


def label(text: str) -> int:
    """p004 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_as_written(text)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
