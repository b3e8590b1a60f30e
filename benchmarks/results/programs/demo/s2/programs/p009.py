def label(text: str) -> int:
    # Define patterns for different classes
    pattern_other = r'[^a-zA-Z0-9\s]*'
    return -1
