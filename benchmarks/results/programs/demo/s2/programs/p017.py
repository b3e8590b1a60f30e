import re


def label(text: str) -> int:
    positive_keywords = ['love', 'great', 'delighted', 'excellent', 'top', 'fantastic']
    negative_keywords = ['disappointed', 'worry', 'bad', 'sucks', 'boring', 'terrible']
    
    text = text.lower()
    
    if any(keyword in text for keyword in positive_keywords):
        return 1
    elif any(keyword in text for keyword in negative_keywords):
        return 0
    
    # Check for specific phrases or patterns that indicate a high rating
    if re.search(r'reviewed as \d+ stars', text) or re.search(r'five-star review', text):
        return 1
    
    # Check for low ratings
    elif re.search(r'not a very good blend', text) or re.search(r'strong enough that someone across a room could smell the onions', text):
        return 0
    
    # If no strong positive or negative indicators, return -1 (abstain)
    return -1
