def label_sms(text: str) -> int:
    spam_keywords = ['exclusive', 'club', 'sale', 'special', 'lottery', 'prize', 'free', 'roses']
    ham_keywords = ['personal', 'message', 'call', 'check', 'space', 'embassy', 'mail', 'swimming']

    for keyword in spam_keywords:
        if keyword.lower() in text.lower():
            return 1

    for keyword in ham_keywords:
        if keyword.lower() in text.lower():
            return 0

    # If no keywords match, abstain (return -1)
    return -1
