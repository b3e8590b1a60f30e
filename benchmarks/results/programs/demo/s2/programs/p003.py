def label(text: str) -> int:
    if "tasty" in text.lower() and "but" not in text.lower():
        return 1
    elif "good" in text.lower() or "great" in text.lower():
        return 1
    elif "disappointing" in text.lower():
        return 0
    elif "not worth it" in text.lower():
        return 0
    elif any(word in text.lower() for word in ["cheap", "expensive", "price", "taste", "sweet"]):
        return 0
    else:
        return -1
