import re


def _label_sms_as_written(text: str) -> int:
    # Check for spam phrases
    if re.search(r'subscription', text, re.IGNORECASE):
        return 1
    
    if re.search(r'prize', text, re.IGNORECASE):
        return 1
    
    if re.search(r'mail', text, re.IGNORECASE):
        return 1
    
    if re.search(r'reward', text, re.IGNORECASE):
        return 1
    
    # Check for links
    if re.search(r'http[s]?://(?:[a-zA-Z]|[0-9]|[$-_@.&+]|[!*\\(\\),]|(?:%[0-9a-fA-F][0-9a-fA-F]))+', text, re.IGNORECASE):
        return 1
    
    # Check for premium-rate numbers
    if re.search(r'\+1', text, re.IGNORECASE):
        return 1
    
    if re.search(r'\(800\)', text, re.IGNORECASE):
        return 1
    
    if re.search(r'\(408\)', text, re.IGNORECASE):
        return 1
    
    # Check for phrases typical of spam
    if re.search(r'you will', text, re.IGNORECASE):
        return 1
    
    if re.search(r'will be', text, re.IGNORECASE):
        return 1
    
    if re.search(r'shortly', text, re.IGNORECASE):
        return 1
    
    # Check for phrases typical of spam
    if re.search(r'you get', text, re.IGNORECASE):
        return 1
    
    if re.search(r'give you', text, re.IGNORECASE):
        return 1
    
    if re.search(r'see', text, re.IGNORECASE):
        return 1
    
    # Check for phrases typical of spam
    if re.search(r'i knew', text, re.IGNORECASE):
        return 1
    
    return -1


def label_sms(text: str) -> int:
    """p006 with its class ids 0 and 1 exchanged: its dev votes were mostly wrong."""
    
    # Check for specific spam patterns
    if re.search(r'Tenerife Holiday', text, re.IGNORECASE):
        return 1
    
    if re.search(r'4* Tenerife Holiday', text, re.IGNORECASE):
        return 1
    return -1
