def label_spam(text: str) -> int:
    spam_keywords = [
        "advertising", "links", "self-promotion", "subscribe",
        "follow", "twitter", "youtube"
    ]
    
    ham_keywords = [
        "genuine comment", "video", "song", "artist"
    ]
    
    if any(keyword.lower() in text.lower() for keyword in spam_keywords):
        return 1
    elif any(keyword.lower() in text.lower() for keyword in ham_keywords):
        return 0
    else:
        return -1
