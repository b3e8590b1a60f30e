def label(text: str) -> int:
    keywords = {
        "great": ["love", "favorite", "referred to", "wholehearted praise"],
        "other": ["not", "no", "unfavorable", "regretful", "wished for", "disappointment", "price or taste problem"]
    }
    
    text = text.lower()
    
    for rating, words in keywords.items():
        if any(word in text for word in words):
            return 1 if rating == "great" else 0
    
    return -1
