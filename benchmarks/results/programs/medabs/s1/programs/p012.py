import re


def label_abstract(text: str) -> int:
    if any(re.search(r'cancer', text, re.IGNORECASE)):
        return 1
    elif any(re.search(r'stoma', text, re.IGNORECASE)):
        return 2
    elif any(re.search(r'nerves', text, re.IGNORECASE)):
        return 3
    elif any(re.search(r'heart', text, re.IGNORECASE)):
        return 4
    elif any(re.search(r'colon', text, re.IGNORECASE)):
        return 5
    else:
        return -1
