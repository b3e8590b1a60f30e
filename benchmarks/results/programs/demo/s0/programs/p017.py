import re


def label(text: str) -> int:
    if "great" in text.lower() or "wholehearted praise" in text.lower():
        return 1
    elif any(word in text for word in ["good", "nice", "excellent", "amazing", "superb", "outstanding"]) and not re.search(r"(but|however|only|wish|disappointment|price|taste problem|mild tone)", text, re.IGNORECASE):
        return 1
    else:
        return -1
