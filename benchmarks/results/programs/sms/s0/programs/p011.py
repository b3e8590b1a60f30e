def label_sms(text: str) -> int:
    spam_keywords = ["prize", "lottery", "premium-rate", "subscription"]
    ham_keywords = ["ham", "personal message"]

    text = text.lower()

    if any(keyword in text for keyword in spam_keywords):
        return 1
    elif any(keyword in text for keyword in ham_keywords):
        return 0
    else:
        return -1
