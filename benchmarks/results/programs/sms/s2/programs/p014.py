import re


def _label_sms_as_written(text: str) -> int:
    spam_keywords = [
        "FREE", "discount", "offer", "prize", "win", "raffle",
        "claim", "buy", "subscribe", "text", "txts", "sms",
        "click", "now", "use", "free", "get", "give"
    ]
    
    # Check for spam keywords
    if any(keyword in text.lower() for keyword in spam_keywords):
        return 1
    
    # Check for common spam patterns (e.g., long numbers, specific URLs)
    if re.search(r'\b\d{9}\b', text) or "o2.co.uk" in text or "text me" in text:
        return 1
    
    # Check for subscription offer with a known premium rate (e.g., O2FWD)
    if re.search(r'18p/txt', text):
        return 1
    
    return -1


def label_sms(text: str) -> int:
    """p007 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_sms_as_written(text)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
