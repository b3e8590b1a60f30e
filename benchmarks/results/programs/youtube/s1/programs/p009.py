import re


def label_spam(text: str) -> int:
    # Link detection using regular expression
    if re.search(r'http[s]?://(?:[a-zA-Z]|[0-9]|[$-_@.&+]|[!*\\(\\),]|(?:%[0-9a-fA-F][0-9a-fA-F]))+', text):
        return 1
    
    # Promotional phrases detection
    promotional_phrases = [
        'subscribe', 
        'donate', 
        'purchase', 
        'buy now', 
        'visit website',
        'follow us'
    ]
    for phrase in promotional_phrases:
        if phrase in text.lower():
            return 1
    
    # Fan interaction detection
    fan_interaction = [
        'fan of you', 
        'love you', 
        'big fan of you', 
        'i love you', 
        'you and i'
    ]
    for phrase in fan_interaction:
        if phrase in text.lower():
            return 1
    
    # Video-specific phrases
    video_specific_phrases = [
        'party rock due and duel', 
        'Hi guys ! ! Check Out My Remixes ! ! Thanx You&#39;re Great ! ! SWAG ! !', 
        'Lol check out my chanell and subscribe please i want 5000 subs thats it im nearly their now',
        'i am a big fan of you and i love you'
    ]
    for phrase in video_specific_phrases:
        if phrase.lower() in text.lower():
            return 1
    
    # If none of the above conditions are met, assume the comment is Ham
    return 0
