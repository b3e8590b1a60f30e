def label(text: str) -> int:
    if any(word in text.lower() for word in ["disappointment", "only", "wish", "price", "taste", "mild tone", "ok", "good", "decent"]):
        return 0
    elif "best" or "wholehearted praise" or "no reservation" in text.lower():
        return 1
    else:
        return -1
