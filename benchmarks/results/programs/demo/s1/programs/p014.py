def _label_as_written(text: str) -> int:
    if "wished" in text.lower():
        return 0
    elif "disappointed" in text.lower() or "but" in text.lower() or "however" in text.lower() or \
         "only" in text.lower() or "wish" in text.lower() or "price" in text.lower() or "taste" in text.lower():
        return 0
    elif "great" in text.lower() or "awesome" in text.lower() or "tender" in text.lower() or \
         "just right" in text.lower() or "recommended" in text.lower():
        return 1
    else:
        return -1


def label(text: str) -> int:
    """p009 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_as_written(text)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
