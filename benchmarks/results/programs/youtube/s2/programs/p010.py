def label_spam(text: str) -> int:
    spam_keywords = ['advertising', 'links', 'self-promotion', 'subscribe', 'link']
    ham_keywords = [
        'comment', 'video', 'song', 'artist', 'genuine',
        'youtube', 'music', 'pop', 'live', 'perform', 'record', 'edit', 'post'
    ]
    
    spam_words = [word for word in text.lower().split() if word in spam_keywords]
    ham_words = [word for word in text.lower().split() if word in ham_keywords]
    
    if len(spam_words) > 0 and len(ham_words) == 0:
        return 1
    elif len(ham_words) > 0 and len(spam_words) == 0:
        return 0
    else:
        return -1
