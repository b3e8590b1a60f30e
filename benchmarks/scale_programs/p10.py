import re

SMS = re.compile(r"\b(txt|text|call|claim|reply|mobile|ringtone|urgent)\b")


def label_spam(text):
    """SPAM on the words of text-message marketing (call, claim, reply, txt)."""
    return 1 if SMS.search(text.lower()) else -1
