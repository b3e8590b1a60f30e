import re


def label_sms(text: str) -> int:
    spam_keywords = ['URGENT', 'win', 'prize', 'GuarANTEED', 'call', 'claim', 'prize_code']
    
    if any(word in text for word in spam_keywords):
        return 1
    
    # Check for links
    link_pattern = re.compile(r'http[s]?://(?:[a-zA-Z]|[0-9]|[$-_@.&+]|[!*\\(\\),]|(?:%[0-9a-fA-F][0-9a-fA-F]))+')
    if link_pattern.search(text):
        return 1
    
    # Check for premium-rate numbers
    if re.match(r'\d{3}-\d{3}-\d{4}', text):
        return 1
    
    # Check for subscription offers
    if re.match(r'subscribe|subscription', text, re.IGNORECASE):
        return 1
    
    return -1
