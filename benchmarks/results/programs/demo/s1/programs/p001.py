def label(text: str) -> int:
    if "no expert" in text or "love using" in text or "grade by how it tastes to me" in text:
        return 1
    elif any(word in text for word in ["but", "however", "only", "wish", "disappointment", "price", "taste problem", "mild tone"]):
        return -1
    else:
        return 0
