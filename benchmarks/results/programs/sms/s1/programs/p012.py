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
        # Additional check for specific words or patterns that might indicate spam
        if "urgent" in text.lower():
            return 1
        elif "text in now" in text.lower() or "txtin" in text.lower():
            return 1
        elif "order instructions" in text.lower() or "instructions" in text.lower():
            return 1
        else:
            return -1
