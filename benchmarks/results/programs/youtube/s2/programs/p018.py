HAM_KEYWORDS = ['like', 'extraordinary', 'moneygq.com', 'subscribe', 'playlist', 'cruz supat']


SPAM_KEYWORDS = ['advertising', 'links', 'self-promotion']


def _label_spam_as_written(text: str) -> int:
    # Convert text to lowercase for case-insensitive matching
    lower_text = text.lower()
    
    # Check if the text contains any of HAM keywords or phrases
    if any(keyword in lower_text for keyword in HAM_KEYWORDS):
        return 0
    
    # Check if the text contains any of SPAM keywords or phrases
    elif any(keyword in lower_text for keyword in SPAM_KEYWORDS):
        return 1
    
    # If no clear evidence, abstain by returning -1
    else:
        return -1


def _label_spam_as_written(text: str) -> int:
    """p005 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_spam_as_written(text)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    # Additional checks for specific keywords and patterns used in spam inputs
    elif "extraordinary" in text.lower() or "moneygq.com" in text.lower():
        return 1
    elif "subscribe" in text.lower() or "playlist" in text.lower():
        return 0
    elif "cruz supat" in text.lower():
        return -1
    else:
        return vote


def label_spam(text: str) -> int:
    """p016 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_spam_as_written(text)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
