import re


def label_sms(text: str) -> int:
    ham_pattern = r"(?i)ham"
    spam_pattern = r"(?i)(ads|prize|lottery|\$700|\$900)"
    
    if re.search(ham_pattern, text):
        return 0
    elif re.search(spam_pattern, text):
        return 1
    else:
        return -1
