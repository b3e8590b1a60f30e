def label_spam(text):
    """SPAM when the comment asks people to subscribe."""
    return 1 if "subscri" in text.lower() else -1
