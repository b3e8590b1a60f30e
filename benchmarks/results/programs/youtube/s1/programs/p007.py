import re


def label_spam(text: str) -> int:
    if re.search(r'(\s*subscribe\s+pls|https://\S+|EMİNEM FANS)', text, re.IGNORECASE):
        return 1
    else:
        return -1
