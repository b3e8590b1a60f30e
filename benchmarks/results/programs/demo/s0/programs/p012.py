import re


def label(text: str) -> int:
    # Match phrases that suggest a great review (5 stars)
    if re.search(r'great|love|superb|excellent', text, re.IGNORECASE):
        return 1
    
    # Check for complaint or reservation phrase
    if re.search(r'but|however|only|wish|disappointment|price|taste|mild tone', text, re.IGNORECASE):
        return 0
    
    # Default to abstaining (no clear evidence)
    return -1
