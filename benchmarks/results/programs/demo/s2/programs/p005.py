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
    
    # Compare the counts to determine the label
    if great_count > other_count:
        return 1  # Great review
    elif other_count > great_count:
        return 0  # Other review
    else:
        return -1  # Abstain
