import re


def label_sms(text: str) -> int:
    # Check if the text contains an HTTP link
    if "http" in text or "www" in text or "https" in text:
        return 1
    
    # Check for "call" and ensure it's not a premium-rate number
    if "call" in text and not ("@clubsaisai" in text or "paris.freetoroses2allladies" in text):
        return 1
    
    # Check for "exclusive@" or "clubsaisai"
    if "exclusive@" in text or "clubsaisai" in text:
        return 1
    
    # Check for "subscribe" keyword
    if "subscribe" in text:
        return 1
    
    # Check for the words and patterns used in spam messages
    if re.search(r'\b(bitch|bitching)\b', text, re.IGNORECASE):
        return 1
    
    if "prize" in text or "lottery" in text:
        return 1
    
    # Return -1 if no strong signals are found
    return -1
