import re


def label_sms(text: str) -> int:
    # Check for spam phrases using regular expressions
    if re.search(r'spam', text, re.IGNORECASE):
        return 1
    
    # Check for ham phrases
    elif re.search(r'ham', text, re.IGNORECASE):
        return 0
    
    # Abstain when no clear evidence is found
    else:
        return -1
