import re


def _label_spam_as_written(text: str) -> int:
    if "subscribe" in text or "please subscribe" in text:
        return 1
    
    if "check out" in text and ":)" not in text:
        return 1
    
    if "if eminem gets 1 penny per view he would have 600 million dollars" in text:
        return 1
    
    if re.search(r"\ufeff", text):
        return 1
    return -1


def label_spam(text: str) -> int:
    """p005 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_spam_as_written(text)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
