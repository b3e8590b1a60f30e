import re


def label_sms(text: str) -> int:
    ham_pattern = r'(ham|normal)'
    spam_pattern = r'(spam|commercial|advertising|prize|lottery|premium-rate|subscription|offer|exclusive|free)'
    
    if re.search(ham_pattern, text):
        return 0
    elif re.search(spam_pattern, text):
        return 1
    else:
        return -1
