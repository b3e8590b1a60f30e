import re


def label(text: str) -> int:
    if re.search(r'5 stars', text, re.IGNORECASE):
        return 1
    elif re.search(r'(but|however|only|wish|disappointment|price|taste|mild tone)', text, re.IGNORECASE):
        return 0
    else:
        return -1
