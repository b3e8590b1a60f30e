def label_spam(text: str) -> int:
    spam_keywords = [
        'advertising', 'links', 'self-promotion', 'subscribe', 'visit'
    ]
    
    for keyword in spam_keywords:
        if keyword.lower() in text.lower():
            return 1
    
    # If no spam keywords found, assume the comment is ham
    return 0
