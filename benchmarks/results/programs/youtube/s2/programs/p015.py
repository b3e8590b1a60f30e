HAM_KEYWORDS = ['good', 'great', 'love', 'awesome', 'beautiful', 'fantastic', 'excellent']


SPAM_KEYWORDS = ['subscribe', 'advertising', 'link', 'self-promotion', 'commercial']


def label_spam(text: str) -> int:
    text_lower = text.lower()
    
    # Check if the comment contains any spam keywords
    if any(word in text_lower for word in SPAM_KEYWORDS):
        return 1
    
    # Check if the comment contains any HAM keywords
    elif any(word in text_lower for word in HAM_KEYWORDS):
        return 0
    
    # If neither, consider the comment as neutral (abstain)
    else:
        return -1
