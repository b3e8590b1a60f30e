import re


def label(text: str) -> int:
    patterns = [
        # Great reviews
        r"5 stars|wholehearted praise|no reservation at all",
        
        # Other reviews
        r"but|however|only|wish|disappointment|price|taste problem|mild tone",
        r"delivery was very fast but the jelly beans were loose in a box and were stale|I will never buy from this seller again"
    ]
    
    for pattern in patterns:
        if re.search(pattern, text, re.IGNORECASE):
            return 1
    
    return -1
