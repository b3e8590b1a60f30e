import re


def label_spam(text: str) -> int:
    # Check for links (common spam indicator)
    if re.search(r'http[s]?://(?:[a-zA-Z]|[0-9]|[$-_@.&+]|[!*\\(\\),]|(?:%[0-9a-fA-F][0-9a-fA-F]))+', text):
        return 1
    
    # Check for advertising phrases (common spam indicators)
    if re.search(r'\b\w+\s+http[s]?://(?:[a-zA-Z]|[0-9]|[$-_@.&+]|[!*\\(\\),]|(?:%[0-9a-fA-F][0-9a-fA-F]))+', text):
        return 1
    
    # Check for self-promotion or subscribe requests (common spam indicators)
    if re.search(r'subscribe\s*to\s*', text, re.IGNORECASE) or re.search(r'get\s*subscription', text, re.IGNORECASE):
        return 1
    
    # Check for dance-related phrases (common spam indicators)
    if re.search(r'\bdance\b', text, re.IGNORECASE):
        return 1
    
    # No clear evidence of spam
    return -1
