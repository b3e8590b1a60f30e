def label(text: str) -> int:
    # General rules for 5-star reviews:
    if "love" in text.lower() and not any(word in text.lower() for word in ["but", "however", "only", "wish", "disappoint", "price", "taste", "mild"]):
        return 1
    else:
        return 0
