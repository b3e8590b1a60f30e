def label_sms(text: str) -> int:
    spam_keywords = ['exclusive', 'lottery', 'prize', 'claim', 'offer', 'subscription', 'premium-rate', 'urgent', 'urgent', 'urgent', 'urgent']
    
    if any(keyword in text.lower() for keyword in spam_keywords):
        return 1
    else:
        return -1
