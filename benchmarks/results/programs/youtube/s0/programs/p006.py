import re


def label_spam(text: str) -> int:
    # Check for advertising links
    if re.search(r'https?://[\w.-]+\.[\w]{2,}', text):
        return 1
    
    # Check for self-promotion or subscribe requests
    if re.search(r'SUBSCRIBE', text, re.IGNORECASE) or re.search(r'FORUM', text, re.IGNORECASE) or re.search(r'SUBSCRIBE TO', text, re.IGNORECASE) or re.search(r'SUBSCRIBED TO', text, re.IGNORECASE):
        return 1
    
    # Check for links to other videos
    if re.search(r'\bhttps?://[a-zA-Z0-9.-]+\.[\w]{2,}\b', text):
        return 1
    
    # Check for spam comments about the artist or song
    if any(word in text.lower() for word in ['rihanna', 'eminem', 'katy perry', 'old and good song']):
        return 1
    
    # If no clear evidence of spam, label as HAM
    return 0
