import re


def label_sms(text: str) -> int:
    spam_keywords = [
        "advertising", "prize", "lottery", "premium-rate", "subscription",
        "draw", "guaranteed", "call", "landline", "claim", "code"
    ]

    if any(keyword.lower() in text.lower() for keyword in spam_keywords):
        return 1
    elif re.search(r"[\d+\.\s]+kg", text) or re.search(r"[0-9]+\K\w+", text):
        return 1
    elif re.search(r"\bhello\b.*love\b", text, re.IGNORECASE):
        return 1
    elif re.search(r"[\d+\.\s]+km\s+lost", text):
        return 1
    elif re.search(r"[A-Z]+\W+[0-9]{4}\W*[A-Z]", text):
        return 1
    else:
        return 0
