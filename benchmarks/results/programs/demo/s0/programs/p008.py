import re


def label(text: str) -> int:
    if re.search(r'love', text.lower()) and not re.search(r'despite', text.lower()):
        return 1
    elif re.search(r'taste', text.lower()) or re.search(r'sweet', text.lower()) or re.search(r'hot', text.lower()):
        return 1
    else:
        return -1
