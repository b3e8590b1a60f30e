def label(text: str) -> int:
    positive_keywords = [
        "great", "love", "wholehearted praise", "no reservation",
        "reserved", "positive", "top-notch", "outstanding", "fantastic"
    ]
    
    negative_keywords = [
        "but", "however", "only", "wish", "disappointment", "price", "taste problem",
        "mild tone", "ok", "good", "decent"
    ]
    
    text = text.lower()
    
    for keyword in positive_keywords:
        if keyword in text:
            return 1
    
    for keyword in negative_keywords:
        if keyword in text:
            return 0
    
    # If no clear evidence, abstain
    return -1
