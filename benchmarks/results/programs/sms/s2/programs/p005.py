spam_keywords = {
    "exclusive@clubsaisai",
    "lottery claims",
    "premium-rate numbers",
    "subscription offers"
}


ham_keywords = {
    "personal message",
    "ordinary text",
    "water daily",
    "go for it",
    "missin him"
}


def label_sms(text: str) -> int:
    text_lower = text.lower()
    
    if any(keyword in text_lower for keyword in spam_keywords):
        return 1
    
    if all(keyword not in text_lower for keyword in ham_keywords):
        return 0
    
    # If neither category is detected, abstain
    return -1
