def label_sms(text: str) -> int:
    # Spam keywords
    spam_keywords = ['prize', 'lottery', 'guaranteed', 'premium-rate', 'subscription offers']
    
    # Ham keywords
    ham_keywords = ['personal message', 'thank you', 'hello lover']
    
    # Check for spam keywords
    if any(keyword in text.lower() for keyword in spam_keywords):
        return 1
    
    # Check for ham keywords
    if all(keyword not in text.lower() for keyword in ham_keywords):
        return 0
    
    # Abstain if no clear evidence
    return -1
