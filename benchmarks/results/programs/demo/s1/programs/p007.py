def label(text: str) -> int:
    if any(word in text.lower() for word in ["but", "however", "only", "wish", "disappointment", "price", "taste", "mild"]):
        return 0
    elif text.strip().endswith("I am a Teavana tea freak"):
        return 1
    else:
        return -1
