import re


def label_sms(text: str) -> int:
    if 'prize' in text.lower() or 'lottery' in text.lower():
        return 1
    
    if any(re.search(pattern, text) for pattern in ['URGENT!', 'free membership', '£', 'www.dbuk.net']):
        return 1
    
    if re.search(r'[0-9]+ T&C', text):
        return 1
    
    if 'premium' in text.lower() or 'subscription' in text.lower():
        return 1
    
    if any(re.search(pattern, text) for pattern in ['SMS', 'text', 'txt']):
        return 1
    
    if re.search(r'comin|feel', text):
        return 1
    
    if 'now' in text.lower() or 'later' in text.lower():
        return 1
    
    return -1
