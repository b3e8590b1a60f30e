import re

PRAISE = re.compile(r"\b(love|best|beautiful|amazing|awesome|great song|legend|miss)\b")


def label_spam(text):
    """HAM when the comment praises the song or the artist."""
    lowered = text.lower()
    if PRAISE.search(lowered) and "subscri" not in lowered and "http" not in lowered:
        return 0
    return -1
