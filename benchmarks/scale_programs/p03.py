def label_spam(text):
    """SPAM when the comment points to the writer's own channel or video."""
    lowered = text.lower()
    return 1 if "my channel" in lowered or "my video" in lowered else -1
