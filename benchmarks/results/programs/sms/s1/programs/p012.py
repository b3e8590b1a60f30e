import re


def label_sms(text: str) -> int:
    # Rule 1: Spam if contains links (http or https)
    if re.search(r'http|https', text):
        return 1
    
    # Rule 2: Spam if contains the phrase "prize" or "lottery"
    if re.search(r'prize|lottery', text, re.IGNORECASE):
        return 1
    
    # Rule 3: Spam if contains "payee" and "ICICI"
    if re.search(r'payee ICICI', text, re.IGNORECASE):
        return 1
    
    # Rule 4: Spam if contains "urn" and URN (not sure what this means)
    if 'urn' in text:
        return 1
    
    # Rule 5: Spam if contains "visionsms" or "stop"
    if re.search(r'visionsms stop', text, re.IGNORECASE):
        return 1
    
    # Rule 6: Spam if contains "smashed on saturday night"
    if 'smashed on saturday night' in text:
        return 1
    
    # Rule 7: Ham if no other rule matches
    return 0
