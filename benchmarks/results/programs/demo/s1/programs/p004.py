import re


def label(text: str) -> int:
    if "excellent" in text.lower() and not re.search(r"but|however|only|wish|disappointment", text, re.IGNORECASE):
        return 1
    else:
        return 0
