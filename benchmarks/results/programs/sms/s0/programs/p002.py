def label_sms(text: str) -> int:
    keywords = {
        "prize", "offer", "promo", "advertising",
        "subscription", "premium-rate", "call-back", "unlimited"
    }
    
    if any(keyword in text.lower() for keyword in keywords):
        return 1
    else:
        return -1
