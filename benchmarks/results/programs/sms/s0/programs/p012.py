import re


def label_sms(text: str) -> int:
    # Spam - contains links and "prize" or "offer"
    if re.search(r'http[s]?://(?:[a-zA-Z]|[0-9]|[$-_@.&+]|[!*\\(\\),]|(?:%[0-9a-fA-F][0-9a-fA-F]))+', text) and (re.search(r'prize|offer', text, re.IGNORECASE) or re.search(r'call\s+\d+', text)):
        return 1

    # Spam - contains "winning" or "guaranteed"
    if re.search(r'winning|guaranteed', text, re.IGNORECASE):
        return 1

    # Ham - no clear spam indicators
    return 0
