def _label_as_written(text: str) -> int:
    if any(word in text.lower() for word in ["but", "however", "only", "wish", "disappointment", "price", "taste", "mild"]):
        return 0
    elif text.strip().endswith("I am a Teavana tea freak"):
        return 1
    else:
        return -1


def label(text: str) -> int:
    """p007 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_as_written(text)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
