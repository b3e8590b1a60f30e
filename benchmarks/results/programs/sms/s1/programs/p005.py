def label_sms(text: str) -> int:
    spam_keywords = ['prize', 'lottery', 'offer', 'subscription', 'guaranteed', 'landline', 'premium-rate']
    ham_keywords = ['personal message', 'ordinary', 'funny', 'joking', 'entertaining', 'amusing']
    
    spam_phrases = ['Congratulations!', 'Free delivery!', 'Call now!', 'URGENT!', 'Valid only!']
    ham_phrases = ['Thank you!', 'You are welcome!', 'Happy to help!', 'Your message has been received.']
    
    text = text.lower()
    
    for keyword in spam_keywords:
        if keyword in text:
            return 1
    for keyword in ham_keywords:
        if keyword in text:
            return 0
    
    for phrase in spam_phrases:
        if phrase in text:
            return 1
    for phrase in ham_phrases:
        if phrase in text:
            return 0
    
    # Abstain if no clear evidence
    return -1
