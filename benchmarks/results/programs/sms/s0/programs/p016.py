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
    
    # Additional checks for specific patterns in the SMS text
    if "text" in text.lower():
        if any(p in text.lower() for p in ["lions", "england", "tone", "mono", "poly"]):
            return 1
    
    if re.search(r"your credits have been topped up", text.lower()):
        return 1
    
    # Default case: abstain
    return -1
