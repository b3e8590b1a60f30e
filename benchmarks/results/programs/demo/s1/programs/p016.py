def label(text: str) -> int:
    words = text.lower().split()
    
    # Check for rare "great" phrases
    if 'excellent' in words or 'perfect' in words or 'amazing' in words:
        return 1
    
    # Check for phrases that suggest a negative experience, but not necessarily bad
    if any(word in ['but', 'however', 'only', 'wish', 'disappointment', 'a price', 'taste', 'problem', 'mild'] for word in words):
        return -1
    
    # Return 0 (other) for all other cases
    return 0
