import re


def label_sms(text: str) -> int:
    # Ham classes
    if re.search(r'prize', text, re.IGNORECASE):
        return 1
    elif re.search(r'subscription', text, re.IGNORECASE):
        return 1
    elif re.search(r'reward', text, re.IGNORECASE):
        return 1
    elif re.search(r'lucky', text, re.IGNORECASE):
        return 1
    elif re.search(r'offer', text, re.IGNORECASE):
        return 1
    elif re.search(r'lottery', text, re.IGNORECASE):
        return 1
    
    # Spam classes
    elif re.search(r'https?://', text, re.IGNORECASE):
        return 1
    elif re.search(r'\b[0-9]{6,}\b', text, re.IGNORECASE):  # Phone numbers
        return 1
    elif re.search(r'call', text, re.IGNORECASE):
        return 1
    elif re.search(r'send', text, re.IGNORECASE):
        return 1
    elif re.search(r'txt', text, re.IGNORECASE):
        return 1
    
    # Abstain when no clear evidence
    else:
        return -1
