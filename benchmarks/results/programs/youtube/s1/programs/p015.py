import re


def label_spam(text: str) -> int:
    # Check for advertising links
    if re.search(r'https?://\S+', text):
        return 1
    
    # Check for spam phrases or words
    spam_phrases = [
        'advertising', 'subscribe', 'follow', 'twitter', 'youtube', 'link',
        'promote', 'self-promotion', 'commercial', 'advertise'
    ]
    
    if any(re.search(p, text.lower()) for p in spam_phrases):
        return 1
    
    # Check if the text looks like a comment about a song or artist
    if re.search(r'\b[^\w\s]+\b', text):
        return 0
    
    # Additional patterns to check for
    additional_patterns = [
        r'check out',
        r'click here',
        r'see this',
        r'try this',
        r'make money online'
    ]
    
    if any(re.search(p, text.lower()) for p in additional_patterns):
        return 0
    
    return -1
