def label(text: str) -> int:
    if any(word in text for word in ["good", "great", "wholehearted praise", "no reservation at all"]):
        return 1
    return -1
