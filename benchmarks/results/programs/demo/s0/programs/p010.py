def label(text: str) -> int:
    if any(word in text for word in ["great", "love", "like"]):
        return 1
    elif any(word in text for word in ["good", "ok", "decent", "wonderful", "amazing"]):
        return 1
    elif any(word in text for word in ["disappoint", "but", "however", "only", "wish", "price", "taste"]):
        return 0
    else:
        return -1
