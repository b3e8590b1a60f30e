import re


def label(text: str) -> int:
    # Other class (1 to 4 stars, mixed, lukewarm, reserved or negative)
    if re.search(r'\b(?:very good|great)\b', text):
        return 1
    
    # No clear evidence: a function that abstains often but is right when it votes is better
    return -1
