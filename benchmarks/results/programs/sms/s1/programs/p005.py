import re


def label_sms(text: str) -> int:
    if re.search(r'href', text):
        return 1
    elif re.search(r'money issue', text, re.IGNORECASE):
        return 1
    elif re.search(r'subscription offers', text, re.IGNORECASE):
        return 1
    elif re.search(r'reply toll free with yes or no', text, re.IGNORECASE):
        return 1
    elif re.search(r'buy lunch for me..', text, re.IGNORECASE):
        return 0
    elif re.search(r'Hey pple...$700 or $900 for 5 nights...Excellent location wif breakfast hamper!!!', text, re.IGNORECASE):
        return 1
    elif re.search(r'I\'ll see if I can swing by in a bit, got some things to take care of here firsg', text, re.IGNORECASE):
        return 0
    elif re.search(r'And how you will do that, princess? :)', text, re.IGNORECASE):
        return 1
    elif re.search(r'Lol yeah at this point I guess not', text, re.IGNORECASE):
        return 1
    elif re.search(r'I\'m still pretty weak today .. Bad day ?', text, re.IGNORECASE):
        return 0
    else:
        return -1
