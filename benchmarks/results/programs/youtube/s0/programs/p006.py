import re


def label_spam(text: str) -> int:
    spam_keywords = [
        "advertising", "links", "self-promotion", "subscribe",
        "visit", "click", "buy", "download", "order", "pay"
    ]
    
    for keyword in spam_keywords:
        if re.search(keyword, text, re.IGNORECASE):
            return 1
    
    # Check for common spam patterns
    if "billion views" in text or "subscribe now" in text or "get it" in text:
        return 1
    
    # Check for long URLs and emails
    url_pattern = r'https?://\S+'
    email_pattern = r'\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Z|a-z]{2,}\b'
    
    if re.search(url_pattern, text) or re.search(email_pattern, text):
        return 1
    
    # Check for overly positive or negative language
    positive_keywords = [
        "great", "awesome", "amazing", "fantastic",
        "wonderful", "excellent", "top-notch"
    ]
    
    negative_keywords = [
        "terrible", "horrible", "awful", "disappointing",
        "poor", "bad", "lame", "fail"
    ]
    
    if any(keyword in text for keyword in positive_keywords) or \
       any(keyword in text for keyword in negative_keywords):
        return 1
    
    # No clear spam patterns found, abstain
    return -1
