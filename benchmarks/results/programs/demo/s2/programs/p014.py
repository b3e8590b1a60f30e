def _label_as_written(text: str) -> int:
    # General rules for 5-star reviews:
    if "love" in text.lower() and not any(word in text.lower() for word in ["but", "however", "only", "wish", "disappoint", "price", "taste", "mild"]):
        return 1
    else:
        return 0


def label(text: str) -> int:
    """p010 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_as_written(text)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
