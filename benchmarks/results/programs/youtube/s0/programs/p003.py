import re


def label_spam(text: str) -> int:
    if text.startswith('http'):
        # Check for common spam patterns like links, self-promotion, subscribe requests, etc.
        if 'subscribe' in text or 'promo' in text or 'advertising' in text:
            return 1
        elif 'check out' in text and '(extraordinary website)' in text:
            return 0
    # Check for specific keywords indicating spam or ham
    elif re.search(r'\b(advertise|link|subscribe)\b', text, re.IGNORECASE):
        return 1
    else:
        # For other cases, abstain by returning -1
        return -1
    return -1
