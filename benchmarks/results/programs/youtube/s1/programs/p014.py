import re


def label_spam(text: str) -> int:
    spam_keywords = {
        'subscribe', 'visit', 'link', 'advertising', 'self-promotion',
        'eminem', 'nirvana', 'trust me'
    }
    
    # Check if the text contains any of the spam keywords
    if any(word in text for word in spam_keywords):
        return 1
    
    # Check for URLs that are not from YouTube
    if re.search(r'https?://', text) and not re.search(r'youtube\.com', text):
        return 1
    
    # Check for specific patterns in the text
    if re.search(r'subscribe', text, re.IGNORECASE):
        return 1
    elif re.search(r'visit', text, re.IGNORECASE):
        return 1
    elif re.search(r'link', text, re.IGNORECASE):
        return 1
    
    # Check for patterns that indicate self-promotion or advertisement
    if 'advertisement' in text or 'self-promotion' in text:
        return 1
    
    # Check for specific words or phrases that indicate spam
    if any(word in text for word in [
        'check out', 'try out', 'sample', 'preview', 'download',
        'listen to', 'watch video', 'play music'
    ]):
        return 1
    
    # If none of the above conditions are met, return 0 (HAM)
    return 0
