def _label_as_written(text: str) -> int:
    if 'love' in text.lower() and not any(word in text.lower() for word in ['but', 'however', 'only', 'wish', 'disappointment', 'price', 'taste']):
        return 1  # great
    elif 'no' in text.lower():
        return 0  # other
    else:
        return -1  # abstain


def label(text: str) -> int:
    """p007 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_as_written(text)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
