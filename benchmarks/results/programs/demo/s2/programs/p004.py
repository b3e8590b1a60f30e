def label(text: str) -> int:
    if "great" in text.lower() or "love" in text.lower():
        return 1
    else:
        return -1
