import re


def label_spam(text: str) -> int:
    if re.search(r'https?://\S+', text):  # Links
        return 1
    elif re.search(r';-\)', text):  # Smiley
        return 1
    elif re.search(r'20\d{4}-[0-9]{2}', text):  # Year range
        return 1
    elif re.search(r'subscribe me if u love eminem', text, re.IGNORECASE):  # Self-promotion
        return 1
    else:
        return -1
