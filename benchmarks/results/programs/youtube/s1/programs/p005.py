import re


def label_spam(text: str) -> int:
    if re.search(r'http[s]?://(?:[a-zA-Z]|[0-9]|[$-_@.&+]|[!*\\(\\),]|(?:%[0-9a-fA-F][0-9a-fA-F]))+', text):
        return 1
    elif re.search(r'@\w+', text):
        return 1
    elif re.search(r'\b\d{1,3}[-.\s]?\d{1,3}[-.\s]?\d{1,3}\b', text):
        return 1
    elif re.search(r'\b[A-Z][a-z]*\b', text):
        return 0
    else:
        return -1
