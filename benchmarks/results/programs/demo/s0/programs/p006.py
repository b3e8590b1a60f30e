def label(text: str) -> int:
    # Check for 5-star reviews using regular expressions
    if 'great' in text or 'excellent' in text:
        return 1
    
    # Check for negative reviews using regular expressions
    if 'bad' in text or 'worse' in text or 'horrible' in text:
        return -1
    
    return 0
