def label_sms(text: str) -> int:
    spam_keywords = [
        "prize", "lottery", "premium-rate", "subscription",
        "offer", "spam", "advertise"
    ]
    
    ham_keywords = [
        "personal", "message", "greeting", "reply", "toll-free",
        "help", "ask", "thank", "welcome", "goodbye", "love",
        "smile", "cheer", "excited", "happy", "sad", "neutral"
    ]
    
    spam_matches = any(word in text.lower() for word in spam_keywords)
    ham_matches = any(word in text.lower() for word in ham_keywords)
    
    if spam_matches:
        return 1
    elif ham_matches:
        return 0
    else:
        return -1
