def label_spam(text):
    """SPAM when most letters are capitals in a long comment (shouting ads)."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 20 and sum(c.isupper() for c in letters) / len(letters) > 0.6:
        return 1
    return -1
