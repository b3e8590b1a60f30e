def label_spam(text: str) -> int:
    if 'advertising' in text.lower() or 'subscribe' in text.lower():
        return 1
    elif 'link' in text.lower():
        return 1
    elif 'self-promotion' in text.lower():
        return 1
    elif 'top comments' in text.lower():
        return 1
    else:
        return 0
