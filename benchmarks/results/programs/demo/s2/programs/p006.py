import re


def label(text: str) -> int:
    if text.lower().startswith("great"):
        return 1
    
    if "report" in text or "false advertising" in text or "not found" in text:
        return -1
    
    # Links, phrasings typical of the other class
    if re.search(r'\bhttp[s]?://(?:[a-zA-Z]|[0-9]|[$-_@.&+]|[!*\\(\\),]|(?:%[0-9a-fA-F][0-9a-fA-F]))+', text):
        return -1
    
    if any(word in text.lower() for word in ["but", "however", "only", "wish", "disappointment", "price", "taste", "mild"]):
        return -1
    
    # Mixed or lukewarm
    if "lukewarm" in text.lower():
        return 0
    
    # Reserved or negative
    if "reserved" in text.lower() or "negative" in text.lower():
        return 0
    
    return -1
