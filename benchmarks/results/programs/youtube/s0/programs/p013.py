import re


def label_spam(text: str) -> int:
    # Define spam keywords/phrases
    spam_keywords = [
        'advertisement',
        'link',
        'self-promotion',
        'subscribe',
        'visit link'
    ]
    
    # Check for any spam keywords in the text (case-insensitive)
    if any(keyword.lower() in text.lower() for keyword in spam_keywords):
        return 1  # Spam
    
    # Define common patterns that indicate spam
    spam_patterns = [
        r'click here',
        r'https?:\/\/.*?\.com',
        r'join me',
        r'subscribe now',
        r'upgrade to premium'
    ]
    
    # Check for any of the patterns in the text (case-insensitive)
    if any(re.search(pattern, text.lower()) for pattern in spam_patterns):
        return 1  # Spam
    
    # If no spam keywords or patterns are found, label as HAM
    return 0
