import re

LINK = re.compile(r"https?://|www\.|\.com\b")


def label_spam(text):
    """SPAM when the comment carries a link."""
    return 1 if LINK.search(text.lower()) else -1
