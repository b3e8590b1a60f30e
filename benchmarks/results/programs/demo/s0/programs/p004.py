import re


def label(text: str) -> int:
    if any(word.lower() in text for word in ["good", "great", "love", "delightful", "fantastic", "amazing", "wonderful", "superb", "phenomenal"]):
        return 1
    elif re.search(r"\b(mild|okay|ok|decent)\b", text, re.IGNORECASE):
        return -1
    else:
        return 0
