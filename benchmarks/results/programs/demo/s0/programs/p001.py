def label(text: str) -> int:
    if any(word in text.lower() for word in ["disappointment", "but", "however", "only", "wish"]):
        return 0
    elif "love" in text or "great" in text or "wholehearted praise" in text or "no reservation at all" in text:
        return 1
    else:
        return -1
