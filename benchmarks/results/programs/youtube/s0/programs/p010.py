def label_spam(text: str) -> int:
    spam_keywords = [
        "advertising", "links", "self-promotion", "subscribe",
        "request to subscribe", "visit a link", "subscriptor"
    ]
    
    ham_keywords = [
        "comment about the video", "song or artist", "genuine comment"
    ]
    
    for keyword in spam_keywords:
        if keyword.lower() in text.lower():
            return 1
    
    for keyword in ham_keywords:
        if keyword.lower() in text.lower():
            return 0
    
    # If no keyword matches, abstain
    return -1
