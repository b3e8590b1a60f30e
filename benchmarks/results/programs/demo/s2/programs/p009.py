import re


def label(text: str) -> int:
    # Define the patterns for each class
    great_pattern = r'\bgreat\b'
    other_pattern = r'\b(other|bad|waste)\b|\bnot\s*buy\s*this\b|\bprice\s*or\s*taste\s*problem\b|\bno\s*returns\s*allowed\b|\blesson\s*learned\b|\bdirty\s+will\s+never\s+buy\b'
    
    # Check if the text matches any of the great patterns
    if re.search(great_pattern, text, re.IGNORECASE):
        return 1
    
    # Check if the text matches any of the other patterns
    elif re.search(other_pattern, text, re.IGNORECASE):
        return 0
    
    # If no clear evidence is found, abstain
    return -1
