import re


def label_spam(text: str) -> int:
    if "subscribe" in text or "please subscribe" in text:
        return 1
    
    if "check out" in text and ":)" not in text:
        return 1
    
    if "if eminem gets 1 penny per view he would have 600 million dollars" in text:
        return 1
    
    if re.search(r"\ufeff", text):
        return 1
    return -1
