import re


def label_sms(text: str) -> int:
    # Check for commercial offer or prize claim
    if "prize" in text.lower() or "offer" in text.lower():
        return 1
    
    # Check for spam phrases using regex
    spam_phrases = [
        r"\b[0-9]{3}\b",  # Phone number with area code
        r"\b\d{4}-\d{4}",  # Four-digit phone number without area code
        r"urgent\b",  # Urgent message
        r"[A-Z][.]\s[A-Z]",  # Two capital letters separated by a period
        r"won\s*\d+",  # Winning a prize or cash amount
    ]
    
    for phrase in spam_phrases:
        if re.search(phrase, text):
            return 1
    
    # Check if the text contains any obvious indications of being unsolicited
    if "scream" in text.lower() and "moan" in text.lower():
        return 1
    
    # Check if the text mentions a premium-rate number or subscription offer
    if "premium" in text.lower() or "subscription" in text.lower():
        return 1
    
    # Check for suspicious keywords that might indicate spam but are too vague to classify as spam
    suspicious_keywords = [
        "urgent",
        "convinced",
        "convincing",
        "sex up ur mobile"
    ]
    
    if any(keyword in text.lower() for keyword in suspicious_keywords):
        return 1
    
    # If none of the above conditions are met, classify as ham
    return 0
