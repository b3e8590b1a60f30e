import re


def label_sms(text: str) -> int:
    # List of keywords and phrases that are typical of spam
    spam_keywords = [
        "unwanted commercial or fraudulent message",
        "prize or lottery claims",
        "premium-rate numbers",
        "subscription offers",
        "tool",
        "rupaul show"
    ]
    
    # Check if any spam keyword is in the text (case-insensitive)
    for keyword in spam_keywords:
        if re.search(keyword, text.lower()):
            return 1
    
    # If no spam keywords are found, check if it's a personal message
    ham_pattern = r"[^A-Za-z\s]"
    if re.search(ham_pattern, text):
        return 0
    
    # Default case: abstain
    return -1
