import re


def label(text: str) -> int:
    # Look for explicit positive phrases
    if "great" in text.lower():
        return 1
    
    # Check for negative phrases or complaints
    if "but" in text.lower() or "however" in text.lower() or \
       "only" in text.lower() or "wish" in text.lower() or \
       "disappointment" in text.lower() or \
       "price" in text.lower() or "taste" in text.lower() or \
       "mild" in text.lower():
        return 0
    
    # Check for links to purchase information
    if re.search(r"http", text):
        return 0
    
    # Check for complaints about ingredients being out of order
    if "not in the first three ingredients" in text:
        return 0
    
    # Look for specific phrases indicating a poor experience
    if "shattered" in text.lower() or \
       "intelligently put in with everything else that was ordered" in text or \
       "was told getting the actual..." in text or \
       "Packing: the packing was good and not damaged." in text:
        return 0
    
    # Default to other if no clear positive or negative evidence
    return -1
