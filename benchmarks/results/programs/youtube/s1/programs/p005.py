import re


def label_spam(text: str) -> int:
    keywords = [
        "subscribe", 
        "like", 
        "thank you", 
        "best rapper ever", 
        "new youtuber", 
        "minecraft", 
        "check out this playlist on youtube"
    ]
    
    phrases = [
        "EMINEM&lt;3",
        "EHI GUYS CAN YOU SUBSCRIBE IN MY CHANNEL? I AM A NEW YOUTUBER AND I PLAY  MINECRAFT THANKS GUYS!... SUBSCRIBE!",
        "LOVE IT!!!!!!!",
        "Subscribe I&#39;ll subscribe back",
        "mindblowing dance.,.,.superbbb song"
    ]
    
    for keyword in keywords:
        if re.search(keyword, text.lower()):
            return 1
    
    for phrase in phrases:
        if re.search(phrase, text.lower()):
            return 1
    
    return -1
