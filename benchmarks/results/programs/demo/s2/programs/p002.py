def label(text: str) -> int:
    other_words = ["but", "however", "only", "wish", "disappointment", "price", "taste", "mild"]
    
    if any(word.lower() in text.lower() for word in other_words):
        return 0
    else:
        return 1
