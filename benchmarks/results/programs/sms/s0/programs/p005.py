import re


def label_sms(text: str) -> int:
    spam_keywords = [
        'advertising', 'prize', 'lottery', 'premium-rate', 'subscription',
        'offer', 'guaranteed', 'call', 'land line', 'draw', 'code'
    ]
    
    ham_keywords = [
        'personal', 'message', 'thank you', 'best wishes', 'love', 
        'thank', 'praise', 'congratulations', 'hate', 'dislike', 
        'complains', 'request', 'offer', 'invite'
    ]
    
    spam_phrases = [
        "URGENT! ", "Congratulations YOU'VE Won. "
    ]
    
    ham_phrases = [
        "Hello lover! ", "Yup... How ü noe leh... ", 
        "Don't forget who owns you and who's private property you are ... And be my good boy always .. *passionate kiss* "
    ]
    
    spam_keywords_set = set(spam_keywords)
    ham_keywords_set = set(ham_keywords)
    
    spam_phrases_set = set(spam_phrases)
    ham_phrases_set = set(ham_phrases)
    
    if re.search('|'.join(spam_keywords), text.lower()) or re.search('|'.join(spam_phrases), text.lower()):
        return 1
    
    elif re.search('|'.join(ham_keywords), text.lower()) or re.search('|'.join(ham_phrases), text.lower()):
        return 0
    
    else:
        return -1
