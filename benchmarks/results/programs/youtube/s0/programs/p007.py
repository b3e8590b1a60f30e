import re


def label_spam(text: str) -> int:
    spam_keywords = ['advertising', 'links', 'self-promotion', 'subscribe', 'visit link']
    ham_keywords = ['genuine comment', 'video', 'song', 'artist']

    if any(word.lower() in spam_keywords for word in re.findall(r'\b\w+\b', text)):
        return 1
    elif any(word.lower() in ham_keywords for word in re.findall(r'\b\w+\b', text)):
        return 0
    else:
        return -1
