def label_spam(text):
    """SPAM on "check out" / "check it out" requests."""
    lowered = text.lower()
    return 1 if "check out" in lowered or "check it out" in lowered else -1
