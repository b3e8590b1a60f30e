import re


def label(text: str) -> int:
    # Define the patterns for each rating category
    great_pattern = r'(\b5\b|\bvery good\b|extremely good|top-notch)'
    other_pattern = r'(\b4\b|\b3\b|\b2\b|\b1\b|\bbad\b|poor|terrible|not worth it|disappointing|pricey|tasteless|weak|unacceptable)'
    
    # Check for great reviews
    if re.search(great_pattern, text):
        return 1
    
    # Check for other reviews
    elif re.search(other_pattern, text):
        return 0
    
    # Abstain when no clear evidence can be found
    else:
        return -1
