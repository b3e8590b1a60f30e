import re


def label_spam(text: str) -> int:
    spam_keywords = [
        'advertising', 'links', 'self-promotion', 'subscribe', 'visit'
    ]
    
    for keyword in spam_keywords:
        if keyword.lower() in text.lower():
            return 1
    
    # Check for specific patterns that are more common on YouTube
    if re.search(r'hopme click here', text):
        return 1
    
    # Check for strong keywords that indicate advertising or self-promotion
    if re.search(r'click here|pay for', text):
        return 1
    
    # If no spam keywords found, assume the comment is ham
    return 0
