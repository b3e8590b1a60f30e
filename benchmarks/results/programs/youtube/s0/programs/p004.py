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
    
    # If no spam keywords are found, label as HAM
    return 0
