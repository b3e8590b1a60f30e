import re


def label_spam(text: str) -> int:
    # Check for spam links
    if re.search(r'http[s]?://(?:[a-zA-Z]|[0-9]|[$-_@.&+]|[!*\\(\\),]|(?:%[0-9a-fA-F][0-9a-fA-F]))+', text):
        return 1
    
    # Check for advertising phrases
    if re.search(r'advertising|buy|sell|link', text, re.IGNORECASE):
        return 1
    
    # Check for self-promotion or subscribe requests
    if re.search(r'subscribe|like|follow', text, re.IGNORECASE):
        return 1
    
    # Check for links to videos by a specific artist
    if re.search(r'from\s+(Rihanna|Katy Perry)', text, re.IGNORECASE):
        return 1
    
    # Check for mentions of the song name
    if re.search(r'\b(Rihanna|Katy Perry)\b', text, re.IGNORECASE):
        return 1
    
    # No clear evidence of spam
    return -1
