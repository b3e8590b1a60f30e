def label_sms(text: str) -> int:
    spam_keywords = ['URGENT!', 'We are trying to contact', 'GuaranteED.', 'Call', 'Prize Code', 'Valid12hrs only']
    
    if any(keyword in text.lower() for keyword in spam_keywords):
        return 1
    return -1
