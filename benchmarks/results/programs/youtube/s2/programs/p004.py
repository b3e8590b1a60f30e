import re


def label_spam(text: str) -> int:
    if "advertisement" in text.lower():
        return 1
    elif "self-promotion" in text.lower() or "subscribe" in text.lower() or "request" in text.lower():
        return 1
    elif "link" in text.lower() and not re.search(r'\w*\.(jpg|jpeg|png|gif|mp4|avi|mkv)', text):
        return 1
    elif "youtube" in text.lower() and re.search(r'https?://(?:www\.)?youtube\.com/watch', text):
        return 0
    else:
        return -1
