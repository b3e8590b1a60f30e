import re


def label(text: str) -> int:
    if any(re.search(r'great|5 stars', text, re.IGNORECASE)):
        return 1
    elif any(re.search(r'but|however|only|wish|disappointment|price|taste|decent', text, re.IGNORECASE)):
        return -1
    else:
        return 0
