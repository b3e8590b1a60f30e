import re


def label_spam(text: str) -> int:
    spam_keywords = [
        'subscribe',
        'link',
        'advertise',
        'self-promote',
        'ad',
        'commercial',
        'promotion'
    ]
    
    ham_keywords = [
        'video',
        'song',
        'artist',
        'music',
        'youtube',
        'dance',
        'baby',
        'new',
        'dedicated',
        'rapper',
        'post',
        'record',
        'edit',
        'improve'
    ]
    
    spam_text = re.search('|'.join(spam_keywords), text, re.IGNORECASE)
    ham_text = re.search('|'.join(ham_keywords), text, re.IGNORECASE)
    
    if spam_text:
        return 1
    elif ham_text:
        return 0
    else:
        return -1
