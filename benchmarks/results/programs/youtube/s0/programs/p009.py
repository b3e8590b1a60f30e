import re


def label_spam(text: str) -> int:
    if any(re.search(r'[\w\s]+[^\w\s](\s+\d+ views|(\d+) billion views?|\b(\/|\.)linkbucks\b)', text)):
        return 1
    elif any(re.search(r'\b[0-9]+\b\s*views', text)):
        return 1
    else:
        return -1
