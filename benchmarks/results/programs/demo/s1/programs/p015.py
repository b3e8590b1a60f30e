import re


def _label_as_written(text: str) -> int:
    # Define a list of negative keywords and phrases
    negative_keywords = [
        "but", "however", "only", "wish",
        "disappointed", "price", "taste", "mild tone"
    ]
    
    # Check if the text contains any negative keywords or phrases
    for keyword in negative_keywords:
        if re.search(keyword, text, re.IGNORECASE):
            return 0
    
    # If no negative keywords are found, check if the text is overall positive
    if "great" in text and not any(keyword in text for keyword in negative_keywords):
        return 1

    # Return -1 to abstain when the input gives no clear evidence
    return -1


def label(text: str) -> int:
    """p010 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_as_written(text)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
