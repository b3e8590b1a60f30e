import re


def label_spam(text: str) -> int:
    if text.startswith('https://'):
        return 1
    elif re.search(r' advertisement|links', text, re.IGNORECASE):
        return 1
    elif re.search(r'subscribe|visit link', text, re.IGNORECASE):
        return 1
    else:
        return 0
