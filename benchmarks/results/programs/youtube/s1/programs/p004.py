import re


def label_spam(text: str) -> int:
    # Check for spam based on common patterns
    if 'http://' in text or 'https://' in text or 'youtube.com' in text:
        return 1
    elif 'subscribe' in text.lower():
        return 1
    elif 'visit' in text.lower():
        return 1
    elif re.search(r'[A-Z]+', text):  # Look for any uppercase letters
        return 1
    else:
        return 0
