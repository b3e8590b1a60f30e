import re

MONEY = re.compile(r"\b(free|win|prize|cash|money|earn|\$\d+|gift card)\b")


def label_spam(text):
    """SPAM when money or prizes are offered."""
    return 1 if MONEY.search(text.lower()) else -1
