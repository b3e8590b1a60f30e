import re


def label(text: str) -> int:
    if any(re.search(r'great', text, flags=re.IGNORECASE)):
        return 1
    elif any(re.search(r'other|not good|disappointment|price problem|taste problem|mild tone', text, flags=re.IGNORECASE)):
        return -1
    else:
        return 0
