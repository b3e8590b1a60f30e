import re


def label_spam(text: str) -> int:
    spam_keywords = [
        "advertising", "links", "self-promotion", "subscribe",
        "follow", "twitter", "youtube"
    ]
    
    ham_keywords = [
        "genuine comment", "video", "song", "artist",
        "music", "fan", "read", "share", "likes", "donate", "money",
        "promote", "world", "population", "poor", "africa"
    ]
    
    if any(keyword.lower() in text.lower() for keyword in spam_keywords):
        return 1
    elif any(keyword.lower() in text.lower() for keyword in ham_keywords):
        return 0
    else:
        # Check if the input contains more than 5 words
        if len(re.findall(r'\b\w+\b', text)) > 5:
            return -1
        else:
            return 1
