def label(text: str) -> int:
    if "great" in text.lower():
        return 1
    elif "love" in text.lower():
        return 1
    elif any("but" in t or "however" in t or "only" in t or "wish" in t or "disappointment" in t or "price" in t or "taste" in t for t in text.split()):
        return -1
    else:
        return 0
