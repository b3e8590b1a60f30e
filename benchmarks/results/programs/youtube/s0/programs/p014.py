HAM_KEYWORDS = {'love', 'good', 'music', 'all', 'love', 'Katy Perry', 'party rock'}


SPAM_KEYWORDS = {'advertising', 'links', 'self-promotion', 'subscribe', 'visit'}


def label_spam(text: str) -> int:
    text_lower = text.lower()
    
    # Check for common spam keywords
    if any(keyword in text_lower for keyword in SPAM_KEYWORDS):
        return 1
    
    # Check for comments about the video or artist
    if any(keyword in text_lower for keyword in HAM_KEYWORDS):
        return 0
    
    # If no clear evidence, abstain
    return -1
