def label_spam(text: str) -> int:
    keywords = {'subscribe', 'follow', 'link', 'advertise', 'self-promote', 'spam'}
    phrases = {'http://www.twitch.tv', '!5800', '#powerofthegreat'}
    
    for keyword in keywords:
        if keyword.lower() in text.lower():
            return 1
    
    for phrase in phrases:
        if phrase.lower() in text.lower():
            return 1
    
    return -1
