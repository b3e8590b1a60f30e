import re


def label_spam(text: str) -> int:
    if 'youtube' not in text.lower() or 'video' not in text.lower():
        return -1  # Abstain when no clear evidence
    
    if re.search(r'\b(advertising|links|self-promotion|subscribe requests|visit a link)\b', text, re.IGNORECASE):
        return 1  # Spam
    else:
        return 0  # HAM
