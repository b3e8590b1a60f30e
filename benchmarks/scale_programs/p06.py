def label_spam(text):
    """HAM for short comments without links: reactions to the song."""
    lowered = text.lower()
    if len(lowered.split()) <= 5 and "http" not in lowered:
        return 0
    return -1
