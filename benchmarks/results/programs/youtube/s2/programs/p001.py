import re


def label_spam(text: str) -> int:
    if not text.strip():
        return -1
    
    # Check for advertising, links, or subscribe requests
    if (re.search(r'advertising', text.lower()) or
        re.search(r'link', text.lower()) or
        re.search(r'subscribe', text.lower())):
        return 1
    
    # Check for genuine comments about the video, song or artist
    else:
        return 0
