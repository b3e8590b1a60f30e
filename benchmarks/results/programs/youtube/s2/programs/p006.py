def label_spam(text: str) -> int:
    if 'subscribe' in text.lower() or 'visit' in text.lower():
        return 1
    elif 'advertising' in text.lower() or 'link' in text.lower():
        return 1
    elif 'self-promotion' in text.lower() or 'sub' in text.lower() or 'free fire' in text.lower():
        return 1
    elif 'genuine comment' not in text.lower():
        return -1
    else:
        return 0
