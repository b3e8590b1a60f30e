import re


def label_sms(text: str) -> int:
    spam_patterns = [
        r'\b(sale|offer)\b',
        r'\b(buy|buying)\b',
        r'\b(purchase|purchasing)\b',
        r'\b(lottery|prize)\b',
        r'\b(coupon|discount)\b',
        r'\b(advertise|promote)\b',
        r'\b(subscribe)\b',
        r'\b(reward)\b',
        r'\b(exchange)\b'
    ]
    
    ham_patterns = [
        r'^\w+!$',
        r'^(thank you|thanks)$',
        r'^(welcome|hi)$',
        r'^(please|can)$',
        r'^(help|support)$',
        r'^(why)$',
        r'^(where)\b',
        r'^(how)\b'
    ]
    
    for pattern in spam_patterns:
        if re.search(pattern, text):
            return 1
    
    for pattern in ham_patterns:
        if re.search(pattern, text):
            return 0
    
    # If no clear evidence is found, abstain
    return -1
