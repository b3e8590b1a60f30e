def label(text: str) -> int:
    if "great" in text.lower():
        return 1
    elif "other" in text.lower() or not any(word.isdigit() for word in text.split()):
        return -1
    else:
        return 0
