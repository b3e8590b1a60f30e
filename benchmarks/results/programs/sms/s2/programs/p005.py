import re


spam_keywords = ["offer", "prize", "auction", "subscribe", "win", "free"]


ham_keywords = ["personal message", "regular communication", "work-related information"]


def label_sms(text: str) -> int:
    text = text.lower()
    
    for keyword in spam_keywords:
        if re.search(keyword, text):
            return 1
    
    for keyword in ham_keywords:
        if re.search(keyword, text):
            return 0
    
    return -1
