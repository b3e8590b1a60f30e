def _label_as_written(text: str) -> int:
    if 'Great' in text:
        return 1
    elif 'but' in text or 'however' in text or 'only' in text or 'wish' in text or 'disappointment' in text or 'price' in text or 'taste' in text or 'mild tone' in text:
        return -1
    else:
        return 0


def label(text: str) -> int:
    """p005 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_as_written(text)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
