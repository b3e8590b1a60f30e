def _label_as_written(text: str) -> int:
    words = text.lower().split()
    
    # Check for rare "great" phrases
    if 'excellent' in words or 'perfect' in words or 'amazing' in words:
        return 1
    
    # Check for phrases that suggest a negative experience, but not necessarily bad
    if any(word in ['but', 'however', 'only', 'wish', 'disappointment', 'a price', 'taste', 'problem', 'mild'] for word in words):
        return -1
    
    # Return 0 (other) for all other cases
    return 0


def label(text: str) -> int:
    """p016 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_as_written(text)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
