import re


def label_sms(text: str) -> int:
    spam_keywords = [
        "advertising",
        "prize",
        "lottery claims",
        "premium-rate numbers",
        "subscription offers"
    ]

    for keyword in spam_keywords:
        if re.search(keyword, text, re.IGNORECASE):
            return 1

    # Check for links
    if re.search(r'\bhttps?://\S+', text):
        return 1

    # Check for phone numbers
    if re.search(r'\b\d{3}-\d{3}-\d{4}\b', text):
        return 1

    if re.search(r'\b\d{2}:\d{2}\b', text):
        return 1

    return -1
