import re


def label_spam(text: str) -> int:
    if "subscribe" in text.lower():
        return 1
    elif "linkbucks.com" in text.lower() or "linkbuck" in text.lower():
        return 1
    elif "advertisement" in text.lower():
        return 1
    elif re.search(r'\bthis song\b', text):
        return 1
    else:
        return -1
