HAM_KEYWORDS = ['like', 'extraordinary', 'moneygq.com', 'subscribe', 'playlist', 'cruz supat']


SPAM_KEYWORDS = ['advertising', 'links', 'self-promotion']


def label_spam(text: str) -> int:
    # Convert text to lowercase for case-insensitive matching
    lower_text = text.lower()
    
    # Check if the text contains any of HAM keywords or phrases
    if any(keyword in lower_text for keyword in HAM_KEYWORDS):
        return 0
    
    # Check if the text contains any of SPAM keywords or phrases
    elif any(keyword in lower_text for keyword in SPAM_KEYWORDS):
        return 1
    
    # If no clear evidence, abstain by returning -1
    else:
        return -1
