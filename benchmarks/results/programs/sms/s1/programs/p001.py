import re


def label_sms(text: str) -> int:
    # Define spam keywords
    spam_keywords = ["prize", "lottery", "premium-rate", "subscription offers", "urgent", "free"]

    # Check if the text contains any spam keyword
    for word in spam_keywords:
        if word in text.lower():
            return 1

    # Check for specific phrases that indicate spam
    if re.search(r"(?:[A-Z]\.)*\b[0-9]+\b", text):  # Example: $700 or $900
        return 1

    # If no spam keywords are found, abstain
    return -1
