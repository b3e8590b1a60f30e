import re


def label_sms(text: str) -> int:
    if 'http' in text.lower():
        return 1
    
    spam_patterns = [
        r'URGENT!!', r'FREE for 1st week!', r'No1 Nokia tone', r'NOKIA to 8007',
        r'Your 4* Costa Del Sol Holiday or £5000 await collection.',
        r'Call 09050090044 Now toClaim.', r'SAE, TC s, POBox334, Stockport, SK38xh, Cost£1.50/pm',
        r'Free Top ringtone -sub to weekly ringtone-get 1st week free-send SUBPOLY to 81618-?3 per week-stop sms-08718727870',
    ]
    
    for pattern in spam_patterns:
        if re.search(pattern, text):
            return 1
    
    return -1
