def _label_as_written(text: str) -> int:
    # Check for positive feedback (5 stars)
    if '5 stars' in text.lower():
        return 1
    
    # Check for negative feedback, complaints, or mild tone
    if any(pattern in text.lower() for pattern in [
        'but', 'however', 'only', 'wish', 'disappointment',
        'price', 'taste', 'mild tone'
    ]):
        return 0
    
    # Return -1 if no positive or negative feedback is found
    return -1


def label(text: str) -> int:
    """p003 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_as_written(text)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
