import re


def _label_as_written(text: str) -> int:
    # Look for phrases indicating high praise without reservation
    if re.search(r'good\s+coffee', text, re.IGNORECASE):
        return 1

    # Check for complaints or negative feedback
    if any(re.search(x, text, re.IGNORECASE) for x in ['disappointed', 'price', 'taste problem', 'mild tone', 'but', 'however', 'only']):
        return 0

    # If no clear evidence, abstain
    return -1


def label(text: str) -> int:
    """p010 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_as_written(text)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
