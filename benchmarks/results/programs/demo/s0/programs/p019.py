import re


def _label_as_written(text: str) -> int:
    # Check for 5-star reviews using regular expressions
    if 'great' in text or 'excellent' in text:
        return 1
    
    # Check for negative reviews using regular expressions
    if 'bad' in text or 'worse' in text or 'horrible' in text:
        return -1
    
    # Check for other patterns that could indicate an "other" review
    if re.search(r'but|however|only|wish|disappointment|price|taste|decent', text, flags=re.IGNORECASE):
        return 0
    
    return 0


def label(text: str) -> int:
    """p006 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_as_written(text)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
