import re


def label_sms(text: str) -> int:
    # Check for spam patterns using regular expressions
    if re.search(r'spam', text, re.IGNORECASE):
        return 1
    elif re.search(r'advertising', text, re.IGNORECASE):
        return 1
    elif re.search(r'prize', text, re.IGNORECASE):
        return 1
    elif re.search(r'lottery claims', text, re.IGNORECASE):
        return 1
    elif re.search(r'premium-rate numbers', text, re.IGNORECASE):
        return 1
    elif re.search(r'subscription offers', text, re.IGNORECASE):
        return 1
    else:
        # If no spam pattern is found, abstain from labeling
        return -1
