def label_spam(text: str) -> int:
    if 'subscribe' in text.lower() or 'request' in text.lower():
        return 1
    elif 'advertising' in text.lower() or 'link' in text.lower():
        return 1
    elif 'self-promotion' in text.lower() or 'self promotion' in text.lower():
        return 1
    elif 'like you' in text.lower():
        return 0
    elif 'subscribe' in text.lower():
        return 0
    else:
        return -1
