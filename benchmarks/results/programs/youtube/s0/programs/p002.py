import re


def label_spam(text: str) -> int:
    if not text:
        return -1  # abstain when input is empty
    
    if 'linkbucks' in text.lower():
        return 1  # link spam
    
    if 'subscribe' in text.lower() or 'follow' in text.lower() or 'like' in text.lower():
        return 1  # request to subscribe/spoof
    
    if 'penny' in text.lower() and 'eminem' in text.lower():
        return 1  # advertising for Eminem
    
    if re.search(r'\b(terrance|thank you)\b', text, re.IGNORECASE):
        return 1  # request to subscribe/spoof
    
    if 'illness' in text.lower() and 'spread' in text.lower():
        return 1  # self-promotion/spoof
    
    if 'discover' in text.lower() and 'song' in text.lower():
        return 1  # link spam
    
    if re.search(r'\b(boobs)\b', text, re.IGNORECASE):
        return 1  # link spam
    
    if 'shuffled' in text.lower() and 'music':
        return 1  # self-promotion/spoof
    
    if 'video' in text.lower() or 'song' in text.lower():
        return 0  # genuine comment about the video, the song or the artist
    
    return -1  # abstain when no clear evidence is found
