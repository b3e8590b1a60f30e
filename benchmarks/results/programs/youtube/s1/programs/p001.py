def label_spam(text: str) -> int:
    spam_keywords = ["advertising", "links", "self-promotion", "subscribe", "visit"]
    if any(keyword in text.lower() for keyword in spam_keywords):
        return 1
    else:
        return -1
