def label_sms(text: str) -> int:
    spam_keywords = [
        "free", "subscribe", "unsubscribe", "stop", "msgs@150p",
        "18+only", "prize", "lottery", "premium-rate"
    ]
    
    if any(keyword in text.lower() for keyword in spam_keywords):
        return 1
    else:
        return 0
