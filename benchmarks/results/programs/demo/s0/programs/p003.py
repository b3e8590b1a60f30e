import re


def label(text: str) -> int:
    if re.search(r'great', text, re.IGNORECASE):
        return 1
    elif not re.search(r'(but|however|only|wish|disappointment|price|taste|waste|liq)', text, re.IGNORECASE):
        return 0
    else:
        return -1
