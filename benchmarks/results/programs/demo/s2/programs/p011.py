def label(text: str) -> int:
    positive_keywords = ['love', 'great', 'delighted', 'excellent', 'top', 'fantastic']
    negative_keywords = ['disappointed', 'worry', 'bad', 'sucks', 'boring', 'terrible']
    
    text = text.lower()
    
    if any(keyword in text for keyword in positive_keywords):
        return 1
    elif any(keyword in text for keyword in negative_keywords):
        return 0
    else:
        return -1
