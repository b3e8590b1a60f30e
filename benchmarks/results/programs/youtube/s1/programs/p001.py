import re


def label_spam(text: str) -> int:
    spam_keywords = {
        'subscribe', 'visit', 'link', 'advertising', 'self-promotion',
        'eminem', 'nirvana', 'trust me'
    }
    
    if any(word in text for word in spam_keywords):
        return 1
    elif re.search(r'https?://', text) and not re.search(r'youtube\.', text):
        return 1
    elif re.search(r'subscribe', text, re.IGNORECASE):
        return 1
    elif re.search(r'visit', text, re.IGNORECASE):
        return 1
    elif re.search(r'link', text, re.IGNORECASE):
        return 1
    elif 'advertisement' in text or 'self-promotion' in text:
        return 1
    else:
        return 0
