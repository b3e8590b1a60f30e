import re


def label_sms(text: str) -> int:
    spam_patterns = [
        r'http\:\/\/.*',  # Links
        r'call[ \t]+now',  # Premium-rate number or call now
        r'subscribe',  # Subscription offer or promotion
        r'red roses',  # Prize or lottery claims
        r'text bak luv K',  # Unsolicited commercial message
        r'Exclusive@CLUBSAISAI',  # Unsolicited commercial message with a URL
        r'SOIREE SPECIALE ZOUK WITH NICHOLS FROM PARIS.FREE ROSES 2 ALL LADIES !!! info:.*',  # Premium-rate number or call now
    ]
    
    for pattern in spam_patterns:
        if re.search(pattern, text):
            return 1
    
    return -1
