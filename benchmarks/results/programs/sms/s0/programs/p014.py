import re


def label_sms(text: str) -> int:
    spam_keywords = [
        "free", "subscribe", "unsubscribe", "stop", "msgs@150p",
        "18+only", "prize", "lottery", "premium-rate"
    ]
    
    # Check if the text contains any of the spam keywords
    for keyword in spam_keywords:
        if keyword in text.lower():
            return 1
    
    # Check for specific patterns indicating spam or premium rate numbers
    if re.search(r'\b\d{3}\d{6}\d{2}\b', text):
        return 1
    
    # Check for subscription offers that appear to be from a well-known service
    if "your renewal Pin" in text.lower() and "www.bubbletext.com" in text.lower():
        return 1
    
    # Check for any other suspicious patterns or keywords
    for keyword in spam_keywords:
        if re.search(keyword + r'@', text, re.IGNORECASE):
            return 1
    
    # If none of the above conditions are met, assume it's a ham message
    return 0
