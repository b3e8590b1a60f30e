def label_spam(text: str) -> int:
    if any(word.lower() in ['subscribe', 'link', 'advertisement'] for word in text.split()):
        return 1
    elif any(word.lower() in ['like', 'dislike', 'love', 'hate', 'thumbs up', ' thumbs down'] for word in text.split()):
        return 0
    else:
        return -1
