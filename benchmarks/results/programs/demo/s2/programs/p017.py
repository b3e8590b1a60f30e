def label(text: str) -> int:
    # List of keywords for "great" reviews
    great_keywords = [
        "love", "excellent", "amazing", "delicious", "top-notch", "fantastic", "superb",
        "outstanding", "unforgettable", "wholehearted praise"
    ]
    
    # List of keywords for "other" reviews
    other_keywords = [
        "not sure", "wonderful", "disappointed", "bad", "horrible", "poor", "mediocre",
        "terrible", "awful", "terrible", "poor"
    ]
    
    # Convert text to lowercase and split into words
    words = text.lower().split()
    
    # Count occurrences of keywords in both lists
    great_count = sum(1 for word in words if word in great_keywords)
    other_count = sum(1 for word in words if word in other_keywords)
    
    # Check for strong positive and negative phrases
    strong_positive_phrases = [
        "love", "excellent", "amazing", "delicious", "top-notch", "fantastic", "superb",
        "outstanding", "unforgettable"
    ]
    strong_negative_phrases = [
        "not sure", "wonderful", "disappointed", "bad", "horrible", "poor", "mediocre",
        "terrible", "awful", "terrible", "poor"
    ]
    
    # Check for positive and negative words
    positive_words = [
        "love", "excellent", "amazing", "delicious", "top-notch", "fantastic", "superb",
        "outstanding", "unforgettable"
    ]
    negative_words = [
        "not sure", "wonderful", "disappointed", "bad", "horrible", "poor", "mediocre",
        "terrible", "awful", "terrible", "poor"
    ]
    
    # Check for strong positive phrases
    if any(word in strong_positive_phrases for word in words):
        return 1  # Great review
    
    # Check for strong negative phrases
    elif any(word in strong_negative_phrases for word in words):
        return 0  # Other review
    return -1
