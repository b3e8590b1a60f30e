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
    
    # Check if the text contains any spam keywords
    if any(keyword in text_lower for keyword in spam_keywords):
        return 1
    
    # Check if the text does not contain any ham keywords and does not contain suspicious words or patterns
    if all(keyword not in text_lower for keyword in ham_keywords) and \
       not any(word in text_lower for word in [
           "sex", "up", "mobile", "free", "sexy", "celeb", "pic", "tones",
           "tone", "network", "operator", "rates", "apply", "top up"
       ]):
        return 0
    
    # If neither category is detected, abstain
    return -1
