import re


def label_spam(text: str) -> int:
    # Check if the text contains a link (http(s))
    if re.search(r'http[s]?://', text):
        return 1
    
    # Check for advertisement or subscribe request phrase
    if any(word in text.lower() for word in ['subscribe', 'please', 'thank you', 'visit']):
        return 1
    
    # Check if the text contains a song title or artist name
    if any(word in text.lower() for word in ['song', 'artist']):
        return 0
    
    # If none of the above conditions are met, abstain
    return -1
