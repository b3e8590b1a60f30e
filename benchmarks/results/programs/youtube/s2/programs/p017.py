import re


def label_spam(text: str) -> int:
    # Check for spam links
    if re.search(r'http[s]?://(?:[a-zA-Z]|[0-9]|[$-_@.&+]|[!*\\(\\),]|(?:%[0-9a-fA-F][0-9a-fA-F]))+', text):
        return 1
    
    # Check for subscribe requests
    if re.search(r'subscribe', text, re.IGNORECASE) or re.search(r'visit', text, re.IGNORECASE):
        return 1
    
    # Check for self-promotion or advertising phrases
    if re.search(r'advertising', text, re.IGNORECASE) or re.search(r'self-promotion', text, re.IGNORECASE):
        return 1
    
    # If no clear evidence of spam is found, check for specific keywords and patterns
    if 'spam' in text.lower() or 'advertisement' in text.lower():
        return 1
    
    # If no clear evidence of spam is found, check for specific words and phrases used by known spammers
    if any(word in text.lower() for word in ['check out', 'new mixtape', 'subscribe', 'donate']):
        return 1
    
    # If no clear evidence of spam is found, return HAM (0)
    return 0
