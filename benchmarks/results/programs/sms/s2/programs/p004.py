def label_sms(text: str) -> int:
    spam_keywords = ["prize", "offer", "exclusive", "call", "free", "roses", "info"]
    
    if any(keyword in text.lower() for keyword in spam_keywords):
        return 1
    
    ham_keywords = ["water", "coffee", "eat", "sleep", "play", "exercise", "read", "watch", "travel"]
    
    if all(keyword not in text.lower() for keyword in ham_keywords):
        return 0
    return -1
