import re


def label_sms(text: str) -> int:
    if "http" in text or "www" in text or "https" in text:
        return 1
    if "call" in text and not ("@clubsaisai" in text or "paris.freetoroses2allladies" in text):
        return 1
    if "exclusive@" in text or "clubsaisai" in text:
        return 1
    if "subscribe" in text:
        return 1
    if re.search(r'\b(bitch|bitching)\b', text, re.IGNORECASE):
        return 1
    if "prize" in text or "lottery" in text:
        return 1
    return 0
