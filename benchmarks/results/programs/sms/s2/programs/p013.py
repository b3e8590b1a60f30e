import re


def _label_sms_as_written(text: str) -> int:
    # Check for spam keywords
    spam_keywords = [
        'advertising',
        'commercial',
        'fraudulent',
        'prize',
        'lottery claims',
        'premium-rate numbers',
        'subscription offers'
    ]
    
    if any(keyword in text.lower() for keyword in spam_keywords):
        return 1
    
    # Check for suspicious phrases
    suspicious_phrases = [
        'urgent message',
        'connection required',
        'refund of bill'
    ]
    
    for phrase in suspicious_phrases:
        if phrase in text.lower():
            return 1
    
    # Check for language patterns (e.g., "you", "have", "call")
    pattern = r'\b(you|have|call)\b'
    if re.search(pattern, text):
        return 1
    
    # Check for unusual characters
    if any(char in text for char in "!@#$%^&*()_+-=[]{}|;':\"<>,.?/~`"):
        return 1
    
    # If no clear evidence, abstain
    return -1


def label_sms(text: str) -> int:
    """p004 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    vote = _label_sms_as_written(text)
    if isinstance(vote, bool) or vote not in (0, 1):
        return vote
    return 1 if vote == 0 else 0
