import re


def label(text: str) -> int:
    if any(word in text.lower() for word in ["great", "love"]):
        return 1
    elif any(re.search(r'[0-9]+ stars', text, re.IGNORECASE)):
        return 1
    else:
        return -1
