import re


def _label_as_written(text: str) -> int:
    if re.search(r'5 stars', text, re.IGNORECASE):
        return 1
    elif re.search(r'(but|however|only|wish|disappointment|price|taste|mild tone)', text, re.IGNORECASE):
        return 0
    else:
        return -1


def label(text: str) -> int:
    """p007 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_as_written(text)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
