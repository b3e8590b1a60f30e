def label(text: str) -> int:
    words = text.lower().split()
    
    # Check for rare "great" phrases
    if 'excellent' in words or 'perfect' in words or 'amazing' in words:
        return 1
    return -1
