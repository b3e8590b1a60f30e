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
        # Check for specific keywords indicating spam or ham
        if 'subscribe' in text.lower() or 'link' in text.lower():
            return 1
        elif 'advertise' in text.lower() or 'self-promote' in text.lower():
            return 1
        elif 'ad' in text.lower() or 'commercial' in text.lower() or 'promotion' in text.lower():
            return 1
        # Check for specific patterns indicating spam or ham
        elif re.search(r'\bCHECK OUT\b', text, re.IGNORECASE):
            return 1
        elif re.search(r'\bSHAME ON\b', text, re.IGNORECASE):
            return 1
        elif re.search(r'\bTERRORIST\b', text, re.IGNORECASE):
            return 1
        # Otherwise, abstain from labeling as spam or ham
        else:
            return -1
