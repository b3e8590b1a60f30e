import re


def label_spam(text: str) -> int:
    keywords = [
        "subscribe", 
        "like", 
        "thank you", 
        "best rapper ever", 
        "new youtuber", 
        "minecraft"
    ]
    
    phrases = [
        "EMINEM&lt;3",
        "EHI GUYS CAN YOU SUBSCRIBE IN MY CHANNEL? I AM A NEW YOUTUBER AND I PLAY  MINECRAFT THANKS GUYS!... SUBSCRIBE!",
        "LOVE IT!!!!!!!",
        "Subscribe I&#39;ll subscribe back",
        "mindblowing dance.,.,.superbbb song"
    ]
    
    # Check for keywords
    if any(keyword in text.lower() for keyword in keywords):
        return 1
    
    # Check for phrases
    for phrase in phrases:
        if re.search(phrase, text.lower()):
            return 1
    
    # If no keywords or phrases are found, abstain (return -1)
    return -1
