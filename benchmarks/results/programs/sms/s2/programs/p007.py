import re


def label_sms(text: str) -> int:
    spam_keywords = [
        "prize", "lottery", "exclusive", "free roses", "subscription offers",
        "premium-rate numbers", "call him now", "info", "text bak luv K"
    ]
    
    if any(word in text for word in spam_keywords):
        return 1
    elif re.search(r"no available spaces", text, re.IGNORECASE):
        return 1
    elif re.search(r"thank you", text, re.IGNORECASE):
        return 1
    else:
        return -1
