def _label_as_written(text: str) -> int:
    if "no expert" in text or "love using" in text or "grade by how it tastes to me" in text:
        return 1
    elif any(word in text for word in ["but", "however", "only", "wish", "disappointment", "price", "taste problem", "mild tone"]):
        return -1
    else:
        return 0


def label(text: str) -> int:
    """p001 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_as_written(text)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
