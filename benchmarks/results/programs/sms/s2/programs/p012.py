import re


def label_sms(text: str) -> int:
    ham_pattern = r'(ham|personal message)'
    spam_pattern = r'(spam|unsolicited commercial|fraudulent message|premium-rate numbers|subscription offers)'
    
    if re.match(ham_pattern, text):
        return 0
    elif re.match(spam_pattern, text):
        return 1
    else:
        return -1
